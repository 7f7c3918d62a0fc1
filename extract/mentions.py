"""Finding entity mentions in an article: the shared model (Mention, ArticleMentions) and the
places, organizations and events. People and their titles are in extract.persons.

HanLP's natures (ns, nt, …) propose places and organizations; our rules extend them over the
nouns that belong to the name, drop phrases that only look like names, and add what HanLP
misses: delegations (率…代表团), venues (在…中心举行), meetings named by their last word (…会议).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from extract import lexicon
from extract.places import nested_after, site_places, unit_places
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


class SpanIndex:
    """[start, end) spans (of person mentions) asked whether they overlap or cover a position, in
    logarithmic time: an article with thousands of mentions must not compare each with each."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._ends = [e for _, e in ordered]
        self._reach = list(accumulate(self._ends, max))  # the furthest end of the spans so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end)."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start

    def covers(self, pos: int) -> bool:
        """Whether a span holds the character at `pos`."""
        k = bisect_right(self._starts, pos)
        return k > 0 and self._reach[k - 1] > pos

    def last_end_starting_in(self, lo: int, hi: int) -> int | None:
        """The furthest end of the spans that start in [lo, hi), or None."""
        i, j = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        return max(self._ends[i:j]) if j > i else None


_UNIT_END = re.compile(f"(?:{UNIT_ALT})$")
_UNIT_WORDS = frozenset({"街道", "乡", "镇", "社区", "村"})
_NOT_PLACES = frozenset(lexicon.words("not_places"))
_REGIONS = frozenset(lexicon.words("regions"))


#: A province printed before a city or county (浙江省宁滨市, 宁夏回族自治区沙岑县委书记): its parent
#: prefix, not a place of its own (the guidelines annotate the smallest unit).
_PROVINCE_PREFIX = re.compile(
    f"(?:{lexicon.alternation('province_names')})(?:省|市|自治区|回族自治区|壮族自治区|维吾尔自治区)?"
)
_PROVINCE_SHORT = re.compile(f"(?:{lexicon.alternation('province_names')})(?!省|市|自治区)")
_CHAIN_AFTER = re.compile(r"(?![多各全省])[\u4e00-\u9fff]{2,7}?(?:自治州|自治县|市|州|县|区|盟|旗)")


def _in_quoted_name(text: str, pos: int) -> bool:
    """Whether pos is inside 《…》 (an agreement's or a document's name)."""
    opened = text.rfind("《", max(0, pos - 60), pos)
    return opened >= 0 and text.find("》", opened, pos) < 0


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
        # A place of the dictionary (浙江, 美国) needs no context, unless it is a region.
        if word in _REGIONS:
            continue  # 北美, 东南亚: regions are neither units nor named sites (guidelines)
        if _good_place(word) and (
            _UNIT_END.search(word) or _bare_place_context(text, word, start, end) or tokens.known_as(i, "ns")
        ):
            out.append(Mention("Place", word, start, end))
    # A place printed only inside a title or a longer name (廣東省瀾海市榕灣鎮黨委書記) is not one of its own.
    standalone = {
        m.name
        for m in out
        if not nested_after(text, m.end)
        and not _in_quoted_name(text, m.start)
        and not (_PROVINCE_PREFIX.fullmatch(m.name) and _CHAIN_AFTER.match(text, m.end))
    }
    out = [m for m in out if m.name in standalone]
    for m in _VENUE.finditer(text):  # 在青川国际会展中心举行: where a meeting is held is a place
        if m.group(1) not in _NOT_PLACES:  # 在市行政中心举行: a bare seat of government names none
            out.append(Mention("Place", m.group(1), m.start(1), m.end(1)))
    taken = SpanIndex([(m.start, m.end) for m in out])
    for i in tokens.with_nature("nt", "nis"):  # 抚源国际会展中心/nt: a venue HanLP took for a body
        if _VENUE_END.search(words[i]) and len(words[i]) > 4 and not taken.overlaps(starts[i], ends[i]):
            out.append(Mention("Place", words[i], starts[i], ends[i]))
    ends = {m.end: m for m in out}
    units = unit_places(text, tokens)
    for name, start, end in units:  # 云栈/nt 县/n: a place HanLP does not know
        inner = ends.get(end)
        if inner is not None and start < inner.start and _good_place(name):
            out.remove(inner)  # 宝日/nr 温都苏木/ns: the whole name, not HanLP's tail of it
            ends.pop(end)
    # 椿/g 源县/ns where the article names 椿源县: HanLP's tail of a name found elsewhere is that name.
    longer = sorted({n for n, _, _ in units}, key=len, reverse=True)
    for k, m in enumerate(out):
        full = next(
            (n for n in longer if len(n) > len(m.name) and n.endswith(m.name) and text[m.end - len(n) : m.end] == n),
            None,
        )
        if full:
            out[k] = Mention("Place", full, m.end - len(full), m.end)
    found = SpanIndex([(m.start, m.end) for m in out])
    for name, start, end in units:
        if not found.overlaps(start, end) and _good_place(name):
            short = _PROVINCE_SHORT.match(name)
            if short and len(name) - short.end() >= 3:  # 甘肃砾源市: the province is its parent prefix
                name, start = name[short.end() :], start + short.end()
            out.append(Mention("Place", name, start, end))
    found = SpanIndex([(m.start, m.end) for m in out])
    for name, start, end in site_places(text, tokens):  # 抚源港物流园, 文昌里历史文化街区
        if not found.overlaps(start, end) and _good_place(name):
            out.append(Mention("Place", name, start, end))
    return out


