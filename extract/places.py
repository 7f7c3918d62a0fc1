"""Administrative places HanLP does not know: a name printed before its unit (云栈县, 后埕岚村).

HanLP tags the places of its dictionary ns; an invented or small place comes out in pieces
(云栈/nt 县/n, 赣/b 岫/g 县/n). A unit word (县, 镇, 村, 嘎查 …, lexicon place_units) ends a
place when the characters before it, back to a boundary (punctuation, 在/赴/来自/走进 …, or the
end of an enclosing unit: 梅岫镇|民主村), can be a name: no function word or numeral first, and
not only common words (示范村, 美丽乡村, 农村 are not places).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from extract import lexicon
from extract.tokens import Tokens

_UNITS = lexicon.alternation("place_units")
TITLE_ALT = lexicon.alternation("titles")
ORG_ALT = lexicon.alternation("org_suffixes")
_BOUNDARY_WORDS = lexicon.alternation("place_boundaries")
_NOT_PLACES = frozenset(lexicon.words("not_places"))
_NOT_PLACE_END = re.compile(f"(?:{lexicon.alternation('not_place_ends')})$")
_STARTS_WITH_BOUNDARY = re.compile(f"^(?:{_BOUNDARY_WORDS}|其他|其中|其余)")
_UNIT_CHARS = set("省市州盟县旗区镇乡村")
_NOT_UNIT_WORDS = frozenset(lexicon.words("not_unit_words"))
_BAD_LEAD = re.compile("^(?:政协|人大|政府|人民政府|党委|中共|共青团|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)")
#: Natures a name's words never have: verbs, prepositions, conjunctions, particles, numerals,
#: pronouns, adverbs, time words (由市, 让市, 据市, 要用好县, 推动两市).
_FUNCTION = ("p", "c", "u", "d", "r", "m", "q", "t", "y", "e", "o")
#: What follows a place that is part of a longer name: a title (塔苏县委书记), a body (泓州市委)
#: or an institution (海汐市鲲鹏远洋物流公司). Such a place is not annotated on its own.
_NAME_CHAR = r"(?:(?![的和与及在])[\u4e00-\u9fff])"
_NESTED_AFTER = re.compile(
    rf"^(?:委|党委|党工委|政府|人民政府|人大|政协|纪委|{TITLE_ALT}|{_NAME_CHAR}{{0,12}}?(?:{ORG_ALT})"
    rf"|{_NAME_CHAR}{{1,5}}?(?:社区|村|嘎查|街道|镇|乡)(?![\u4e00-\u9fff]))"
)
#: One-character words that never sit inside a place name (由市, 让市, 要用好县, 不出村); HanLP's
#: nature of a lone character is unreliable (泓/q 州市/nz, 陶/ag 勒/v 盖/v), so the character decides.
_FUNCTION_CHARS = frozenset(
    "由让据但因要两年被把从对向于以及或而且并也都还又就才将已不没很最更再这那每各其使请出进是有在为用好抓推"
)
_UNIT_RE = re.compile(f"(?:{_UNITS})")
_BOUNDARY_BEFORE = re.compile(rf"(?:^|[^\u4e00-\u9fff]|{_BOUNDARY_WORDS}|{_UNITS})$")
#: Prepositions and conjunctions HanLP glues to the first character of a name it does not know.
#: One-character verbs of motion and giving that never stand inside a place's name.
_MOTION = frozenset("给到来去引至往送回入")
_GLUED_LEADS = frozenset("向和与及同对在到赴从")
_BAD_CHARS = set("的了在是和与及同对为把被从向将就也还又等我本该全各每此这那某个多副届")
_NUMERALS = set("一二三四五六七八九十百千万两几数")
#: Natures of a common word: a prefix made only of such words of two or more characters is a
#: phrase (示范/n 村, 贫困/a 村), not a name.
_COMMON = ("n", "vn", "v", "a", "ad", "an", "d", "f", "m", "q", "r", "p", "c", "u")
_PROPER = ("ns", "nr", "nz", "nt", "nis", "nrf", "nsf", "j")
#: Natures of a word that names something (not nz: HanLP's nz is mostly a product or a term, 果蔬).
_NAME_NATURES = ("ns", "nr", "nt", "nrf", "nsf")
MAX_PREFIX = {"嘎查": 8, "苏木": 8}
DEFAULT_PREFIX = 5


def unit_places(text: str, tokens: Tokens) -> list[tuple[str, int, int]]:
    """(name, start, end) of each place a unit word ends: the longest name back to a boundary."""
    out: list[tuple[str, int, int]] = []
    for m in _UNIT_RE.finditer(text):
        unit_start, end = m.start(), m.end()
        if not _unit_stands_alone(unit_start, end, tokens) or text[unit_start : unit_start + 2] in _NOT_UNIT_WORDS:
            continue  # 市场; 政府旗/n 长/a: a title HanLP cut apart
        longest = MAX_PREFIX.get(m.group(0), DEFAULT_PREFIX)
        if m.group(0) in ("州", "盟") and text[end : end + 1] in _UNIT_CHARS:
            continue  # 泓州|市: the place goes on
        first_han = unit_start
        while first_han > 0 and unit_start - first_han < longest and "\u4e00" <= text[first_han - 1] <= "\u9fff":
            first_han -= 1
        for inner in reversed(list(_UNIT_RE.finditer(text, first_han, unit_start - 1))):
            if text[inner.end()] not in _UNIT_CHARS:
                first_han = inner.end()  # 梅岫镇|民主村, 温都苏木|其其格陶勒盖嘎查: the smallest unit
                break
        for start in range(first_han, unit_start):
            if _boundary(text, start, tokens) and _acceptable(text[start:end], start, unit_start, tokens):
                out.append((text[start:end], start, end))
                break
    # 岫山街道溪畔社区: a unit printed with its parent is the smallest one; a place inside a
    # title or an institution's name counts only where the article also prints it alone.
    starts = {s for _, s, _ in out}
    alone = [(n, s, e) for n, s, e in out if e not in starts and not _NESTED_AFTER.match(text[e : e + 14])]
    names = {n for n, _, _ in alone}
    return [(n, s, e) for n, s, e in out if n in names and e not in starts]


_SITE_END = re.compile(f"(?:{lexicon.alternation('place_site_suffixes')})$")
_GENERIC_SITES = frozenset(lexicon.words("generic_sites"))
_DESCRIPTIVE = re.compile(f"(?:{lexicon.alternation('descriptive_sites')})$")
_SITE_LAST = frozenset(w[-1] for w in lexicon.words("place_site_suffixes"))
#: Natures of a word that a site's name never holds: verbs, prepositions, conjunctions, particles,
#: adverbs, numerals, pronouns, punctuation.
_NOT_IN_SITE = ("v", "p", "c", "u", "d", "m", "r", "w", "q", "t", "y", "e")
MAX_SITE = 14


def site_places(text: str, tokens: Tokens) -> list[tuple[str, int, int]]:
    """(name, start, end) of named sites: a site word (lexicon place_site_suffixes) that ends a
    token, with the name's words before it (文昌里/nr 历史/n 文化/n 街区/n). A name carries a proper
    noun or a lone character (抚/vg 源/ng 高新区/nz); only common words (万亩/m 产业园) is none."""
    out: list[tuple[str, int, int]] = []
    words, natures, starts, ends = tokens.words, tokens.natures, tokens.starts, tokens.ends
    for k in range(len(words)):
        m = _SITE_END.search(words[k]) if words[k][-1:] in _SITE_LAST else None
        if m is None:
            continue
        j, named = k, natures[k].startswith(_PROPER) and len(words[k]) > len(m.group(0))
        strong = natures[k].startswith(_NAME_NATURES) and len(words[k]) > len(m.group(0)) + 1
        while j > 0 and ends[k] - starts[j - 1] <= MAX_SITE:
            word, nature = words[j - 1], natures[j - 1]
            single = (
                len(word) == 1
                and "\u4e00" <= word <= "\u9fff"
                and word not in _FUNCTION_CHARS
                and word not in _NUMERALS
                and not nature.startswith(("c", "u", "p", "r", "d", "w"))
            )
            if (
                not (
                    single
                    or (nature.startswith(("n", "b", "j", "g", "a", "f", "s")) and not nature.startswith(_NOT_IN_SITE))
                )
                or word in _FUNCTION_CHARS
            ):
                break
            named = named or single or nature.startswith(_PROPER)
            strong = strong or (nature.startswith(_NAME_NATURES) and len(word) >= 2)
            j -= 1
        name = text[starts[j] : ends[k]]
        if _DESCRIPTIVE.search(name) and not strong:
            continue  # 高原果蔬大棚基地: what a place holds, not its name
        if (
            named
            and len(name) >= len(m.group(0)) + 2
            and name not in _GENERIC_SITES
            and not nested_after(text, ends[k])
        ):
            out.append((name, starts[j], ends[k]))
    return _joined(out, text)


_ZONE_END = re.compile("(?:开发区|高新区|经开区|园区|新区)$")


def _joined(sites: list[tuple[str, int, int]], text: str) -> list[tuple[str, int, int]]:
    """Of overlapping sites the first is kept, unless it is a zone that the second goes on inside:
    青川经济开发区 and 经济开发区新能源装备产业园 are the park in the zone, 青川经济开发区新能源装备产业园."""
    out: list[tuple[str, int, int]] = []
    for name, start, end in sorted(sites, key=lambda s: (s[1], -s[2])):
        if out and start < out[-1][2]:
            if end > out[-1][2] and _ZONE_END.search(out[-1][0]):
                out[-1] = (text[out[-1][1] : end], out[-1][1], end)
            continue
        out.append((name, start, end))
    return out


def nested_after(text: str, end: int) -> bool:
    """Whether a place ending at `end` goes on into a title, a body or an institution's name."""
    return bool(_NESTED_AFTER.match(text[end : end + 14]))


