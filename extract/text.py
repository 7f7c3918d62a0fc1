"""Text normalization: one punctuation style, OCR line breaks rejoined, sentences with offsets.

Normalization maps characters one to one where it can (ASCII punctuation beside Chinese becomes
its full-width form), so offsets stay easy to reason about.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

import regex

HAN = r"\u4e00-\u9fff"
_HAN_RE = re.compile(f"[{HAN}]")

# ASCII punctuation that becomes full-width when it touches a Chinese character.
_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_SENTENCE_END = "。！？；"
_CLOSERS = "”’」』）)》】"
_FINAL = set(_SENTENCE_END + "…" + _CLOSERS + ".!?")


# Unicode's Han script (`\p{Han}`): the unified ideographs with every extension (A to I, up in
# planes 2 and 3, where rare name characters live), the compatibility ideographs, 〇 and 々.
# `[\u4e00-\u9fff]` stops at the basic block.
_HAN_CHAR = regex.compile(r"\p{Han}")
_HAN_RUNS: dict[str, regex.Pattern[str]] = {}


@cache
def is_han(ch: str) -> bool:
    """True for one Han character (`\\p{Han}`, extensions included)."""
    return _HAN_CHAR.fullmatch(ch) is not None


def all_han(text: str, also: str = "") -> bool:
    """Whether every character of `text` is a Han character or one of `also` (True for "")."""
    pattern = _HAN_RUNS.get(also)
    if pattern is None:
        pattern = _HAN_RUNS[also] = regex.compile(rf"[\p{{Han}}{regex.escape(also)}]*")
    return pattern.fullmatch(text) is not None


def count_han(text: str) -> int:
    """How many Han characters `text` has."""
    return sum(1 for _ in _HAN_CHAR.finditer(text))


# Characters normalize_chars may change; everything else passes through untouched, so the scan
# only visits these (a page is mostly Chinese, and a per-character loop cost ~0.5 ms a page).
_SPACES = "\u3000\u00a0\u2002\u2003\u2009\t"
_CANDIDATE = re.compile(f'[{_SPACES}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a,:;?!()."]')


#: Full-width marks that make an ASCII neighbour punctuation of a Chinese sentence: a closer
#: before it, an opener after it (quotes either way round, so a quote's direction never matters).
_CLOSE_BEFORE = "”“）"
_OPEN_AFTER = "“”（"


def normalize_chars(text: str) -> str:
    """Unify newlines, spaces and punctuation so the rules see one style.

    Full-width letters and digits become ASCII (NFKC on those only); ASCII punctuation next to
    Chinese becomes full-width; straight double quotes become “ ” in turn. One character in,
    one character out. A mark made full-width can make its ASCII neighbour Chinese punctuation
    too (`?(中` → `？（中`); that is followed to the end, so normalizing twice changes nothing.
    Linear in the length: each mark changes at most once.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    n = len(text)
    changed: dict[int, str] = {}
    waiting: set[int] = set()  # ASCII marks left as they are, for now
    queue: list[int] = []

    def char(i: int) -> str:
        return changed.get(i, text[i]) if 0 <= i < n else ""

    def becomes(i: int) -> str | None:
        ch, prev, nxt = text[i], char(i - 1), char(i + 1)
        # ("" in "…" is True: the text's edges are no punctuation, so test the characters only)
        near_han = (
            is_han(prev) or is_han(nxt) or (prev != "" and prev in _CLOSE_BEFORE) or (nxt != "" and nxt in _OPEN_AFTER)
        )
        if not near_han:
            return None
        if ch == '"':
            return "“"  # the direction is set below, in order
        if prev.isdigit() and nxt.isdigit():
            return None  # 3,5 and 12:30 stay
        return _TO_FULL[ch]

    for m in _CANDIDATE.finditer(text):
        i = m.start()
        ch = text[i]
        if ch in _SPACES:
            changed[i] = " "
        elif ch >= "\uff10":
            changed[i] = unicodedata.normalize("NFKC", ch)
        elif ch == ".":
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if is_han(prev) and (not nxt or nxt.isspace() or is_han(nxt) or nxt in '"”'):
                changed[i] = "。"
        else:
            new = becomes(i)
            if new is None:
                waiting.add(i)
            else:
                changed[i] = new
                queue.append(i)
    while queue and waiting:
        i = queue.pop()
        for j in (i - 1, i + 1):
            if j in waiting:
                new = becomes(j)
                if new is not None:
                    waiting.discard(j)
                    changed[j] = new
                    queue.append(j)
    quote_open = True
    for i in sorted(changed):
        if text[i] == '"':
            changed[i] = "“" if quote_open else "”"
            quote_open = not quote_open
    if not changed:
        return text
    out: list[str] = []
    last = 0
    for i in sorted(changed):
        out.append(text[last:i])
        out.append(changed[i])
        last = i + 1
    out.append(text[last:])
    return "".join(out)


