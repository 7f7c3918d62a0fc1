"""People in an article: names with their titles.

HanLP proposes; our rules dispose. HanLP's name recognizer finds most names but also tags
phrases such as 扛旗 or 惠企 as names, and misses names in lists (苏文博 in 市领导苏文博、周立民…),
so a candidate is kept when its context says "person" (a title before it, a list of names,
a verb of office after it), and lists after 领导 or a title are read by rule. Once a name is
known, every occurrence of it in the article is a mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container

from extract import lexicon
from extract.layout import credit_names
from extract.mentions import HAN, TITLE_ALT, TITLE_END, TOWN_END, glued_front
from extract.text import all_han, is_han
from extract.tokens import Tokens

# What may follow a person's name: punctuation, a list word, or a verb of office or speech.
_AFTER_NAME = re.compile(
    r"^(?:[、，。；：（）\s“”]|等|和|与|及|同志|书记|一行|分别|主持|出席|参加|强调|指出|表示|说|介绍|要求|会见|"
    r"陪同|率|调研|考察|走访|对|在|代表|讲话|致辞|宣布|参观|察看|听取|希望|认为|提出|就|为|向|带队|先后|还|也|"
    r"一起|共同|主任|市长|区长|县长|镇长|乡长|局长|部长|作|到|赴|来|前往|看望|慰问|发表|召开|带领|率领|一同|一道|"
    r"详细|深入|走进|来到|实地|现场|发言|汇报|$)"
)
_BEFORE_NAME = re.compile(f"(?:{TITLE_ALT}|领导|同志|记者|通讯员|嘉宾|、|和|与|及)$")
# 和, 为 and 向 are not here: they are common in given names (谭志和, 彭向东).
_NAME_STOP = set("的了在是与及对把被从将就也都还又等")
#: In the left part of a dotted name 都 is a syllable (阿布都热合曼·吐尔逊, 阿不都), not the adverb.
_DOTTED_STOP = _NAME_STOP - {"都"}
# Lists of names after 领导 or a title: 市领导苏文博、周立民、郑雅琴等参加会议.
# An item of such a list: a Han name of 2–3 characters, or a name with a middle dot (买买提江·托乎提).
_ITEM = rf"(?:[{HAN}]{{1,7}}·[{HAN}]{{1,7}}?|[{HAN}]{{2,3}})"
_LEADER_LIST = re.compile(
    rf"(?:领导|同志|{TITLE_ALT})((?:{_ITEM}[、，])+{_ITEM})(?=等|分别|同志|[，。；、]|参加|出席|陪同)"
)
_UNIT_CHARS = frozenset("省市州县区旗镇乡村街社路")
_OFFICE_END = re.compile("(?:办|局|委|部|室|中心|站|所|队|院|社|组|处|科)$")
_PERSON_NOUN = re.compile(f"(?:{lexicon.alternation('person_nouns')})$")
_TITLE_WORD_RE = re.compile(f"(?:{TITLE_ALT})")
_PERSON_NATURES = ("nr", "nrf", "nrj")
_TITLE_BEFORE = re.compile(f"(?:{TITLE_ALT}|领导|同志|记者|通讯员)$")
_TITLE_START = re.compile(f"(?:{TITLE_ALT})")
_STRONG_AFTER = re.compile(
    r"^(?:同志|书记|一行|主持|出席|参加|强调|指出|表示|说|介绍|要求|会见|陪同|率|调研|考察|走访|讲话|致辞|宣布|"
    r"希望|认为|提出|带队|看望|慰问|发表|召开|代表)"
)
_APPOINTMENT = re.compile(
    rf"(?:^|(?<=[：；\n]))([{HAN}]{{2,3}})(?:为|的)[^；。\n]{{2,60}}?(?:{TITLE_ALT}|职务|委员)(?=[；。\n]|$)"
)
_LEADER_ONE = re.compile(rf"领导([{HAN}]{{2,3}}?)(?=参加|出席|陪同|等|、|，|。)")
_NAME_LIST = re.compile(rf"(?:[{HAN}]{{2,3}}、){{2,}}[{HAN}]{{2,3}}")
_NOT_NAME_END = re.compile(r"(?:女士|先生|老师|同学|师傅|大爷|大妈|阿姨)$")
_NOT_NAMES = frozenset({"强调", "指出", "表示", "要求", "希望", "认为", "提出", "介绍", "说明", "同时", "其中", "余人"})
_LOOSE_BEFORE = re.compile(rf"(?:^|[，、。；：！？\n（“\s]|{TITLE_ALT}|领导|同志|和|与|及|由|在)$")


def is_name_like(name: str) -> bool:
    """2–4 Chinese characters starting with a surname and free of function words."""
    return (
        2 <= len(name) <= 4
        and all_han(name)
        and lexicon.has_surname(name)
        and not (_NAME_STOP & set(name[1:]))
        and not TOWN_END.search(name)
        and not TITLE_END.search(name)
        and name not in _NOT_NAMES
        and not _NOT_NAME_END.search(name)
        and not name.endswith(("县", "市", "区", "省"))
    )


def _person_context(text: str, start: int, end: int, confident: Container[str]) -> bool:
    """Context that makes a short HanLP name a person: a title before it, a verb of office or
    speech after it, or a confirmed name beside it in a list (甲、乙 within a few characters)."""
    before = text[max(0, start - 6) : start]
    after = text[end : end + 4]
    if _TITLE_BEFORE.search(before) or _STRONG_AFTER.match(after):
        return True
    left = text[max(0, start - 4) : start]
    right = text[end : end + 5]
    # Look up the few names that would fit, not every name of the article.
    if left.endswith("、") and any(left[-1 - size : -1] in confident for size in range(1, len(left))):
        return True
    return right.startswith("、") and any(right[1 : 1 + size] in confident for size in range(1, len(right)))


def _dotted_name(text: str, dot: int) -> tuple[str, int] | None:
    """The name around a middle dot: the shortest left part after a boundary or title, and the
    right part up to the next verb or boundary."""
    left = None
    for size in range(1, 8):
        start = dot - size
        if start < 0 or not all_han(text[start:dot]) or text[start] in _DOTTED_STOP:
            break
        before = text[max(0, start - 6) : start]
        if (size > 1 and _LOOSE_BEFORE.search(before)) or _PERSON_NOUN.search(before):
            left = start
            break
    if left is None:
        return None
    for size in (2, 3, 4, 5, 6):
        end = dot + 1 + size
        part = text[dot + 1 : end]
        if (
            len(part) == size
            and all_han(part)
            and (_AFTER_NAME.match(text[end : end + 4]) or text[end : end + 1] in ("的", "家"))
        ):
            return text[left:end], left
    return None


def _loose_context(text: str, start: int, end: int) -> bool:
    """A name HanLP found is kept when it stands like one: a boundary or title before it and a
    boundary or verb after it (连成一片 or 关键之年 fail), or a strong person context."""
    before = text[max(0, start - 6) : start]
    after = text[end : end + 4]
    return bool(
        _LOOSE_BEFORE.search(before) and (_AFTER_NAME.match(after) or _AFTER_PERSON.match(after))
    ) or _person_context(text, start, end, set())


# What follows a person more than anything else (a HanLP name of three characters is kept then):
# an honorific, a verb of saying or thinking, an adverb that opens a predicate.
_AFTER_PERSON = re.compile(
    r"^(?:老?先生|女士|同学|老师|认为|觉得|坦言|回忆|是|又|也|就|则|曾|已|便|都|才|坚持|决心|严肃|笑着|告诉)"
)


def _names_in_lists(text: str, names: dict[str, int], keep: Callable[[str, int], None]) -> None:
    """甲、乙、丙、丁出席会议: in a list where most items are known people, the rest are people too."""
    for m in _NAME_LIST.finditer(text):
        items = m.group(0).split("、")
        known = sum(i in names for i in items)
        if known * 2 > len(items):
            for item in items:
                if item not in names and is_name_like(item):
                    keep(item, m.start())


def find_person_names(text: str, tokens: Tokens, byline: list[str]) -> list[str]:
    """Distinct person names of the article, in order of first appearance."""
    names: dict[str, int] = {}

    def keep(name: str, pos: int) -> None:
        if name not in names:
            names[name] = pos

    words, starts, ends, natures = tokens.words, tokens.starts, tokens.ends, tokens.natures
    short: list[int] = []
    for i in tokens.with_nature(*_PERSON_NATURES):
        word = words[i]
        if word in names:
            continue
        if (
            len(word) >= 2
            and all_han(word)
            and text[ends[i] : ends[i] + 1] not in _UNIT_CHARS
            and not TITLE_END.search(text[max(0, starts[i] - 3) : starts[i] + 1])
            and tokens.known_as(i, "nr")
        ):  # 镇|长田|可新 is 镇长 田可新
            keep(word, starts[i])  # a person of the dictionary (江泽民, 克林顿): no context needed
        elif (
            natures[i] == "nrf"
            and 3 <= len(word) <= 8
            and all_han(word)
            and not (_NAME_STOP & set(word))
            and _loose_context(text, starts[i], ends[i])
        ):
            keep(word, starts[i])  # a transliterated name (奥尔布赖特) standing like one
        elif len(word) == 3 and is_name_like(word) and _plain_name(word, text, tokens):
            keep(word, starts[i])  # a three-character name HanLP recognized that is no phrase
        elif is_name_like(word):
            if len(word) >= 3 and _loose_context(text, starts[i], ends[i]) and not _phrase(word, text):
                keep(word, starts[i])
            else:
                short.append(i)
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
        if sum(lexicon.has_surname(i) or "·" in i for i in items) * 2 >= len(items):
            pos = m.start(1)
            for item in items:
                if is_name_like(item) or ("·" in item and _credited_name(item.replace("·", "")[:5])):
                    keep(item, pos)
                pos += len(item) + 1
    for m in _TITLE_WORD_RE.finditer(text):
        for size in (4, 3, 2):
            cand = text[m.end() : m.end() + size]
            end = m.end() + size
            if size == 4:  # 欧阳晓雪, or a four-character name without a surname after a title (扎西多吉、)
                ok = len(cand) == 4 and (
                    cand[:2] in lexicon.surnames()
                    or (
                        (
                            text[end : end + 1] in "、，。"
                            or _STRONG_AFTER.match(text[end : end + 4])
                            or text.startswith(("率领", "带领"), end)
                        )
                        and not lexicon.has_surname(cand)
                    )
                )
                if not (
                    ok
                    and all_han(cand)
                    and not (_NAME_STOP & set(cand))
                    and not TITLE_END.search(cand)
                    and not _STRONG_AFTER.match(cand)
                ):
                    continue
            if len(cand) == size and (size == 4 or is_name_like(cand)) and _AFTER_NAME.match(text[end : end + 4]):
                # A 3-character reading wins only if it is not a 2-character name plus a verb.
                keep(cand, m.end())
                break
    for m in _TITLE_WORD_RE.finditer(text):
        _long_name_after_title(text, m.end(), tokens, keep)
    for i in short:  # 走进村民林阿福家: a name right after a word for ordinary people
        after = text[ends[i] : ends[i] + 4]
        if _PERSON_NOUN.search(text[max(0, starts[i] - 5) : starts[i]]) and (
            _AFTER_NAME.match(after) or after[:1] in ("家", "的")
        ):
            keep(words[i], starts[i])
    for name in [*byline, *credit_names(text)]:
        if _credited_name(name) and occurrences(text, name):
            keep(name, len(text))
    for i in short:
        if _person_context(text, starts[i], ends[i], names) or titles_after(text, ends[i]):
            keep(words[i], starts[i])
    _names_in_lists(text, names, keep)
    # A shorter name inside a longer one (明轩 in 许明轩) is a segmentation slip, not a person;
    # where a meeting is held (会议在南屿召开) is a place, unless a title names it a person too.
    ordered = sorted(names, key=names.get)  # type: ignore[arg-type]
    return [n for n in ordered if not any(n != o and n in o for o in ordered) and not _venue_only(text, n)]


def _long_name_after_title(text: str, at: int, tokens: Tokens, keep: Callable[[str, int], None]) -> None:
    """A name after a title that has no surname: three characters before a list mark (其木格、),
    or five or six before a list mark that HanLP reads as no verb or name (旗长乌云其木格，), or that
    the article prints again after a boundary (旗委书记那顺乌日图深入…，那顺乌日图走进).
    Two- and four-character readings are the title loop's."""
    if at not in tokens.starting_at():
        return  # the title word ends inside a longer word (市委常委会)
    for size in (6, 5, 3):
        cand = text[at : at + size]
        if len(cand) < size or not all_han(cand) or (size == 3 and lexicon.has_surname(cand)):
            continue
        if _NAME_STOP & set(cand) or TITLE_END.search(cand) or TOWN_END.search(cand) or _STRONG_AFTER.match(cand):
            continue
        if any(_AFTER_NAME.match(cand[k:]) for k in range(1, size)):
            continue  # the name could end earlier: 程一帆|一行, 他|指出
        after = text[at + size : at + size + 4]
        if size == 3:
            if after[:1] in ("、", "，"):
                keep(cand, at)
            return
        if (
            after[:1] in ("、", "，")
            and _no_function_words(tokens, at, at + size)
            and not re.search("委|局|会|部|办|政府|人大|政协|中心|公司|[省市县区镇乡村]", cand)
        ):
            keep(cand, at)  # 政府旗长乌云其木格，旗人大常委会主任…: between a title and a list mark
            return
        again = [m.start() for m in re.finditer(re.escape(cand), text) if m.start() != at]
        if _AFTER_NAME.match(after) and any(_LOOSE_BEFORE.search(text[max(0, k - 6) : k]) for k in again):
            keep(cand, at)
            return


