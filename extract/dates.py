"""Dates: the article's date (flag, file name or text) and relative dates resolved against it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from kg.errors import InputError

_FILE_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_TEXT_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日")
_MONTH_DAY = re.compile(r"(?<![\d年])(1[0-2]|0?[1-9])月(3[01]|[12]\d|0?[1-9])日(?:至(3[01]|[12]\d|0?[1-9])日)?")
_RELATIVE = {"今日": 0, "今天": 0, "今晨": 0, "昨日": -1, "昨天": -1, "昨晚": -1, "前天": -2, "前日": -2}
_RELATIVE_RE = re.compile("|".join(_RELATIVE))


def parse_iso(value: str) -> str:
    """Validate a YYYY-MM-DD date given by the user."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"--date {value!r}: expected YYYY-MM-DD") from None


def date_from_filename(name: str) -> str | None:
    """2022-06-15 or 20220615 anywhere in a file name."""
    m = _FILE_DATE.search(name)
    if not m:
        return None
    return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def date_from_text(text: str) -> str | None:
    """A full date (2022年6月15日) in the page's first lines, where papers print the issue date."""
    head = "\n".join(text.strip().splitlines()[:3])
    m = _TEXT_DATE.search(head)
    if not m:
        return None
    return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _safe(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_in_sentence(sentence: str, article_date: str | None) -> str | None:
    """The date a sentence speaks of: 昨日/今日/前天, 6月8日, 5月24日至25日 (the first day), or a
    full date; resolved against the article date. None when the sentence names no date."""
    full = _TEXT_DATE.search(sentence)
    if full:
        return _safe(int(full.group(1)), int(full.group(2)), int(full.group(3)))
    base = date.fromisoformat(article_date) if article_date else None
    md = _MONTH_DAY.search(sentence)
    if md and base:
        month, day = int(md.group(1)), int(md.group(2))
        year = base.year if (month, day) <= (base.month, base.day) or month - base.month < 6 else base.year - 1
        return _safe(year, month, day)
    rel = _RELATIVE_RE.search(sentence)
    if rel and base:
        return (base + timedelta(days=_RELATIVE[rel.group(0)])).isoformat()
    return None
