"""Splitting an OCR'd newspaper page into articles.

A page is a sequence of blocks (separated by blank lines). Each block is a byline
(▢ 全媒体记者 王婷), a headline (short, no sentence punctuation), or body text. Bodies are cut
at bylines, headlines and "本报讯"; each headline group then goes to the neighbouring body it
shares most words with, because papers print headlines both before and after their bodies.
A headline that shares nothing with either neighbour (a teaser for another page) stays alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extract import lexicon
from extract.text import all_han, blocks, ends_sentence, han_share, join_lines, join_paragraphs

_BOX = "▢□■◆●▲★☆◎○"
_ROLE = f"(?:{lexicon.alternation('byline_roles')})"
_BYLINE_RE = re.compile(rf"^[{_BOX}]?\s*(?:{_ROLE}(?:\s*[\u4e00-\u9fff·]{{2,4}})*\s*)+(?:摄|报道)?$")
_PAREN_BYLINE_RE = re.compile(rf"^[（(]\s*(?:{_ROLE}[:：]?\s*[\u4e00-\u9fff·\s]{{2,30}})[）)]$")
_ROLE_RE = re.compile(_ROLE)
_ROLE_WORDS = frozenset(lexicon.words("byline_roles"))
_NAME_AFTER_ROLE = re.compile(rf"{_ROLE}\s*((?:[\u4e00-\u9fff·]{{2,4}}\s*)+)")
_LEAD_MARK = re.compile(r"^(?:本报讯|本报[\u4e00-\u9fff]{2,3}讯|新华社[\u4e00-\u9fff]{2,4}电)")
_HEADLINE_MAX = 60
#: Share of a headline's character pairs that must occur in a body for the headline to join it.
ATTACH_THRESHOLD = 0.3


@dataclass
class PageArticle:
    """An article as found on the page, before fact extraction."""

    title: str
    body: str
    byline: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    byline_lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The article as printed: its byline lines, then its body (evidence offsets point here)."""
        return "\n".join([*self.byline_lines, self.body])


@dataclass
class _Part:
    kind: str  # "byline" | "headline" | "body"
    text: str
    boxed: bool = False  # a headline that opens with ■: a column label, its own group


def _complete(body: str) -> bool:
    return ends_sentence(body) or body.endswith("摄")


def is_byline(line: str) -> bool:
    """Whether a line is a byline such as ▢ 全媒体记者 王婷."""
    return _is_byline(line)


def _is_byline(line: str) -> bool:
    line = line.strip()
    return len(line) <= 40 and bool(_BYLINE_RE.match(line) or _PAREN_BYLINE_RE.match(line))


def byline_names(line: str) -> list[str]:
    """Names in a byline (▢ 全媒体记者 赵一鸣 通讯员 钱小溪 → 赵一鸣, 钱小溪); 本报评论员 keeps its role.
    A two-character name is often padded to the width of three (通讯员 张 露): two single
    characters in a row are one name."""
    names: list[str] = []
    for segment in _ROLE_RE.split(line.strip(_BOX + " （）()")):
        items = [i.removesuffix("摄") for i in segment.replace("：", " ").replace(":", " ").split()]
        items = [i for i in items if i and i not in ("报道", "摄")]
        k = 0
        while k < len(items):
            name = items[k]
            if len(name) == 1 and k + 1 < len(items) and len(items[k + 1]) == 1:
                name, k = name + items[k + 1], k + 1
            k += 1
            if 2 <= len(name) <= 4 and all_han(name, "·"):
                if name not in names:
                    names.append(name)
    if not names and "评论员" in line:
        names.append(line.strip(_BOX + " "))
    return names


#: A credit inside running text: a role, then names set apart by spaces (记者 吴芳菲 报道,
#: 责任编辑:罗 静); 记者从…获悉 has no space and is not one.
_CREDIT_RE = re.compile(
    rf"{_ROLE}(?:[:：]|[ \u3000])[ \u3000]*((?:[\u4e00-\u9fff·]{{1,4}}[ \u3000]+)*[\u4e00-\u9fff·]{{1,4}})"
    rf"(?=[ \u3000]*(?:[)）]|$)|[ \u3000]+)",
    re.M,
)


