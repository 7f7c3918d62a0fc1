"""A large map in the real Chromium: laid out in Python, drawn as given with physics off, and still
answering search, a real click on a node and a real click on an edge."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.bench_map import synthetic_graph
from viz import render
from viz.browser import MapBrowser
from viz.layout import layout_positions

pytestmark = pytest.mark.browser

# A node on screen (DOM pixels of the page) from its vis id.
_AT = """id => {
  const n = kgMap.network, p = n.canvasToDOM(n.getPositions([id])[id]), r = document.getElementById('network').getBoundingClientRect();
  return [p.x + r.left, p.y + r.top];
}"""


def test_a_3000_node_map_opens_laid_out_and_answers_input(map_browser: MapBrowser, tmp_path: Path) -> None:
    g = synthetic_graph(3000, seed=5)
    m = g.number_of_edges()
    page = map_browser.open(render(g, tmp_path / "large.html"), timeout_ms=60_000)
    assert page.problems == []
    assert page.eval("[kgMap.nodeCount, kgMap.edgeCount]") == [3000, m]

    # Physics never ran: no stabilisation, and every node is exactly where viz.layout put it.
    assert page.eval("kgMap.network.physics.options.enabled") is False
    assert page.eval("[kgMap.layoutIterations, kgMap.timings.layout]") == [0, 0]
    expected = layout_positions(g)
    keys = page.eval("JSON.parse(document.getElementById('kg-data').textContent).nodes.map(n => n.key)")
    # vis's getPositions() rounds to whole pixels: read the drawn nodes' own coordinates.
    drawn = page.eval(
        "(() => { const b = kgMap.network.body.nodes, o = {}; for (const k in b) o[k] = {x: b[k].x, y: b[k].y}; return o; })()"
    )
    assert len(drawn) == 3000
    for i, key in enumerate(keys):
        x, y = expected[key]
        assert drawn[str(i)]["x"] == pytest.approx(x, abs=0) and drawn[str(i)]["y"] == pytest.approx(y, abs=0)
    assert len({(round(p["x"]), round(p["y"])) for p in drawn.values()}) > 2900  # spread, not stacked

    # The page draws every edge at the overview; a relation filter takes exactly its edges away.
    assert page.eval("kgMap.ownEdges") is True
    assert page.eval("(kgMap.network.redraw(), kgMap.drawnEdgeCount())") == m
    rel, count = Counter(d["type"] for _, _, d in g.edges(data=True)).most_common(1)[0]
    page.eval(f"kgMap.filterRelation('{rel}', false)")
    assert page.eval("(kgMap.network.redraw(), kgMap.drawnEdgeCount())") == m - count
    page.eval("kgMap.reset()")

    # Search by name selects the node and opens its panel.
    index = {key: i for i, key in enumerate(keys)}
    hub = max(g.nodes, key=lambda n: g.degree(n))
    name = g.nodes[hub]["name"]
    assert page.eval("n => kgMap.search(n)", name) == name
    assert name in page.eval("kgMap.panelText()")
    page.eval("kgMap.reset()")

    # A real click on a node, zoomed in on it: selected, pinned, its neighbourhood lit.
    page.eval("id => kgMap.network.moveTo({position: kgMap.network.getPositions([id])[id], scale: 1.5})", index[hub])
    page.page.wait_for_timeout(100)
    page.page.mouse.click(*page.eval(_AT, index[hub]))
    assert page.eval("kgMap.selectedNode()") == name
    assert name in page.eval("kgMap.panelText()")
    assert page.eval("kgMap.litNodeCount") == 1 + len(set(g.predecessors(hub)) | set(g.successors(hub)))

    # A real click on one of its edges, where no node is: the evidence panel of that relation.
    target = page.eval(
        """hub => {
      const n = kgMap.network, data = JSON.parse(document.getElementById('kg-data').textContent);
      const r = document.getElementById('network').getBoundingClientRect(), pos = n.getPositions();
      for (const e of data.edges) {
        if ((e.from !== hub && e.to !== hub) || e.c) continue;
        const a = n.canvasToDOM(pos[e.from]), b = n.canvasToDOM(pos[e.to]), p = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
        if (p.x < 200 || p.y < 10 || p.x > r.width - 360 || p.y > r.height - 10 || n.getNodeAt(p) !== undefined) continue;
        if (kgMap.edgeAt(p.x, p.y) !== e.id) continue;
        return {id: e.id, s: e.s, x: p.x + r.left, y: p.y + r.top};
      }
      return null;
    }""",
        index[hub],
    )
    assert target is not None, "no edge of the hub is clear of nodes on screen"
    page.page.mouse.click(target["x"], target["y"])
    assert target["s"] in page.eval("kgMap.panelText()")
    assert page.problems == []
