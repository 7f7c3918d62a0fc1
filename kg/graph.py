"""The networkx view of the facts: analysis and GraphML export.

Nodes are entity ids with attributes type, name, titles, aliases, articles, and first_seen /
last_seen (the earliest and latest date of an article or relation naming them, and an event's
own start and end); a Place also has its `level` and `chain` / `chain_levels` (the units above it)
when resolve found them. Every relation is its own edge of a MultiDiGraph (key = relation type +
article), carrying its evidence, so several relations between the same two nodes all survive. Analysis functions here are pure:
they return data and never mutate their input.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.model import EVENT, PLACE, Entity, Facts


def to_networkx(items: Iterable[Facts]) -> nx.MultiDiGraph:
    """Merge many articles' facts into one graph; entities with the same id become one node."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for facts in items:
        art = facts.article
        for e in facts.entities:
            if e.id in g:
                node = g.nodes[e.id]
                node["titles"] = _union(node["titles"], e.titles)
                node["aliases"] = _union(node["aliases"], e.aliases)
                node["articles"] = _union(node["articles"], [art.id])
                _widen(node, art.date)
            else:
                g.add_node(
                    e.id,
                    type=e.type,
                    name=e.name,
                    titles=list(e.titles),
                    aliases=list(e.aliases),
                    articles=[art.id],
                    first_seen=art.date,
                    last_seen=art.date,
                    **_place_attrs(e),
                )
            if e.type == EVENT:  # an event lives over its own days (5月24日至25日), as GEXF plays it
                for day in (e.properties.get("start"), e.properties.get("end")):
                    _widen(g.nodes[e.id], day if isinstance(day, str) else None)
        for r in facts.relations:
            attrs: dict[str, Any] = {
                "type": r.type,
                "article_id": art.id,
                "article_title": art.title,
                "date": r.properties.get("date") or art.date or "",
                "sentence": r.evidence.sentence,
                "start": r.evidence.start,
                "end": r.evidence.end,
            }
            for key, value in r.properties.items():
                attrs.setdefault(key, value)
            for end in (r.head, r.tail):
                _widen(g.nodes[end], attrs["date"] or None)
            g.add_edge(r.head, r.tail, key=f"{r.type}|{art.id}|{r.evidence.start}", **attrs)
    return g


#: Where a Place lies (kg/divisions.py): its level and the chain of units above it, for analysis.
PLACE_KEYS = ("level", "chain", "chain_levels")


def _place_attrs(e: Entity) -> dict[str, Any]:
    if e.type != PLACE:
        return {}
    return {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in e.properties.items() if k in PLACE_KEYS}


def _widen(node: dict[str, Any], date: str | None) -> None:
    """Stretch a node's first_seen..last_seen to cover `date` (ISO dates compare as strings)."""
    if not date:
        return
    if not node.get("first_seen") or date < node["first_seen"]:
        node["first_seen"] = date
    if not node.get("last_seen") or date > node["last_seen"]:
        node["last_seen"] = date


def _union(old: list[str], new: Iterable[str]) -> list[str]:
    out = list(old)
    out.extend(x for x in new if x not in out)
    return out


def write_graphml(g: nx.MultiDiGraph, path: Path) -> Path:
    """GraphML that opens in Gephi: list attributes are joined with ';' (GraphML has no lists), and
    a `label` attribute (a node's name, an edge's relation type) is what Gephi shows."""
    flat: nx.MultiDiGraph = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        flat.add_node(
            node, label=str(data.get("name") or node), **{k: _scalar(v) for k, v in data.items() if k != "label"}
        )
    for u, v, key, data in g.edges(keys=True, data=True):
        flat.add_edge(
            u,
            v,
            key=key,
            label=str(data.get("type") or ""),
            **{k: _scalar(val) for k, val in data.items() if k != "label"},
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(flat, path)
    return path


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return ";".join(str(x) for x in value)
    if value is None:
        return ""
    return value


def degree_ranking(g: nx.MultiDiGraph, limit: int = 10) -> list[tuple[str, str, int]]:
    """(id, name, degree) of the most connected nodes, highest first."""
    ranked = sorted(g.degree(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(node, g.nodes[node]["name"], deg) for node, deg in ranked]


def ego_subgraph(g: nx.MultiDiGraph, names: Iterable[str], hops: int = 1) -> nx.MultiDiGraph:
    """A copy of the nodes within `hops` of any node whose name or alias is in `names`."""
    wanted = set(names)
    seeds = [n for n, d in g.nodes(data=True) if d["name"] in wanted or wanted & set(d["aliases"])]
    undirected = g.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        keep.update(nx.single_source_shortest_path_length(undirected, seed, cutoff=hops))
    return g.subgraph(keep).copy()


def prune_by_degree(g: nx.MultiDiGraph, min_degree: int) -> nx.MultiDiGraph:
    """A copy without the nodes whose degree is below `min_degree`."""
    return g.subgraph([n for n, d in g.degree() if d >= min_degree]).copy()
