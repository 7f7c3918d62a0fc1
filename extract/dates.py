"""Dates: the article's date (flag, file name or text) and the time expressions of its sentences.

Time expressions are read by jionlp's time extractor (docs/dates.md says why that library):
5月24日至25日, 二〇二四年五月十三日, 上旬/中旬/下旬, 星期四, 昨天/今天, 2023年 … each resolved against
the article's date. This module is the thin wrapper around it, and fixes what newspapers need
and the library does otherwise:

- 24日至26日 (a range of days without its month) is a range in the article's month;
- a date without its year that would lie half a year after the article is last year's
  (a paper in May reports on 11月30日 of the year before), and a range across New Year
  (12月30日至1月2日) ends in the year after it starts;
- a bare weekday (星期四, 周三) is the last such day on or before the article's date: papers
  report what happened, so 星期四 in a Monday's paper is the Thursday before;
- 日前/近日/近期/连日 (recently) is the week up to the article's date;
- 8号楼 and 一号文件 are not dates.

jionlp is large (its word segmenter and numpy come with it): it is imported on first use, once
per process, with its import banner kept off standard output (`kg extract` writes JSON there).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final

from kg.errors import InputError

log = logging.getLogger(__name__)

_FILE_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_TEXT_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日")

#: Precisions of a DateSpan, finest first.
DAY: Final = "day"  # one day: 5月24日, 昨天, 星期四
RANGE: Final = "range"  # a few days or weeks: 5月24日至25日, 中旬, 上周
RECENT: Final = "recent"  # 日前, 近日: the week up to the article's date
COARSE: Final = "coarse"  # a month, season, quarter or year: 2023年, 今年以来, 年底
#: Spans up to this many days are a sentence's date; a month or longer names a period it sums up.
_MAX_RANGE_DAYS: Final = 27

_RECENT_WORDS = re.compile(r"日前|近日|近期|连日|近来")
_BARE_DAY = re.compile(r"^[0-9一二三四五六七八九十两]{1,3}[日号]$")
_DAY_RANGE = re.compile(
    r"^[0-9一二三四五六七八九十]{1,3}[日号]?(?:至|到|—|-|－|~|～)+[0-9一二三四五六七八九十]{1,3}[日号]$"
)
_FROM_DAY = re.compile(r"[日号](?:起|开始)$")
_BARE_TEN_DAYS = re.compile(r"(?<![月0-9一二三四五六七八九十])[上中下]旬")
_WEEKDAY = re.compile(r"^(?:星期|周|礼拜)[一二三四五六日天1-7]")
_YEAR_SAID = re.compile(r"年|昨|今|前天|明|后天|当天|当日|次日|翌日|同日|周|星期|礼拜")
# A sentence's date names a day, a 旬, a week, a month or a year. Clock times alone (一时 in 第一时间,
# 两点 as "two points"), festivals (国庆, also in the name 满国庆; 十一 in 第十一批) and 现在 do not.
_DAY_ANCHOR = re.compile(
    r"[日号旬年月]|昨|今|前天|后天|明天|当天|当晚|当日|次日|翌日|同日|星期|周|礼拜|\d{4}-\d{1,2}-\d{1,2}"
)
# After a bare 8号 a date goes on with punctuation, a time of day or the end of a range.
_DATE_GOES_ON = re.compile(r"(?:[^\u4e00-\u9fff]|上午|下午|晚上|晚|早上|凌晨|中午|至|到|起|在|召开|举行|，|。|、)")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A time expression of a text: its ISO start and end days, where it is printed, how precise."""

    start: str
    end: str
    text: str
    offset: int
    precision: str

    @property
    def days(self) -> int:
        """How many days the span covers (1 for a single day)."""
        return (date.fromisoformat(self.end) - date.fromisoformat(self.start)).days + 1


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


def find_dates(text: str, article_date: str | None) -> list[DateSpan]:
    """Every time expression of `text` that names days, resolved against the article's date, in
    order. Without an article date only the expressions that print their year are resolved.
    Durations (三天) and repetitions (每周一) are not dates and are left out; a text the library
    cannot read gives no dates rather than an error."""
    base = _base(article_date)
    out: list[DateSpan] = []
    for hit in _extract(text, base or date(2000, 1, 1)):
        span = _span(hit, text, base)
        if span is not None:
            out.append(span)
    if base is not None:
        for m in _BARE_TEN_DAYS.finditer(text):  # 下旬 alone: of the article's month
            ten = _first(_extract(f"{base.month}月{m.group(0)}", base))
            span = _span({**ten, "text": m.group(0), "offset": [m.start(), m.end()]}, text, base) if ten else None
            if span is not None:
                out.append(span)
        for m in _RECENT_WORDS.finditer(text):
            if not any(s.offset <= m.start() < s.offset + len(s.text) for s in out):
                out.append(
                    DateSpan((base - timedelta(days=7)).isoformat(), base.isoformat(), m.group(0), m.start(), RECENT)
                )
    return sorted(out, key=lambda s: s.offset)


def parse_date(phrase: str, article_date: str | None) -> DateSpan | None:
    """The first time expression of `phrase` (5月24日至25日, 下旬, 昨天), or None."""
    found = find_dates(phrase, article_date)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def sentence_date(sentence: str, article_date: str | None) -> DateSpan | None:
    """The days a sentence speaks of: its first expression of a day or a range of up to a month
    (5月24日至25日, 昨日, 中旬, 星期四). A longer period (今年以来, 2023年) is what the sentence
    sums up, not when it happened, and 日前/近日 say only "lately": those give None, and the
    caller keeps the article's date."""
    for span in find_dates(sentence, article_date):
        if span.precision in (DAY, RANGE):
            return span
    return None


