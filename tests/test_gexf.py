"""GEXF 1.3 for Gephi: valid against the schema subset in tests/schemas, dated for the timeline,
offsets renamed start_char/end_char, read back by networkx; `kg export --gexf`."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from typer.testing import CliRunner

from kg.cli import app
from kg.gexf import GEXF_NS, gexf_bytes, write_gexf
from kg.graph import to_networkx
from kg.jsonl import write_jsonl
from kg.model import Article, Entity, Evidence, Facts, Relation
from tests.fixtures_neo4j import tiny_facts
from tests.test_viz_render import hostile_facts

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "gexf-1.3-subset.xsd")))
NS = {"g": GEXF_NS}


def _valid(data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    SCHEMA.assertValid(root)
    return root


def _control_facts() -> Facts:
    """OCR debris: control characters XML 1.0 cannot carry, even escaped."""
    s = "陈明\x0c出席\x01会议。"
    ev = Evidence("c1", s, 0, len(s))
    entities = (Entity("pc", "Person", "陈明\x0b"), Entity("ec", "Event", "会议"))
    return Facts(Article("c1", "标题\x07", s, "c.txt", "2024-01-31"), entities, (Relation("ATTENDED", "pc", "ec", ev),))


def _check_dates_and_names(g: nx.MultiDiGraph, root: etree._Element) -> None:
    graph = root.find("g:graph", NS)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    declared = {
        cls: {a.get("id"): a.get("title") for a in graph.iterfind(f"g:attributes[@class='{cls}']/g:attribute", NS)}
        for cls in ("node", "edge")
    }
    assert {"start_char", "end_char", "sentence", "date", "type"} <= set(declared["edge"].values())
    assert not {"start", "end"} & set(declared["edge"].values()), "Gephi would read these as time"
    nodes = {n.get("id"): n for n in graph.iterfind("g:nodes/g:node", NS)}
    assert len(nodes) == g.number_of_nodes() == int(graph.find("g:nodes", NS).get("count"))
    edges = list(graph.iterfind("g:edges/g:edge", NS))
    assert len(edges) == g.number_of_edges() == int(graph.find("g:edges", NS).get("count"))
    for node_id, data in g.nodes(data=True):
        element = nodes[node_id]
        assert element.get("label") == data["name"]
        for value in element.iterfind("g:attvalues/g:attvalue", NS):
            assert value.get("for") in declared["node"]
    for edge in edges:
        assert edge.get("source") in nodes and edge.get("target") in nodes
        values = {declared["edge"][v.get("for")]: v.get("value") for v in edge.iterfind("g:attvalues/g:attvalue", NS)}
        assert edge.get("label") == edge.get("kind") == values["type"]
        assert edge.get("start") == edge.get("end") == values["date"]
        int(values["start_char"]), int(values["end_char"])
        # a node lives at least as long as each of its relations
        for end in (edge.get("source"), edge.get("target")):
            node = nodes[end]
            assert node.get("start") <= edge.get("start") <= node.get("end")


def test_tiny_graph_is_valid_gexf_13_with_dates(tmp_path: Path) -> None:
    g = to_networkx([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    path = write_gexf(g, tmp_path / "g.gexf")
    root = _valid(path.read_bytes())
    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    _check_dates_and_names(g, root)
    wang = root.find("g:graph/g:nodes/g:node[@id='p-wangfang']", NS)
    assert (wang.get("start"), wang.get("end")) == ("2024-05-01", "2024-05-02")  # a relation dated before its article


def test_markup_and_control_characters_stay_valid_xml() -> None:
    g = to_networkx([hostile_facts(), _control_facts()])
    root = _valid(gexf_bytes(g))
    labels = {n.get("label") for n in root.iterfind("g:graph/g:nodes/g:node", NS)}
    assert "郑可<script>alert(1)</script>" in labels and "陈明" in labels
    sentences = {v.get("value") for v in root.iterfind("g:graph/g:edges/g:edge/g:attvalues/g:attvalue", NS)}
    assert "陈明出席会议。" in sentences


def test_the_schema_check_can_fail() -> None:
    data = gexf_bytes(to_networkx([tiny_facts()]))
    for broken in (
        data.replace(b'timeformat="date"', b'timeformat="day"'),
        data.replace(b'start="2024-05-02"', b'start="2024-13-02"', 1),
        data.replace(b'version="1.3"', b'version="1.2"'),
        data.replace(b"http://gexf.net/1.3", b"http://www.gexf.net/1.2draft"),
    ):
        assert broken != data
        with pytest.raises(etree.DocumentInvalid):
            SCHEMA.assertValid(etree.fromstring(broken))


def test_networkx_reads_it_back() -> None:
    """networkx reads GEXF up to 1.2draft; 1.3 differs in namespace and version only for what we write."""
    g = to_networkx([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    data = gexf_bytes(g).replace(b"http://gexf.net/1.3", b"http://www.gexf.net/1.2draft")
    back = nx.read_gexf(io.BytesIO(data.replace(b'version="1.3"', b'version="1.2"')), version="1.2draft")
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    assert {n: d["label"] for n, d in back.nodes(data=True)} == {n: d["name"] for n, d in g.nodes(data=True)}
    original = sorted((u, v, d["type"], d["start"], d["end"], d["date"]) for u, v, d in g.edges(data=True))
    read = sorted((u, v, d["type"], d["start_char"], d["end_char"], d["start"]) for u, v, d in back.edges(data=True))
    assert read == original


@pytest.mark.hanlp
def test_the_seed_page_exports_valid_gexf(seed_facts: list[Facts], tmp_path: Path) -> None:
    g = to_networkx(seed_facts)
    assert g.number_of_edges() > 10
    _check_dates_and_names(g, _valid(write_gexf(g, tmp_path / "seed.gexf").read_bytes()))


def test_kg_export_gexf_from_a_build_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = tmp_path / "out"
    write_jsonl([tiny_facts("a1"), tiny_facts("a2", "另一篇。")], build / "facts.jsonl")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "--facts", str(build), "--gexf", "g.gexf"])
    assert result.exit_code == 0, result.output
    assert "wrote g.gexf: 8 nodes, 16 relations" in result.output
    assert not (tmp_path / "neo4j-import").exists(), "--gexf alone writes no CSVs"
    _valid((tmp_path / "g.gexf").read_bytes())
    both = CliRunner().invoke(
        app, ["export", "--facts", str(build / "facts.jsonl"), "--gexf", "h.gexf", "--neo4j-admin", "csv"]
    )
    assert both.exit_code == 0, both.output
    assert (tmp_path / "h.gexf").is_file() and any((tmp_path / "csv").glob("nodes_*.csv"))
