"""Finding entity mentions in an article: people (with titles), organizations, places, events.

HanLP proposes; our rules dispose. HanLP's name recognizer finds most names but also tags
phrases such as 扛旗 or 惠企 as names, and misses names in lists (苏文博 in 市领导苏文博、周立民…),
so a candidate is kept when its context says "person" (a title before it, a list of names,
a verb of office after it), and lists after 领导 or a title are read by rule. Once a name is
known, every occurrence of it in the article is a mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extract import lexicon
from extract.hanlp_backend import Token

HAN = "\u4e00-\u9fff"
TITLE_ALT = lexicon.alternation("titles")
MEETING_ALT = lexicon.alternation("meeting_words")
UNIT_ALT = lexicon.alternation("admin_units")
ORG_ALT = lexicon.alternation("org_suffixes")

_TITLE_END = re.compile(f"(?:{TITLE_ALT})$")
_ORG_END = re.compile(f"(?:{ORG_ALT}|中央|国务院)$")
_TOWN_END = re.compile(r"(?:畲族乡|民族乡|街道|乡|镇|社区|村)$")
# What may follow a person's name: punctuation, a list word, or a verb of office or speech.
_AFTER_NAME = re.compile(
    r"^(?:[、，。；：（）\s“”]|等|和|与|及|同志|书记|一行|分别|主持|出席|参加|强调|指出|表示|说|介绍|要求|会见|"
    r"陪同|率|调研|考察|走访|对|在|代表|讲话|致辞|宣布|参观|察看|听取|希望|认为|提出|就|为|向|带队|先后|还|也|"
    r"一起|共同|主任|市长|区长|县长|镇长|乡长|局长|部长|作|到|赴|来|前往|看望|慰问|发表|召开|$)"
)
_BEFORE_NAME = re.compile(f"(?:{TITLE_ALT}|领导|同志|记者|通讯员|嘉宾|、|和|与|及)$")
_NAME_STOP = set("的了在是和与及对为把被从向将就也都还又等")
# Lists of names after 领导 or a title: 市领导苏文博、周立民、郑雅琴等参加会议.
_LEADER_LIST = re.compile(
    rf"(?:领导|同志|{TITLE_ALT})((?:[{HAN}]{{2,3}}[、，])+[{HAN}]{{2,3}})(?=等|分别|同志|[，。；、]|参加|出席|陪同)"
)
_TITLE_WORD_RE = re.compile(f"(?:{TITLE_ALT})")
_PERSON_NATURES = ("nr", "nrf", "nrj")
_PLACE_BAD_START = set("的其和各该本全我在与及省市县区")
_ORG_TOKEN_NATURES = ("nt", "ntc", "ntcb", "ntcf", "ntch", "nth", "nto", "nts", "ntu")
_ORG_PREFIX_NATURES = ("ns", "nz", "nt", "n", "j", "nis", "b", "nsf", "gi", "a")
_ORG_BAD_START = re.compile(r"^(?:重点|各|该|本|全|为|以|有关|相关|部分)")
# Verbs that are part of a meeting's name (动员部署大会, 推进会) rather than the verb before it.
# Single characters that end a meeting name's left edge even when HanLP tags them oddly.
_EVENT_STOP_CHARS = frozenset("在于和与及的了是对将把被从向由为上中后前时开召举办并又也还再到赴")
_EVENT_STOP_WORDS = frozenset({"主持", "召开", "举行", "出席", "参加", "主持召开", "会上", "期间", "我市", "本次", "此次"})
_EVENT_VERBS = frozenset({"动员", "部署", "推进", "调度", "协调", "总结", "表彰", "启动", "观摩", "交流", "对接", "签约", "培训"})


@dataclass
class Mention:
    """One occurrence of an entity in the article text."""

    type: str
    name: str
    start: int
    end: int


@dataclass
class ArticleMentions:
    """All mentions of an article, plus the titles seen with each person."""

    persons: list[Mention] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    events: list[Mention] = field(default_factory=list)
    titles: dict[str, list[str]] = field(default_factory=dict)

    def all(self) -> list[Mention]:
        return sorted(self.persons + self.organizations + self.places + self.events, key=lambda m: m.start)


def is_name_like(name: str) -> bool:
    """2–4 Chinese characters starting with a surname and free of function words."""
    return (
        2 <= len(name) <= 4
        and all("\u4e00" <= c <= "\u9fff" for c in name)
        and lexicon.has_surname(name)
        and not (_NAME_STOP & set(name[1:]))
        and not _TOWN_END.search(name)
        and not _TITLE_END.search(name)
        and name not in _NOT_NAMES
        and not _NOT_NAME_END.search(name)
    )


_TITLE_BEFORE = re.compile(f"(?:{TITLE_ALT}|领导|同志|记者|通讯员)$")
_TITLE_START = re.compile(f"(?:{TITLE_ALT})")
_UNIT_END = re.compile(f"(?:{UNIT_ALT})$")
_STRONG_AFTER = re.compile(
    r"^(?:同志|书记|一行|主持|出席|参加|强调|指出|表示|说|介绍|要求|会见|陪同|率|调研|考察|走访|讲话|致辞|宣布|"
    r"希望|认为|提出|带队|看望|慰问|发表|召开|代表)"
)


def _person_context(text: str, start: int, end: int, confident: set[str]) -> bool:
    """Context that makes a short HanLP name a person: a title before it, a verb of office or
    speech after it, or a confirmed name beside it in a list."""
    before = text[max(0, start - 6):start]
    after = text[end:end + 4]
    if _TITLE_BEFORE.search(before) or _STRONG_AFTER.match(after):
        return True
    left = text[max(0, start - 4):start]
    right = text[end:end + 5]
    return any(left.endswith(n + "、") or right.startswith("、" + n) for n in confident)


_APPOINTMENT = re.compile(
    rf"(?:^|(?<=[：；\n]))([{HAN}]{{2,3}})(?:为|的)[^；。\n]{{2,60}}?(?:{TITLE_ALT}|职务|委员)(?=[；。\n]|$)"
)
_LEADER_ONE = re.compile(rf"领导([{HAN}]{{2,3}}?)(?=参加|出席|陪同|等|、|，|。)")


def _dotted_name(text: str, dot: int) -> tuple[str, int] | None:
    """The name around a middle dot: the shortest left part after a boundary or title, and the
    right part up to the next verb or boundary."""
    left = None
    for size in (2, 3, 4):
        start = dot - size
        if start >= 0 and all("\u4e00" <= c <= "\u9fff" for c in text[start:dot]) and \
                _LOOSE_BEFORE.search(text[max(0, start - 6):start]):
            left = start
            break
    if left is None:
        return None
    for size in (2, 3, 4, 5, 6):
        end = dot + 1 + size
        part = text[dot + 1:end]
        if len(part) == size and all("\u4e00" <= c <= "\u9fff" for c in part) and _AFTER_NAME.match(text[end:end + 4]):
            return text[left:end], left
    return None
_NAME_LIST = re.compile(rf"(?:[{HAN}]{{2,3}}、){{2,}}[{HAN}]{{2,3}}")
_NOT_NAME_END = re.compile(r"(?:女士|先生|老师|同学|师傅|大爷|大妈|阿姨)$")
_NOT_NAMES = frozenset({"强调", "指出", "表示", "要求", "希望", "认为", "提出", "介绍", "说明", "同时", "其中", "余人"})
_LOOSE_BEFORE = re.compile(rf"(?:^|[，、。；：！？\n（“\s]|{TITLE_ALT}|领导|同志|和|与|及|由|在)$")


def _loose_context(text: str, start: int, end: int) -> bool:
    """A name HanLP found is kept when it stands like one: a boundary or title before it and a
    boundary or verb after it (连成一片 or 关键之年 fail), or a strong person context."""
    before = text[max(0, start - 6):start]
    return bool(_LOOSE_BEFORE.search(before) and _AFTER_NAME.match(text[end:end + 4])) or \
        _person_context(text, start, end, set())


def _names_in_lists(text: str, names: dict[str, int], keep: Callable[[str, int], None]) -> None:
    """甲、乙、丙、丁出席会议: in a list where most items are known people, the rest are people too."""
    for m in _NAME_LIST.finditer(text):
        items = m.group(0).split("、")
        known = sum(i in names for i in items)
        if known * 2 > len(items):
            for item in items:
                if item not in names and is_name_like(item):
                    keep(item, m.start())


def find_person_names(text: str, tokens: list[Token], byline: list[str]) -> list[str]:
    """Distinct person names of the article, in order of first appearance."""
    names: dict[str, int] = {}

    def keep(name: str, pos: int) -> None:
        if name not in names:
            names[name] = pos

    short: list[Token] = []
    for tok in tokens:
        if tok.nature.startswith(_PERSON_NATURES) and is_name_like(tok.word):
            if len(tok.word) >= 3 and _loose_context(text, tok.start, tok.end):
                keep(tok.word, tok.start)
            else:
                short.append(tok)
    for dot in re.finditer("·", text):  # 艾尔肯·吐尔逊: names of minority peoples, no surname
        name = _dotted_name(text, dot.start())
        if name:
            keep(name[0], name[1])
    for m in _LEADER_ONE.finditer(text):  # 市领导陈嘉禾参加
        if is_name_like(m.group(1)):
            keep(m.group(1), m.start(1))
    for m in _APPOINTMENT.finditer(text):  # 任免名单: 邵一鸣为…局长；孔晓岚的…职务
        if is_name_like(m.group(1)):
            keep(m.group(1), m.start(1))
    for m in _LEADER_LIST.finditer(text):
        items = [i.removesuffix("等") for i in re.split("[、，]", m.group(1))]
        if sum(lexicon.has_surname(i) for i in items) * 2 >= len(items):
            pos = m.start(1)
            for item in items:
                if is_name_like(item):
                    keep(item, pos)
                pos += len(item) + 1
    for m in _TITLE_WORD_RE.finditer(text):
        for size in (4, 3, 2):
            cand = text[m.end():m.end() + size]
            end = m.end() + size
            if size == 4:  # 欧阳晓雪, or a four-character name without a surname after a title (扎西多吉、)
                ok = len(cand) == 4 and (cand[:2] in lexicon.surnames()
                                         or (text[end:end + 1] in "、，。" and not lexicon.has_surname(cand)))
                if not (ok and all("\u4e00" <= c <= "\u9fff" for c in cand) and not (_NAME_STOP & set(cand))
                        and not _TITLE_END.search(cand)):
                    continue
            if len(cand) == size and (size == 4 or is_name_like(cand)) and _AFTER_NAME.match(text[end:end + 4]):
                # A 3-character reading wins only if it is not a 2-character name plus a verb.
                keep(cand, m.end())
                break
    for name in byline:
        if is_name_like(name):
            keep(name, len(text))
    for tok in short:
        if _person_context(text, tok.start, tok.end, set(names)) or titles_after(text, tok.end):
            keep(tok.word, tok.start)
    _names_in_lists(text, names, keep)
    # A shorter name inside a longer one (明轩 in 许明轩) is a segmentation slip, not a person.
    ordered = sorted(names, key=names.get)  # type: ignore[arg-type]
    return [n for n in ordered if not any(n != o and n in o for o in ordered)]


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Every [start, end) of `name` in `text`."""
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + len(name))
    return spans