def _boundary(text: str, start: int, tokens: Tokens) -> bool:
    """Whether a place name may start here: after punctuation, a boundary word, the end of an
    enclosing unit, or a verb or preposition (看望慰问|泓州市援疆干部)."""
    if _BOUNDARY_BEFORE.search(text[max(0, start - 4) : start]) or re.search(
        r"[0-9]+[日月年]$", text[max(0, start - 5) : start]
    ):
        return True  # also after a date: 4月29日|乌兰塔拉旗
    k = _token_at(start, tokens)
    return k > 0 and tokens.starts[k] == start and tokens.natures[k - 1].startswith(("v", "p"))


def _one_place_word(start: int, size: int, tokens: Tokens) -> bool:
    k = _token_at(start, tokens)
    return (
        k >= 0 and tokens.starts[k] == start and tokens.ends[k] == start + size and tokens.natures[k].startswith("ns")
    )


def _token_at(pos: int, tokens: Tokens) -> int:
    return bisect_right(tokens.starts, pos) - 1


def _unit_stands_alone(unit_start: int, unit_end: int, tokens: Tokens) -> bool:
    """The unit is a word of its own (云栈/nt 县/n), or ends a proper name (托拉克县/ns, 泓州市委/nt);
    inside a common word it is not a unit (副市长, 大县, 市场)."""
    k = _token_at(unit_start, tokens)
    if k < 0:
        return False
    if tokens.starts[k] == unit_start:
        return tokens.words[k] not in _NOT_UNIT_WORDS
    return tokens.natures[k].startswith(_PROPER)


