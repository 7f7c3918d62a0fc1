"""The Python API (`import kg`): raw text read like files, DataFrames, the inline map, Neo4j, types."""

from __future__ import annotations

import html
import logging
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import kg
from kg.config import PROJECT_ROOT
from kg.jsonl import facts_to_dict, write_jsonl
from kg.model import Facts
from tests.fixtures_neo4j import graph_counts, tiny_facts
from viz import render_html


def _without_source(items: list[Facts]) -> list[dict[str, Any]]:
    out = []
    for facts in items:
        d = facts_to_dict(facts)
        d["article"].pop("source")
        out.append(d)
    return out


@pytest.mark.hanlp
def test_raw_text_is_read_exactly_as_its_file(examples_dir: Path) -> None:
    """Every example page, given as bytes or str, gives the facts its file gives (source aside)."""
    for path in sorted(examples_dir.glob("*.txt")):
        from_file = kg.extract_paths(path)
        day = from_file[0].article.date
        assert from_file, path
        assert _without_source(kg.extract_texts(path.read_bytes(), date=day)) == _without_source(from_file), path
        assert _without_source(kg.extract_texts(path.read_text(encoding="utf-8"), date=day)) == _without_source(
            from_file
        ), path


@pytest.mark.hanlp
def test_raw_text_is_normalized(examples_dir: Path) -> None:
    """ASCII punctuation beside Chinese becomes full-width, CRLF becomes LF, as for files; the
    evidence quotes the normalized text (extract(Article) alone would skip this)."""
    raw = (examples_dir / "2024-06-10_ascii_signing.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    assert "," in raw and "\r\n" in raw
    facts = kg.extract_texts(raw, date="2024-06-10")
    assert facts and facts[0].relations
    for f in facts:
        assert "\r" not in f.article.text and "全媒体记者 李婉清）6月9日下午，青川市" in f.article.text
        for r in f.relations:
            assert f.article.text[r.evidence.start : r.evidence.end] == r.evidence.sentence
            assert not re.search(r"[\u4e00-\u9fff],|,[\u4e00-\u9fff]", r.evidence.sentence)


@pytest.mark.hanlp
def test_bad_texts_are_logged_by_name_and_the_rest_goes_on(
    examples_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = (examples_dir / "20240602_nanyu_visit.txt").read_text(encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kg"):
        facts = kg.extract_texts(
            ["  \n", good, b"\xff\xfe\x00\x01binary"], sources=["blank.txt", "good.txt", "bin.dat"]
        )
    assert [f.article.source for f in facts] == ["good.txt"]
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(m.startswith("blank.txt: text is empty") for m in messages), messages
    assert any(m.startswith("bin.dat:") for m in messages), messages


@pytest.mark.hanlp
def test_a_single_string_is_one_page_and_progress_is_reported(
    examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]
    calls: list[tuple[int, int]] = []
    facts = kg.extract_texts(texts * 5, progress=lambda done, total: calls.append((done, total)))
    n = len(facts)
    assert n == len(kg.extract_texts(texts)) > len(texts)  # the same article five times is one article
    one = kg.extract_texts(texts[0])
    assert one and _without_source(one) == _without_source(kg.extract_texts([texts[0]]))
    assert calls == [(i, n) for i in range(1, n + 1)]
    out = capsys.readouterr()
    assert out.out == "" and out.err == "", "the library draws no bar and prints nothing"


def test_dataframes_hold_articles_entities_and_relations_with_evidence() -> None:
    facts = [tiny_facts("a1"), tiny_facts("a2", "另一篇。")]
    frames = kg.to_dataframes(facts)
    articles, entities, relations = frames
    assert list(articles["id"]) == ["a1", "a2"]
    assert articles["date"].dtype.kind == "M" and str(articles["date"][0].date()) == "2024-05-02"
    g = kg.to_networkx(facts)
    assert len(entities) == g.number_of_nodes() == 8
    chen = entities.set_index("id").loc["p-chenming"]
    assert chen["name"] == "陈明" and chen["titles"] == ["镇党委书记"] and chen["articles"] == ["a1", "a2"]
    assert len(relations) == sum(len(f.relations) for f in facts) == g.number_of_edges()
    texts = dict(zip(articles["id"], articles["text"]))
    for row in relations.itertuples():
        assert texts[row.article_id][row.start_char : row.end_char] == row.sentence
    signed = relations[relations["type"] == "SIGNED_AGREEMENT"].iloc[0]
    assert (signed["head_name"], signed["tail_name"], signed["agreement"]) == ("东岭镇", "西山乡", "结对帮扶协议")
    dated = relations[(relations["type"] == "ATTENDED") & (relations["head_name"] == "王芳")]
    assert set(dated["date"].dt.strftime("%Y-%m-%d")) == {"2024-05-01"}
    assert isinstance(relations, pd.DataFrame)


def test_map_shows_inline_and_saves_the_same_page(tmp_path: Path) -> None:
    g = kg.to_networkx([tiny_facts()])
    m = kg.map(g, title="小图")
    inline = m._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in inline
    srcdoc = re.search(r'srcdoc="([^"]*)"', inline)
    assert srcdoc is not None and html.unescape(srcdoc.group(1)) == render_html(g, title="小图")
    path = m.save(tmp_path / "m.html")
    assert path.read_text(encoding="utf-8") == render_html(g, title="小图")
    focused = kg.map(g, focus="李华")
    assert set(focused.graph.nodes) == {"p-lihua", "p-wangfang", "e-meeting"}
    with pytest.raises(kg.InputError, match="no node is named 无名氏"):
        kg.map(g, focus="无名氏")


def test_read_facts_takes_a_build_directory_or_a_file(tmp_path: Path) -> None:
    write_jsonl([tiny_facts()], tmp_path / "facts.jsonl")
    assert kg.read_facts(tmp_path) == kg.read_facts(tmp_path / "facts.jsonl") == [tiny_facts()]
    with pytest.raises(kg.InputError, match="no such facts file"):
        kg.read_facts(tmp_path / "nothing")


def test_graphml_has_labels(tmp_path: Path) -> None:
    path = kg.write_graphml(kg.to_networkx([tiny_facts()]), tmp_path / "g.graphml")
    g = nx.read_graphml(path)
    assert {d["label"] for _, d in g.nodes(data=True)} >= {"陈明", "东岭镇工作会议"}
    assert all(d["label"] == d["name"] for _, d in g.nodes(data=True))
    assert all(d["label"] == d["type"] for _, _, d in g.edges(data=True))


@pytest.mark.neo4j
def test_load_neo4j_with_explicit_uri_and_auth(empty_graph: Any, neo4j_server_settings: Any) -> None:
    s = neo4j_server_settings
    calls: list[tuple[int, int]] = []
    summary = kg.load_neo4j(
        [tiny_facts()], uri=s.uri, auth=(s.user, s.password), progress=lambda done, total: calls.append((done, total))
    )
    assert summary.articles == 1 and calls[-1] == (1, 1)
    assert graph_counts(empty_graph) == (summary.nodes_created, summary.relationships_created)
    again = kg.load_neo4j([tiny_facts()], uri=s.uri, auth=(s.user, s.password))
    assert again.nodes_created == 0 and again.relationships_created == 0


def test_mypy_accepts_the_public_api() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "kg/api.py", "kg/__init__.py"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_is_marked_typed() -> None:
    assert (PROJECT_ROOT / "kg" / "py.typed").is_file()
    assert 'kg = ["py.typed"]' in (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_inline_map_draws_inside_its_sandboxed_frame(chromium: Any, tmp_path: Path) -> None:
    """The notebook's output cell, as Jupyter places it in its page: the map draws in the iframe,
    with no request outside the page and no error."""
    g = kg.to_networkx([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    host = tmp_path / "cell.html"
    host.write_text(
        f"<!doctype html><meta charset=utf-8><body><div class=output>{kg.map(g)._repr_html_()}</div>", encoding="utf-8"
    )
    context = chromium.new_context(offline=True)
    try:
        page = context.new_page()
        outside: list[str] = []
        errors: list[str] = []

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(host.resolve().as_uri())
        frame = page.wait_for_selector("iframe").content_frame()
        assert frame is not None
        frame.wait_for_function("() => window.kgMap && window.kgMap.ready === true", timeout=60_000)
        drawn = frame.evaluate("[kgMap.network.body.data.nodes.length, kgMap.network.body.data.edges.length]")
        assert drawn == [g.number_of_nodes(), g.number_of_edges()]
        assert outside == [] and errors == []
    finally:
        context.close()


@pytest.mark.hanlp
def test_the_library_never_loads_the_terminal_ui(examples_dir: Path) -> None:
    """Only the CLI draws: extracting, tabulating and mapping through `kg` never imports rich."""
    script = (
        "import sys, kg\n"
        f"facts = kg.extract_paths({str(examples_dir)!r})\n"
        "kg.to_dataframes(facts); kg.map(kg.to_networkx(facts)).html\n"
        "assert facts, 'nothing extracted'\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.') or m == 'typer'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
