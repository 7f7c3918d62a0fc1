"""Fixtures for the Neo4j tests: one real local server per test session, on a free port and a
temporary data directory, stopped at the end. No mocks of the driver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from kg.model import Article, Entity, Evidence, Facts, Relation
from loaders import neo4j_server
from loaders.neo4j_connection import Neo4jSettings, open_driver
from loaders.neo4j_server import free_port as free_port  # re-exported for the tests


@pytest.fixture(scope="session")
def neo4j_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("neo4j-home")


@pytest.fixture(scope="session")
def neo4j_server_settings(neo4j_home: Path) -> Iterator[Neo4jSettings]:
    """Start a real server for the session (small heap and page cache) and stop it afterwards."""
    try:
        result = neo4j_server.start(neo4j_home, free_port(), heap="512m", pagecache="128m")
        password = neo4j_server.stored_password(neo4j_home)
        yield Neo4jSettings(uri=result.state.uri, user="neo4j", password=password)
    finally:
        neo4j_server.stop(neo4j_home)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server_settings: Neo4jSettings) -> Iterator[neo4j.Driver]:
    driver = open_driver(neo4j_server_settings)
    yield driver
    driver.close()


@pytest.fixture()
def empty_graph(neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    """The session's driver over a database emptied for this test (constraints kept)."""
    with neo4j_driver.session() as session:  # IN TRANSACTIONS needs an auto-commit transaction
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    return neo4j_driver


def graph_counts(driver: neo4j.Driver) -> tuple[int, int]:
    """(nodes, relationships) in the whole database."""
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    return nodes, rels


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def tiny_facts(article_id: str = "a1", text: str | None = None, *, extra_person: str | None = None) -> Facts:
    """A small hand-built article (fictional people and places) with every kind of fact."""
    s1 = "陈明主持召开东岭镇工作会议，李华、王芳参加。"
    s2 = "东岭镇与西山乡签订结对帮扶协议。"
    body = (text or "") + s1 + s2
    ev = lambda s: Evidence(article_id, s, *_span(body, s))  # noqa: E731
    people = [
        Entity("p-chenming", "Person", "陈明", titles=("镇党委书记",), aliases=("陈书记",)),
        Entity("p-lihua", "Person", "李华"),
        Entity("p-wangfang", "Person", "王芳", properties={"note": {"nested": True}, "n": [1, "x"]}),
    ]
    if extra_person:
        people.append(Entity(f"p-{extra_person}", "Person", extra_person))
    entities = people + [
        Entity("e-meeting", "Event", "东岭镇工作会议"),
        Entity("pl-dongling", "Place", "东岭镇"),
        Entity("pl-xishan", "Place", "西山乡"),
        Entity("o-dongling", "Organization", "东岭镇党委"),
        Entity("ag-jiedui", "Agreement", "结对帮扶协议"),
    ]
    relations = [
        Relation("CHAIRED", "p-chenming", "e-meeting", ev(s1)),
        Relation("ATTENDED", "p-lihua", "e-meeting", ev(s1)),
        Relation("ATTENDED", "p-wangfang", "e-meeting", ev(s1), properties={"date": "2024-05-01"}),
        Relation("MET", "p-lihua", "p-wangfang", ev(s1)),
        Relation("HOLDS_POSITION", "p-chenming", "o-dongling", ev(s1), properties={"title": "镇党委书记"}),
        Relation("SIGNED_AGREEMENT", "pl-dongling", "pl-xishan", ev(s2), properties={"agreement": "结对帮扶协议"}),
        Relation("PARTY_TO", "pl-dongling", "ag-jiedui", ev(s2)),
        Relation("PARTY_TO", "pl-xishan", "ag-jiedui", ev(s2)),
    ]
    article = Article(article_id, f"标题 {article_id}", body, "tiny.txt", "2024-05-02", ("记者甲",))
    return Facts(article, tuple(entities), tuple(relations))


def graph_fingerprint(driver: neo4j.Driver, *, facts_only: bool = False) -> str:
    """A hash of every node (labels, all properties) and relationship (type, its ends' ids, all
    properties), independent of internal ids and order: equal exactly when the graphs are.
    `facts_only`: without the loader's bookkeeping node (KgCorpus, the statistics a daily load keeps)."""
    import hashlib
    import json

    def canon(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    where = "WHERE NOT n:KgCorpus " if facts_only else ""
    nodes = driver.execute_query(f"MATCH (n) {where}RETURN labels(n) AS l, properties(n) AS p").records
    rels = driver.execute_query(
        "MATCH (h)-[r]->(t) RETURN type(r) AS type, h.id AS h, t.id AS t, properties(r) AS p"
    ).records
    lines = sorted(canon([sorted(r["l"]), r["p"]]) for r in nodes)
    lines += sorted(canon([r["type"], r["h"], r["t"], r["p"]]) for r in rels)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8") + b"\n")
    return f"{len(nodes)} nodes, {len(rels)} relationships, sha256 {digest.hexdigest()[:16]}"
