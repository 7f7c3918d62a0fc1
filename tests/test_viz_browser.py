"""The map in a real browser: Debian's headless Chromium, file://, network off."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.graph import to_networkx
from kg.model import Facts
from tests.fixtures_neo4j import tiny_facts
from tests.test_viz_render import HOSTILE, hostile_facts
from viz import render
from viz.browser import MapBrowser

pytestmark = pytest.mark.browser


def _counts(page) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return page.eval(
        "({nodes: kgMap.nodeCount, edges: kgMap.edgeCount, drawnNodes: kgMap.network.body.data.nodes.length,"
        " drawnEdges: kgMap.network.body.data.edges.length, visibleEdges: kgMap.visibleEdgeCount()})"
    )


@pytest.mark.hanlp
def test_seed_page_map(seed_facts: list[Facts], map_browser: MapBrowser, output_dir: Path) -> None:
    graph = to_networkx(seed_facts)
    path = render(graph, output_dir / "seed_map.html", title="样例版面 关系图谱")
    page = map_browser.open(path)
    assert page.problems == []
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    assert _counts(page) == {"nodes": n, "edges": m, "drawnNodes": n, "drawnEdges": m, "visibleEdges": m}
    assert page.eval("kgMap.network.physics.options.enabled") is False  # settled and frozen
    page.page.screenshot(path=str(output_dir / "seed_map_overview.png"))

    # A relation-type filter hides exactly that type's edges, and brings them back.
    per_type = Counter(d["type"] for _, _, d in graph.edges(data=True))
    rel, count = per_type.most_common(1)[0]
    page.eval(f"kgMap.filterRelation('{rel}', false)")
    assert page.eval("kgMap.visibleEdgeCount()") == m - count
    hidden = page.eval("kgMap.network.body.data.edges.get({filter: e => e.hidden}).length")
    assert hidden == count
    page.eval(f"kgMap.filterRelation('{rel}', true)")
    assert page.eval("kgMap.visibleEdgeCount()") == m

    # The search box finds 王健, selects him and shows his titles in the panel.
    page.page.fill("#search", "王健")
    page.page.press("#search", "Enter")
    assert page.eval("kgMap.selectedNode()") == "王健"
    panel = page.eval("kgMap.panelText()")
    assert "王健" in panel and "人物" in panel
    page.page.wait_for_timeout(600)  # let the focus animation finish before the picture
    page.page.screenshot(path=str(output_dir / "seed_map_wang_jian.png"))
    assert page.problems == []


def test_panels_filters_and_dates(map_browser: MapBrowser, tmp_path: Path) -> None:
    g = to_networkx([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    page = map_browser.open(render(g, tmp_path / "map.html"))
    assert page.problems == []
    m = g.number_of_edges()
    # Parallel relations (same pair, two articles) are all drawn.
    assert _counts(page)["drawnEdges"] == m
    # A real click on a node pins its panel and dims everything outside its neighbourhood.
    xy = page.eval(
        "(() => { const n = kgMap.network, id = Object.keys(n.getPositions()).find("
        " k => n.body.data.nodes.get(Number(k)).label === '李华');"
        " const p = n.canvasToDOM(n.getPositions([id])[id]), r = document.getElementById('network').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; })()"
    )
    page.page.mouse.click(*xy)
    assert page.eval("kgMap.selectedNode()") == "李华"
    assert "李华" in page.eval("kgMap.panelText()")
    dimmed = page.eval(
        "kgMap.network.body.data.nodes.get({filter: n => n.color && n.color.background === '#e4e4e4'}).length"
    )
    assert dimmed == g.number_of_nodes() - 3  # 李华, the meeting and 王芳 (MET) stay lit
    # An alias finds the person; the panel lists titles and aliases.
    assert page.eval("kgMap.search('陈书记')") == "陈明"
    panel = page.eval("kgMap.panelText()")
    assert "镇党委书记" in panel and "陈书记" in panel
    # Clicking an edge's evidence: sentence, article title and date.
    page.eval("kgMap.showEdge(0)")
    panel = page.eval("kgMap.panelText()")
    assert "陈明主持召开东岭镇工作会议" in panel and "《标题 a1》" in panel and "2024-05-02" in panel
    # A date range outside every relation hides them all; undated ones would stay.
    page.eval("kgMap.filterDates('2025-01-01', '')")
    assert page.eval("kgMap.visibleEdgeCount()") == 0
    page.eval("kgMap.filterDates('2024-05-01', '2024-05-01')")
    assert page.eval("kgMap.visibleEdgeCount()") == 2  # 王芳's dated ATTENDED, once per article
    page.eval("kgMap.reset()")
    assert page.eval("kgMap.visibleEdgeCount()") == m
    # Hiding a type hides its nodes and every edge that touches them.
    page.eval("kgMap.filterType('Event', false)")
    touching = sum(1 for u, v, _ in g.edges(data=True) if "Event" in (g.nodes[u]["type"], g.nodes[v]["type"]))
    assert page.eval("kgMap.visibleEdgeCount()") == m - touching
    assert page.eval("kgMap.visibleNodeCount()") == g.number_of_nodes() - 1
    assert page.eval("kgMap.search('没有这个人')") is None
    assert page.problems == []


def test_hostile_text_never_runs(map_browser: MapBrowser, tmp_path: Path) -> None:
    page = map_browser.open(render(to_networkx([hostile_facts()]), tmp_path / "map.html", title=f"图{HOSTILE}"))
    assert page.eval("document.title") == f"图{HOSTILE}"
    assert page.eval("document.querySelectorAll('script').length") == 4
    assert page.eval("document.querySelectorAll('img, b').length") == 0
    page.eval("kgMap.search('周远山')")
    assert "</script><script>alert(3)</script>" in page.eval("kgMap.panelText()")
    for edge in range(2):
        page.eval(f"kgMap.showEdge({edge})")
        assert page.eval("document.querySelectorAll('#panel img, #panel script, #panel b').length") == 0
    assert "出席<img src=x onerror=alert(2)>大会" in page.eval("kgMap.panelText()")
    page.page.click("#network", position={"x": 700, "y": 400})
    page.page.wait_for_timeout(300)
    assert page.dialogs == [] and page.problems == []


def test_a_large_map_becomes_interactive(map_browser: MapBrowser, tmp_path: Path) -> None:
    from bench.bench_map import synthetic_graph

    g = synthetic_graph(2000)
    page = map_browser.open(render(g, tmp_path / "map.html"), timeout_ms=30_000)
    assert page.problems == []
    counts = _counts(page)
    assert counts["drawnNodes"] == 2000 and counts["drawnEdges"] == g.number_of_edges()
    assert page.eval("kgMap.layoutMs") < 15_000
    positions = page.eval("Object.values(kgMap.network.getPositions()).slice(0, 50)")
    assert len({(round(p["x"]), round(p["y"])) for p in positions}) == 50  # spread out, not stacked


def test_an_empty_map_still_opens(map_browser: MapBrowser, tmp_path: Path) -> None:
    import networkx as nx

    page = map_browser.open(render(nx.MultiDiGraph(), tmp_path / "empty.html"))
    assert page.eval("[kgMap.nodeCount, kgMap.edgeCount, kgMap.visibleEdgeCount()]") == [0, 0, 0]
    assert page.problems == []
