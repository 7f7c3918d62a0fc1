"""Fault injection against the real Neo4j: `kill -9` of the server at several points of a `kg load`.

Each time the load ends with one line (the driver's own retry messages stay out of the terminal,
routed through our logging) and exit code 3; after a restart the same command resumes, and the
graph is exactly that of one clean load (fingerprint of every node and relationship)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from kg.config import PROJECT_ROOT
from kg.jsonl import write_jsonl
from loaders import neo4j_server
from loaders.neo4j_connection import Neo4jSettings, open_driver
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import free_port, graph_fingerprint, tiny_facts

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]  # servers of its own, killed and restarted

ARTICLES = 400
BATCH_ROWS = 40  # two articles per transaction: hundreds of commits to kill the server between
#: Articles stored when the server is killed: early, midway, late.
KILL_POINTS = (20, 160, 320)


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    """A server of this module's own, since its tests kill it."""
    home = tmp_path_factory.mktemp("neo4j-faults")
    port = free_port()
    try:
        neo4j_server.start(home, port, heap="384m", pagecache="64m")
        yield home, port
    finally:
        neo4j_server.stop(home)


def _settings(home: Path) -> Neo4jSettings:
    state = neo4j_server.read_state(home)
    assert state is not None
    return Neo4jSettings(uri=state.uri, password=neo4j_server.stored_password(home))


def _articles_stored(driver: neo4j.Driver) -> int:
    return driver.execute_query("MATCH (a:Article) RETURN count(a) AS c").records[0]["c"]


def _load(facts: Path, settings: Neo4jSettings, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "load", "--facts", str(facts), *args],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "NEO4J_URI": settings.uri,
            "NEO4J_PASSWORD": settings.password or "",
            "COLUMNS": "200",
            **env,
        },
    )


def test_kill_9_during_a_load_then_resume(own_server: tuple[Path, int], tmp_path: Path) -> None:
    home, port = own_server
    items = [tiny_facts(f"k{i:04d}", f"第{i}篇。", extra_person=f"人{i}") for i in range(ARTICLES)]
    facts = tmp_path / "facts.jsonl"
    write_jsonl(items, facts)
    driver = open_driver(_settings(home))
    try:
        Neo4jWriter(driver).write(items)
        clean = graph_fingerprint(driver)
        driver.execute_query("MATCH (n) DETACH DELETE n")
    finally:
        driver.close()

    for point in KILL_POINTS:
        settings = _settings(home)
        driver = open_driver(settings)
        load = _load(facts, settings, "--batch-rows", str(BATCH_ROWS), KG_NEO4J_RETRY_SECONDS="2")
        try:
            while _articles_stored(driver) < point:
                assert load.poll() is None, "the load finished before the kill point"
                time.sleep(0.02)
            state = neo4j_server.read_state(home)
            assert state is not None
            os.kill(state.pid, signal.SIGKILL)
            out, err = load.communicate(timeout=120)
        finally:
            driver.close()
            if load.poll() is None:
                load.kill()
        assert load.returncode == 3, err
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1, err  # no "Transaction failed and will be retried" on top of it
        assert "Traceback" not in err and "cannot reach Neo4j" in lines[0]

        neo4j_server.start(home, port, heap="384m", pagecache="64m")
        settings = _settings(home)
        resumed = _load(facts, settings)  # the same input again, in the default (large) batches
        out, err = resumed.communicate(timeout=300)
        assert resumed.returncode == 0, err
        driver = open_driver(settings)
        try:
            assert graph_fingerprint(driver) == clean, f"after a kill at {point} articles"
            driver.execute_query("MATCH (n) DETACH DELETE n")
        finally:
            driver.close()
