"""The map's data: the networkx graph turned into the JSON the page draws, and its safe embedding.

The page gets semantic data (names, types, evidence) plus one style table for entity and
relation types, taken from kg.schema, so colours, shapes and Chinese labels live in one place
and the legend can never disagree with the drawing. Everything here is pure: it reads the graph, never changes it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, Final

import networkx as nx

from kg.schema import Schema, active

#: Roundness step between parallel edges of one pair of nodes.
CURVE_STEP: Final = 0.22


def relation_label(rel_type: str, schema: Schema | None = None) -> str:
    """The Chinese label drawn on an edge of this type (the type itself when unknown)."""
    found = (schema or active()).relation(rel_type)
    return found.label if found else rel_type


def build_payload(
    graph: nx.MultiDiGraph,
    *,
    title: str,
    schema: Schema | None = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """Nodes, edges and the style tables of `graph`, in the compact shape map.js reads.

    Node and edge ids become small integers (short JSON); the original node id is kept as `key`.
    Each edge carries `c`, a signed curvature, so parallel relations fan out instead of overlapping.
    Styles and legend order come from `schema` (the active one by default). With `positions`
    (viz.layout's, for every node) the page draws them as they are, physics off: `fixed` is true.
    """
    schema = schema or active()
    index: dict[Any, int] = {}
    nodes: list[dict[str, Any]] = []
    degree = dict(graph.degree())
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        index[node] = i
        item: dict[str, Any] = {
            "id": i,
            "key": str(node),
            "label": str(data.get("name") or node),
            "t": str(data.get("type") or "Other"),
            "deg": degree.get(node, 0),
        }
        for src, dst in (("titles", "titles"), ("aliases", "aliases")):
            values = [str(v) for v in data.get(src) or () if v]
            if values:
                item[dst] = values
        articles = data.get("articles") or ()
        if articles:
            item["arts"] = len(articles)
        if item["t"] == "Event" and data.get("first_seen"):  # the time slider shows an event from its date
            item["d"] = str(data["first_seen"])
        if positions is not None:
            item["x"], item["y"] = positions[node]
        elif "x" in data and "y" in data:
            item["x"], item["y"] = float(data["x"]), float(data["y"])
        nodes.append(item)

    curves = _parallel_curves(graph, index)
    edges: list[dict[str, Any]] = []
    for j, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        item = {
            "id": j,
            "from": index[u],
            "to": index[v],
            "t": str(data.get("type") or key),
            "d": str(data.get("date") or ""),
            "s": str(data.get("sentence") or ""),
            "at": str(data.get("article_title") or ""),
        }
        if data.get("agreement"):
            item["ag"] = str(data["agreement"])
        c = curves.get((u, v, key), 0.0)
        if c:
            item["c"] = c
        edges.append(item)

    entity_order = [e.name for e in schema.entities]
    relation_order = [r.name for r in schema.relations]
    present_types = sorted({n["t"] for n in nodes}, key=lambda t: _order(entity_order, t))
    present_rels = sorted({e["t"] for e in edges}, key=lambda t: _order(relation_order, t))
    return {
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "entityTypes": [_entity_style(schema, t) for t in present_types],
        "relationTypes": [_relation_style(schema, t) for t in present_rels],
        "otherColour": schema.other_relation_colour,
        "fixed": positions is not None,
    }


def _parallel_curves(graph: nx.MultiDiGraph, index: dict[Any, int]) -> dict[tuple[Any, Any, Any], float]:
    """Signed roundness per edge: 0, -s, +s, -2s, … within each unordered pair of nodes.

    The sign is taken relative to the pair's canonical direction, so A→B and B→A edges fan out
    on different sides rather than curving onto each other.
    """
    groups: dict[tuple[int, int], list[tuple[Any, Any, Any]]] = defaultdict(list)
    for u, v, key in graph.edges(keys=True):
        a, b = index[u], index[v]
        groups[(min(a, b), max(a, b))].append((u, v, key))
    out: dict[tuple[Any, Any, Any], float] = {}
    for (low, _high), members in groups.items():
        if len(members) == 1:
            continue
        start = 0 if len(members) % 2 else 1  # an even fan leaves the straight line empty
        for k, (u, v, key) in enumerate(members, start):
            step = (k + 1) // 2
            offset = round(step * CURVE_STEP * (-1 if k % 2 else 1), 3)
            if index[u] != low:
                offset = -offset
            out[(u, v, key)] = offset
    return out


def _order(names: list[str], t: str) -> tuple[int, str]:
    return (names.index(t) if t in names else len(names), t)


def _entity_style(schema: Schema, t: str) -> dict[str, str]:
    found = schema.entity(t)
    other = schema.other_entity
    if found is None:
        return {"type": t, "label": t, "colour": other.colour, "shape": other.shape}
    return {"type": t, "label": found.label, "colour": found.colour, "shape": found.shape}


def _relation_style(schema: Schema, t: str) -> dict[str, str]:
    found = schema.relation(t)
    if found is None:
        return {"type": t, "label": t, "colour": schema.other_relation_colour}
    return {"type": t, "label": found.label, "colour": found.colour}


# Inside <script>, the HTML parser only looks for "</script" and "<!--"; escaping every "<", ">"
# and "&" as \u escapes makes both impossible, and JSON.parse turns them back into text.
# U+2028/2029 are escaped too, for older JS engines that treat them as line ends.
_SCRIPT_ESCAPES: Final = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON that is safe to place verbatim inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)
