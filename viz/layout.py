"""Node positions for large maps, computed in Python before the page is written.

In the browser a force layout of 20,000 nodes took seconds of the page's time to interactive
(vis-network's physics far longer); here igraph's grid Fruchterman-Reingold (C) lays out each
connected component, the components are packed in shelves (largest first, so small ones sit
beside the big one instead of inside it) and everything is scaled to pixels. The page then shows
these positions with physics off. Deterministic: seeded start and igraph's random numbers
drawn from a seeded generator.
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

log = logging.getLogger(__name__)

#: Room per node: about SPACING² square pixels of the drawing (vis node radii are 10-48 px).
SPACING: Final = 120.0
#: Above this many nodes, grid FR (igraph's faster approximate repulsion) is used.
GRID_FROM: Final = 1000


@dataclass(frozen=True)
class Box:
    """A laid-out component: its node indexes and their coordinates, origin at its top left."""

    ids: tuple[int, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    width: float
    height: float


def iterations(n: int) -> int:
    """FR iterations for a component of `n` nodes: fewer for big ones, which cost more each."""
    return 500 if n <= 2000 else 300 if n <= 8000 else 200


def layout_positions(
    graph: nx.MultiDiGraph, *, seed: int = 7, spacing: float = SPACING
) -> dict[Hashable, tuple[float, float]]:
    """Pixel positions for every node of `graph` (edge directions and parallel edges ignored).

    Each component gets about `spacing` squared pixels a node; unconnected nodes and small
    components are packed beside the largest one. The same graph and seed always give the same positions.
    """
    import igraph as ig

    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(min(a, b), max(a, b)) for a, b in ((index[u], index[v]) for u, v in graph.edges()) if a != b}
    whole = ig.Graph(n=len(nodes), edges=sorted(pairs), directed=False)
    whole.vs["i"] = list(range(len(nodes)))
    with _seeded_igraph(seed):
        boxes = [_component(part, spacing) for part in sorted(whole.decompose(), key=lambda p: -p.vcount())]
    xs, ys = _pack(boxes, len(nodes), spacing)
    log.debug("laid out %d nodes in %d components", len(nodes), len(boxes))
    return {node: (xs[i], ys[i]) for i, node in enumerate(nodes)}


def _component(part: Any, spacing: float) -> Box:
    """FR layout of one connected igraph component, scaled to about `spacing` squared per node.

    igraph's own random start is used (drawn from the seeded generator): a wider start made grid
    FR many times slower. Scaling by area, not by edge length, keeps hubs' long edges from
    shrinking the drawing.
    """
    ids: list[int] = part.vs["i"]
    n = len(ids)
    if n == 1:
        return Box((ids[0],), (0.0,), (0.0,), 0.0, 0.0)
    coords = part.layout_fruchterman_reingold(niter=iterations(n), grid=n > GRID_FROM).coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    x0, y0 = min(xs), min(ys)
    w, h = max(max(xs) - x0, 1e-9), max(max(ys) - y0, 1e-9)
    # A pair lies on a line: give it its one edge's length.
    scale = spacing * math.sqrt(n / (w * h)) if n > 2 else spacing / max(w, h)
    scale = min(scale, spacing * (n - 1) / max(w, h))  # a long chain must not stretch past its length
    return Box(
        tuple(ids),
        tuple((x - x0) * scale for x in xs),
        tuple((y - y0) * scale for y in ys),
        w * scale,
        h * scale,
    )


def _pack(boxes: Sequence[Box], n: int, spacing: float) -> tuple[list[float], list[float]]:
    """Shelf-pack the components (largest first) into a roughly square block, centred on 0."""
    xs, ys = [0.0] * n, [0.0] * n
    if not boxes:
        return xs, ys
    pad = 2 * spacing
    area = sum((b.width + pad) * (b.height + pad) for b in boxes)
    shelf = max(boxes[0].width + pad, math.sqrt(area) * 1.15)
    cx = cy = row = 0.0
    for box in boxes:
        if cx > 0 and cx + box.width + pad > shelf:
            cx, cy, row = 0.0, cy + row, 0.0
        for i, x, y in zip(box.ids, box.xs, box.ys, strict=True):
            xs[i], ys[i] = cx + spacing + x, cy + spacing + y
        cx += box.width + pad
        row = max(row, box.height + pad)
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    # Whole pixels: vis-network parseInt()s a node's x and y anyway.
    return [float(round(x - mx)) for x in xs], [float(round(y - my)) for y in ys]


@contextmanager
def _seeded_igraph(seed: int) -> Iterator[None]:
    """igraph draws its random numbers from Python's `random` module unless told otherwise."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