def _phrase(name: str, text: str) -> bool:
    """成一片 (a numeral and a measure word), 应转尽转 (an ABCB idiom): phrases HanLP reads as names."""
    return bool(len(name) == 3 and (name[1] in _NUMERALS and name[2] in _MEASURES or name + name[1] in text))


_NUMERALS = frozenset("一二三四五六七八九十百千万两几")
_MEASURES = frozenset("片个次项件条位名户家只天年月批处座块张")


def _plain_name(name: str, text: str, tokens: Tokens) -> bool:
    """A recognized three-character name that is not a phrase in disguise: its first two
    characters are no other word (关键|一, 韩国|全), its last two no verb or function word
    (林|更新), and the text never prints it before a unit (穆溪县: a place)."""
    core = tokens.core
    if core is None:
        return False
    head, tail = core(name[:2]), core(name[1:])
    if head is not None and not head.startswith("nr"):
        return False
    if (
        tail is not None
        and tail.startswith(("v", "d", "p", "c", "u", "m", "q", "r", "f", "t", "n", "a"))
        and not tail.startswith(("nr", "nz"))
    ):
        return False  # 林|更新, 成|一片, 于|明火
    if _phrase(name, text):
        return False
    after = [text[e : e + 1] for _, e in occurrences(text, name)]
    if name[:2] in lexicon.surnames() and any(is_han(c) for c in after):
        return False  # 欧阳晓|雪: a compound surname leaves one character, the name goes on
    return not any(c and c in "省市州县区旗镇乡村" for c in after)


