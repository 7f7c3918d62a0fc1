"""Issue 14, item 6: every user error is one line with the right exit code, and nothing is left
half-written. Through the real `kg` process; the server cases against the real local Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.reading import decode, discover, read_text
from kg.errors import InputError
from kg.jsonl import write_jsonl
from kg.pipeline import read_articles
from loaders.neo4j_connection import Neo4jSettings
from tests.fixtures_neo4j import tiny_facts
from tests.test_cli import kg

TEXT = "本报讯 昨日上午，青川市召开全市经济工作会议。市长林海峰出席会议并讲话。\n"


def _one_error_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    path = tmp_path / "2024-05-13_page.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_o_naming_a_directory_fails_first_and_leaves_no_tmp(tmp_path: Path, page: Path) -> None:
    outdir = tmp_path / "outdir"
    outdir.mkdir()
    result = kg("extract", str(page), "-o", str(outdir))
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert str(outdir) in line and "is a directory" in line
    assert list(tmp_path.glob("*.tmp")) == [] and list(outdir.iterdir()) == []


def test_o_where_nothing_can_be_written(page: Path) -> None:
    result = kg("extract", str(page), "-o", "/proc/x")
    assert result.returncode == 1
    assert "/proc/x" in _one_error_line(result.stderr)


def test_build_out_naming_a_file(tmp_path: Path, page: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("keep", encoding="utf-8")
    result = kg("build", str(page), "--out", str(afile))
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert str(afile) in line and "not a directory" in line
    assert afile.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://example.org", "localhost:7687", "bolt://"])
def test_a_uri_that_is_not_bolt(tmp_path: Path, uri: str) -> None:
    facts = tmp_path / "facts.jsonl"
    write_jsonl([tiny_facts("a1")], facts)
    result = kg("load", "--facts", str(facts), "--uri", uri, "--password", "x")
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert repr(uri) in line and "bolt://" in line


@pytest.mark.hanlp
def test_a_missing_named_input_fails_the_run_after_the_rest_is_written(tmp_path: Path, page: Path) -> None:
    out = tmp_path / "facts.jsonl"
    missing = tmp_path / "nothere.txt"
    result = kg("extract", str(page), str(missing), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: 1 input could not be read") and str(missing) in last and str(out) in last
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["article"]["source"] == str(page)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_read(encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))  # no BOM: found by its NUL bytes
    assert decode(data, "x.txt") == TEXT


def test_utf16_with_a_bom_written_by_windows_notepad(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes(b"\xff\xfe" + TEXT.replace("\n", "\r\n").encode("utf-16-le"))
    assert read_text(path) == TEXT.replace("\n", "\r\n")
    articles, files = read_articles([str(path)])
    assert files == 1 and "林海峰" in articles[0].text


@pytest.mark.parametrize("where", [0, 100, 4096, 5000, -1])
def test_nul_anywhere_is_rejected_with_one_line_naming_the_file(where: int) -> None:
    body = (TEXT * 200).encode("utf-8")
    assert len(body) > 5000
    at = len(body) if where == -1 else where
    with pytest.raises(InputError, match=r"^late\.txt: binary file \(contains NUL"):
        decode(body[:at] + b"\x00" + body[at:], "late.txt")
    with pytest.raises(InputError, match="NUL"):
        decode(("\ufeff" + TEXT + "\x00").encode("utf-16"), "late.txt")


def test_symlink_loops_in_a_directory_are_named(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "sub" / "up").symlink_to("..")
    (root / "self1.txt").symlink_to("self2.txt")
    (root / "self2.txt").symlink_to("self1.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(TEXT.replace("青川", "东岭"), encoding="utf-8")
    (root / "linked").symlink_to(elsewhere)  # a symlinked folder that is not a loop is read
    notes: list[str] = []
    found = list(discover([str(root)], report=notes.append))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt", "b.txt"]
    assert len(notes) == 3, notes
    assert any(str(root / "sub" / "up") in n and "loop" in n for n in notes)
    assert sum("loop" in n and "self" in n for n in notes) == 2
    problems: list[str] = []
    articles, files = read_articles([str(root)], report=notes.append, problems=problems)
    assert files == 2 and problems == []  # a loop inside a directory is a note, not a failed input


@pytest.mark.neo4j
def test_a_parameter_that_is_not_a_number(neo4j_server_settings: Neo4jSettings) -> None:
    env = {"NEO4J_URI": neo4j_server_settings.uri, "NEO4J_PASSWORD": neo4j_server_settings.password or ""}
    for args in (
        ["query", "top_connected", "-p", "limit=abc"],
        ["cypher", "RETURN 1 AS x LIMIT toInteger($n)", "-p", "n=abc"],
    ):
        result = kg(*args, env=env)
        assert result.returncode == 1
        line = _one_error_line(result.stderr)
        assert "'abc'" in line and "whole number" in line and "org.neo4j" not in line
    # Past our check, the server's own message still names no Java class.
    result = kg("cypher", "RETURN 1 AS x LIMIT toInteger($n + '')", "-p", "n=abc", env=env)
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert "org.neo4j" not in line and "@" not in line


@pytest.mark.neo4j
def test_csv_without_rows_prints_the_header(neo4j_server_settings: Neo4jSettings, empty_graph: object) -> None:
    env = {"NEO4J_URI": neo4j_server_settings.uri, "NEO4J_PASSWORD": neo4j_server_settings.password or ""}
    ad_hoc = kg(
        "cypher",
        "MATCH (p:Person {name: 'nobody'}) RETURN p.name AS name, p.titles AS titles",
        "--format",
        "csv",
        env=env,
    )
    assert ad_hoc.returncode == 0, ad_hoc.stderr
    assert ad_hoc.stdout == "name,titles\n"
    library = kg("query", "top_connected", "-p", "limit=5", "--format", "csv", env=env)
    assert library.returncode == 0, library.stderr
    assert library.stdout == "name,type,jurisdiction,neighbours,relationships\n"
