"""Relation rules: who chaired or attended which meeting, who signed with whom, who visited where.

Rules work sentence by sentence on the mentions found in `extract.mentions`. Each rule returns
`Found` records (typed endpoints by name, the sentence span, properties); `extract.extractor`
turns them into entities with ids and into evidence-carrying Relations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product

from extract import lexicon
from extract.mentions import ArticleMentions, Mention

AGREEMENT_ALT = lexicon.alternation("agreement_words")

CHAIR_RE = re.compile(r"主持召开|主持")
ATTEND_RE = re.compile(r"出席|参加|参会|与会|列席|陪同|在主席台就座|就座")
VISIT_RE = re.compile(r"实地考察|考察|调研|走访|视察|察看|参观|来到|走进|深入|检查|督导|督查")
SIGN_RE = re.compile(r"签订|签署|签约")
MEET_RE = re.compile(r"会见|会晤|接见")
_ANY_VERB = re.compile("|".join(p.pattern for p in (CHAIR_RE, ATTEND_RE, VISIT_RE, SIGN_RE, MEET_RE)))
_LIST_AFTER = re.compile(r"^[^，。；]{0,8}?的(?:领导|嘉宾|人员)?(?:还)?有")
_BARE_MEETING = re.compile(lexicon.alternation("meeting_words") + "|座谈|会议|会")
_CLAUSE_BREAK = "，；。：！？\n"
_SIGN_SPLITS = [re.compile(p) for p in (r"分别与|分别同|分别和", r"与", r"同", r"和")]
_PARTY_TRIM_END = re.compile(r"(?:共同|正式|现场|分别|还|也|成功|顺利|当场|一起|代表)+$")
_PARTY_TRIM_START = re.compile(r"^(?:由|在|会上|随后|当天|同时|其中|并|还|又|双方|分别)+")
_SMALLEST_UNIT = re.compile(r"^(.{2,}?(?:自治县|市|区|县))(.{2,}?(?:畲族乡|民族乡|街道|乡|镇|社区|村))$")
_ORG_WORDS = re.compile(lexicon.alternation("org_suffixes") + r"|中央|国务院")
_PLACE_TARGET_END = re.compile(
    r"(?:区块|大厦|产业园|园区|园|基地|中心|公司|企业|村|社区|街道|镇|乡|县|区|市|工厂|厂|项目|学校|医院|"
    r"馆|站|港|码头|市场|景区|小镇|示范区|农场|合作社|集团|银行|车间|工地|博物馆|广场|飞地|工坊|场|所)$"
)
_COMPANY_END = re.compile(r"(?:公司|集团|企业|银行|支行|合作社|学校|医院|工厂|厂|中心)$")
_TARGET_BAD_START = re.compile(r"^(?:辖区|当地|一线|企业|各|部分|有关|相关|我市|全市|基层|重点|现场|周边|沿线|调研|生产|研发|检查)")
_TARGET_TRIM_END = re.compile(r"(?:等地|等企业|等单位|等项目|等处|等村|等镇|等|一带|现场|情况|建设|工作)+$")
_DELEGATION_WORD = re.compile(r"代表团|考察团|调研组|督导组|巡察组|检查组|工作组")
_VISIT_PLACE_BEFORE = re.compile(r"(?:到|赴|来|前往|深入)([^，。；到赴来]{2,20}?)(?:实地|进行|开展|专题|学习|交流|督查|检查)*$")


@dataclass(frozen=True)
class Found:
    """A relation found by a rule, with endpoints named by (type, name)."""

    type: str
    head: tuple[str, str]
    tail: tuple[str, str]
    span: tuple[int, int]
    properties: tuple[tuple[str, str], ...] = ()


@dataclass
class Sentence:
    """A sentence with the mentions that fall inside it."""

    start: int
    end: int
    text: str
    persons: list[Mention] = field(default_factory=list)


def _clause_start(text: str, pos: int, floor: int) -> int:
    for i in range(pos - 1, floor - 1, -1):
        if text[i] in _CLAUSE_BREAK:
            return i + 1
    return floor


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    for i in range(pos, ceiling):
        if text[i] in _CLAUSE_BREAK:
            return i
    return ceiling


class RuleContext:
    """What the rules need to know about one article."""

    def __init__(self, text: str, mentions: ArticleMentions, sentences: list[tuple[int, int]],
                 bylines: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.text = text
        self.mentions = mentions
        self.sentences = []
        in_byline = [m for m in mentions.persons if any(s <= m.start < e for s, e in bylines)]
        for s, e in sentences:
            sent = Sentence(s, e, text[s:e])
            # Journalists named in a byline (本报讯（记者 赵一鸣）…) are not the sentence's actors.
            sent.persons = [m for m in mentions.persons if s <= m.start < e and m not in in_byline]
            self.sentences.append(sent)
        self.named_events = sorted(mentions.events, key=lambda m: m.start)

    def current_event(self, pos: int, word: str = "") -> Mention | None:
        """The meeting a bare 会议/活动 at `pos` refers to: the last one named before, else the first
        after; a bare 会议 prefers meetings over campaigns (…行动, …活动)."""
        events = self.named_events
        if word.startswith(("会", "座谈", "大会")):
            meetings = [m for m in events if not re.search("行动|活动$", m.name)]
            events = meetings or events
        before = [m for m in events if m.start < pos]
        if before:
            return before[-1]
        return events[0] if events else None

    def refer(self, word: str, pos: int, at: int) -> Mention | None:
        """The event a bare meeting word refers to. 座谈会 or 签约仪式 after a differently named
        meeting is a gathering of its own that the article names only by its kind."""
        event = self.current_event(pos, word)
        if _SPECIFIC_BARE.fullmatch(word) and (event is None or word not in event.name):
            return Mention("Event", word, at, at + len(word))
        return event

    def event_in(self, start: int, end: int) -> Mention | None:
        for m in self.named_events:
            if start <= m.start < end:
                return m
        return None


def find_relations(ctx: RuleContext) -> list[Found]:
    """All rule-based relations of the article. Whoever chaired a meeting did not also
    merely attend it."""
    found: list[Found] = []
    for sent in ctx.sentences:
        for rule in (_meetings, _at_meeting, _speakers, _signings, _visits, _meets):
            found.extend(rule(ctx, sent))
    chaired = {(f.head, f.tail) for f in found if f.type == "CHAIRED"}
    return [f for f in found if not (f.type == "ATTENDED" and (f.head, f.tail) in chaired)]


_SPEAK_RE = re.compile(r"致辞|发言|讲话|作[^，。；]{0,12}报告|作主旨演讲|汇报")


def _speakers(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """X致辞 / X作工作报告 / X汇报: in an article about a meeting, its speakers attended it."""
    if _AT_MEETING.match(sent.text):
        return  # _at_meeting has this sentence
    verbs = _verbs(sent)
    for m in _SPEAK_RE.finditer(sent.text):
        event = ctx.current_event(sent.start + m.start(), "会")
        if event is None or re.search("行动|活动$", event.name):
            continue
        lo = max([v.end() for v in verbs if v.end() <= m.start()] + [0])
        lo = max([s.end() for s in _SPEAK_RE.finditer(sent.text[:m.start()])] + [lo])
        for p in sent.persons:
            if sent.start + lo <= p.start and p.end <= sent.start + m.start():
                yield Found("ATTENDED", ("Person", p.name), ("Event", event.name), (sent.start, sent.end))


def _verbs(sent: Sentence) -> list[re.Match[str]]:
    return list(_ANY_VERB.finditer(sent.text))


def _segment_persons(sent: Sentence, verbs: list[re.Match[str]], m: re.Match[str]) -> list[Mention]:
    """People between the previous verb of a rule and this one: the verb's subjects. Verbs that
    touch (陪同出席, 出席并…) share their subjects."""
    bounds = [0]
    start = m.start()
    for other in reversed([v for v in verbs if v.end() <= m.start()]):
        if other.end() >= start - 1:  # 陪同出席 / 参加调研和座谈
            start = other.start()
            continue
        bounds.append(other.end())
        break
    prev_end = max(bounds)
    lo, hi = sent.start + prev_end, sent.start + m.start()
    return [p for p in sent.persons if lo <= p.start and p.end <= hi]


_SPECIFIC_BARE = re.compile(r"签约仪式|座谈会|工作座谈|座谈")
_AT_MEETING = re.compile(r"^(?:在)?([^，。；]{0,40}?(?:" + lexicon.alternation("meeting_words") + r"|座谈|会))(?:上|期间|中)，")


def _at_meeting(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """在…座谈会上，林海峰汇报了…: whoever speaks at a meeting attended it."""
    m = _AT_MEETING.match(sent.text)
    if not m or CHAIR_RE.search(sent.text):
        return
    phrase_end = sent.start + m.end(1)
    word = _BARE_MEETING.findall(m.group(1))
    event = ctx.event_in(sent.start, phrase_end + 1) or ctx.refer(word[-1] if word else "会", sent.start, phrase_end - 3)
    if event is None:
        return
    for p in sent.persons:
        if p.start >= phrase_end:
            yield Found("ATTENDED", ("Person", p.name), ("Event", event.name), (sent.start, sent.end))


def _meetings(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    verbs = _verbs(sent)
    chairs: set[str] = set()
    for m in verbs:
        kind = "CHAIRED" if CHAIR_RE.fullmatch(m.group(0)) else "ATTENDED" if ATTEND_RE.fullmatch(m.group(0)) else None
        if kind is None:
            continue
        verb_end = sent.start + m.end()
        clause_end = _clause_end(ctx.text, verb_end, sent.end)
        after = ctx.text[verb_end:sent.end]
        if _LIST_AFTER.match(after):
            people = [p for p in sent.persons if p.start >= verb_end]
        else:
            people = _segment_persons(sent, verbs, m)
        if kind == "CHAIRED" and people:
            people = people[-1:]  # the chair is the name right before 主持
        event = ctx.event_in(verb_end, clause_end + 1)
        if event is None and m.group(0) == "陪同":
            event = ctx.event_in(sent.start, sent.end)
        rest = ctx.text[verb_end:clause_end]
        bare = _BARE_MEETING.search(rest)
        refers = bare or not rest.strip() or re.match(r"^并(?:讲话|致辞|发言)", rest)
        if event is None and (refers or kind == "CHAIRED" or re.search("会议|活动|座谈|会上", sent.text)):
            event = ctx.refer(bare.group(0) if bare else "会", verb_end, verb_end + (bare.start() if bare else 0))
        if event is None:
            continue
        for p in people:
            if kind == "ATTENDED" and p.name in chairs:
                continue
            if kind == "CHAIRED":
                chairs.add(p.name)
            yield Found(kind, ("Person", p.name), ("Event", event.name), (sent.start, sent.end))


def _party(piece: str) -> tuple[str, str] | None:
    piece = _PARTY_TRIM_START.sub("", _PARTY_TRIM_END.sub("", piece.strip(" “”")))
    if len(piece) < 2 or not all("\u4e00" <= c <= "\u9fff" or c in "（）" for c in piece):
        return None
    if _ORG_WORDS.search(piece) and not re.search(r"(?:街道|乡|镇|社区|村)$", piece):
        return ("Organization", piece)
    unit = _SMALLEST_UNIT.match(piece)
    return ("Place", unit.group(2) if unit else piece)


_PARTY_END = re.compile(r"(?:自治县|市|区|县|镇|乡|街道|社区|村|" + lexicon.alternation("org_suffixes") + r"|公司|集团)$")


def _party_like(piece: str) -> bool:
    parts = re.split(r"分别与|分别同|分别和|与|和|同|、", piece)
    return 0 < len(piece) <= 40 and all(p and len(p) <= 16 and _PARTY_END.search(p) for p in parts)


def _extend_over_commas(text: str, start: int, floor: int) -> int:
    """Lists printed with ASCII commas (石门镇,白沙乡,云岭街道分别与…) read as one clause."""
    while start - 1 > floor and text[start - 1] == "，":
        piece_start = _clause_start(text, start - 1, floor)
        if not _party_like(text[piece_start:start - 1]):
            break
        start = piece_start
    return start


def _signings(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    for m in SIGN_RE.finditer(sent.text):
        verb_start, verb_end = sent.start + m.start(), sent.start + m.end()
        clause_start = _clause_start(ctx.text, verb_start, sent.start)
        clause_end = _clause_end(ctx.text, verb_end, sent.end)
        name_m = re.match(rf"了?([^，。；]{{0,40}}?(?:{AGREEMENT_ALT}))", ctx.text[verb_end:clause_end])
        if not name_m:
            continue
        agreement = name_m.group(1).replace("“", "").replace("”", "")
        clause_start = _extend_over_commas(ctx.text, clause_start, sent.start)
        before = _PARTY_TRIM_END.sub("", ctx.text[clause_start:verb_start].replace("，", "、"))
        split = next((m for m in (p.search(before) for p in _SIGN_SPLITS) if m), None)
        if not split:
            if "双方" in ctx.text[sent.start:verb_start]:
                pair = _sides_of_meeting(ctx, verb_start)
                if pair:
                    yield Found("SIGNED_AGREEMENT", pair[0], pair[1], (sent.start, sent.end), (("agreement", agreement),))
            continue
        left = [p for p in map(_party, before[:split.start()].split("、")) if p]
        right = [p for p in map(_party, before[split.end():].split("、")) if p]
        if not left or not right:
            continue
        if split.group(0).startswith("分别") and len(left) == len(right):
            pairs = list(zip(left, right))
        elif len(left) == len(right) and len(left) > 1:
            pairs = list(zip(left, right))
        else:
            pairs = list(product(left, right))
        for a, b in pairs:
            if a != b:
                yield Found("SIGNED_AGREEMENT", a, b, (sent.start, sent.end), (("agreement", agreement),))


def _sides_of_meeting(ctx: RuleContext, pos: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """双方签订 at a 青川—南屿山海协作联席会议: the two sides are the places its name joins."""
    event = ctx.current_event(pos, "会")
    if event is None:
        return None
    halves = re.split("[—－-]", event.name, maxsplit=1)
    if len(halves) != 2:
        return None
    places = {m.name for m in ctx.mentions.places}
    by_stem = {_UNIT_SUFFIX.sub("", p): p for p in places if _UNIT_SUFFIX.search(p)}

    def side(text: str, at_end: bool) -> tuple[str, str] | None:
        for size in range(min(len(text), 8), 1, -1):
            piece = text[-size:] if at_end else text[:size]
            if piece in places:
                return ("Place", piece)
            if piece in by_stem:
                return ("Place", by_stem[piece])
        # HanLP may not know the place (a small county): a stem printed elsewhere with its unit.
        for size in (4, 3, 2):
            piece = text[-size:] if at_end else text[:size]
            unit = re.search(re.escape(piece) + "(市|区|县)", ctx.text)
            if len(piece) == size and unit and all("\u4e00" <= c <= "\u9fff" for c in piece):
                full = piece + unit.group(1)
                return ("Place", full if re.search(re.escape(full) + "(?![委政人])", ctx.text) else piece)
        return None

    left, right = side(halves[0], True), side(halves[1], False)
    return (left, right) if left and right and left != right else None


_UNIT_SUFFIX = re.compile(r"(?:自治县|市|区|县)$")


def _target(piece: str, mentions: ArticleMentions) -> tuple[str, str] | None:
    piece = piece.strip().rsplit("的", 1)[-1]
    if piece in ("我市", "本市"):
        return ("Place", "我市")  # resolved to the paper's home city later
    piece = re.sub(r"^(?:先后|还|又|了|实地|深入)+", "", piece)
    piece = re.sub(r"^了?“[^”]{1,12}”", "", piece)
    piece = _TARGET_TRIM_END.sub("", piece.strip(" “”了"))
    if not (2 <= len(piece) <= 20) or _TARGET_BAD_START.match(piece):
        return None
    if not all("\u4e00" <= c <= "\u9fff" for c in piece):
        return None
    known = {m.name: m.type for m in mentions.places + mentions.organizations}
    if piece in known:
        return (known[piece], piece)
    if not _PLACE_TARGET_END.search(piece):
        return None
    return ("Organization" if _COMPANY_END.search(piece) or _ORG_WORDS.search(piece) else "Place", piece)


def _visits(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    verbs = _verbs(sent)
    for m in VISIT_RE.finditer(sent.text):
        if m.start() > 0 and sent.text[m.start() - 1] == "实":  # 实地考察 already matched
            continue
        verb_start, verb_end = sent.start + m.start(), sent.start + m.end()
        whole = next((v for v in verbs if v.start() <= m.start() < v.end()), m)
        if sent.text[max(0, m.start() - 2):m.start()] == "陪同":
            continue  # 陪同调研: the companions, not the visitors
        hosts = [(sent.start + h.start(), sent.start + h.end()) for h in re.finditer(r"在[^，。；]{0,30}陪同下", sent.text)]
        segment = [p for p in _segment_persons(sent, verbs, whole) if not any(a <= p.start < b for a, b in hosts)]
        actors: list[tuple[str, str]] = [("Person", p.name) for p in segment]
        if not actors:
            actors = [("Person", p.name) for p in sent.persons if p.end <= verb_start
                      and not any(a <= p.start < b for a, b in hosts)]
        delegations = [o for o in ctx.mentions.organizations if _DELEGATION_WORD.search(o.name)]
        for org in delegations:
            if sent.start <= org.start and org.end <= verb_start:
                actors.append(("Organization", org.name))
        bare = _DELEGATION_WORD.search(ctx.text[sent.start:verb_start])
        if not actors and bare:
            earlier = [o for o in delegations if o.end <= verb_start]
            if earlier:  # a bare 代表团 is the delegation named before
                actors.append(("Organization", earlier[-1].name))
        if not actors:
            continue
        targets: list[tuple[str, str]] = []
        after = ctx.text[verb_end:sent.end].rstrip("。！？；")
        for n, clause in enumerate(re.split(r"[，；：]", after)):
            found = [t for t in (_target(p, ctx.mentions) for p in re.split(r"、|和|及|以及|与", clause)) if t]
            if n and (not found or len(found) < len(re.split(r"、|和|及|以及|与", clause))):
                break  # past the verb's own clause, only whole lists of places continue it
            targets.extend(found)
        lead = re.match(r"^在([^，。；]{2,20})，", sent.text)
        if lead and lead.end() <= m.start():
            t = _target(lead.group(1), ctx.mentions)
            if t:
                targets.append(t)
        before = _VISIT_PLACE_BEFORE.search(ctx.text[_clause_start(ctx.text, verb_start, sent.start):verb_start])
        if before:
            targets.extend(t for t in (_target(p, ctx.mentions) for p in re.split("、|和", before.group(1))) if t)
        for actor in dict.fromkeys(actors):
            for target in dict.fromkeys(targets):
                if actor != target:
                    yield Found("VISITED", actor, target, (sent.start, sent.end))


def _meets(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    verbs = _verbs(sent)
    for m in MEET_RE.finditer(sent.text):
        verb_end = sent.start + m.end()
        clause_end = _clause_end(ctx.text, verb_end, sent.end)
        hosts = _segment_persons(sent, verbs, m)
        guests = [p for p in sent.persons if verb_end <= p.start < clause_end]
        for h in hosts:
            for g in guests:
                if h.name != g.name:
                    yield Found("MET", ("Person", h.name), ("Person", g.name), (sent.start, sent.end))