def _no_function_words(tokens: Tokens, start: int, end: int) -> bool:
    """Whether HanLP reads [start, end) as whole words none of which is a verb, preposition,
    conjunction, particle or adverb, and none a name of its own (梁志刚/nr 致辞/v is a name and a verb)."""
    k = bisect_right(tokens.starts, start) - 1
    if k < 0 or tokens.starts[k] != start:
        return False
    while k < len(tokens.starts) and tokens.starts[k] < end:
        if tokens.natures[k].startswith(("v", "p", "c", "u", "d", "w")) or (
            tokens.natures[k] == "nr" and tokens.starts[k] == start and tokens.ends[k] - start >= 3
        ):
            return False
        k += 1
    return k > 0 and tokens.ends[k - 1] == end


def _credited_name(name: str) -> bool:
    """A name set apart after 记者/通讯员 needs no known surname (达来, 其木格), only the shape of one;
    an office credited instead (通讯员 县府办) is none."""
    return (
        2 <= len(name) <= 5
        and not _OFFICE_END.search(name)
        and name not in lexicon.words("byline_roles")
        and all_han(name, "·")
        and not (_NAME_STOP & set(name[1:]))
        and not TITLE_END.search(name)
        and not TOWN_END.search(name)
        and name not in _NOT_NAMES
    )