def titles_before(text: str, start: int, tokens_by_end: dict[int, Token]) -> list[str]:
    """Titles printed before a name: 南屿市委常委、临溪区委书记许明轩 → both titles."""
    pos = start
    chain_start = start
    while pos in tokens_by_end:
        tok = tokens_by_end[pos]
        ok = tok.word == "、" or tok.nature.startswith(("n", "a", "b", "j", "m", "q", "vn")) or tok.word in "（）"
        if not ok or tok.nature.startswith("nr") or tok.word in ("我市", "领导", "同志"):
            break
        chain_start = tok.start
        pos = tok.start
    chain = text[chain_start:start]
    titles: list[str] = []
    for piece in reversed(chain.split("、")):
        if not piece or not _TITLE_END.search(piece):
            break
        titles.insert(0, piece)
    return titles


def titles_after(text: str, end: int) -> list[str]:
    """Titles printed after a name: 林海峰书记, or 许明轩，南屿市委常委、临溪区委书记，…"""
    direct = _TITLE_START.match(text, end, end + 6)
    if direct:
        return [direct.group(0)]
    m = re.match(r"，([^，。；：]{2,40})[，。；]", text[end:end + 48])
    if not m:
        return []
    pieces = m.group(1).split("、")
    if all(_TITLE_END.search(p) and len(p) <= 20 for p in pieces):
        return pieces
    return []


