"""Input discovery and decoding: encodings, globs, and bad inputs that must not stop a batch."""

from pathlib import Path

import pytest

from extract.reading import decode, discover
from kg.errors import InputError
from kg.pipeline import read_articles

TEXT = "本报讯 昨日上午，青川市召开全市经济工作会议。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_decodes_common_chinese_encodings(encoding: str) -> None:
    assert decode(TEXT.encode(encoding), "x.txt") == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (bytes(range(128, 256)) * 8, "decode"),
    ],
)
def test_bad_bytes_are_named_errors(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, "bad.txt")


def test_discover_files_dirs_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty_dir").mkdir()
    found = list(
        discover([str(tmp_path / "a.txt"), str(sub), str(tmp_path / "*.txt"), str(tmp_path / "empty_dir"), "nope.txt"])
    )
    paths = [p for p in found if isinstance(p, Path)]
    errors = [str(e) for e in found if isinstance(e, InputError)]
    assert [p.name for p in paths] == ["a.txt", "b.txt"]
    assert any("empty_dir" in e for e in errors) and any("nope.txt" in e for e in errors)


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "2024-05-13_good.txt").write_text(TEXT, encoding="gb18030")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 100)
    problems: list[str] = []
    articles, files = read_articles([str(tmp_path)], problems=problems)
    assert files == 1 and len(articles) == 1
    assert articles[0].date == "2024-05-13"
    assert len(problems) == 2 and all(str(tmp_path) in p for p in problems)


def test_date_flag_wins_and_is_validated(tmp_path: Path) -> None:
    (tmp_path / "20240513.txt").write_text(TEXT, encoding="utf-8")
    articles, _ = read_articles([str(tmp_path)], date="2023-01-02")
    assert articles[0].date == "2023-01-02"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_articles([str(tmp_path)], date="13/05/2024")


def test_article_ids_are_stable_and_content_derived(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TEXT, encoding="gb18030")
    articles, _ = read_articles([str(tmp_path)])
    assert len(articles) == 1  # the same article in two files is one article
    again, _ = read_articles([str(tmp_path / "one.txt")])
    assert again[0].id == articles[0].id
