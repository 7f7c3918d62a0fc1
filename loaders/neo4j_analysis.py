"""`kg analyze` against Neo4j: read the graph the analysis needs, write its results back.

The graph read here has the shape of kg.graph.to_networkx (nodes keyed by entity id, with type,
name and, for places, level / chain / chain_levels; edges with type, date and agreement), so
kg.analysis runs on it unchanged. Only what the analysis uses is read: attendance, agreements and
places, not the whole database. Driver errors leave as KgErrors (loaders.neo4j_connection).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import networkx as nx

from loaders.neo4j_writer import statement

if TYPE_CHECKING:
    import neo4j

    from kg.analysis import Analysis

log = logging.getLogger(__name__)

READ_EDGES = ("analysis_read_attendance", "analysis_read_agreements")
WRITE_BATCH = 10_000


def read_analysis_graph(driver: neo4j.Driver, database: str | None = None) -> nx.MultiDiGraph[str]:
    """The people, events, parties, agreements and places of the database, as a MultiDiGraph."""
    import neo4j

    from loaders.neo4j_connection import translate_error

    def rows(tx: neo4j.ManagedTransaction, name: str) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(statement(name))]

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            edges = [row for name in READ_EDGES for row in session.execute_read(rows, name)]
            places = session.execute_read(rows, "analysis_read_places")
    except Exception as exc:  # the boundary: every driver error leaves as a KgError
        raise translate_error(exc, None) from None
    return graph_from_rows(edges, places)


def graph_from_rows(edges: list[dict[str, Any]], places: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """Build the analysis graph from the rows of the analysis_read_* queries (in a fixed order)."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for row in sorted(places, key=lambda r: str(r["id"])):
        g.add_node(
            row["id"],
            type="Place",
            name=row["name"],
            level=row["level"],
            chain=list(row["chain"]),
            chain_levels=list(row["chain_levels"]),
        )
    for row in sorted(edges, key=lambda r: (str(r["head"]), str(r["tail"]), r["type"], r["date"], r["agreement"])):
        for end in ("head", "tail"):
            if row[end] not in g:
                g.add_node(row[end], type=row[f"{end}_type"], name=row[f"{end}_name"] or row[end])
        attrs = {"type": row["type"], "date": row["date"]}
        if row["agreement"]:
            attrs["agreement"] = row["agreement"]
        g.add_edge(row["head"], row["tail"], **attrs)
    return g


def _write_batch(tx: neo4j.ManagedTransaction, batch: list[dict[str, Any]]) -> int:
    return int(tx.run(statement("analysis_write"), rows=batch).single(strict=True)["written"])


def write_analysis(driver: neo4j.Driver, result: Analysis, database: str | None = None) -> int:
    """Store each person's measures as node properties (clearing an earlier analysis's first);
    returns how many nodes were written."""
    from kg.analysis import node_properties
    from loaders.neo4j_connection import translate_error

    rows = [{"id": p.id, "properties": node_properties(p)} for p in result.people]
    written = 0
    try:
        with driver.session(database=database) as session:
            session.run(statement("analysis_clear")).consume()  # IN TRANSACTIONS: auto-commit
            for start in range(0, len(rows), WRITE_BATCH):
                batch = rows[start : start + WRITE_BATCH]
                written += session.execute_write(_write_batch, batch)
    except Exception as exc:
        raise translate_error(exc, None) from None
    log.info("wrote analysis properties on %d people", written)
    return written
