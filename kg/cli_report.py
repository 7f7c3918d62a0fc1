"""`kg report`: one offline HTML report with charts and tables (viz.report over kg.analysis)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli_options import DatabaseOpt, DataOpt, PasswordFileOpt, PasswordOpt, UriOpt, UserOpt, neo4j_settings
from kg.errors import InputError
from kg.summary import console


def report_command(
    source: Annotated[
        Path | None,
        typer.Argument(help="A build directory (holding facts.jsonl) or a facts.jsonl file. Omit with --neo4j."),
    ] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the HTML report.")] = Path(
        "report.html"
    ),
    neo4j: Annotated[bool, typer.Option("--neo4j", help="Report on the graph in Neo4j (--uri etc.) instead.")] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the report (default: from the source).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Louvain community search.")] = 0,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Write a report to forward: meetings per month, most connected people, the cooperation matrix
    and agreements over time, each chart with its table, in one HTML file that works offline."""
    from kg.analysis import analyze
    from kg.cli_analyze import _facts_path
    from kg.outputs import check_output_file
    from viz.report import render_report

    if (source is None) == (not neo4j):
        raise InputError("give exactly one source: a build directory or facts.jsonl, or --neo4j")
    check_output_file(output, "-o")
    if source is not None:
        from kg.graph import to_networkx
        from kg.jsonl import read_jsonl

        graph = to_networkx(read_jsonl(_facts_path(source)))
        default_title = f"新闻知识图谱报告 · {source.name}"
    else:
        from loaders.neo4j_analysis import read_analysis_graph
        from loaders.neo4j_connection import open_driver

        settings = neo4j_settings(uri, user, password, password_file, database, data)
        driver = open_driver(settings)
        try:
            graph = read_analysis_graph(driver, settings.database)
        finally:
            driver.close()
        default_title = "新闻知识图谱报告 · Neo4j"
    result = analyze(graph, seed=seed)
    path = render_report(graph, result, output, title=title or default_title)
    console.print(
        f"wrote {path}: {len(result.people)} people, {len(result.cooperation)} cooperation cells", highlight=False
    )


def register(app: typer.Typer) -> None:
    """Add `kg report` to the `kg` app."""
    app.command("report")(report_command)
