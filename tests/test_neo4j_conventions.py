"""Neo4j conventions: Article nodes are not entities (and a load migrates an older graph), and
every name lookup of cypher/ goes through the full-text index (checked in the query plans)."""

from __future__ import annotations

from typing import Any

import neo4j
import pytest

from cypher import list_queries, load_query
from kg.model import Article, Entity, Evidence, Facts, Relation
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import tiny_facts

pytestmark = pytest.mark.neo4j


def _one(driver: neo4j.Driver, cypher: str, **params: Any) -> Any:
    return driver.execute_query(cypher, params).records[0][0]


def authored_facts() -> Facts:
    """An article with a byline (AUTHORED to itself) that also cites another article."""
    text = "记者甲报道。本报曾刊发《旧闻》。"
    ev = Evidence("b1", "记者甲报道。", 0, 6)
    entities = (
        Entity("p-jia", "Person", "记者甲"),
        Entity("b1", "Article", "新闻"),
        Entity("old-1", "Article", "旧闻"),
    )
    relations = (Relation("AUTHORED", "p-jia", "b1", ev), Relation("AUTHORED", "p-jia", "old-1", ev))
    return Facts(Article("b1", "新闻", text, "b1.txt", "2024-05-02"), entities, relations)


def test_articles_are_not_entities(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write([tiny_facts("a1"), authored_facts()])
    assert _one(empty_graph, "MATCH (a:Article) WHERE a:Entity RETURN count(a)") == 0
    assert _one(empty_graph, "MATCH (a:Article) RETURN count(a)") == 3  # a1, b1 and the article it cites
    rows = empty_graph.execute_query(
        "MATCH (:Person {id: 'p-jia'})-[:AUTHORED]->(a:Article) RETURN a.id AS id ORDER BY id"
    ).records
    assert [r["id"] for r in rows] == ["b1", "old-1"]
    assert _one(empty_graph, "MATCH (:Article {id: 'b1'})-[:MENTIONS]->(a:Article {id: 'old-1'}) RETURN count(*)") == 1
    # Entity queries need no `NOT n:Article` any more.
    names = {r["n"] for r in empty_graph.execute_query("MATCH (n:Entity) RETURN n.name AS n").records}
    assert "新闻" not in names and "旧闻" not in names and "陈明" in names


def test_a_load_migrates_an_older_graph(empty_graph: neo4j.Driver) -> None:
    """Graphs of the older loader had Article nodes labelled Entity too: the next load removes it,
    and reloading the same facts then changes nothing else."""
    Neo4jWriter(empty_graph).write([tiny_facts("a1")])
    empty_graph.execute_query("MATCH (a:Article) SET a:Entity")
    assert _one(empty_graph, "MATCH (a:Article:Entity) RETURN count(a)") == 1
    before = _one(empty_graph, "MATCH ()-[r]->() RETURN count(r)")
    summary = Neo4jWriter(empty_graph).write([tiny_facts("a1")])
    assert _one(empty_graph, "MATCH (a:Article:Entity) RETURN count(a)") == 0
    assert _one(empty_graph, "MATCH ()-[r]->() RETURN count(r)") == before
    assert summary.nodes_created == 0 and summary.relationships_created == 0


def _operators(plan: Any) -> list[tuple[str, str]]:
    """(operator type, details) of every operator of an EXPLAIN plan."""
    out = [(str(plan.get("operatorType", "")).split("@")[0], str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def _plan(driver: neo4j.Driver, text: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    with driver.session() as session:
        return _operators(session.run("EXPLAIN " + text, params).consume().plan)


NAME_QUERIES = {
    "who_met_whom": {"name": "陈书记"},
    "meetings_of": {"name": "陈明"},
    "positions_of": {"name": "陈明"},
    "agreements_between": {"a": "东岭镇", "b": "西山乡"},
    "event_attendees": {"event": "工作会议"},
}


@pytest.mark.parametrize("name", sorted(NAME_QUERIES))
def test_name_lookups_use_the_fulltext_index(empty_graph: neo4j.Driver, name: str) -> None:
    """On a graph with people, the plan finds $name through the index: no scan of all nodes or of a
    label; and the query still answers exactly (names and aliases, nothing that merely contains them)."""
    Neo4jWriter(empty_graph).write([tiny_facts("a1"), tiny_facts("a2", "另一篇。", extra_person="陈明亮")])
    query = load_query(name)
    params = query.bind(NAME_QUERIES[name])
    ops = _plan(empty_graph, query.text, params)
    assert any(kind.startswith("ProcedureCall") and "db.index.fulltext.queryNodes" in details for kind, details in ops)
    scans = [(k, d) for k, d in ops if k.startswith(("AllNodesScan", "NodeByLabelScan"))]
    assert not scans, scans
    rows = empty_graph.execute_query(query.text, params).records
    assert rows, name


def test_who_met_whom_by_alias_is_exact(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write([tiny_facts("a1", extra_person="陈明亮")])
    query = load_query("who_met_whom")
    people = {r["person"] for r in empty_graph.execute_query(query.text, query.bind({"name": "陈书记"})).records}
    assert people == {"李华", "王芳"}
    # 陈明 is a prefix of 陈明亮's name: the index finds both, the exact filter keeps one.
    people = {r["person"] for r in empty_graph.execute_query(query.text, query.bind({"name": "陈明"})).records}
    assert people == {"李华", "王芳"}
    assert not empty_graph.execute_query(query.text, query.bind({"name": '陈"明\\'})).records  # quotes are escaped


def test_every_library_query_still_plans(empty_graph: neo4j.Driver) -> None:
    for q in list_queries():
        params = {p: "1" for p in q.parameters}
        _plan(empty_graph, q.text, q.bind(params))