def resolve_in_sentence(sentence: str, article_date: str | None) -> str | None:
    """The (first) day a sentence speaks of, as an ISO date, or None when it names none."""
    span = sentence_date(sentence, article_date)
    return span.start if span else None


def _base(article_date: str | None) -> date | None:
    if not article_date:
        return None
    try:
        return date.fromisoformat(article_date)
    except ValueError:
        return None


def _span(hit: dict[str, Any], text: str, base: date | None) -> DateSpan | None:
    """One extractor hit as a DateSpan, with the newspaper fixes; None when it names no days."""
    phrase, offset = hit["text"], hit["offset"][0]
    detail = hit["detail"]
    kind, times = detail.get("type"), detail.get("time")
    if not _DAY_ANCHOR.search(phrase):
        return None
    if base is None and not re.search(r"\d{4}年|[〇零一二三四五六七八九]{4}年", phrase):
        return None  # 5月24日 without an article date: which year is unknown
    after = offset + len(phrase)
    if _BARE_DAY.match(phrase) and "号" in phrase and after < len(text) and not _DATE_GOES_ON.match(text, after):
        return None  # 8号楼, 一号文件
    if phrase.endswith("日来") and text[after : after + 1] in ("到", "访", "我", "此", "这", "京", "沪"):
        # 24日来到石门镇 is the 24th, not "these 24 days" (the library reads 24日来 as that)
        again = _first(_extract(phrase[:-1], base or date(2000, 1, 1)))
        if again is None:
            return None
        return _span({**again, "offset": [offset, offset + len(phrase) - 1]}, text, base)
    if kind == "time_delta" and base is not None and _DAY_RANGE.match(phrase):
        in_month = _first(_extract(f"{base.month}月{phrase}", base))  # 24日至26日: days of the article's month
        if in_month is None:
            return None
        kind, times = in_month["detail"].get("type"), in_month["detail"].get("time")
    if kind not in ("time_point", "time_span") or not isinstance(times, list) or len(times) != 2:
        return None
    start = _day(times[0])
    end = _day(times[1]) if times[1] != "inf" else base
    if start is None or end is None:
        return None
    if times[1] == "inf" and base is not None and start > base:
        start = _add_years(start, -1)  # 7月下旬以来 in a May paper: since last July
    if _FROM_DAY.search(phrase):
        end = start  # 8月11日起: the day something starts, not a span up to the article
    if end < start:
        end = _add_years(end, 1)  # 12月30日至1月2日
    if base is not None and not _YEAR_SAID.search(phrase) and start > base and _months(base, start) >= 6:
        start, end = _add_years(start, -1), _add_years(end, -1)  # 11月30日 in a May paper: last year's
    if base is not None and _WEEKDAY.match(phrase) and start > base:
        start, end = start - timedelta(days=7), end - timedelta(days=7)  # 星期四 in a Monday paper
    days = (end - start).days + 1
    precision = DAY if days == 1 else RANGE if days <= _MAX_RANGE_DAYS else COARSE
    if times[1] == "inf":
        precision = COARSE  # 今年以来: a period up to now
    return DateSpan(start.isoformat(), end.isoformat(), phrase, offset, precision)


def _months(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _first(hits: list[dict[str, Any]]) -> dict[str, Any] | None:
    return hits[0] if hits else None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_SPACE = re.compile(r"\s+")
_MAX_RUN: Final = 20  # 2024年5月30日上午9时至6月1日 is 19; longer runs are cut
_TIME_RUN = re.compile(
    rf"[0-9０-９〇零一二三四五六七八九十百两年月日号时点分秒:：至到~～—\-.．/上中下午旬周星期]{{{_MAX_RUN + 1},}}"
)


def _cut_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return "".join("，" if i % _MAX_RUN == _MAX_RUN - 1 else c for i, c in enumerate(run))


class _QuietLog:
    """What jionlp's time parser calls its `logging`: every message goes to our log at debug."""

    def __getattr__(self, _level: str) -> Any:
        return lambda msg, *args, **kwargs: log.debug("jionlp: %s", str(msg).strip().splitlines()[-1:])


_LOCK = threading.Lock()
_EXTRACTOR: list[Any] = []


def _extractor() -> Any:
    """jionlp's time extractor, imported on first use (half a second, ~40 MB), banner silenced."""
    with _LOCK:
        if not _EXTRACTOR:
            with contextlib.redirect_stdout(io.StringIO()):
                from jionlp.algorithm.ner.time_extractor import TimeExtractor  # type: ignore[import-untyped]
                from jionlp.gadget import time_parser  # type: ignore[import-untyped]

            # The parser logs each phrase it cannot read as an ERROR with a traceback, through the
            # root logger (which sets up logging if nothing has): those are ours to log, at debug.
            time_parser.logging = _QuietLog()
            _EXTRACTOR.append(TimeExtractor())
        return _EXTRACTOR[0]


def _extract(text: str, base: date) -> list[dict[str, Any]]:
    """The library's hits in `text`, each {'text', 'offset', 'detail'}; [] if it fails on the text."""
    extractor = _extractor()
    # Whitespace becomes a comma, length for length: the library loses a date after a long run of
    # spaces (a page's masthead), and a comma keeps the offsets.
    text = _SPACE.sub(lambda m: "，" * len(m.group(0)), text)
    # The library tries every substring of a run of time characters: a long one (a table of
    # figures, OCR noise: 5月5月5月…) costs minutes. No date is longer than _MAX_RUN: cut there.
    text = _TIME_RUN.sub(_cut_run, text)
    try:
        return list(extractor(text, time_base={"year": base.year, "month": base.month, "day": base.day}))
    except Exception as exc:  # noqa: BLE001 - a text the library cannot read has no dates, not a crash
        log.debug("time expressions of %r not read: %s", text[:40], exc)
        return []
