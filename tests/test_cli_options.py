"""The one Neo4j option block (kg/cli_options.py): every command that talks to Neo4j takes the
same flags, and a flag wins over its environment variable, which wins over the local server."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from kg.cli import app
from tests.fixtures_neo4j import free_port
from tests.test_neo4j_cli import kg

NEO4J_FLAGS = {"--uri", "--user", "--password", "--password-file", "--database", "--data"}
COMMANDS = (["load"], ["query"], ["cypher"], ["map"], ["spark", "load"])


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_neo4j_command_takes_the_same_block(command: list[str]) -> None:
    cmd = typer.main.get_command(app)
    for name in command:
        assert isinstance(cmd, TyperGroup)
        cmd = cmd.commands[name]
    options = {opt: p for p in cmd.params for opt in getattr(p, "opts", [])}
    assert NEO4J_FLAGS <= set(options), f"{command}: {NEO4J_FLAGS - set(options)} missing"
    envvars = {opt: getattr(options[opt], "envvar", None) for opt in NEO4J_FLAGS}
    assert envvars == {
        "--uri": "NEO4J_URI",
        "--user": "NEO4J_USER",
        "--password": None,
        "--password-file": "NEO4J_PASSWORD_FILE",
        "--database": "NEO4J_DATABASE",
        "--data": None,
    }


@pytest.mark.parametrize("command", [["cypher", "RETURN 1"], ["map", "--cypher", "RETURN 1"]], ids=" ".join)
def test_a_flag_beats_its_environment_variable(command: list[str], tmp_path: Path) -> None:
    flag_uri, env_uri = f"bolt://127.0.0.1:{free_port()}", f"bolt://127.0.0.1:{free_port()}"
    env = {"NEO4J_URI": env_uri, "NEO4J_PASSWORD": "x"}
    extra = ["-o", str(tmp_path / "m.html")] if command[0] == "map" else []
    from_env = kg(*command, *extra, env=env)
    assert from_env.returncode == 3 and f"cannot reach Neo4j at {env_uri}" in from_env.stderr
    from_flag = kg(*command, *extra, "--uri", flag_uri, env=env)
    assert from_flag.returncode == 3 and f"cannot reach Neo4j at {flag_uri}" in from_flag.stderr
