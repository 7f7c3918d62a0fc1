"""A map straight from Neo4j: the nodes, relationships and paths a Cypher query returns, turned
into the same MultiDiGraph shape as kg.graph.to_networkx, so one renderer draws both.

Rows are read raw (not through `record.data()`, which flattens nodes to property dicts and loses
labels and relationship types). Driver errors are translated by loaders.neo4j_connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from neo4j.graph import Node, Path, Relationship

from kg.errors import InputError
from kg.schema import active as active_schema

_ARTICLE_TITLES = "MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, a.title AS title"
# When a query returns only a table (names, dates), the map shows the entities it names and the
# relations among them: `kg map --query who_met_whom -p name=…` then draws who met whom. Each name
# is looked up in the full-text index (loaders/cypher/schema.cypher), then matched exactly.
_AMONG_NAMED = r"""
UNWIND $names AS name
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace(name, '\\', '\\\\'), '"', '\\"') + '"')
YIELD node AS a
WHERE a:Entity AND (a.name = name OR name IN coalesce(a.aliases, []))
WITH collect(DISTINCT a) AS named
UNWIND named AS a
OPTIONAL MATCH p = (a)-[r]->(b) WHERE b IN named
RETURN a, p
"""
MAX_NAMES = 5000


def read_graph(driver: Any, database: str | None, cypher: str, params: dict[str, Any] | None = None) -> nx.MultiDiGraph:
    """Run `cypher` in a read transaction and build the graph of everything it returns.

    A query that returns only a table draws the entities named in it (and in `params`) with the
    relations among them. Article titles for the evidence panels are looked up in a second read,
    since relationships only carry the article id.
    """
    import neo4j

    from loaders.neo4j_connection import translate_error

    def rows(tx: Any) -> list[list[Any]]:
        return [list(record.values()) for record in tx.run(cypher, params or {})]

    def titles(tx: Any, ids: list[str]) -> dict[str, str]:
        return {r["id"]: r["title"] for r in tx.run(_ARTICLE_TITLES, ids=ids) if r["title"]}

    def among(tx: Any, names: list[str]) -> list[list[Any]]:
        return [list(record.values()) for record in tx.run(_AMONG_NAMED, names=names)]

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            values = session.execute_read(rows)
            graph = graph_from_values(values)
            if graph.number_of_nodes() == 0 and values:
                names = sorted(set(_strings_in(values)) | set(_strings_in(list((params or {}).values()))))
                graph = graph_from_values(session.execute_read(among, names[:MAX_NAMES]))
            ids = sorted({d["article_id"] for _, _, d in graph.edges(data=True) if d.get("article_id")})
            if ids:
                add_article_titles(graph, session.execute_read(titles, ids))
    except Exception as exc:  # the boundary: every driver error leaves as a KgError
        raise translate_error(exc, None) from None
    if graph.number_of_nodes() == 0:
        raise InputError("the query returned nothing to draw: no nodes, relationships, paths or names of entities")
    return graph


def graph_from_values(values: Iterable[Any]) -> nx.MultiDiGraph:
    """A MultiDiGraph of every Node, Relationship and Path found in `values` (nested lists and
    maps included). Node identity is the Neo4j element id; attributes follow kg.graph."""
    found_nodes: dict[str, Node] = {}
    found_rels: dict[str, Relationship] = {}
    for item in _walk(values):
        if isinstance(item, Node):
            # A full node wins over the property-less shell a relationship carries.
            if item.element_id not in found_nodes or len(item) > len(found_nodes[item.element_id]):
                found_nodes[item.element_id] = item
        elif isinstance(item, Relationship):
            found_rels[item.element_id] = item
            for end in (item.start_node, item.end_node):
                if end is not None and end.element_id not in found_nodes:
                    found_nodes[end.element_id] = end

    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for eid, node in found_nodes.items():
        g.add_node(eid, **_node_attrs(node))
    for eid, rel in found_rels.items():
        if rel.start_node is None or rel.end_node is None:
            continue
        g.add_edge(rel.start_node.element_id, rel.end_node.element_id, key=eid, **_edge_attrs(rel))
    return g


def add_article_titles(graph: nx.MultiDiGraph, titles: dict[str, str]) -> None:
    """Fill `article_title` on edges whose article id is in `titles` (in place: a builder step)."""
    for _, _, data in graph.edges(data=True):
        title = titles.get(data.get("article_id", ""))
        if title and not data.get("article_title"):
            data["article_title"] = title


def _strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings_in(v)


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, Path):
        yield from value.nodes
        yield from value.relationships
    elif isinstance(value, (Node, Relationship)):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v)


def _node_attrs(node: Node) -> dict[str, Any]:
    labels = sorted(node.labels)
    entity_types = active_schema().entity_types
    kind = next((label for label in labels if label in entity_types), None)
    kind = kind or next((label for label in labels if label != "Entity"), "Other")
    props = dict(node.items())
    name = props.get("name") or props.get("title") or props.get("id") or node.element_id
    return {
        "type": kind,
        "name": str(name),
        "titles": _strings(props.get("titles")),
        "aliases": _strings(props.get("aliases")),
        "articles": [],
        "entity_id": str(props.get("id", "")),
    }


def _edge_attrs(rel: Relationship) -> dict[str, Any]:
    props = dict(rel.items())
    attrs: dict[str, Any] = {
        "type": rel.type,
        "article_id": str(props.get("article_id") or ""),
        "article_title": str(props.get("article_title") or ""),
        "date": str(props.get("date") or ""),
        "sentence": str(props.get("sentence") or ""),
    }
    for key in ("start", "end", "agreement"):
        if props.get(key) is not None:
            attrs[key] = props[key]
    return attrs


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [str(value)]
