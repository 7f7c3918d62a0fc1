"""viz.layout: positions for large maps, computed in Python (igraph), and when the page gets them."""

from __future__ import annotations

import json
import math
import re

import networkx as nx

from bench.bench_map import synthetic_graph
from viz import render_html
from viz.layout import SPACING, layout_positions
from viz.page import PRECOMPUTED_LAYOUT_NODES, precomputed_positions


def _two_triangles_and_loners() -> nx.MultiDiGraph:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for a, b in [("a", "b"), ("b", "c"), ("c", "a"), ("a", "b"), ("x", "y"), ("y", "z"), ("z", "x")]:
        g.add_edge(a, b)
    g.add_nodes_from(["l1", "l2", "l3"])
    g.add_edge("l3", "l3")  # a self-loop is no neighbour
    return g


def test_every_node_gets_a_distinct_position_and_the_same_one_each_time() -> None:
    g = _two_triangles_and_loners()
    pos = layout_positions(g)
    assert set(pos) == set(g.nodes)
    assert len(set(pos.values())) == g.number_of_nodes()
    assert layout_positions(g) == pos
    assert layout_positions(g, seed=8) != pos


def test_components_do_not_overlap_and_neighbours_sit_near_each_other() -> None:
    g = _two_triangles_and_loners()
    pos = layout_positions(g)

    def box(names: str) -> tuple[float, float, float, float]:
        xs, ys = [pos[n][0] for n in names], [pos[n][1] for n in names]
        return min(xs), min(ys), max(xs), max(ys)

    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = box("abc"), box("xyz")
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0
    for u, v in [("a", "b"), ("x", "y")]:
        assert 0.3 * SPACING < math.dist(pos[u], pos[v]) < 3 * SPACING


def test_only_large_maps_are_laid_out_here_and_their_own_positions_win() -> None:
    small = synthetic_graph(300)
    assert precomputed_positions(small) is None
    page = render_html(small)
    data = json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert data["fixed"] is False and "x" not in data["nodes"][0]

    large = synthetic_graph(PRECOMPUTED_LAYOUT_NODES + 1)
    pos = precomputed_positions(large)
    assert pos is not None and pos == layout_positions(large)
    for i, node in enumerate(large.nodes):
        large.nodes[node]["x"], large.nodes[node]["y"] = float(i), -float(i)
    assert precomputed_positions(large) == {node: (float(i), -float(i)) for i, node in enumerate(large.nodes)}
