"""Finding entity mentions in an article: the shared model (Mention, ArticleMentions) and the
places, organizations and events. People and their titles are in extract.persons.

HanLP's natures (ns, nt, …) propose places and organizations; our rules extend them over the
nouns that belong to the name, drop phrases that only look like names, and add what HanLP
misses: delegations (率…代表团), venues (在…中心举行), meetings named by their last word (…会议).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract import lexicon
from extract.tokens import Tokens

HAN = "\u4e00-\u9fff"
TITLE_ALT = lexicon.alternation("titles")
MEETING_ALT = lexicon.alternation("meeting_words")
UNIT_ALT = lexicon.alternation("admin_units")
ORG_ALT = lexicon.alternation("org_suffixes")

TITLE_END = re.compile(f"(?:{TITLE_ALT})$")
_ORG_END = re.compile(f"(?:{ORG_ALT}|中央|国务院)$")
TOWN_END = re.compile(r"(?:畲族乡|民族乡|街道|乡|镇|社区|村)$")
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


_UNIT_END = re.compile(f"(?:{UNIT_ALT})$")
_UNIT_WORDS = frozenset({"街道", "乡", "镇", "社区", "村"})


def find_places(text: str, tokens: Tokens) -> list[Mention]:
    """Places: HanLP ns tokens (joined with a following unit, 福田 + 街道), and names ending in a unit."""
    out: list[Mention] = []
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    count = len(words)
    candidates = sorted(tokens.with_nature("ns") + [i for i in tokens.with_nature("nr") if TOWN_END.search(words[i])])
    joined = -1
    for i in candidates:
        if i == joined:
            continue  # the unit a place before it took
        word, start, end = words[i], starts[i], ends[i]
        if i + 1 < count and words[i + 1] in _UNIT_WORDS and not TOWN_END.search(word):
            word, end = word + words[i + 1], ends[i + 1]
            joined = i + 1
        if _good_place(word) and (_UNIT_END.search(word) or _bare_place_context(text, word, start, end)):
            out.append(Mention("Place", word, start, end))
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


def find_organizations(text: str, tokens: Tokens) -> list[Mention]:
    """Organizations: HanLP nt tokens or place + institution (临溪区 + 人大常委会), ending in an
    organization word, extended left over the nouns that name them (青川 + 农商 + 银行石门支行);
    and delegations led by someone (率青川市党政代表团)."""
    out: list[Mention] = []
    for m in _DELEGATION.finditer(text):
        name = re.split("率领|带领|率", m.group(1))[-1]
        if len(name) > 3:
            out.append(Mention("Organization", name, m.end(1) - len(name), m.end(1)))
    words, natures, starts, ends = tokens.words, tokens.natures, tokens.starts, tokens.ends
    for i in tokens.with_nature("nt", "nis"):
        nature = natures[i]
        is_org = nature in _ORG_TOKEN_NATURES or (nature == "nis" and i > 0 and natures[i - 1].startswith("ns"))
        if not is_org or not _ORG_END.search(words[i]):
            continue
        j = i
        while (j > 0 and i - j < 4 and natures[j - 1].startswith(_ORG_PREFIX_NATURES)
               and not natures[j - 1].startswith(("nr", "nnt")) and words[j - 1] not in ("全市", "我市", "各", "该")):
            j -= 1
        start = starts[j]
        name = text[start:ends[i]]
        lead = re.match("^(?:率领|带领|率|由|与|和|同|在)", name)
        if lead:
            start += lead.end()
            name = name[lead.end():]
        if all("\u4e00" <= c <= "\u9fff" for c in name) and len(name) >= 3 and not _ORG_BAD_START.match(name):
            out.append(Mention("Organization", name, start, ends[i]))
    return out


_EVENT_PART = ("n", "ns", "nz", "nt", "nis", "a", "b", "j", "vn", "vl", "l", "m", "q", "mq", "qv", "nr", "ng", "gi", "nnt", "f")
_VAGUE_EVENT = re.compile(r"^(?:重要|重大|有关|相关|各类|各项|多项|系列|民俗|一系列)")
_GENERIC_EVENT_PREFIX = re.compile(r"^(?:此次|本次|这次|该|这场|此项|各类|各项|相关|有关|一场|一次)")
_MEETING_RE = re.compile(f"(?:{MEETING_ALT})")


def find_events(text: str, tokens: Tokens) -> list[Mention]:
    """Meetings and campaigns named in the text: the noun phrase that ends in a meeting word
    (全市一季度经济运行分析会, 青川—临溪山海协作联席会议). A bare 会议 or
    活动 is left to the relation rules, which refer it to the article's named event."""
    words, natures, tstarts = tokens.words, tokens.natures, tokens.starts
    out: list[Mention] = []
    matches = list(_MEETING_RE.finditer(text))
    if not matches:
        return out
    starts = tokens.starting_at()
    ends = tokens.ending_at()
    for m in matches:
        if m.end() not in ends:
            continue
        k = ends[m.end()]
        while k >= 0 and tstarts[k] > m.start():
            k -= 1
        if k < 0:
            continue
        # HanLP may glue the meeting word to its name (营商环境大会/nt): start from that token.
        j = k
        while j > 0:
            prev_word, prev_nature, prev_start = words[j - 1], natures[j - 1], tstarts[j - 1]
            if prev_word == "”":  # a quoted name belongs to the event: “千名干部联千企”活动
                q = text.rfind("“", 0, prev_start)
                if q < 0 or q not in starts or prev_start - q > 20:
                    break
                j = starts[q]
                continue
            single = len(prev_word) == 1 and "\u4e00" <= prev_word <= "\u9fff" and prev_word not in _EVENT_STOP_CHARS
            verb_ok = prev_word in _EVENT_VERBS and m.group(0) not in ("专项行动", "活动", "攻坚行动")
            # Person-tagged tokens may be places (青川/nr—南屿/nr…联席会议); real people are cut
            # off later, once the article's persons are known (extractor._trim_event).
            part_ok = prev_nature.startswith(_EVENT_PART) and prev_word not in _EVENT_STOP_WORDS
            if prev_word in ("—", "-", "－", "·") or part_ok or verb_ok or single:
                if prev_nature.startswith("t") or prev_word in ("会上", "期间"):
                    break
                j -= 1
                continue
            break
        start = tstarts[j]
        name = text[start:m.end()]
        name = _GENERIC_EVENT_PREFIX.sub("", name)
        start = m.end() - len(name)
        if len(name) - len(m.group(0)) >= 2 and "\n" not in name and "等" not in name and not _VAGUE_EVENT.match(name):
            out.append(Mention("Event", name, start, m.end()))
    return out
