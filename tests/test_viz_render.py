"""The map's HTML, checked in Python: self-contained, no outside requests, data safely embedded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import to_networkx
from kg.model import Article, Entity, Evidence, Facts, Relation
from tests.fixtures_neo4j import tiny_facts
from viz import is_large, render, render_html
from viz.payload import build_payload, script_json

HOSTILE = "<script>alert(1)</script>"


def hostile_facts() -> Facts:
    """Names, titles and sentences full of markup, quotes and ampersands."""
    s1 = f"周远山{HOSTILE}会见了\"郑可\"&'张三'</script><!-- x -->\u2028。"
    s2 = "周远山出席<img src=x onerror=alert(2)>大会。"
    text = s1 + s2
    ev = lambda s: Evidence("h1", s, text.index(s), text.index(s) + len(s))  # noqa: E731
    entities = (
        Entity("p1", "Person", "周远山", titles=(f"书记{HOSTILE}",), aliases=("</script><script>alert(3)</script>",)),
        Entity("p2", "Person", f"郑可{HOSTILE}"),
        Entity("e1", "Event", '<b>大会</b> & "会议"'),
    )
    relations = (
        Relation("MET", "p1", "p2", ev(s1)),
        Relation("ATTENDED", "p1", "e1", ev(s2)),
    )
    return Facts(Article("h1", f"标题{HOSTILE}&amp;", text, "h.txt", "2022-06-15"), entities, relations)


def test_script_json_cannot_close_its_element() -> None:
    value = {"s": "</script><!--<script>&\u2028\u2029", "n": [1, "ä"]}
    text = script_json(value)
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_page_is_self_contained_and_offline() -> None:
    page = render_html(to_networkx([tiny_facts()]))
    assert "default-src 'none'" in page  # the CSP forbids every request the page could make
    assert not re.search(r"<(script|link|img|iframe|source)\b[^>]*\b(src|href)\s*=", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower() and "node_modules" not in page
    assert "vis-network" in page and "new vis.Network" in page
    # data, vis, layout, map: only our own elements open or close a script (vis's code holds a
    # "<script>" string literal, harmless without a closing tag).
    assert len(re.findall(r"^<script\b", page, re.M)) == page.count("</script>") == 4


def test_hostile_text_is_data_not_markup() -> None:
    page = render_html(to_networkx([hostile_facts()]), title=f"图{HOSTILE}")
    assert HOSTILE not in page and "alert(3)" not in page.split('id="kg-data"')[0]
    assert page.count("</script>") == 4
    assert "<title>图&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    data = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None
    payload = json.loads(data.group(1))
    assert {n["label"] for n in payload["nodes"]} >= {f"郑可{HOSTILE}", '<b>大会</b> & "会议"'}
    assert any("</script><!-- x -->\u2028" in e["s"] for e in payload["edges"])


def test_payload_keeps_every_node_and_parallel_edge() -> None:
    g = to_networkx([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    payload = build_payload(g, title="t")
    assert len(payload["nodes"]) == g.number_of_nodes()
    assert len(payload["edges"]) == g.number_of_edges()
    # Two articles state the same relations: each pair's edges fan out with distinct curvature.
    by_pair: dict[tuple[int, int], list[float]] = {}
    for e in payload["edges"]:
        low = min(e["from"], e["to"])
        side = e.get("c", 0.0) * (1 if e["from"] == low else -1)  # as seen from the pair's low end
        by_pair.setdefault((low, max(e["from"], e["to"])), []).append(side)
    assert any(len(c) > 1 for c in by_pair.values())
    for sides in by_pair.values():
        assert len(set(sides)) == len(sides), sides
    labels = {r["type"]: r["label"] for r in payload["relationTypes"]}
    assert labels["CHAIRED"] == "主持" and labels["ATTENDED"] == "出席" and labels["SIGNED_AGREEMENT"] == "签订协议"
    assert {t["type"] for t in payload["entityTypes"]} == {"Person", "Event", "Place", "Organization", "Agreement"}


def test_opposite_edges_curve_to_different_sides() -> None:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    g.add_node("a", type="Person", name="甲", titles=[], aliases=[], articles=[])
    g.add_node("b", type="Person", name="乙", titles=[], aliases=[], articles=[])
    g.add_edge("a", "b", key="1", type="MET")
    g.add_edge("b", "a", key="2", type="ACCOMPANIED")
    edges = build_payload(g, title="t")["edges"]
    # The same signed roundness on opposite directions is drawn on opposite sides in vis-network.
    assert edges[0]["c"] == edges[1]["c"] != 0


def test_the_legend_is_the_schemas_styles() -> None:
    """Whatever the schema says a type looks like is what the legend shows, in the schema's order."""
    from kg.schema import DEFAULT

    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for i, e in enumerate(DEFAULT.entities):
        g.add_node(i, type=e.name, name=f"n{i}")
    for j, r in enumerate(DEFAULT.relations):
        g.add_edge(0, 1, key=str(j), type=r.name)
    payload = build_payload(g, title="t")
    assert [(t["type"], t["label"], t["colour"]) for t in payload["relationTypes"]] == [
        (r.name, r.label, r.colour) for r in DEFAULT.relations
    ]
    assert [(t["type"], t["label"], t["shape"]) for t in payload["entityTypes"]] == [
        (e.name, e.label, e.shape) for e in DEFAULT.entities
    ]


def test_render_writes_one_file(tmp_path: Path) -> None:
    out = render(to_networkx([tiny_facts()]), tmp_path / "sub" / "map.html", title="小图")
    assert out.is_file() and list(out.parent.iterdir()) == [out]
    assert "<title>小图</title>" in out.read_text(encoding="utf-8")


def test_empty_graph_renders() -> None:
    assert "kg-data" in render_html(nx.MultiDiGraph())


@pytest.mark.parametrize(("nodes", "large"), [(10, False), (3001, True)])
def test_is_large(nodes: int, large: bool) -> None:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    g.add_nodes_from(range(nodes))
    assert is_large(g) is large


def test_the_page_is_the_jinja_template_with_every_value_filled(tmp_path: Path) -> None:
    """Title escaped where it is text, data embedded by tojson, the assets inlined whole."""
    from viz.page import _template, vis_assets

    title = "图<b>&'\"{{ x }}"
    page = render_html(to_networkx([tiny_facts()]), title=title)
    assert page.count("<title>图&lt;b&gt;&amp;&#39;&#34;{{ x }}</title>") == 1
    assert "{{" not in page.replace("{{ x }}", "") and "/*@" not in page
    data = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert data and json.loads(data.group(1)) == build_payload(to_networkx([tiny_facts()]), title=title)
    for asset in (*vis_assets(), _template("map.js"), _template("layout.js"), _template("map.css")):
        assert asset in page
