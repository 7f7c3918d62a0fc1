"""Visit rules: who 考察/调研/走访 where (rule family ``visit``; 率…代表团 included; hosts who
陪同 are not visitors)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from extract import lexicon
from extract.mentions import ArticleMentions
from extract.rules.agreements import ORG_WORDS
from extract.rules.context import (
    VISIT_RE,
    Found,
    RuleContext,
    Sentence,
    find_clause_start,
    segment_persons,
    verbs_of,
)
from extract.rules.discourse import GROUP_WORD, parties, party_at

_PLACE_TARGET_END = re.compile(f"(?:{lexicon.alternation('site_suffixes')})$")
_COMPANY_END = re.compile(r"(?:公司|集团|企业|银行|支行|合作社|学校|医院|工厂|厂|中心)$")
_TARGET_BAD_START = re.compile(
    r"^(?:辖区|当地|一线|企业|各|部分|有关|相关|我市|全市|基层|重点|现场|周边|沿线|调研|生产|研发|检查)"
)
_TARGET_TRIM_END = re.compile(
    r"(?:等[\u4e00-\u9fff]{0,3}|一带|现场|情况|建设|工作|生产车间|车间|帮扶|扶贫|就业|(?:部分|有关|相关|重点)?企业)+$"
)
#: 大家先后走进…, 代表团成员…: the party the article follows, by another name.
_WE_ALL = re.compile(r"(?:^|[，。；])(?:大家|全体成员|代表团成员|考察团成员|一行人)(?:还|又|先后|随后|一起|一同)*$")
_DELEGATION_WORD = re.compile(r"代表团|考察团|调研组|督导组|巡察组|检查组|工作组")
_VISIT_PLACE_BEFORE = re.compile(
    r"(?:到|赴|来|前往|深入|在)([^，。；到赴来在]{2,60}?)(?:实地|进行|开展|专题|学习|交流|督查|检查)*$"
)
# 来湘考察, 赴浙学习, 在渝期间: a one-character short form of a province or of a city named here.
SHORT_PLACE = re.compile(
    r"(?:来|赴|到|莅|抵|入|访|在)([\u4e00-\u9fff])(?=考察|调研|学习|交流|访问|开展|参观|对接|洽谈|期间|检查|督导|[，。,])"
)
#: Characters after 来 that are not a place's short form (来说, 来看, 以来).
_NOT_SHORT_FORMS = frozenset("说讲看此这那了过去到自讲的得回往人年月日后前临访")
_CITY_UNIT = re.compile(r"(?:自治州|市|州|县|区|盟)$")
#: A line break inside a name (北林⏎集团木艺分厂): the OCR's, not the text's.
_LINE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])")
#: 前往红松岭区参观考察兴林板业有限公司: a second visit verb inside a stop's piece starts the next stop.
_INNER_VISIT = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})(?:实地)?(?:参观考察|参观|考察|调研|察看|走访|视察)(?=[\u4e00-\u9fff]{2})"
)


def short_place(ctx: RuleContext, char: str, lead: str = "") -> tuple[str, str] | None:
    """The place a one-character short form stands for: a city or county the article names that
    starts with it (来澜 → 澜州市), else the province (来湘 → 湖南省); 来 or 莅 with a form the
    article does not name comes to the paper's own place (来浦 in 浦岚's paper → 我市)."""
    for m in ctx.mentions.places:
        if m.name.startswith(char) and _CITY_UNIT.search(m.name) and len(m.name) <= 5:
            return ("Place", m.name)
    # A city printed only inside a title or a body's name: 青川市委书记, 澜州市人民政府.
    named = [m.name for m in ctx.mentions.organizations] + [t for ts in ctx.mentions.titles.values() for t in ts]
    for name in named:
        unit = re.match(rf"^({re.escape(char)}[\u4e00-\u9fff]{{1,3}}?(?:自治州|市|州|县))", name)
        if unit:
            return ("Place", unit.group(1))
    province = lexicon.pairs("province_short_forms").get(char)
    if province:
        return ("Place", province)
    return ("Place", "我市") if lead in ("来", "莅") and char not in _NOT_SHORT_FORMS else None


_SET_IN = re.compile(r"(?:设在|位于|地处)([^的]{2,20})的")
_INSTITUTION_INSIDE = re.compile(
    r"^(.{2,12}?(?:医院|卫生院|中学|小学|大学|学院|学校|幼儿园))(?=.{2,8}(?:中心|科|室|部|楼|馆)$)"
)
_SUB_SITE = re.compile(r"(?<=..)(?:新院区|新校区|院区|校区|分院|新址)$")
_GENERIC_SITES = frozenset(lexicon.words("generic_sites")) | frozenset(lexicon.words("not_places"))
_DESCRIPTIVE = re.compile(f"(?:{lexicon.alternation('descriptive_sites')})$")
_UNIT_CHAIN = re.compile(
    r"(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|州|县|区|旗|镇|乡|街道|苏木))+([\u4e00-\u9fff]{2,6}?(?:村|社区|嘎查|(?<!小)镇|乡|街道))"
)
_UNIT_QUOTED = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:村|社区|镇|乡|街道)“[^”]{1,12}”[\u4e00-\u9fff]{2,6}$")
_UNIT_END = re.compile(r"(?:村|社区|嘎查|镇|乡|街道|苏木|县|区|市|旗|州)$")


def _target(
    piece: str, mentions: ArticleMentions, ctx: RuleContext | None = None, near: int = 0
) -> tuple[str, str] | None:
    piece = piece.strip()
    set_in = _SET_IN.search(piece)  # 设在穆坪社区的协作帮扶车间: the named place it is in
    piece = set_in.group(1) if set_in else piece.rsplit("的", 1)[-1]
    piece = _SUB_SITE.sub("", piece)  # 县藏医院新院区 → 县藏医院
    inside = _INSTITUTION_INSIDE.match(piece)
    if inside:  # 县第二人民医院远程会诊中心: the institution the unit belongs to
        piece = inside.group(1)
    if piece in ("我市", "本市", "我县", "本县", "我区", "本区", "我州", "我旗"):
        return ("Place", "我市")  # resolved to the paper's home city later
    piece = re.sub(rf"^(?:先后|还|又|了|实地|深入|在|来|到|赴|{VISIT_RE.pattern})+", "", piece)
    if re.search("引到|引进|带到|请到", piece):
        return None  # 项目引到沣州: a clause, not a stop
    if "期间" in piece:
        return None  # 在贺期间第一站: a time, not a stop
    piece = re.sub(r"^了?“[^”]{1,12}”", "", piece)
    if _UNIT_QUOTED.match(piece):  # 上塬坪村“槐岷”帮扶车间: what the unit holds, by a nickname
        piece = re.sub(r"“[^”]{1,12}”", "", piece)
    piece = _TARGET_TRIM_END.sub("", piece.strip(" “”了"))
    if not (2 <= len(piece) <= 20) or _TARGET_BAD_START.match(piece) or piece in _GENERIC_SITES:
        return None
    if not all("\u4e00" <= c <= "\u9fff" for c in piece):
        return None
    chain = _UNIT_CHAIN.fullmatch(piece)
    if chain:
        piece = chain.group(1)  # 赤枫乡古堡村: the smallest unit (guidelines)
    known = {m.name: m.type for m in mentions.places + mentions.organizations}
    if piece in known and not (known[piece] == "Place" and _DESCRIPTIVE.search(piece)):
        return (known[piece], piece)
    # 赤岭畲族乡古堡村, 乡村振兴示范点后洋村: a stop ending in a unit of the article is that unit.
    unit = max(
        (m.name for m in mentions.places if piece.endswith(m.name) and _UNIT_END.search(m.name) and len(m.name) >= 3),
        key=len,
        default=None,
    )
    if unit:
        return ("Place", unit)
    if _DESCRIPTIVE.search(piece):
        # 石斛种植基地 in 东岚坂镇: the named place it is in, else no named stop.
        inside = max(
            (m.name for m in mentions.places if piece.startswith(m.name) and _UNIT_END.search(m.name)),
            key=len,
            default=None,
        )
        if inside:
            return ("Place", inside)
        if ctx is None or not _named(piece, ctx, near, strict=True):
            return None  # 蓝莓种植基地; but 青川大学科技园孵化基地 carries a name
    if not _PLACE_TARGET_END.search(piece):
        return None
    if ctx is not None and not _named(piece, ctx, near):
        return None  # 香菇烘干车间, 蓝莓种植基地: a stop named by what it is, not by a name
    return ("Organization" if _COMPANY_END.search(piece) or ORG_WORDS.search(piece) else "Place", piece)


def _list_after(ctx: RuleContext, sent: Sentence) -> list[tuple[str, str]]:
    """…，北林集团木艺分厂；碧溪湿地公园，桦皮画展馆，松岚博物馆。: a list of stops that goes on past
    a semicolon continues the visit when the next sentence is that list and nothing else."""
    k = ctx.sentences.index(sent)
    if k + 1 >= len(ctx.sentences):
        return []
    nxt = ctx.sentences[k + 1]
    if verbs_of(nxt, ctx):
        return []
    items = [p for p in re.split(r"[，、]|和|及|以及", _LINE_BREAK.sub("", nxt.text.rstrip("。！？；"))) if p]
    found = [_target(p, ctx.mentions, ctx, nxt.start) for p in items]
    return [t for t in found if t] if items and all(found) else []


_PROPER_NATURES = ("ns", "nr", "nz", "nt", "nis", "nsf", "j", "nrf", "s")


def _named(piece: str, ctx: RuleContext, near: int, strict: bool = False) -> bool:
    """Whether a stop carries a name: a known place, body or proper noun in it, or the local
    unit it belongs to (县第二人民医院). `strict`: a proper noun of two characters or more."""
    if not strict and (re.match("[省市州县区旗镇乡村]", piece) or any(m.name in piece for m in ctx.mentions.places)):
        return True
    at = ctx.text.find(piece, near)
    tokens = ctx.tokens
    if at < 0 or tokens is None:
        return True
    k = bisect_right(tokens.starts, at) - 1
    while 0 <= k < len(tokens.starts) and tokens.starts[k] < at + len(piece):
        # A proper noun, or a lone character: HanLP cuts a name it does not know into characters.
        if strict and tokens.natures[k].startswith(("ns", "nr", "nt", "nrf", "nsf")) and len(tokens.words[k]) >= 2:
            return True
        if not strict and (tokens.natures[k].startswith(_PROPER_NATURES) or len(tokens.words[k]) == 1):
            return True
        k += 1
    return False


#: 率代表团到我县，实地考察…: the destination in the clause before the verb's own.
_DESTINATION_END = re.compile(r"(?:到|赴|来|前往|抵达|莅临)([\u4e00-\u9fff]{2,20})[，,]$")
_OPENS_VISIT = re.compile(r"(?:实地|先后|深入|专程|进行|开展)*$")


def _destination_before(ctx: RuleContext, sent: Sentence, verb_start: int) -> list[tuple[str, str]]:
    """A delegation's destination printed in the clause before its visit verb (甲率代表团到我县，
    实地考察…; 一行抵达澜州市，考察…): the clause before the verb holds only the verb's adverbs."""
    clause_start = find_clause_start(ctx.text, verb_start, sent.start)
    if clause_start <= sent.start or not _OPENS_VISIT.fullmatch(ctx.text, clause_start, verb_start):
        return []
    prev = find_clause_start(ctx.text, clause_start - 1, sent.start)
    m = _DESTINATION_END.search(ctx.text, prev, clause_start)
    if not m or not re.search("率|带领|带队|一行|团|组", ctx.text[sent.start : m.start()]):
        return []
    target = _target(m.group(1), ctx.mentions, ctx, m.start())
    return [target] if target and target[0] == "Place" else []