def blocks(text: str) -> list[list[str]]:
    """Blocks of non-empty, stripped lines, separated by blank lines."""
    result: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def join_lines(lines: list[str]) -> str:
    """Rejoin hard-wrapped lines: no space between Chinese pieces (许明 / 轩 → 许明轩)."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " " + line
        else:
            out += line
    return out


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends where a sentence ends (else the next block continues it)."""
    return bool(text) and text[-1] in _FINAL


def join_paragraphs(paragraphs: list[str]) -> str:
    """Join a body's paragraphs: newline after a finished sentence, nothing inside a sentence
    that a column or page break cut in two."""
    out = ""
    for para in paragraphs:
        if not out:
            out = para
        elif ends_sentence(out):
            out += "\n" + para
        else:
            out += para
    return out


_SENT_RE = re.compile(f"[^{_SENTENCE_END}\n]*(?:[{_SENTENCE_END}]+[{_CLOSERS}]*|\n|$)")

#: The longest sentence the rules read, in characters. Printed sentences stay far below it (the
#: longest in the gold and heldout articles has 225); a longer run (a line without punctuation)
#: is cut, so rule work and each relation's evidence are bounded whatever the input.
MAX_SENTENCE_CHARS = 400
#: Where an over-long stretch is cut by preference, best first: after a line break, a sentence
#: end, a clause mark, a space; failing all, a hard cut at the limit.
SENTENCE_CUTS: tuple[str, ...] = ("，、：,:", " \t\u3000")
CHUNK_CUTS: tuple[str, ...] = ("\n", _SENTENCE_END, *SENTENCE_CUTS)


def bounded_spans(
    text: str, start: int, end: int, limit: int, cuts: tuple[str, ...] = SENTENCE_CUTS, breaks: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """[start, end) in consecutive pieces of at most `limit` characters, each cut after the last
    character of the first class of `cuts` that the window holds, else at the limit; then moved
    back to the last of the sorted positions `breaks` (token starts) at or before it, if one is
    inside the window, so no word is cut. Linear in end - start."""
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        cut = pos + limit
        for chars in cuts:
            found = max(text.rfind(c, pos, pos + limit) for c in chars) + 1
            if found > pos:
                cut = found
                break
        k = bisect_right(breaks, cut) - 1
        if k >= 0 and breaks[k] > pos:
            cut = breaks[k]
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, end))
    return pieces


def sentences(text: str, limit: int = MAX_SENTENCE_CHARS, breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences, without surrounding whitespace. A sentence longer
    than `limit` is cut into pieces of at most `limit` (see bounded_spans; `breaks`: the sorted
    token starts, where a hard cut may fall without splitting a word)."""
    spans: list[tuple[int, int]] = []
    for m in _SENT_RE.finditer(text):
        for start, end in bounded_spans(text, m.start(), m.end(), limit, breaks=breaks):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans


def han_share(text: str) -> float:
    """Share of Chinese characters among the non-space characters."""
    chars = [c for c in text if not c.isspace()]
    return len(_HAN_RE.findall(text)) / len(chars) if chars else 0.0