def _acceptable(name: str, start: int, unit_start: int, tokens: Tokens) -> bool:
    prefix = name[: unit_start - start]
    if len(prefix) == 1 and not _one_place_word(start, len(name), tokens):
        return False  # 用好|县: a one-character name is a dictionary place (赣县) or none
    if (
        prefix[0] in "日月年第"
        or name in _NOT_PLACES
        or prefix[0] in _NUMERALS
        or _BAD_CHARS & set(prefix)
        or _NOT_PLACE_END.search(name)
    ):
        return False
    if (
        prefix[-1] == name[len(prefix)]
        or prefix in _UNIT_CHARS
        or _STARTS_WITH_BOUNDARY.match(name)
        or _BAD_LEAD.match(name)
    ):
        return False  # 禾溪镇|镇长, 来自|云栈县: the name is shorter
    k = _token_at(start, tokens)
    if (
        k >= 0
        and tokens.starts[k] == start - 1
        and tokens.words[k][0] in _GLUED_LEADS
        and tokens.ends[k] <= unit_start
        and len(tokens.words[k]) == 2
        and not tokens.known_as(k, "")
        and prefix[1:2] not in _NUMERALS
    ):
        k += 1  # 向椿/nr 源县/ns, 和弄/v 溪县/ns: HanLP glued a preposition to the name's first character
        if k >= len(tokens.starts) or tokens.starts[k] != start + 1:
            return False
        return _acceptable_words(start + len(name), unit_start, tokens, k, glued=True)
    if k < 0 or tokens.starts[k] != start:
        return False  # a name starts a word
    return _acceptable_words(start + len(name), unit_start, tokens, k)


def _acceptable_words(end: int, unit_start: int, tokens: Tokens, k: int, glued: bool = False) -> bool:
    """The words of a name ending at `end`, from its first whole token k on: no function word,
    not only common words (a name whose first character HanLP glued to a preposition has one)."""
    if tokens.ends[k] >= end and not tokens.natures[k].startswith(_PROPER):
        return False  # one dictionary word: 城镇/n, 农村/n
    if (
        tokens.ends[k] > end
        and tokens.natures[k].startswith("nt")
        and not re.match("委|党委|政府|人民政府|人大|政协", tokens.words[k][end - tokens.starts[k] :])
    ):
        return False  # inside an institution's name: 农业农村|局
    common = not glued
    while k < len(tokens.starts) and tokens.starts[k] < unit_start:
        size = tokens.ends[k] - tokens.starts[k]
        nature = tokens.natures[k]
        if (
            tokens.ends[k] <= unit_start
            and not nature.startswith(_PROPER)
            and (
                (
                    tokens.words[k] in _FUNCTION_CHARS
                    or tokens.words[k] in _MOTION
                    or nature.startswith(("p", "c", "u", "r", "e", "y"))
                )
                if size == 1
                else nature.startswith((*_FUNCTION, "v"))
            )
        ):
            return False  # 碧塘给/p 村, 项目引/v 到/v 沣州: a clause, not a name
        if (
            tokens.ends[k] > unit_start
            or size < 2
            or tokens.natures[k].startswith(_PROPER)
            or not tokens.natures[k].startswith(_COMMON)
        ):
            common = False
        k += 1
    return not common


__all__ = ["nested_after", "site_places", "unit_places"]
