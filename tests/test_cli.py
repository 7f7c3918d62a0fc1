"""The `kg` command line: help everywhere, the contract's JSON shape, and bad input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app
from kg.config import PROJECT_ROOT

runner = CliRunner()


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out = [(prefix, group)]
    if getattr(group, "commands", None):
        for name, cmd in group.commands.items():
            out.extend(_commands(cmd, (*prefix, name)))
    return out


def test_every_command_and_option_has_help() -> None:
    """The one help-text test: every command and subcommand, every option and argument."""
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert len(commands) > 5
    for path, cmd in commands:
        assert (cmd.help or "").strip(), f"kg {' '.join(path)} has no help text"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        for param in cmd.params:  # options and arguments alike
            if param.name != "help":
                assert (getattr(param, "help", None) or "").strip(), f"kg {' '.join(path)} {param.opts[0]} has no help"


def kg(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console script, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or PROJECT_ROOT,
        timeout=300,
    )


@pytest.mark.hanlp
def test_extract_writes_the_fact_contract(tmp_path: Path, examples_dir: Path) -> None:
    out = tmp_path / "facts.jsonl"
    result = kg("extract", str(examples_dir), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 5
    types = set()
    for row in rows:
        assert set(row["article"]) >= {"id", "title", "date", "source", "byline"}
        ids = {e["id"] for e in row["entities"]}
        for e in row["entities"]:
            assert e["type"] in {"Person", "Organization", "Place", "Event", "Agreement", "Article"}
        for r in row["relations"]:
            types.add(r["type"])
            assert r["head"] in ids and r["tail"] in ids
            ev = r["evidence"]
            assert row["article"]["text"][ev["start"] : ev["end"]] == ev["sentence"]
            if r["type"] == "SIGNED_AGREEMENT":
                assert r["properties"]["agreement"]
    assert {"ATTENDED", "CHAIRED", "SIGNED_AGREEMENT", "VISITED", "HOLDS_POSITION", "AUTHORED"} <= types
    assert "articles" in result.stdout and "relations" in result.stdout


@pytest.mark.hanlp
def test_build_writes_facts_graphml_and_map(tmp_path: Path, examples_dir: Path) -> None:
    result = kg("build", str(examples_dir), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for name in ("facts.jsonl", "graph.graphml", "map.html"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    import networkx as nx

    g = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert any(d.get("name") == "林海峰" for _, d in g.nodes(data=True))


@pytest.mark.hanlp
def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (tmp_path / "no_text_here").mkdir()
    good = examples_dir / "20240602_nanyu_visit.txt"
    out = tmp_path / "facts.jsonl"
    result = kg(
        "extract",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "latin.txt"),
        str(tmp_path / "no_text_here"),
        str(good),
        "-o",
        str(out),
    )
    # The good file is read and written; the exit code says that named inputs failed, and the
    # last line sums up which.
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    *warnings, summary = result.stderr.strip().splitlines()
    for name in ("empty.txt", "binary.txt", "latin.txt", "no_text_here"):
        assert sum(name in line for line in warnings) == 1, result.stderr
        assert name in summary
    assert summary.startswith("error: 4 inputs could not be read") and str(out) in summary
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_nothing_readable_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "facts.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    result = kg("extract", str(tmp_path / "empty.txt"), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "empty.txt" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_missing_jar_says_what_to_install(tmp_path: Path, examples_dir: Path) -> None:
    result = kg(
        "extract", str(examples_dir), "-o", str(tmp_path / "f.jsonl"), env={"KG_HANLP_JAR": str(tmp_path / "no.jar")}
    )
    assert result.returncode == 4  # SetupError: not 2, click's code for a usage error
    assert "Traceback" not in result.stderr
    assert "dev.sh install" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_java_says_what_to_install(tmp_path: Path, examples_dir: Path) -> None:
    env = {"PATH": str(Path(sys.executable).parent), "JAVA_HOME": ""}
    result = kg("extract", str(examples_dir), "-o", str(tmp_path / "f.jsonl"), env=env)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr and "Java" in result.stderr


def test_bad_date_is_one_line() -> None:
    result = kg("extract", "examples", "--date", "June 5th")
    assert result.returncode != 0 and "Traceback" not in result.stderr and "June 5th" in result.stderr