def find_places(text: str, tokens: list[Token]) -> list[Mention]:
    """Places: HanLP ns tokens (joined with a following unit, 福田 + 街道), and names ending in a unit."""
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word, start, end = tok.word, tok.start, tok.end
        if tok.nature.startswith("ns") or (tok.nature.startswith("nr") and _TOWN_END.search(word)):
            if i + 1 < len(tokens) and re.fullmatch(r"街道|乡|镇|社区|村", tokens[i + 1].word) and not _TOWN_END.search(word):
                word, end = word + tokens[i + 1].word, tokens[i + 1].end
                i += 1
            if _good_place(word) and (_UNIT_END.search(word) or _bare_place_context(text, word, start, end)):
                out.append(Mention("Place", word, start, end))
        i += 1
    for m in _VENUE.finditer(text):  # 在青川国际会展中心举行: where a meeting is held is a place
        out.append(Mention("Place", m.group(1), m.start(1), m.end(1)))
    return out


_VENUE = re.compile(rf"在([{HAN}]{{2,14}}?(?:中心|会堂|大会堂|广场|剧院|宾馆|酒店|会馆|礼堂|体育馆|展览馆|公园|古镇|景区))"
                    rf"(?:隆重)?(?:召开|举行|举办|开幕|开幕式)")