#: An article signed at its end by a line of names alone: (陈 露), （王明 李华）.
_SIGNATURE_RE = re.compile(r"^[ \u3000]*[(（]([\u4e00-\u9fff][\u4e00-\u9fff· \u3000]{1,16})[)）][ \u3000]*$", re.M)


def credit_names(text: str) -> list[str]:
    """Names credited anywhere in a text: bylines run into the body, photo and page credits, and
    signature lines of names with a known surname."""
    names: list[str] = []
    for m in _CREDIT_RE.finditer(text):
        names.extend(n for n in byline_names(m.group(1)) if n not in names and n not in _ROLE_WORDS)
    for m in _SIGNATURE_RE.finditer(text):
        names.extend(n for n in byline_names(m.group(1)) if n not in names and lexicon.has_surname(n))
    return names


def _is_headline(lines: list[str]) -> bool:
    text = "".join(lines)
    if _LEAD_MARK.match(text) or len(text) > _HEADLINE_MAX:
        return False
    if any(ch in text for ch in "。！？；"):
        return False
    if text.count("，") > 1:
        return False
    return han_share(text) > 0.5


def _parts(page: str) -> list[_Part]:
    parts: list[_Part] = []
    for block in blocks(page):
        pending: list[str] = []
        for line in block:
            if _is_byline(line) and line.rstrip().endswith("摄"):
                pending.append(line)  # a photo credit stays with its caption in the body
            elif _is_byline(line):
                if pending:
                    parts.append(_classify(pending))
                    pending = []
                parts.append(_Part("byline", line))
            else:
                pending.append(line)
        if pending:
            part = _classify(pending)
            prev = parts[-1] if parts else None
            if part.kind == "headline" and prev and prev.kind == "body" and not _complete(prev.text):
                part = _Part("body", join_lines(pending))  # a sentence cut by a column break
            parts.append(part)
    return parts


def _classify(lines: list[str]) -> _Part:
    kind = "headline" if _is_headline(lines) else "body"
    text = join_lines(lines)
    if kind == "headline":
        return _Part(kind, text.lstrip(_BOX), boxed=text[0] in _BOX)
    return _Part(kind, drop_ocr_spaces(text))


_CLAUSE = re.compile(r"[^，。；：！？（）()]+|[，。；：！？（）()]")
_SPACE_IN_HAN = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def drop_ocr_spaces(text: str) -> str:
    """A lone space between two Chinese characters in running text is OCR noise (林 秀梅), except
    where names are meant to stand apart: credits and bylines (通讯员 黄小晶 记者 张小飞)."""
    if " " not in text:
        return text
    return "".join(piece if _ROLE_RE.search(piece) else _SPACE_IN_HAN.sub("", piece) for piece in _CLAUSE.findall(text))


@dataclass
class _Run:
    paragraphs: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)


def split_page(page: str) -> list[PageArticle]:
    """Articles of a page, in page order, each with its own headline and bylines."""
    parts = _parts(page)
    runs: list[_Run] = []
    slots: list[Any] = []  # runs (_Run) and headline groups (list[str]) in page order
    pending_bylines: list[str] = []
    current: _Run | None = None
    for part in parts:
        if part.kind == "byline":
            pending_bylines.append(part.text)
            current = None
        elif part.kind == "headline":
            if slots and isinstance(slots[-1], list) and not part.boxed:
                slots[-1].append(part.text)
            else:
                slots.append([part.text])
            current = None
        else:
            starts_new = current is None or (_LEAD_MARK.match(part.text) and _complete(current.paragraphs[-1]))
            if starts_new:
                current = _Run()
                # Of several bylines in a row, the last opens this body; earlier ones close
                # the previous article if it has none (a commentary's 本报评论员 under its headline).
                if len(pending_bylines) > 1 and runs and not runs[-1].bylines:
                    runs[-1].bylines.extend(pending_bylines[:-1])
                    pending_bylines = pending_bylines[-1:]
                current.bylines.extend(pending_bylines)
                pending_bylines = []
                runs.append(current)
                slots.append(current)
            assert current is not None
            current.paragraphs.append(part.text)
    if pending_bylines and runs:  # a credit closing the page ends its last article: （责任编辑：许晴）
        runs[-1].bylines.extend(pending_bylines)
    _attach_headlines(slots)
    return [_to_article(run) for run in runs]


