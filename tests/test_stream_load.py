"""`kg load` streams its facts into Neo4j, from PATHS or --facts, and --resume skips what is stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from kg.jsonl import read_jsonl, write_jsonl
from loaders.neo4j_connection import Neo4jSettings
from tests.fixtures_neo4j import graph_fingerprint

pytestmark = [pytest.mark.neo4j, pytest.mark.hanlp]


def _kg(*args: str, settings: Neo4jSettings) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password or "", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, timeout=600)


def _empty(driver: neo4j.Driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


def test_load_from_paths_equals_load_of_the_extracted_file_and_resume_skips_stored_articles(
    tmp_path: Path, examples_dir: Path, neo4j_server_settings: Neo4jSettings, empty_graph: neo4j.Driver
) -> None:
    facts = tmp_path / "facts.jsonl"
    assert _kg("extract", str(examples_dir), "-o", str(facts), settings=neo4j_server_settings).returncode == 0
    whole = _kg("load", "--facts", str(facts), settings=neo4j_server_settings)
    assert whole.returncode == 0, whole.stderr
    expected = graph_fingerprint(empty_graph)

    _empty(empty_graph)
    from_paths = _kg("load", str(examples_dir), settings=neo4j_server_settings)
    assert from_paths.returncode == 0, from_paths.stderr
    # PATHS are resolved against the graph (a daily load), which also keeps its statistics there.
    assert graph_fingerprint(empty_graph, facts_only=True) == expected

    _empty(empty_graph)
    parquet = tmp_path / "facts.parquet"
    assert _kg("extract", str(examples_dir), "-o", str(parquet), settings=neo4j_server_settings).returncode == 0
    from_parquet = _kg("load", "--facts", str(parquet), settings=neo4j_server_settings)
    assert from_parquet.returncode == 0, from_parquet.stderr
    assert graph_fingerprint(empty_graph) == expected

    # An interrupted load stored its first batches (here: the first 3 articles); --resume goes on
    # as a load of the rest would. (Loading in two parts is what the loader is compared with: an
    # entity first stored by an earlier load keeps its first properties, see the report of #12.)
    items = list(read_jsonl(facts))
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    write_jsonl(items[:3], first)
    write_jsonl(items[3:], rest)
    _empty(empty_graph)
    for part in (first, rest):
        assert _kg("load", "--facts", str(part), settings=neo4j_server_settings).returncode == 0
    in_two_parts = graph_fingerprint(empty_graph)
    _empty(empty_graph)
    assert _kg("load", "--facts", str(first), settings=neo4j_server_settings).returncode == 0
    resumed = _kg("load", "--facts", str(facts), "--resume", settings=neo4j_server_settings)
    assert resumed.returncode == 0, resumed.stderr
    assert "3 articles already stored were skipped" in resumed.stdout
    assert f"{len(items) - 3} articles in" in resumed.stdout
    assert graph_fingerprint(empty_graph) == in_two_parts