_PLACE_BEFORE = re.compile(r"(?:在|到|赴|来|至|从|位于|与|和|同|、|，|。|“|^)$")


def _bare_place_context(text: str, word: str, start: int, end: int) -> bool:
    """A place HanLP found without a unit (义乌, 南屿) is kept when the article names it again
    or it stands where places stand (在/到/赴… before it, a list or a clause around it)."""
    if text.count(word) >= 2:
        return True
    return bool(_PLACE_BEFORE.search(text[max(0, start - 2):start])) and text[end:end + 1] in "，。、的与和市区县"


def drop_overlong_places(places: list[Mention]) -> list[Mention]:
    """临溪山 beside 临溪区 is HanLP gluing the next word's first character onto a place: cut it."""
    stems = {_UNIT_END.sub("", m.name) for m in places if _UNIT_END.search(m.name)}
    return [m for m in places if not (m.name[:-1] in stems and not _UNIT_END.search(m.name))]


def _good_place(word: str) -> bool:
    return (
        len(word) >= 2
        and word[0] not in "一二三四五六七八九十百千万两几数"
        and all("\u4e00" <= c <= "\u9fff" for c in word)
        and word[0] not in _PLACE_BAD_START
        and word not in ("街道", "镇街", "社区", "山海")
    )


_DELEGATION = re.compile(
    rf"(?:率|带领|率领|^|[，。；、“\n])([{HAN}]{{2,14}}?(?:代表团|考察团|调研组|督导组|巡察组|检查组|工作组))(?=[^{HAN}]|组长|一行|来|赴|到|在|先后|深入|实地|考察|调研)"
)