def _venue_only(text: str, name: str) -> bool:
    """Whether a name is only where a meeting is held (会议在南屿召开), never after a title.
    String scans, not a pattern per name: compiling one evicts the rules' own from re's cache."""
    spans = occurrences(text, name)
    held = any(text[s - 1 : s] == "在" and text.startswith(("召开", "举行", "举办"), e) for s, e in spans)
    return held and not any(TITLE_END.search(text[max(0, s - 8) : s]) for s, _ in spans)


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Every [start, end) of `name` in `text`."""
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + len(name))
    if not spans and len(name) == 2:  # a credit pads a two-character name: 通讯员 张 露
        spans = [m.span() for m in re.finditer(f"{re.escape(name[0])}[ \u3000]{{1,2}}{re.escape(name[1])}", text)]
    return spans


def titles_before(text: str, start: int, tokens: Tokens) -> list[str]:
    """Titles printed before a name: 南屿市委常委、临溪区委书记许明轩 → both titles."""
    at_end = tokens.ending_at()
    words, natures, starts = tokens.words, tokens.natures, tokens.starts
    pos = start
    chain_start = start
    while pos in at_end:
        k = at_end[pos]
        word, nature = words[k], natures[k]
        ok = word == "、" or nature.startswith(("n", "a", "b", "j", "m", "q", "vn", "gi")) or word in "（）"
        # A person-tagged word is a place when an administrative unit follows it (南屿/nr 市委书记).
        person = nature.startswith("nr") and not (
            k + 1 < len(words) and words[k + 1][:1] in "市县区镇乡省" and not natures[k + 1].startswith("nnt")
        )
        if not ok or person or word in ("我市", "领导", "同志"):
            break
        chain_start = starts[k]
        pos = starts[k]
    if chain_start < start:
        first = bisect_right(starts, chain_start) - 1
        if natures[first].startswith("nt"):  # 松/ng 楞/vg 源米业有限公司/nt 董事长: the company's whole name
            chain_start = starts[glued_front(first, tokens, limit=first - 4)]
    chain = text[chain_start:start]
    titles: list[str] = []
    for piece in reversed(chain.split("、")):
        if not piece or not TITLE_END.search(piece):
            break
        titles.insert(0, piece)
    return titles


def titles_after(text: str, end: int) -> list[str]:
    """Titles printed after a name: 林海峰书记, or 许明轩，南屿市委常委、临溪区委书记，…"""
    direct = _TITLE_START.match(text, end, end + 6)
    if direct:
        return [direct.group(0)]
    m = re.match(r"，([^，。；：]{2,40})[，。；]", text[end : end + 48])
    if not m:
        return []
    pieces = m.group(1).split("、")
    if all(TITLE_END.search(p) and len(p) <= 20 for p in pieces):
        return pieces
    return []