def _attach_headlines(slots: list[Any]) -> None:
    """Give each headline group to the body before or after it.

    First the clear cases (most of the headline's character pairs occur in one body); then the
    page's own habit, headline after body or before it, decides the faint ones, as long as the
    headline shares something with that body.
    """
    groups = [i for i, slot in enumerate(slots) if isinstance(slot, list)]
    faint: list[tuple[int, dict[int, float]]] = []
    votes = {-1: 0, 1: 0}  # -1: headline follows its body; 1: headline precedes its body
    cleaned: dict[int, str] = {}  # a body sits beside up to two headline groups

    def grams_of(k: int) -> str:
        if k not in cleaned:
            cleaned[k] = _NOT_ALNUM.sub("", "".join(slots[k].paragraphs))
        return cleaned[k]

    for i in groups:
        headline = " ".join(slots[i])
        scores = {
            side: _overlap(headline, grams_of(i + side))
            for side in (-1, 1)
            if 0 <= i + side < len(slots) and isinstance(slots[i + side], _Run)
        }
        best = max(scores, key=lambda side: (scores[side], -side), default=None)
        if best is not None and scores[best] >= ATTACH_THRESHOLD and not slots[i + best].headlines:
            body = grams_of(i + best)
            # Blocks of the group that share nothing with the body (a teaser) stay behind.
            kept = [block for block in slots[i] if _overlap(block, body) > 0] or slots[i][:1]
            slots[i + best].headlines.append(" ".join(kept))
            votes[best] += 1
        else:
            faint.append((i, scores))
    if votes[-1] == votes[1]:
        return
    habit = -1 if votes[-1] > votes[1] else 1
    for i, scores in faint:
        run = slots[i + habit] if scores.get(habit, 0.0) > 0 else None
        if run is not None and not run.headlines:
            run.headlines.append(" ".join(slots[i]))


# \w is str.isalnum() or "_": dropping the rest keeps letters, digits and Chinese characters.
_NOT_ALNUM = re.compile(r"[\W_]+")


def _bigrams(text: str) -> set[str]:
    chars = _NOT_ALNUM.sub("", text)
    return set(map(str.__add__, chars, chars[1:]))


def _overlap(headline: str, body: str) -> float:
    """Share of the headline's character pairs that occur in the body (letters, digits and
    Chinese characters only: `body` comes without the rest, so a pair in it is a substring)."""
    grams = _bigrams(headline)
    if not grams:
        return 0.0
    return sum(g in body for g in grams) / len(grams)


def _to_article(run: _Run) -> PageArticle:
    body = join_paragraphs(run.paragraphs)
    byline: list[str] = []
    credits: list[str] = []
    for line in run.bylines:
        for name in byline_names(line):
            if name not in byline:
                byline.append(name)
    # A byline printed inline: 本报讯（全媒体记者 赵一鸣 通讯员 钱小溪）
    inline = re.match(rf"^\S{{0,12}}?[（(]([^（）()]{{0,40}}?{_ROLE}[^（）()]{{0,40}})[）)]", body)
    if inline:
        for name in byline_names(inline.group(1)):
            if name not in byline:
                byline.append(name)
    # Photo credits inside the body (通讯员 孙小晶 全媒体记者 李小飞 摄) name authors too.
    for para in run.paragraphs:
        if para.endswith("摄") and _NAME_AFTER_ROLE.search(para):
            credit = re.split(r"[。！？]", para)[-1]
            for name in byline_names(credit):
                if name not in credits:
                    credits.append(name)
    title = " ".join(run.headlines) if run.headlines else _fallback_title(body)
    return PageArticle(title=title, body=body, byline=byline, credits=credits, byline_lines=list(run.bylines))


def _fallback_title(body: str) -> str:
    text = _LEAD_MARK.sub("", body).strip()
    first = re.split(r"[。！？\n]", text, maxsplit=1)[0]
    return first[:30]
