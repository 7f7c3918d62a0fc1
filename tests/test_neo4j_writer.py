"""The loader against the real local Neo4j server: idempotence, merging, verbatim text, atomic batches."""

from __future__ import annotations

import dataclasses
from typing import Any

import neo4j
import pytest

from kg.divisions import part_of_rows
from kg.errors import BackendError
from kg.model import Entity, Facts
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import graph_counts, tiny_facts

pytestmark = pytest.mark.neo4j


def _one(driver: neo4j.Driver, cypher: str, **params: object) -> Any:
    records = driver.execute_query(cypher, params).records
    return records[0][0] if records else None


def test_loading_twice_changes_no_counts(empty_graph: neo4j.Driver) -> None:
    facts = [tiny_facts("a1"), tiny_facts("a2", "第二篇。", extra_person="赵强")]
    first = Neo4jWriter(empty_graph).write(facts)
    counts = graph_counts(empty_graph)
    second = Neo4jWriter(empty_graph).write(facts)
    assert graph_counts(empty_graph) == counts
    assert first.nodes_created == counts[0] and first.relationships_created == counts[1]
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert second.nodes_matched == first.nodes_created
    assert second.relationships_matched == first.relationships_created


def test_new_articles_merge_into_existing_entities(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write([tiny_facts("a1")])
    Neo4jWriter(empty_graph).write([tiny_facts("a2", "又一篇。")])
    assert _one(empty_graph, "MATCH (p:Person {name: '陈明'}) RETURN count(p)") == 1
    assert _one(empty_graph, "MATCH (a:Article) RETURN count(a)") == 2
    # One relationship per article for the same fact, each keeping its own evidence.
    rows = empty_graph.execute_query(
        "MATCH (:Person {name: '陈明'})-[r:CHAIRED]->(:Event) RETURN r.article_id AS a, r.sentence AS s, r.date AS d"
    ).records
    assert sorted(r["a"] for r in rows) == ["a1", "a2"]
    assert all(r["s"].startswith("陈明主持") and r["d"] == "2024-05-02" for r in rows)


def test_nodes_labels_properties_and_agreements(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write([tiny_facts("a1")])
    labels = _one(empty_graph, "MATCH (p {id: 'p-chenming'}) RETURN labels(p)")
    assert sorted(labels) == ["Entity", "Person"]
    assert _one(empty_graph, "MATCH (p:Person {id: 'p-chenming'}) RETURN p.aliases") == ["陈书记"]
    assert _one(empty_graph, "MATCH (a:Article {id: 'a1'})-[:MENTIONS]->(e:Entity) RETURN count(e)") == 8
    assert _one(empty_graph, "MATCH (a:Article {id: 'a1'}) RETURN labels(a)") == ["Article"]  # not an Entity
    # A relation's own date wins over the article's.
    assert _one(empty_graph, "MATCH (:Person {name: '王芳'})-[r:ATTENDED]->() RETURN r.date") == "2024-05-01"
    # Properties Neo4j cannot store as such (maps, mixed lists) arrive as JSON text.
    assert _one(empty_graph, "MATCH (p:Person {name: '王芳'}) RETURN p.note") == '{"nested": true}'
    # Agreements both ways: a party–party relationship and an Agreement node with its parties.
    assert (
        _one(
            empty_graph,
            "MATCH (:Place {name: '东岭镇'})-[r:SIGNED_AGREEMENT]->(:Place {name: '西山乡'}) RETURN r.agreement",
        )
        == "结对帮扶协议"
    )
    parties = _one(empty_graph, "MATCH (p)-[:PARTY_TO]->(:Agreement {name: '结对帮扶协议'}) RETURN collect(p.name)")
    assert sorted(parties) == ["东岭镇", "西山乡"]


def test_article_text_is_stored_verbatim(empty_graph: neo4j.Driver) -> None:
    nasty = (
        "他说：\"你好\"，'单引号' \\ 反斜杠 \\n 不是换行\n真换行\t制表符 "
        "MATCH (n) DETACH DELETE n; // } { $name ${x} `tick` \u3000全角空格。"
    )
    base = tiny_facts("nasty", nasty)
    facts = Facts(
        dataclasses.replace(base.article, title='标题 "引号" \' \\ MATCH (n) DELETE n'), base.entities, base.relations
    )
    Neo4jWriter(empty_graph).write([facts])
    row = empty_graph.execute_query("MATCH (a:Article {id: 'nasty'}) RETURN a.text AS text, a.title AS title").records[
        0
    ]
    assert row["text"] == facts.article.text
    assert row["title"] == facts.article.title
    assert graph_counts(empty_graph)[0] > 1  # and nothing was deleted


def test_failed_batch_is_rolled_back_and_rerun_completes(empty_graph: neo4j.Driver) -> None:
    good = [tiny_facts("a1"), tiny_facts("a3", "第三篇。")]
    clean = Neo4jWriter(empty_graph).write(good)
    expected_counts = graph_counts(empty_graph)
    empty_graph.execute_query("MATCH (n) DETACH DELETE n")

    # A second person named 李华 (another id) breaks a constraint the server enforces, in the middle
    # of article a2's batch, after its article and other entities were already merged.
    bad = tiny_facts("a2", "第二篇。", extra_person="李华")
    empty_graph.execute_query(
        "CREATE CONSTRAINT test_person_name IF NOT EXISTS FOR (p:Person) REQUIRE p.name IS UNIQUE"
    )
    try:
        with pytest.raises(BackendError, match="batch 2 .*rolled back; 1 articles before it are stored"):
            Neo4jWriter(empty_graph, batch_rows=1).write([good[0], bad, good[1]])
        assert _one(empty_graph, "MATCH (a:Article) RETURN collect(a.id)") == ["a1"]
        assert _one(empty_graph, "MATCH ()-[r]->() WHERE r.article_id = 'a2' RETURN count(r)") == 0
        assert _one(empty_graph, "MATCH (n {id: 'p-李华'}) RETURN count(n)") == 0
    finally:
        empty_graph.execute_query("DROP CONSTRAINT test_person_name IF EXISTS")

    fixed = tiny_facts("a2", "第二篇。", extra_person="赵强")
    Neo4jWriter(empty_graph, batch_rows=1).write([good[0], fixed, good[1]])
    once = graph_counts(empty_graph)
    Neo4jWriter(empty_graph, batch_rows=1).write([good[0], fixed, good[1]])
    assert graph_counts(empty_graph) == once
    # Exactly the good load plus article a2 and its one extra person: no duplicates anywhere.
    a2_only = 1 + 1  # the article node, 赵强
    assert once[0] == expected_counts[0] + a2_only
    assert clean.nodes_created == expected_counts[0]
    duplicates = empty_graph.execute_query(
        "MATCH (h)-[r]->(t) WITH h, t, type(r) AS type, r.article_id AS a, r.start AS s, count(*) AS c "
        "WHERE c > 1 RETURN count(*) AS dup"
    ).records[0]["dup"]
    assert duplicates == 0


def test_stopped_driver_fails_cleanly(neo4j_server_settings) -> None:  # type: ignore[no-untyped-def]
    from loaders.neo4j_connection import open_driver

    driver = open_driver(neo4j_server_settings)
    driver.close()
    with pytest.raises(BackendError, match="Driver closed"):
        Neo4jWriter(driver).write([tiny_facts("closed")])


def test_seed_page_loads_idempotently(empty_graph: neo4j.Driver, seed_facts: list[Facts]) -> None:
    first = Neo4jWriter(empty_graph).write(seed_facts)
    counts = graph_counts(empty_graph)
    second = Neo4jWriter(empty_graph).write(seed_facts)
    assert graph_counts(empty_graph) == counts
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert first.articles == len(seed_facts)
    typed = sum(len(f.relations) for f in seed_facts)
    assert _one(empty_graph, "MATCH ()-[r]->() WHERE NOT type(r) IN ['MENTIONS', 'PART_OF'] RETURN count(r)") == typed
    # The administrative chains: one PART_OF per distinct (place, unit it lies in), none twice.
    steps = {(s["child"], s["parent"]) for f in seed_facts for e in f.entities for s in part_of_rows(e)}
    assert _one(empty_graph, "MATCH ()-[r:PART_OF]->() RETURN count(r)") == len(steps) > 0
    # AUTHORED points at the article node itself, not at a second node for the article.
    assert _one(empty_graph, "MATCH (a:Article) RETURN count(a)") == len(seed_facts)
    authored = sum(1 for f in seed_facts for r in f.relations if r.type == "AUTHORED")
    ids = [f.article.id for f in seed_facts]
    assert (
        _one(empty_graph, "MATCH (:Person)-[r:AUTHORED]->(a:Article) WHERE a.id IN $ids RETURN count(r)", ids=ids)
        == authored
        > 0
    )


def _official(article_id: str, date: str, titles: tuple[str, ...], first: list[str], last: list[str]) -> Facts:
    base = tiny_facts(article_id)
    chen = Entity(
        "p-chenming", "Person", "陈明", titles=titles, properties={"titles_first_seen": first, "titles_last_seen": last}
    )
    return dataclasses.replace(
        base,
        article=dataclasses.replace(base.article, date=date),
        entities=(chen, *[e for e in base.entities if e.id != "p-chenming"]),
    )


def test_title_timelines_merge_over_loads(empty_graph: neo4j.Driver) -> None:
    timeline = "MATCH (p:Person {id: 'p-chenming'}) RETURN [p.titles, p.titles_first_seen, p.titles_last_seen]"
    Neo4jWriter(empty_graph).write([_official("t1", "2024-01-05", ("镇长",), ["2024-01-05"], ["2024-01-05"])])
    # The next day's load: a new title, and the old one seen again later.
    Neo4jWriter(empty_graph).write(
        [
            _official(
                "t2", "2024-03-01", ("镇党委书记", "镇长"), ["2024-03-01", "2024-03-01"], ["2024-03-01", "2024-03-01"]
            )
        ]
    )
    assert _one(empty_graph, timeline) == [
        ["镇长", "镇党委书记"],
        ["2024-01-05", "2024-03-01"],
        ["2024-03-01", "2024-03-01"],
    ]
    # An older article loaded late moves only the first dates; a reload changes nothing.
    older = _official("t0", "2023-11-20", ("镇长",), ["2023-11-20"], ["2023-11-20"])
    Neo4jWriter(empty_graph).write([older])
    Neo4jWriter(empty_graph).write([older])
    assert _one(empty_graph, timeline) == [
        ["镇长", "镇党委书记"],
        ["2023-11-20", "2024-03-01"],
        ["2024-03-01", "2024-03-01"],
    ]


def test_title_timelines_merge_within_a_batch(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write(
        [
            _official("u1", "2024-05-01", ("县长",), ["2024-05-01"], ["2024-05-01"]),
            _official(
                "u2", "2024-02-01", ("县长", "县委副书记"), ["2024-02-01", "2024-02-01"], ["2024-02-01", "2024-02-01"]
            ),
        ]
    )
    assert _one(
        empty_graph, "MATCH (p:Person {id: 'p-chenming'}) RETURN [p.titles, p.titles_first_seen, p.titles_last_seen]"
    ) == [["县长", "县委副书记"], ["2024-02-01", "2024-02-01"], ["2024-05-01", "2024-02-01"]]
