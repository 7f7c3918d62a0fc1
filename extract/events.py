"""Events and groups named in an article: meetings, campaigns and ceremonies by their full name
(全市一季度经济运行分析会), and delegations or working groups (青川市党政代表团, 督导组).

These are what the relation rules hang on: who attended or chaired which event, which delegation
visited where. People, places and organizations are found in extract.persons and extract.mentions.
"""

from __future__ import annotations

import re

from extract import lexicon
from extract.mentions import HAN, MEETING_ALT, Mention
from extract.text import is_han
from extract.tokens import Tokens

# Verbs that are part of a meeting's name (动员部署大会, 推进会) rather than the verb before it.
# Single characters that end a meeting name's left edge even when HanLP tags them oddly.
_EVENT_STOP_CHARS = frozenset("在于和与及的了是对将把被从向由为上中后前时开召举办并又也还再到赴")
_EVENT_STOP_WORDS = frozenset(
    {"主持", "召开", "举行", "出席", "参加", "主持召开", "会上", "期间", "我市", "本次", "此次"}
)
_EVENT_VERBS = frozenset(
    {
        "动员",
        "部署",
        "推进",
        "调度",
        "协调",
        "总结",
        "表彰",
        "启动",
        "观摩",
        "交流",
        "对接",
        "签约",
        "培训",
        "集中",
        "推介",
        "招商",
        "开工",
        "揭牌",
        "签字",
        "竣工",
        "授牌",
        "扩大",
    }
)


_GROUPS = "|".join(re.escape(w) for w in lexicon.words("group_words") if w.endswith(("团", "组")))
_DELEGATION = re.compile(
    rf"(?:率|带领|率领|^|[，。；、“\n])的?((?:(?![的对向为与和])[{HAN}]){{2,14}}?(?:{_GROUPS}))(?=[^{HAN}]|组长|团长|一行|来|赴|到|在|先后|深入|实地|考察|调研|还|参观)"
)


def find_delegations(text: str) -> list[Mention]:
    """Delegations and working groups named in the text: 率青川市党政代表团, 省督导组一行."""
    out: list[Mention] = []
    for m in _DELEGATION.finditer(text):
        name = re.split("率领|带领|率", m.group(1))[-1].removeprefix("的")
        if len(name) > 3:
            out.append(Mention("Organization", name, m.end(1) - len(name), m.end(1)))
    return out


_EVENT_PART = (
    "n",
    "ns",
    "nz",
    "nt",
    "nis",
    "a",
    "b",
    "j",
    "vn",
    "vl",
    "l",
    "m",
    "q",
    "mq",
    "qv",
    "nr",
    "ng",
    "gi",
    "nnt",
    "f",
)
_VAGUE_EVENT = re.compile(r"^(?:重要|重大|有关|相关|各类|各项|多项|系列|民俗|一系列)")
_LEADING_DATE = re.compile(r"^(?:[0-9]+[日月年号]|同日|当日|当天)+")
_GENERIC_EVENT_PREFIX = re.compile(r"^(?:此次|本次|这次|该|这场|此项|各类|各项|相关|有关|一场|一次)")
_MEETING_RE = re.compile(f"(?:{MEETING_ALT})")
_MEETING_END = re.compile(f"(?:{MEETING_ALT})$")
_MEETING_LAST = frozenset(w[-1] for w in lexicon.words("meeting_words"))


def find_events(text: str, tokens: Tokens) -> list[Mention]:
    """Meetings and campaigns named in the text: the noun phrase that ends in a meeting word
    (全市一季度经济运行分析会, 青川—临溪山海协作联席会议). A bare 会议 or
    活动 is left to the relation rules, which refer it to the article's named event."""
    words, natures, tstarts = tokens.words, tokens.natures, tokens.starts
    out: list[Mention] = []
    if not _MEETING_RE.search(text):
        return out
    starts = tokens.starting_at()
    ends = tokens.ending_at()
    # A meeting word ends a token (扩大会议 ends in 会议, not in the 大会 a left-to-right scan finds).
    matches = [
        m
        for e in tokens.ends
        if text[e - 1 : e] in _MEETING_LAST and (m := _MEETING_END.search(text, max(0, e - 8), e))
    ]
    for m in matches:
        k = ends[m.end()]
        while k >= 0 and tstarts[k] > m.start():
            k -= 1
        if k < 0:
            continue
        # HanLP may glue the meeting word to its name (营商环境大会/nt): start from that token.
        j = k
        while j > 0:
            prev_word, prev_nature, prev_start = words[j - 1], natures[j - 1], tstarts[j - 1]
            if prev_word in ("）", ")"):  # 县委常委会（扩大）会议: a bracketed word inside the name
                q = max(text.rfind("（", 0, prev_start), text.rfind("(", 0, prev_start))
                if q < 0 or q not in starts or prev_start - q > 6:
                    break
                j = starts[q]
                continue
            if prev_word == "”":  # a quoted name belongs to the event: “千名干部联千企”活动
                q = text.rfind("“", 0, prev_start)
                if q < 0 or q not in starts or prev_start - q > 20:
                    break
                j = starts[q]
                continue
            single = len(prev_word) == 1 and is_han(prev_word) and prev_word not in _EVENT_STOP_CHARS
            verb_ok = prev_word in _EVENT_VERBS and m.group(0) not in ("专项行动", "活动", "攻坚行动")
            # Person-tagged tokens may be places (青川/nr—南屿/nr…联席会议); real people are cut
            # off later, once the article's persons are known (extractor._trim_event).
            part_ok = prev_nature.startswith(_EVENT_PART) and prev_word not in _EVENT_STOP_WORDS
            if prev_word in ("—", "-", "－", "·", "暨") or part_ok or verb_ok or single:
                if prev_nature.startswith("t") or prev_word in ("会上", "期间"):
                    break
                j -= 1
                continue
            break
        start = tstarts[j]
        name = text[start : m.end()]
        name = _LEADING_DATE.sub("", _GENERIC_EVENT_PREFIX.sub("", name))
        start = m.end() - len(name)
        if text.startswith("纪要", m.end()):
            continue  # 《…友好合作会谈纪要》: the minutes' name, not a meeting
        if len(name) - len(m.group(0)) >= 2 and "\n" not in name and "等" not in name and not _VAGUE_EVENT.match(name):
            out.append(Mention("Event", name, start, m.end()))
    # 博览会开幕式: the ceremony of the expo is the event; the expo inside its name is not another.
    return _outermost(out)


def _outermost(events: list[Mention]) -> list[Mention]:
    """The events not inside another one, in their order (one sweep: no two share an end)."""
    inner: set[int] = set()
    reach = -1
    for e in sorted(events, key=lambda m: (m.start, -m.end)):
        if e.end <= reach:
            inner.add(id(e))
        reach = max(reach, e.end)
    return [e for e in events if id(e) not in inner]
