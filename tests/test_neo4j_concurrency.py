"""Four loads at once against the real local server: overlapping inputs give exactly the graph of one
clean load (same fingerprint of every node and relationship with all its properties)."""

from __future__ import annotations

import threading

import neo4j
import pytest

from kg.model import Facts
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import graph_counts, graph_fingerprint, tiny_facts

pytestmark = pytest.mark.neo4j

#: Relationships that share their identity (type, ends, article, evidence start): must be none.
DUPLICATES = """
MATCH (h)-[r]->(t)
WITH type(r) AS type, h, t, r.article_id AS article, r.start AS start, count(*) AS n
WHERE n > 1
RETURN count(*) AS groups
"""


def _articles(n: int) -> list[Facts]:
    return [tiny_facts(f"c{i:04d}", f"第{i}篇。", extra_person=f"人{i}") for i in range(n)]


def _load_together(driver: neo4j.Driver, inputs: list[list[Facts]]) -> list[BaseException]:
    """Start one writer per input at the same moment (small batches, so their transactions interleave)."""
    gate = threading.Barrier(len(inputs))
    errors: list[BaseException] = []

    def run(facts: list[Facts]) -> None:
        gate.wait()
        try:
            Neo4jWriter(driver, batch_rows=60).write(facts)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(facts,)) for facts in inputs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_overlapping_loads_at_once_store_every_fact_once(empty_graph: neo4j.Driver) -> None:
    facts = _articles(240)
    Neo4jWriter(empty_graph).write(facts)
    alone = graph_counts(empty_graph)
    clean = graph_fingerprint(empty_graph)
    for _ in range(3):
        empty_graph.execute_query("MATCH (n) DETACH DELETE n")
        # The first 160, all 240, the same 240 backwards and the last 160: every article is in
        # three or four loads, met in different orders.
        errors = _load_together(empty_graph, [facts[:160], facts, list(reversed(facts)), facts[80:]])
        assert errors == []
        assert empty_graph.execute_query(DUPLICATES).records[0]["groups"] == 0
        assert graph_counts(empty_graph) == alone
        assert graph_fingerprint(empty_graph) == clean
