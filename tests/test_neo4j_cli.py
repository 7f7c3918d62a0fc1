"""`kg neo4j`, `kg load`, `kg query`, `kg cypher` through the real CLI entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT
from kg.jsonl import write_jsonl
from loaders.neo4j_connection import Neo4jSettings
from tests.fixtures_neo4j import free_port, tiny_facts


def kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `kg` as users do: a new process through kg.cli.main (one-line errors, exit codes)."""
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def test_load_against_a_stopped_server_fails_cleanly(tmp_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    write_jsonl([tiny_facts("a1")], facts)
    result = kg("load", "--facts", str(facts), "--uri", f"bolt://127.0.0.1:{free_port()}", "--password", "x")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "cannot reach Neo4j" in lines[0] and "kg neo4j start" in lines[0]


def test_unknown_query_and_missing_parameter_are_one_line() -> None:
    unknown = kg("query", "nope")
    assert unknown.returncode == 1 and "who_met_whom" in unknown.stderr and "Traceback" not in unknown.stderr
    missing = kg("query", "agreements_between", "-p", "a=东岭镇", "--uri", "bolt://127.0.0.1:1", "--password", "x")
    assert missing.returncode == 1 and "needs the parameter b" in missing.stderr


def test_query_list_shows_descriptions() -> None:
    result = kg("query", "--list")
    assert result.returncode == 0
    assert "who_met_whom" in result.stdout and "$name" in result.stdout


@pytest.mark.neo4j
def test_load_then_query_and_cypher_in_every_format(
    tmp_path: Path, neo4j_server_settings: Neo4jSettings, empty_graph: object
) -> None:
    env = {"NEO4J_URI": neo4j_server_settings.uri, "NEO4J_PASSWORD": neo4j_server_settings.password or ""}
    facts = tmp_path / "facts.jsonl"
    write_jsonl([tiny_facts("a1")], facts)
    loaded = kg("load", "--facts", str(facts), env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert "relationships" in loaded.stdout and "created" in loaded.stdout

    as_json = kg("query", "who_met_whom", "-p", "name=陈明", "--format", "json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert {row["person"] for row in json.loads(as_json.stdout)} == {"李华", "王芳"}
    as_csv = kg("query", "agreements_between", "-p", "a=东岭镇", "-p", "b=西山乡", "--format", "csv", env=env)
    assert as_csv.stdout.splitlines()[0] == "party_a,party_b,agreement,date,article_id,evidence"
    table = kg("query", "event_attendees", "-p", "event=会议", env=env)
    assert table.returncode == 0 and "王芳" in table.stdout

    ad_hoc = kg(
        "cypher",
        "MATCH (p:Person) WHERE p.name = $n RETURN p.name AS name",
        "-p",
        "n=李华",
        "--format",
        "json",
        env=env,
    )
    assert json.loads(ad_hoc.stdout) == [{"name": "李华"}]
    write = kg("cypher", "MATCH (n) DETACH DELETE n", env=env)
    assert write.returncode == 1 and "only read" in write.stderr and "Traceback" not in write.stderr
    syntax = kg("cypher", "MATCH (n RETURN n", env=env)
    assert syntax.returncode == 1 and "Cypher syntax error" in syntax.stderr

    wrong = kg("query", "co_attendance", env={**env, "NEO4J_PASSWORD": "wrong-password"})
    assert wrong.returncode == 3 and "wrong user or password" in wrong.stderr