#: 甲带队来我县对接…, 一行赴渝交流, 甲带领考察团来我市，对接…: an arrival that states a visit
#: without a visit verb.
ARRIVAL = re.compile(
    r"(?:带队|率队|领队|率团|(?:" + GROUP_WORD.pattern + r")?一行(?:[0-9一二三四五六七八九十]+人)?|"
    r"(?:率领?|带领)[^，。；]{0,12}?(?:" + GROUP_WORD.pattern + r"))(?:来|到|赴|莅临|抵达|前往)"
    r"([\u4e00-\u9fff]{1,12}?)(?=对接|洽谈|交流|学习|开展|访问|进行|举行|出席|参加|，|。)"
)


def arrivals(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """The destination of a team's arrival is visited by its party (the leaders and the team)."""
    for m in ARRIVAL.finditer(sent.text):
        at = sent.start + m.start()
        piece = m.group(1)
        target = (
            short_place(ctx, piece, ctx.text[sent.start + m.start(1) - 1])
            if len(piece) == 1
            else _target(piece, ctx.mentions, ctx, at)
        )
        if target is None or target[0] != "Place" and not re.search("(?:市|县|区|州|旗|省)$", target[1]):
            continue
        party = next((p for p in reversed(parties(ctx)) if sent.start <= p.start <= at + 4), None)
        members = party.members() if party else [("Person", p.name) for p in sent.persons if p.end <= at][-1:]
        known = ctx.visit_actors.setdefault((sent.start, sent.end), [])
        known.extend(a for a in members if a not in known)
        for member in members:
            yield Found("VISITED", member, target, (sent.start, sent.end), rule="visit.arrival")


def visits(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    verbs = verbs_of(sent, ctx)
    for m in ctx.verbs_in(sent, VISIT_RE):
        if m.start() > 0 and sent.text[m.start() - 1] == "实":  # 实地考察 already matched
            continue
        verb_start, verb_end = sent.start + m.start(), sent.start + m.end()
        whole = next((v for v in verbs if v.start() <= m.start() < v.end()), m)
        if sent.text[max(0, m.start() - 2) : m.start()] == "陪同":
            continue  # 陪同调研: the companions, not the visitors
        hosts = [
            (sent.start + h.start(), sent.start + h.end()) for h in re.finditer(r"在[^，。；]{0,30}陪同下", sent.text)
        ]
        segment = [p for p in segment_persons(sent, verbs, whole) if not any(a <= p.start < b for a, b in hosts)]
        actors: dict[tuple[str, str], str] = {("Person", p.name): "visit.verb" for p in segment}
        if not actors:
            actors = {
                ("Person", p.name): "visit.subject_before"
                for p in sent.persons
                if p.end <= verb_start and not any(a <= p.start < b for a, b in hosts)
            }
        for party in parties(ctx):
            if (
                party.name
                and sent.start <= party.start < verb_start
                and not any(a <= party.start < b for a, b in hosts)
            ):
                for member in party.members():  # 甲率青川市代表团考察…: the delegation and its leaders
                    actors.setdefault(member, "visit.delegation")
        clause = ctx.text[find_clause_start(ctx.text, verb_start, sent.start) : verb_start]
        group = GROUP_WORD.search(ctx.text[sent.start : verb_start])
        bare = group is not None or "一行" in clause or _WE_ALL.search(clause) is not None
        if not actors and bare:
            party = party_at(ctx, verb_start, group.group(0) if group else None)
            if party:  # a bare 代表团 / 考察团一行 is the party named before, with its leaders
                actors.update((member, "visit.party") for member in party.members())
        if not actors and re.fullmatch(
            r"(?:他|她)(?:一行)?(?:先后|还|又|随后|实地)*",
            ctx.text[find_clause_start(ctx.text, verb_start, sent.start) : verb_start],
        ):
            earlier = [p for p in ctx.mentions.persons if p.end <= sent.start and p in ctx.actors]
            if earlier:  # 他先后来到…: the person last seen acting in the article
                actors[("Person", earlier[-1].name)] = "visit.pronoun"
        if not actors or re.search(r"(?:随团|随同|参加|一同参加)$", ctx.text[sent.start : verb_start]):
            continue  # 甲、乙随团考察: members who join a visit are not its visitors
        # Whom a companion goes along with, also when the visit names no destination.
        known = ctx.visit_actors.setdefault((sent.start, sent.end), [])
        known.extend(a for a in actors if a not in known)
        targets: list[tuple[str, str]] = []
        after = ctx.text[verb_end : sent.end].rstrip("。！？；")
        whole = True
        for n, clause in enumerate(re.split(r"[，；：]", _LINE_BREAK.sub("", after))):
            items = [q for p in re.split(r"、|和|及|以及|与", clause) for q in _INNER_VISIT.split(p) if q]
            found = [t for t in (_target(p, ctx.mentions, ctx, verb_end) for p in items) if t]
            if n and (not found or len(found) < len(items)):
                whole = False
                break  # past the verb's own clause, only whole lists of places continue it
            targets.extend(found)
        if whole and sent.text.endswith("；"):
            targets.extend(_list_after(ctx, sent))
        lead = re.match(r"^在([^，。；]{2,20})，", sent.text)
        if lead and lead.end() <= m.start():
            t = _target(lead.group(1), ctx.mentions, ctx, sent.start)
            if t:
                targets.append(t)
        before = _VISIT_PLACE_BEFORE.search(ctx.text[find_clause_start(ctx.text, verb_start, sent.start) : verb_start])
        if before:
            targets.extend(
                t for t in (_target(p, ctx.mentions, ctx, sent.start) for p in re.split("、|和", before.group(1))) if t
            )
        targets.extend(_destination_before(ctx, sent, verb_start))
        for short in SHORT_PLACE.finditer(ctx.text, sent.start, verb_end + 2):
            if ctx.text[short.end() : short.end() + 1] in "，。," and not re.search(
                "率|带领|一行|团|组", ctx.text[sent.start : short.start()]
            ):
                continue  # 来浦，: a short form before a comma only in a delegation's sentence
            place = short_place(ctx, short.group(1), short.group(0)[0])
            if place:
                targets.append(place)
        for actor, rule in actors.items():
            for target in dict.fromkeys(targets):
                if actor != target:
                    yield Found("VISITED", actor, target, (sent.start, sent.end), rule=rule)