def find_organizations(text: str, tokens: list[Token]) -> list[Mention]:
    """Organizations: HanLP nt tokens or place + institution (临溪区 + 人大常委会), ending in an
    organization word, extended left over the nouns that name them (青川 + 农商 + 银行石门支行);
    and delegations led by someone (率青川市党政代表团)."""
    out: list[Mention] = []
    for m in _DELEGATION.finditer(text):
        name = re.split("率领|带领|率", m.group(1))[-1]
        if len(name) > 3:
            out.append(Mention("Organization", name, m.end(1) - len(name), m.end(1)))
    for i, tok in enumerate(tokens):
        is_org = tok.nature in _ORG_TOKEN_NATURES or (tok.nature == "nis" and i > 0 and tokens[i - 1].nature.startswith("ns"))
        if not is_org or not _ORG_END.search(tok.word):
            continue
        j = i
        while (j > 0 and i - j < 4 and tokens[j - 1].nature.startswith(_ORG_PREFIX_NATURES)
               and not tokens[j - 1].nature.startswith(("nr", "nnt")) and tokens[j - 1].word not in ("全市", "我市", "各", "该")):
            j -= 1
        start = tokens[j].start
        name = text[start:tok.end]
        lead = re.match("^(?:率领|带领|率|由|与|和|同|在)", name)
        if lead:
            start += lead.end()
            name = name[lead.end():]
        if all("\u4e00" <= c <= "\u9fff" for c in name) and len(name) >= 3 and not _ORG_BAD_START.match(name):
            out.append(Mention("Organization", name, start, tok.end))
    return out


_EVENT_PART = ("n", "ns", "nz", "nt", "nis", "a", "b", "j", "vn", "m", "q", "mq", "qv", "nr", "ng", "gi", "nnt", "f")
_VAGUE_EVENT = re.compile(r"^(?:重要|重大|有关|相关|各类|各项|多项|系列|民俗|一系列)")
_GENERIC_EVENT_PREFIX = re.compile(r"^(?:此次|本次|这次|该|这场|此项|各类|各项|相关|有关|一场|一次)")
_MEETING_RE = re.compile(f"(?:{MEETING_ALT})")


def find_events(text: str, tokens: list[Token]) -> list[Mention]:
    """Meetings and campaigns named in the text: the noun phrase that ends in a meeting word
    (全市一季度经济运行分析会, 青川—临溪山海协作联席会议). A bare 会议 or
    活动 is left to the relation rules, which refer it to the article's named event."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    out: list[Mention] = []
    for m in _MEETING_RE.finditer(text):
        if m.end() not in ends:
            continue
        k = ends[m.end()]
        while k >= 0 and tokens[k].start > m.start():
            k -= 1
        if k < 0:
            continue
        # HanLP may glue the meeting word to its name (营商环境大会/nt): start from that token.
        j = k
        while j > 0:
            prev = tokens[j - 1]
            if prev.word == "”":  # a quoted name belongs to the event: “千名干部联千企”活动
                q = text.rfind("“", 0, prev.start)
                if q < 0 or q not in starts or prev.start - q > 20:
                    break
                j = starts[q]
                continue
            single = len(prev.word) == 1 and "\u4e00" <= prev.word <= "\u9fff" and prev.word not in _EVENT_STOP_CHARS
            verb_ok = prev.word in _EVENT_VERBS and m.group(0) not in ("专项行动", "活动", "攻坚行动")
            # Person-tagged tokens may be places (青川/nr—南屿/nr…联席会议); real people are cut
            # off later, once the article's persons are known (extractor._trim_event).
            part_ok = prev.nature.startswith(_EVENT_PART) and prev.word not in _EVENT_STOP_WORDS
            if prev.word in ("—", "-", "－", "·") or part_ok or verb_ok or single:
                if prev.nature.startswith("t") or prev.word in ("会上", "期间"):
                    break
                j -= 1
                continue
            break
        start = tokens[j].start
        name = text[start:m.end()]
        name = _GENERIC_EVENT_PREFIX.sub("", name)
        start = m.end() - len(name)
        if len(name) - len(m.group(0)) >= 2 and "\n" not in name and "等" not in name and not _VAGUE_EVENT.match(name):
            out.append(Mention("Event", name, start, m.end()))
    return out
