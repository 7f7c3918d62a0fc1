"""`kg analyze`: centrality, communities, brokers and the cooperation matrix, as tables, JSON or CSV.

A thin layer: the graph comes from a build directory / facts.jsonl (kg.graph) or from Neo4j
(loaders.neo4j_analysis), the work happens in kg.analysis, and `--write` stores the results as
node properties in Neo4j and in GraphML.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from kg.analysis import COLUMNS
from kg.cli_neo4j import OutputFormat
from kg.cli_options import DatabaseOpt, DataOpt, PasswordFileOpt, PasswordOpt, UriOpt, UserOpt, neo4j_settings
from kg.errors import InputError
from kg.summary import console, err_console


class Level(StrEnum):
    """Administrative level the cooperation matrix rolls parties up to."""

    province = "province"
    city = "city"
    county = "county"
    township = "township"


class TableName(StrEnum):
    """One table of the analysis."""

    people = "people"
    communities = "communities"
    brokers = "brokers"
    cooperation = "cooperation"


def analyze_command(
    source: Annotated[
        Path | None,
        typer.Argument(help="A build directory (holding facts.jsonl) or a facts.jsonl file. Omit with --neo4j."),
    ] = None,
    neo4j: Annotated[bool, typer.Option("--neo4j", help="Analyze the graph in Neo4j (--uri etc.) instead.")] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format: table, json or csv.")
    ] = OutputFormat.table,
    table: Annotated[
        TableName | None,
        typer.Option("--table", help="Only this table (csv needs one): people, communities, brokers or cooperation."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="Rows per table in --format table (0: all).")] = 20,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the Louvain community search (same seed, same result).")
    ] = 0,
    resolution: Annotated[
        float,
        typer.Option("--resolution", min=0.0, help="Louvain resolution: above 1 smaller communities, below 1 larger."),
    ] = 1.0,
    level: Annotated[
        Level | None,
        typer.Option("--level", help="Roll the cooperation matrix up to this level (city: 峰源乡 counts as 丽水市)."),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Store the measures as person properties: in Neo4j with --neo4j, else in GraphML."
        ),
    ] = False,
    graphml: Annotated[
        Path | None,
        typer.Option("--graphml", help="GraphML file --write writes (default: graph.graphml beside facts.jsonl)."),
    ] = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Network analysis: who is central, the communities, who brokers between them, which localities cooperate."""
    from kg.analysis import analyze

    if (source is None) == (not neo4j):
        raise InputError("give exactly one source: a build directory or facts.jsonl, or --neo4j")
    if output is OutputFormat.csv and table is None:
        raise InputError("--format csv prints one table: add --table people, communities, brokers or cooperation")
    if graphml is not None and not write:
        raise InputError("--graphml only goes with --write")
    facts_path = _facts_path(source) if source is not None else None
    graphml_out = graphml or (facts_path.with_name("graph.graphml") if facts_path is not None else None)
    if write and graphml_out is not None:
        from kg.outputs import check_output_file

        check_output_file(graphml_out, "--graphml")

    if facts_path is not None:
        from kg.graph import to_networkx
        from kg.jsonl import read_jsonl

        graph = to_networkx(read_jsonl(facts_path))
        result = analyze(graph, seed=seed, resolution=resolution, level=level.value if level else "")
        if write and graphml_out is not None:
            _write_graphml(graph, result, graphml_out)
    else:
        from loaders.neo4j_analysis import read_analysis_graph, write_analysis
        from loaders.neo4j_connection import open_driver

        settings = neo4j_settings(uri, user, password, password_file, database, data)
        driver = open_driver(settings)
        try:
            graph = read_analysis_graph(driver, settings.database)
            result = analyze(graph, seed=seed, resolution=resolution, level=level.value if level else "")
            if write:
                n = write_analysis(driver, result, settings.database)
                err_console.print(f"wrote the measures of {n} people to {settings.uri}", highlight=False)
        finally:
            driver.close()
        if write and graphml is not None:
            _write_graphml(graph, result, graphml)

    tables = [table.value] if table else ["people", "communities", "brokers", "cooperation"]
    _print(result.rows, tables, output, top)


def _facts_path(source: Path) -> Path:
    path = source / "facts.jsonl" if source.is_dir() else source
    if not path.is_file():
        hint = " (run `kg build` first)" if source.is_dir() else ""
        raise InputError(f"{path}: no such facts file{hint}")
    return path


def _write_graphml(graph: Any, result: Any, path: Path) -> None:
    from kg.analysis import annotate
    from kg.graph import write_graphml

    write_graphml(annotate(graph, result), path)
    err_console.print(f"wrote {path} with the measures as node attributes", highlight=False)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


_HIDDEN_IN_TABLE = {"ids", "id"}


def _print(rows_of: Any, tables: list[str], output: OutputFormat, top: int) -> None:
    if output is OutputFormat.json:
        out = {name: rows_of(name) for name in tables}
        typer.echo(json.dumps(out if len(tables) > 1 else out[tables[0]], ensure_ascii=False, indent=2))
        return
    if output is OutputFormat.csv:
        rows = rows_of(tables[0])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS[tables[0]]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(
            {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()} for row in rows
        )
        typer.echo(buffer.getvalue(), nl=False)
        return
    for name in tables:
        rows = rows_of(name)
        if not rows:
            console.print(f"{name}: none", highlight=False)
            continue
        shown = rows[:top] if top else rows
        caption = f"{len(shown)} of {len(rows)} rows" if len(shown) < len(rows) else f"{len(rows)} rows"
        t = Table(title=name, title_justify="left", caption=caption)
        columns = [c for c in rows[0] if c not in _HIDDEN_IN_TABLE]
        for column in columns:
            t.add_column(column, justify="right" if isinstance(rows[0][column], (int, float)) else "left")
        for row in shown:
            t.add_row(*(Text(_cell(row[c])) for c in columns))
        console.print(t)


def register(app: typer.Typer) -> None:
    """Add `kg analyze` to the `kg` app."""
    app.command("analyze")(analyze_command)