_VENUE = re.compile(
    rf"在([{HAN}]{{2,14}}?(?:中心|会堂|大会堂|广场|剧院|宾馆|酒店|会馆|礼堂|体育馆|展览馆|公园|古镇|景区))"
    rf"(?:隆重)?(?:召开|举行|举办|开幕|开幕式)"
)
_PLACE_BEFORE = re.compile(r"(?:在|到|赴|来|至|从|位于|与|和|同|、|，|。|“|^)$")


def _bare_place_context(text: str, word: str, start: int, end: int) -> bool:
    """A place HanLP found without a unit (义乌, 南屿) is kept when the article names it again
    or it stands where places stand (在/到/赴… before it, a list or a clause around it)."""
    if text.count(word) >= 2:
        return True
    return bool(_PLACE_BEFORE.search(text[max(0, start - 2) : start])) and text[end : end + 1] in "，。、的与和市区县"


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
        and word not in _NOT_PLACES
    )


def find_organizations(text: str, tokens: Tokens) -> list[Mention]:
    """Organizations: HanLP nt tokens or place + institution (临溪区 + 人大常委会), ending in an
    organization word, extended left over the nouns that name them (青川 + 农商 + 银行石门支行).
    Delegations are found by extract.events.find_delegations."""
    out: list[Mention] = []
    words, natures, starts, ends = tokens.words, tokens.natures, tokens.starts, tokens.ends
    for i in tokens.with_nature("nt", "nis"):
        nature = natures[i]
        # 县/n 住建局/nis: an institution of the unit the paper names by its unit alone.
        is_org = nature in _ORG_TOKEN_NATURES or (
            nature == "nis" and i > 0 and (natures[i - 1].startswith("ns") or words[i - 1] in _BARE_UNITS)
        )
        if not is_org or not (_ORG_END.search(words[i]) or tokens.known_as(i, "nt")):
            continue
        if _PARTY_BODY.search(words[i]) and re.match(f"(?:{TITLE_ALT})", text[ends[i] : ends[i] + 8]):
            continue  # 泓州市委|副书记, 组织部|部长: a body inside a title is not named as one
        if re.match("讯|电|消息", text[ends[i] : ends[i] + 2]):
            continue  # 穆溪县融媒体中心讯: the paper's own name in its dateline
        if _VENUE_END.search(words[i]):
            continue  # 抚源国际会展中心, 县行政中心: a venue is a place (find_places), not a body
        j = i
        while (
            j > 0
            and i - j < 4
            and natures[j - 1].startswith(_ORG_PREFIX_NATURES)
            and not natures[j - 1].startswith(("nr", "nnt"))
            and words[j - 1] not in ("全市", "我市", "各", "该")
        ):
            j -= 1
        j = glued_front(j, tokens, limit=i - 5)
        start = starts[j]
        name = text[start : ends[i]]
        for cut in _ORG_CUT.finditer(name):  # 赵文涛代表|县委, 县政府向|秀澜市委: HanLP glued a clause
            if (
                cut.group(1) in ("代表", "率领", "带领")
                or _ORG_END.search(name[: cut.start()])
                or (_LIST_SITE_END.search(name[: cut.start()]) and _ORG_END.search(name))
            ):  # …示范点和|县第二人民医院
                start, name = start + cut.end(), name[cut.end() :]
                break
        lead = _ORG_LEAD.match(name)
        if lead and lead.group(0) in _CLAUSE_LEADS and not (start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"):
            lead = None  # 向阳镇人民政府: a name, unless a clause runs into it (县政府向…)
        if lead:
            start += lead.end()
            name = name[lead.end() :]
        if _generic_org(name, tokens):
            start = _named_front(start, ends[i], tokens)  # 溟/ng 江天曜/nr 化工有限公司/nt
            if start is None:
                continue  # 人民医院, 科技有限公司: named only by its kind
            name = text[start : ends[i]]
        if _verb_office(name, tokens) or _cut_word_front(name, start, tokens):
            continue
        if all("\u4e00" <= c <= "\u9fff" for c in name) and len(name) >= 3 and not _ORG_BAD_START.match(name):
            out.append(Mention("Organization", name, start, ends[i]))
    return out + _bare_bodies(text, tokens, out)


_PIECE_NATURES = ("x", "g", "vg", "ng", "ag")


def glued_front(j: int, tokens: Tokens, *, limit: int = -1) -> int:
    """The first token of an organization's name whose word starts at token j, when HanLP cut
    the front of the name apart (鹂/x 湾技师学院/nt, 松/ng 楞/vg 源米业有限公司/nt): back over
    the pieces (_glued_piece), then over a short name right before a lone piece (华钧精/nr 锻/vg
    机械有限公司/nt). Never past token `limit`."""
    k = j
    while k > 0 and k > limit and _glued_piece(k, tokens):
        k -= 1
    if k < j and k > 0 and k > limit and len(tokens.words[k]) == 1 and tokens.natures[k] in _PIECE_NATURES:
        word, nature = tokens.words[k - 1], tokens.natures[k - 1]
        if (
            2 <= len(word) <= 3
            and nature.startswith(("nr", "ns", "nz"))
            and all("\u4e00" <= c <= "\u9fff" for c in word)
            and not (k > 1 and tokens.natures[k - 2].startswith("nnt"))
        ):
            k -= 1
    return k


_UNIT_HEAD = re.compile("^[\u4e00-\u9fff]{0,2}?[县市区乡镇旗]")


def _glued_piece(j: int, tokens: Tokens) -> bool:
    """Whether the word before token j is the front of a place's name that HanLP cut off: a
    character it does not know (鹂/x, 椿/g, 栖/vg), or a name before a unit that starts the
    organization's word (岷禾/nr 县绿塬…, 赵垛/nr 营乡…)."""
    word, nature = tokens.words[j - 1], tokens.natures[j - 1]
    if not (1 <= len(word) <= 2 and all("\u4e00" <= c <= "\u9fff" for c in word)) or word[-1] in _BAD_ORG_PIECE:
        return False
    if len(word) == 1 and nature in _PIECE_NATURES:
        return True
    return (
        nature.startswith(("nr", "ns", "nz", "x", "g"))
        and bool(_UNIT_HEAD.match(tokens.words[j]))
        and not (j > 1 and tokens.natures[j - 2].startswith("nnt"))
    )  # 书记王伟/nr: a person, not a place


_BAD_ORG_PIECE = frozenset("的了在是和与及同对为把被从向将就也还又等我本该全各每此这那某个多副届率")


_UNIT_CHARS_ORG = frozenset("省市县区州旗盟镇乡村")


def _named_front(start: int, end: int, tokens: Tokens) -> int | None:
    """Where the name of an institution printed as kind only begins, when HanLP cut its proper
    part off (溟/ng 江天曜/nr | 化工有限公司): back over names and lone characters to a boundary;
    None when no proper part is there."""
    k = bisect_right(tokens.starts, start) - 1
    j, named = k, False
    while j > 0 and end - tokens.starts[j - 1] <= 14:
        word, nature = tokens.words[j - 1], tokens.natures[j - 1]
        single = (
            len(word) == 1
            and "\u4e00" <= word <= "\u9fff"
            and word not in _FUNCTION_ORG
            and not nature.startswith(("v", "a", "d", "p", "c", "u", "m", "q", "t", "r"))
        )
        if not (single or nature.startswith(("nr", "ns", "nz", "nrf", "nsf", "g", "x", "j"))):
            break
        named = True
        j -= 1
    return tokens.starts[j] if named and j < k else None


_FUNCTION_ORG = frozenset("的了在是和与及同对为把被从向将就也还又等我本该全各每此这那某个多到来去给")


def _generic_org(name: str, tokens: Tokens) -> bool:
    """An institution named only by its kind: a common word or an ordinal before the suffix
    (人民医院, 科技有限公司, 第二中学, 一所学校, 乡村学校): no name of its own (guidelines)."""
    suffix = _ORG_END.search(name)
    if suffix is None or tokens.core is None:
        return False
    left = name[: suffix.start()]
    if not left:
        return name in ("委员会", "集团", "合作社", "有限公司", "公司")
    if len(name) > 8 or _UNIT_CHARS_ORG & set(left) or re.search("党|政府|委|府", left) or _PARTY_BODY.search(name):
        return False  # 县委, 县政府办公室, 党中央, 县人民医院: a unit or a body names it
    if re.match("^(?:第[一二三四五六七八九十0-9]+|[一两几][所家个座]|([所家个座批栋])\\1)$", left):  # 一所所学校
        return True
    nature = tokens.core(left)
    return (
        nature is not None
        and nature.startswith(("n", "vn", "a", "b", "m", "l"))
        and not nature.startswith(("nr", "ns", "nz", "nt", "nis"))
    )


def is_kind_only(name: str) -> bool:
    """Whether an organization's name is its kind alone (公司, 医院, 合作社), with no unit or body."""
    suffix = _ORG_END.search(name)
    return suffix is not None and suffix.start() == 0 and not _PARTY_BODY.search(name)


def _verb_office(name: str, tokens: Tokens) -> bool:
    """办 ending a clause, not an office (对能马上办的事情, 一件事来办): the words before it are an
    adverb or a verb, where an office's are a unit or a task (市委办, 协作办, 整治办)."""
    if not name.endswith("办") or tokens.core is None or len(name) < 3:
        return False
    left = name[:-1]
    two = tokens.core(left[-2:])
    if two is not None:
        return two.startswith(("d", "p", "r", "c", "u"))
    one = tokens.core(left[-1])
    return one is not None and one.startswith(("v", "d", "p")) and not one.startswith("vn")


def _cut_word_front(name: str, start: int, tokens: Tokens) -> bool:
    """The organization's word starts inside a word HanLP split (产地集/q 配中心/nt): one character
    before its kind, glued to a lone character before it."""
    suffix = _ORG_END.search(name)
    if suffix is None or suffix.start() != 1 or name[0] in _UNIT_CHARS_ORG:
        return False
    k = bisect_right(tokens.starts, start) - 1
    if k <= 0 or tokens.starts[k] != start or tokens.ends[k - 1] != start:
        return False
    before = tokens.words[k - 1]
    return len(before) == 1 and "\u4e00" <= before <= "\u9fff" and before not in _FUNCTION_ORG


#: Words HanLP glues to the front of an organization (代表县委/nt, 向秀澜市委/nt, 十四届县委/nt).
_ORG_LEAD = re.compile(
    "^(?:率领|带领|代表|率|由|与|和|同|在|向|对|为|受|经|的|(?:[一二三四五六七八九十]+|第?[0-9]+)届)"
)
_CLAUSE_LEADS = frozenset("向对为受经")
_VENUE_END = re.compile(f"(?:{lexicon.alternation('venue_words')})$")
_LIST_SITE_END = re.compile("(?:点|园|基地|区|镇|乡|村|街道|社区|中心|馆)$")
_BARE_UNITS = frozenset({"县", "市", "区", "州", "旗", "镇", "乡", "省"})
#: Party and government bodies: named as organizations only where they stand alone (guidelines).
_PARTY_BODY = re.compile(
    "(?:委|党委|党工委|政府|人民政府|人大常委会|人大|政协|组织部|宣传部|统战部|政法委|纪委|党支部|党总支|常委会|党组)$"
)
_ORG_CUT = re.compile("(?<=.)(代表|率领|带领|向|对|和|与|及)(?=.{2})")
#: The bodies of a place written with its unit only: 县委、县政府高度重视; 代表县委、县政府.
_BARE_BODY = re.compile("(?:省|市|县|区|旗|州|盟|镇|乡)(?:人民政府|政府|人大常委会|政协|纪委监委|纪委|党委|党工委|委)")
_BODY_LEAD = re.compile("(?:^|[^\u4e00-\u9fff]|代表|向|和|与|及|在|由|经|受|对|为|是|把|将|同|届)$")
_BODY_TAIL = re.compile(
    "^(?:[^\u4e00-\u9fff]|$|和|与|及|高度|坚持|统一|决定|研究|召开|印发|出台|部署|要求|关于|的|对|向|把|将|始终|先后|领导)"
)


def _bare_bodies(text: str, tokens: Tokens, found: list[Mention]) -> list[Mention]:
    """县委, 县政府 standing alone as a body (never a title's: 县委书记 is not one). Printed right
    after another place's body (向秀澜市委、市政府) it is that place's; else resolution gives it
    the home city's name."""
    taken = SpanIndex([(m.start, m.end) for m in found])
    out: list[Mention] = []
    for m in _BARE_BODY.finditer(text):
        start, end = m.span()
        if taken.overlaps(start, end) or not _BODY_LEAD.search(text[max(0, start - 2) : start]):
            continue
        if not _BODY_TAIL.match(text[end : end + 2]) or re.match(f"(?:{TITLE_ALT})", text[end : end + 6]):
            continue
        name = m.group(0)
        before = [o for o in (*found, *out) if o.end in (start - 1,) and text[start - 1] in "、和与及"]
        if before and (k := before[-1].name.rfind(name[0])) > 0:
            name = before[-1].name[:k] + name
        out.append(Mention("Organization", name, start, end))
    return out
