"""`kg map` through the real CLI entry point: sources, focus and pruning, warnings, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import neo4j
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import to_networkx
from kg.jsonl import write_jsonl
from loaders.neo4j_connection import Neo4jSettings
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import tiny_facts
from tests.test_neo4j_cli import kg


def _payload(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_map_from_a_build_directory_and_a_facts_file(tmp_path: Path) -> None:
    write_jsonl([tiny_facts("a1"), tiny_facts("a2", "另一篇。")], tmp_path / "build" / "facts.jsonl")
    out = tmp_path / "m1.html"
    result = kg("map", str(tmp_path / "build"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    full = _payload(out)
    assert len(full["nodes"]) == 8 and len(full["edges"]) == 16  # 8 relations in each of 2 articles

    out2 = tmp_path / "m2.html"
    result = kg(
        "map", str(tmp_path / "build" / "facts.jsonl"), "-o", str(out2), "--focus", "陈书记", "--title", "陈明周边"
    )
    assert result.returncode == 0, result.stderr
    ego = _payload(out2)
    assert {n["label"] for n in ego["nodes"]} == {"陈明", "东岭镇工作会议", "东岭镇党委"}
    assert ego["title"] == "陈明周边"

    out3 = tmp_path / "m3.html"
    assert kg("map", str(tmp_path / "build"), "-o", str(out3), "--focus", "陈明", "--hops", "2").returncode == 0
    assert {n["label"] for n in _payload(out3)["nodes"]} >= {"李华", "王芳"}

    out4 = tmp_path / "m4.html"
    assert kg("map", str(tmp_path / "build"), "-o", str(out4), "--min-degree", "4").returncode == 0
    full_graph = to_networkx([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    wanted = {d["name"] for n, d in full_graph.nodes(data=True) if full_graph.degree(n) >= 4}
    assert {n["label"] for n in _payload(out4)["nodes"]} == wanted and 0 < len(wanted) < 8


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give exactly one source"),
        (["nowhere/"], "no such facts file"),
        (["{build}", "--focus", "无此人"], "no node is named 无此人"),
        (["{build}", "--cypher", "MATCH (n) RETURN n"], "give exactly one source"),
        (["{build}", "-p", "a=b"], "-p/--param only goes with"),
    ],
)
def test_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    write_jsonl([tiny_facts()], tmp_path / "facts.jsonl")
    result = kg("map", *[a.replace("{build}", str(tmp_path)) for a in args], "-o", str(tmp_path / "x.html"))
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_large_maps_warn_and_suggest_focus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import viz.page

    write_jsonl([tiny_facts()], tmp_path / "facts.jsonl")
    monkeypatch.setattr(viz.page, "LARGE_MAP_NODES", 3)
    result = CliRunner().invoke(app, ["map", str(tmp_path), "-o", str(tmp_path / "m.html")], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "--focus" in result.output
    assert (tmp_path / "m.html").is_file()


@pytest.mark.neo4j
def test_map_from_neo4j(neo4j_driver: neo4j.Driver, neo4j_server_settings: Neo4jSettings, tmp_path: Path) -> None:
    from viz.from_neo4j import read_graph

    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    Neo4jWriter(neo4j_driver).write([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    graph = read_graph(neo4j_driver, None, "MATCH p=(:Person {name: $name})-[]->() RETURN p", {"name": "陈明"})
    assert {d["name"] for _, d in graph.nodes(data=True)} == {"陈明", "东岭镇工作会议", "东岭镇党委"}
    assert graph.nodes[next(n for n, d in graph.nodes(data=True) if d["name"] == "陈明")]["aliases"] == ["陈书记"]
    edges = list(graph.edges(data=True))
    assert len(edges) == 4 and {d["type"] for _, _, d in edges} == {"CHAIRED", "HOLDS_POSITION"}
    assert all(d["article_title"].startswith("标题 a") and d["sentence"] for _, _, d in edges)

    s = neo4j_server_settings
    env = {"NEO4J_PASSWORD": s.password or ""}
    out = tmp_path / "neo.html"
    result = kg(
        "map",
        "--cypher",
        "MATCH p=(:Place)-[:SIGNED_AGREEMENT|PARTY_TO]->() RETURN p",
        "--uri",
        s.uri,
        "-o",
        str(out),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    types = {e["t"] for e in _payload(out)["edges"]}
    assert types == {"SIGNED_AGREEMENT", "PARTY_TO"}

    # A library query returns a table: the map draws the entities it names and their relations.
    result = kg("map", "--query", "who_met_whom", "-p", "name=陈书记", "--uri", s.uri, "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    payload = _payload(out)
    assert {n["label"] for n in payload["nodes"]} == {"陈明", "李华", "王芳", "东岭镇工作会议"}
    assert {e["t"] for e in payload["edges"]} == {"CHAIRED", "ATTENDED", "MET"}  # 李华 met 王芳 directly
    assert payload["title"] == "关系图谱 · who_met_whom"

    # Nothing to draw: one clear line.
    result = kg("map", "--cypher", "RETURN 1 AS x", "--uri", s.uri, "-o", str(out), env=env)
    assert result.returncode != 0 and "nothing to draw" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
