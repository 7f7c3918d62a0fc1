"""Server notifications reach the log (the `neo4j.notifications` logger), not the terminal as
Python warnings, and are shown by `kg` with KG_LOG=debug."""

from __future__ import annotations

import logging
import warnings

import neo4j
import pytest

from loaders.neo4j_connection import Neo4jSettings, open_driver, run_read
from tests.test_neo4j_cli import kg

pytestmark = pytest.mark.neo4j

UNKNOWN = "MATCH (n:NoSuchLabelAnywhere) RETURN count(n) AS c"


def test_notifications_are_logged_not_warned(
    neo4j_server_settings: Neo4jSettings, caplog: pytest.LogCaptureFixture
) -> None:
    driver = open_driver(neo4j_server_settings)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a Python warning would fail the test
            with caplog.at_level(logging.DEBUG, logger="neo4j.notifications"):
                assert run_read(driver, None, UNKNOWN) == [{"c": 0}]
    finally:
        driver.close()
    records = [r for r in caplog.records if r.name == "neo4j.notifications"]
    assert records and any("NoSuchLabelAnywhere" in r.getMessage() for r in records)


def test_kg_shows_notifications_only_in_debug(neo4j_server_settings: Neo4jSettings, empty_graph: neo4j.Driver) -> None:
    env = {"NEO4J_PASSWORD": neo4j_server_settings.password or ""}
    quiet = kg("cypher", UNKNOWN, "--uri", neo4j_server_settings.uri, env=env)
    assert quiet.returncode == 0 and "NoSuchLabelAnywhere" not in quiet.stderr
    loud = kg("cypher", UNKNOWN, "--uri", neo4j_server_settings.uri, env={**env, "KG_LOG": "debug"})
    assert loud.returncode == 0 and "neo4j.notifications" in loud.stderr and "NoSuchLabelAnywhere" in loud.stderr
