"""Article dates, and the time expressions of sentences resolved against them (jionlp behind
extract.dates, with the newspaper fixes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.dates import (
    COARSE,
    DAY,
    RANGE,
    RECENT,
    date_from_filename,
    date_from_text,
    find_dates,
    parse_date,
    parse_iso,
    resolve_in_sentence,
    sentence_date,
)
from kg.config import PROJECT_ROOT
from kg.errors import InputError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2024-05-13_page.txt", "2024-05-13"),
        ("qc20240513.txt", "2024-05-13"),
        ("2024_05_13.txt", "2024-05-13"),
        ("000_d54358a44c71c9bc.txt", None),
        ("20241399.txt", None),
    ],
)
def test_date_from_filename(name: str, expected: str | None) -> None:
    assert date_from_filename(name) == expected


def test_date_printed_at_the_top_of_the_page() -> None:
    assert date_from_text("青川日报\n2024年5月13日 星期一\n本报讯 …") == "2024-05-13"
    assert date_from_text("本报讯 …\n\n\n\n2024年5月13日") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("昨日上午，会议召开。", "2024-05-12"),
        ("今天下午，开幕。", "2024-05-13"),
        ("前天，签约。", "2024-05-11"),
        ("6月8日，专项行动开展。", "2024-06-08"),
        ("11月30日，会议召开。", "2023-11-30"),
        ("5月24日至25日，考察。", "2024-05-24"),
        ("2022年6月14日，会议召开。", "2022-06-14"),
        ("会议强调要实干。", None),
        ("12日上午，调研组来到石门镇。", "2024-05-12"),
    ],
)
def test_relative_dates(sentence: str, expected: str | None) -> None:
    assert resolve_in_sentence(sentence, "2024-05-13") == expected


# The article date of these is Sunday 2024-05-26.
@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("5月24日至25日", "2024-05-24", "2024-05-25", RANGE),  # a range in one month
        ("24日至26日", "2024-05-24", "2024-05-26", RANGE),  # days only: the article's month
        ("5月30日—6月1日", "2024-05-30", "2024-06-01", RANGE),  # across two months
        ("5月31日至6月1日", "2024-05-31", "2024-06-01", RANGE),
        ("12月30日至1月2日", "2023-12-30", "2024-01-02", RANGE),  # across New Year, last winter's
        ("二〇二四年五月十三日", "2024-05-13", "2024-05-13", DAY),  # Chinese numerals
        ("2024年09月14日", "2024-09-14", "2024-09-14", DAY),
        ("五月上旬", "2024-05-01", "2024-05-10", RANGE),
        ("5月中旬", "2024-05-11", "2024-05-20", RANGE),
        ("下旬", "2024-05-21", "2024-05-31", RANGE),  # 旬 alone: of the article's month
        ("星期四", "2024-05-23", "2024-05-23", DAY),  # the last Thursday on or before the article
        ("周日", "2024-05-26", "2024-05-26", DAY),
        ("上周五", "2024-05-17", "2024-05-17", DAY),
        ("昨天", "2024-05-25", "2024-05-25", DAY),
        ("当天", "2024-05-26", "2024-05-26", DAY),
        ("日前", "2024-05-19", "2024-05-26", RECENT),  # lately: the week up to the article
        ("近日", "2024-05-19", "2024-05-26", RECENT),
        ("2023年", "2023-01-01", "2023-12-31", COARSE),  # a year without a day
        ("去年", "2023-01-01", "2023-12-31", COARSE),
        ("11月30日", "2023-11-30", "2023-11-30", DAY),  # half a year ahead without a year: last year's
        ("7月下旬以来", "2023-07-21", "2024-05-26", COARSE),  # since: always in the past
    ],
)
def test_each_kind_of_phrase(phrase: str, start: str, end: str, precision: str) -> None:
    span = parse_date(phrase, "2024-05-26")
    assert span is not None, phrase
    assert (span.start, span.end, span.precision) == (start, end, precision)


def test_a_weekday_in_a_monday_paper_is_the_week_before() -> None:
    assert parse_date("星期四", "2024-05-13").start == "2024-05-09"  # type: ignore[union-attr]
    assert parse_date("星期一", "2024-05-13").start == "2024-05-13"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "8号楼已经封顶。",
        "学习中央一号文件精神。",
        "市委书记满国庆出席。",
        "第一时间处置。",
        "有两点让人印象深刻。",
        "十天之内拿出方案。",
        "会议强调要实干。",
    ],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert sentence_date(text, "2024-05-26") is None


def test_a_sentence_takes_its_first_day_not_the_period_it_sums_up() -> None:
    span = sentence_date("今年以来，全市签约项目40个；5月24日至25日，考察团到访。", "2024-05-26")
    assert span is not None and (span.start, span.end) == ("2024-05-24", "2024-05-25")
    assert sentence_date("今年以来，全市签约项目40个。", "2024-05-26") is None
    assert sentence_date("日前，市委召开会议。", "2024-05-26") is None  # lately: the article's date stands


def test_without_an_article_date_only_full_dates_resolve() -> None:
    assert resolve_in_sentence("2022年6月14日，会议召开。", None) == "2022-06-14"
    assert resolve_in_sentence("6月14日，会议召开。", None) is None
    assert resolve_in_sentence("昨日，会议召开。", None) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2月30日，会议召开。",
        "13月45日",
        "9999年99月99日",
        "至至至日日日",
        "\x00\ufffd",
        "二〇二四年十三月",
        "每年6.",
        "5月" * 60,
    ],
)
def test_a_bad_date_gives_no_crash(text: str) -> None:
    for span in find_dates(text, "2024-05-26"):
        assert span.start <= span.end
    find_dates(text, "not a date")  # a bad article date is no date


def test_the_date_after_a_long_run_of_spaces_is_read() -> None:
    assert resolve_in_sentence("某某日报" + " " * 40 + "2024年9月4日 星期三", "2024-09-03") == "2024-09-04"


_MONTH_DAY = re.compile(
    r"(?<![\d年])(1[0-2]|[1-9])月([12]\d|3[01]|[1-9])日(?:[至—]((?:1[0-2]|[1-9])月)?([12]\d|3[01]|[1-9])日)?"
)


def _texts() -> list[Path]:
    root = PROJECT_ROOT / "tests"
    return sorted(
        [*root.glob("gold/**/*.txt"), *root.glob("heldout/**/*.txt"), *(PROJECT_ROOT / "examples").glob("*.txt")]
    )


def test_every_printed_month_and_day_of_our_texts_is_read() -> None:
    """An oracle of the plain forms (5月24日, 5月24日至25日) over every text we have: the library
    must find each of them with that month and those days."""
    checked = 0
    for path in _texts():
        text = path.read_text(encoding="utf-8")
        spans = find_dates(text, "2024-06-15")
        for m in _MONTH_DAY.finditer(text):
            month, day = int(m.group(1)), int(m.group(2))
            last_month, last = int((m.group(3) or m.group(1)).rstrip("月")), int(m.group(4) or day)
            found = [
                s for s in spans if s.offset <= m.start() < s.offset + len(s.text) or m.start() <= s.offset < m.end()
            ]
            assert found, f"{path.name}: {m.group(0)} not read"
            s = found[0]
            assert (int(s.start[5:7]), int(s.start[8:])) == (month, day), (path.name, m.group(0), s)
            if m.group(4):  # a printed range ends on its last day (1月20日夜间至23日 may go on: not checked)
                assert (int(s.end[5:7]), int(s.end[8:])) == (last_month, last), (path.name, m.group(0), s)
            checked += 1
    assert checked > 150


def test_the_month_days_of_the_sample_page(seed_path: Path) -> None:
    """The real page (read here, never copied): every 6月8日-style date it prints resolves in 2022."""
    text = seed_path.read_text(encoding="utf-8")
    wanted = {(int(m.group(1)), int(m.group(2))) for m in _MONTH_DAY.finditer(text)}
    got = {
        (int(s.start[:4]), int(s.start[5:7]), int(s.start[8:]))
        for s in find_dates(text, "2022-06-15")
        if s.precision == DAY
    }
    assert wanted and {(2022, m, d) for m, d in wanted} <= got


def test_bad_date_flag() -> None:
    with pytest.raises(InputError):
        parse_iso("2024-13-01")


# Our own invented article: the meeting runs over two days, the visit is the day after it.
_ARTICLE = (
    "本报讯 5月24日至25日，青川—临溪山海协作联席会议在临溪区召开，市委书记林海峰主持会议。"
    "26日上午，林海峰一行来到石门镇，调研特色产业发展情况。"
    "会议强调，要深化两地合作。"
)


def test_events_have_the_days_of_their_sentence_and_relations_their_own() -> None:
    from extract.extractor import extract
    from kg.model import EVENT, Article

    facts = extract(Article(id="dates-1", title="t", text=_ARTICLE, source="test", date="2024-05-27"))
    events = [e for e in facts.entities if e.type == EVENT]
    assert events, "no event found"
    meeting = next(e for e in events if "联席会议" in e.name)
    assert (meeting.properties["date"], meeting.properties["start"], meeting.properties["end"]) == (
        "2024-05-24",
        "2024-05-24",
        "2024-05-25",
    )
    by_sentence = {r.evidence.sentence: r.properties.get("date") for r in facts.relations}
    assert any(s.startswith("26日上午") and d == "2024-05-26" for s, d in by_sentence.items()), by_sentence
    assert any("联席会议" in s and d == "2024-05-24" for s, d in by_sentence.items()), by_sentence
    assert all(d for d in by_sentence.values())


def test_an_undated_event_takes_the_article_date() -> None:
    from extract.extractor import extract
    from kg.model import EVENT, Article

    text = "本报讯 市委书记林海峰主持召开全市安全生产工作会议。"
    facts = extract(Article(id="dates-2", title="t", text=text, source="test", date="2024-05-27"))
    for e in facts.entities:
        if e.type == EVENT:
            assert (e.properties["date"], e.properties["start"], e.properties["end"]) == ("2024-05-27",) * 3


def test_the_gexf_interval_of_an_event_covers_its_days() -> None:
    from extract.extractor import extract
    from kg.gexf import gexf_bytes
    from kg.graph import to_networkx
    from kg.model import Article

    facts = extract(Article(id="dates-3", title="t", text=_ARTICLE, source="test", date="2024-05-27"))
    g = to_networkx([facts])
    meeting = next(n for n, d in g.nodes(data=True) if d["type"] == "Event" and "联席会议" in d["name"])
    assert (g.nodes[meeting]["first_seen"], g.nodes[meeting]["last_seen"]) == ("2024-05-24", "2024-05-27")
    assert b'start="2024-05-24"' in gexf_bytes(g)


def test_lately_is_a_word_of_its_own() -> None:
    assert [(s.start, s.precision) for s in find_dates("节日来临，24日来到石门镇。", "2024-05-26")] == [
        ("2024-05-24", DAY)
    ]
    assert sentence_date("6日来访的客人", "2024-05-26").start == "2024-05-06"  # type: ignore[union-attr]
    assert [s.precision for s in find_dates("连日来，近期各地…", "2024-05-26")] == [RECENT, RECENT]
