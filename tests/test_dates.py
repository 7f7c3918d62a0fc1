"""Article dates and relative dates resolved against them."""

import pytest

from extract.dates import date_from_filename, date_from_text, parse_iso, resolve_in_sentence
from kg.errors import InputError


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2024-05-13_page.txt", "2024-05-13"), ("qc20240513.txt", "2024-05-13"), ("2024_05_13.txt", "2024-05-13"),
     ("000_d54358a44c71c9bc.txt", None), ("20241399.txt", None)],
)
def test_date_from_filename(name: str, expected: str | None) -> None:
    assert date_from_filename(name) == expected


def test_date_printed_at_the_top_of_the_page() -> None:
    assert date_from_text("青川日报\n2024年5月13日 星期一\n本报讯 …") == "2024-05-13"
    assert date_from_text("本报讯 …\n\n\n\n2024年5月13日") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("昨日上午，会议召开。", "2024-05-12"), ("今天下午，开幕。", "2024-05-13"), ("前天，签约。", "2024-05-11"),
     ("6月8日，专项行动开展。", "2024-06-08"), ("11月30日，会议召开。", "2023-11-30"), ("5月24日至25日，考察。", "2024-05-24"),
     ("2022年6月14日，会议召开。", "2022-06-14"), ("会议强调要实干。", None)],
)
def test_relative_dates(sentence: str, expected: str | None) -> None:
    assert resolve_in_sentence(sentence, "2024-05-13") == expected


def test_bad_date_flag() -> None:
    with pytest.raises(InputError):
        parse_iso("2024-13-01")
