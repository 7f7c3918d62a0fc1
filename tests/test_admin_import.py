"""The bulk path: CSVs imported by neo4j-admin give the same graph as the UNWIND loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest

from kg.model import Facts
from loaders import neo4j_server
from loaders.admin_export import export_admin_csv, import_into
from loaders.neo4j_connection import Neo4jSettings, open_driver
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.hanlp, pytest.mark.slow]  # neo4j-admin and a server of its own

SHAPE = [
    "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS c ORDER BY label",
    "MATCH ()-[r]->() RETURN type(r) AS label, count(*) AS c ORDER BY label",
]


def _shape(driver: neo4j.Driver) -> list[list[tuple[str, int]]]:
    return [[(r["label"], r["c"]) for r in driver.execute_query(q).records] for q in SHAPE]


@pytest.fixture()
def corpus_facts(seed_path: Path, examples_dir: Path) -> list[Facts]:
    from kg.pipeline import extract_paths

    return extract_paths([str(seed_path), str(examples_dir)], date="2022-06-15").facts


def test_admin_import_matches_the_unwind_loader(
    empty_graph: neo4j.Driver, corpus_facts: list[Facts], tmp_path: Path
) -> None:
    Neo4jWriter(empty_graph, None).write(corpus_facts)
    loaded = _shape(empty_graph)

    summary = export_admin_csv(corpus_facts, tmp_path / "csv")
    assert (tmp_path / "csv" / "import.sh").read_text(encoding="utf-8").count("--nodes=") >= 6
    home = tmp_path / "imported"
    (home / "conf").mkdir(parents=True)
    import_into(home, tmp_path / "csv", java=neo4j_server.java_executable(), classpath=neo4j_server.classpath())
    try:
        result = neo4j_server.start(home, free_port(), heap="512m", pagecache="64m")
        settings = Neo4jSettings(uri=result.state.uri, user="neo4j", password=neo4j_server.stored_password(home))
        driver = open_driver(settings)
        try:
            imported = _shape(driver)
            text = driver.execute_query("MATCH (a:Article) RETURN a.text AS t ORDER BY a.id").records
        finally:
            driver.close()
    finally:
        neo4j_server.stop(home)
    assert imported == loaded
    assert sum(c for _, c in imported[1]) == summary.relationships
    stored = sorted(f.article.text for f in corpus_facts)
    assert sorted(r["t"] for r in text) == stored  # multi-line article text survives the CSV round trip


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == [""]


def _properties(driver: neo4j.Driver) -> tuple[dict[str, dict[str, Any]], dict[tuple[Any, ...], dict[str, Any]]]:
    """Every node's labels and properties by id, every relationship's by (type, ends, article, start);
    empty values (None, "", [], [""]) left out: CSV cannot tell them apart."""
    nodes = {
        r["id"]: {"labels": sorted(r["l"]), **{k: v for k, v in r["p"].items() if not _empty(v)}}
        for r in driver.execute_query("MATCH (n) RETURN n.id AS id, labels(n) AS l, properties(n) AS p").records
    }
    rels = {
        (r["t"], r["h"], r["e"], r["p"].get("article_id"), r["p"].get("start")): {
            k: v for k, v in r["p"].items() if not _empty(v)
        }
        for r in driver.execute_query(
            "MATCH (h)-[r]->(e) RETURN type(r) AS t, h.id AS h, e.id AS e, properties(r) AS p"
        ).records
    }
    return nodes, rels


def test_admin_export_keeps_every_property(
    empty_graph: neo4j.Driver, corpus_facts: list[Facts], tmp_path: Path
) -> None:
    """Node by node and relationship by relationship, the imported graph carries the properties the
    Bolt loader writes (titles' timelines, place levels and chains, each relation's rule …)."""
    Neo4jWriter(empty_graph, None).write(corpus_facts)
    loaded_nodes, loaded_rels = _properties(empty_graph)
    assert any("chain_levels" in p for p in loaded_nodes.values())
    assert any("rule" in p for p in loaded_rels.values())

    export_admin_csv(corpus_facts, tmp_path / "csv")
    home = tmp_path / "imported"
    (home / "conf").mkdir(parents=True)
    import_into(home, tmp_path / "csv", java=neo4j_server.java_executable(), classpath=neo4j_server.classpath())
    try:
        result = neo4j_server.start(home, free_port(), heap="512m", pagecache="64m")
        settings = Neo4jSettings(uri=result.state.uri, user="neo4j", password=neo4j_server.stored_password(home))
        driver = open_driver(settings)
        try:
            imported_nodes, imported_rels = _properties(driver)
        finally:
            driver.close()
    finally:
        neo4j_server.stop(home)
    assert set(imported_nodes) == set(loaded_nodes)
    for node_id, props in loaded_nodes.items():
        assert imported_nodes[node_id] == props, node_id
    assert set(imported_rels) == set(loaded_rels)
    for key, props in loaded_rels.items():
        assert imported_rels[key] == props, key
