"""`kg neo4j start|stop|status`, `kg load`, `kg query`, `kg cypher`: the Neo4j commands.

A thin layer: options are parsed here, the work happens in loaders/ and cypher/.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from kg.cli_options import (
    DatabaseOpt,
    DataOpt,
    DateOpt,
    FactsOpt,
    HomeCityOpt,
    MergeOpt,
    OptionalPathsArg,
    PasswordFileOpt,
    PasswordOpt,
    UriOpt,
    UserOpt,
    WorkersOpt,
    exit_if_inputs_failed,
    merges_from,
    neo4j_settings,
    warn,
)
from kg.errors import InputError
from kg.model import Facts
from kg.summary import console, err_console

ParamOpt = Annotated[
    list[str] | None, typer.Option("-p", "--param", help="A query parameter as key=value; repeat for more.")
]


class OutputFormat(StrEnum):
    """How query rows are printed."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Output format: table, json or csv.")]

neo4j_app = typer.Typer(
    help="Run the local Neo4j server (Community, from the Maven jars; no Docker).", no_args_is_help=True
)


@neo4j_app.command("start")
def start_command(
    data: DataOpt = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Bolt port on 127.0.0.1.")] = 7687,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file",
            help="A new server's initial password, from this file (kept there, not copied); "
            "else NEO4J_PASSWORD; else one is generated and kept 0600 in the data directory.",
        ),
    ] = None,
) -> None:
    """Start the local server (or reuse the running one), wait until Bolt answers, print the URI."""
    from loaders import neo4j_server
    from loaders.neo4j_connection import read_password_file

    password = read_password_file(password_file) if password_file else None
    result = neo4j_server.start(data, port, report=warn, password=password)
    verb = "already running" if result.reused else f"started in {result.seconds:.1f} s"
    console.print(f"Neo4j {verb}: [bold]{result.state.uri}[/] (pid {result.state.pid}, data {result.state.home})")
    if result.password_file:
        console.print(f"user neo4j, password in {result.password_file}", highlight=False)
    console.print(f"logs in {Path(result.state.home) / 'logs'}; stop it with `kg neo4j stop`", highlight=False)


@neo4j_app.command("stop")
def stop_command(data: DataOpt = None) -> None:
    """Stop the local server started from the data directory."""
    from loaders import neo4j_server

    state = neo4j_server.stop(data)
    console.print(f"Neo4j stopped (pid {state.pid})" if state else "Neo4j was not running")


@neo4j_app.command("status")
def status_command(data: DataOpt = None) -> None:
    """Whether the local server runs and answers on its Bolt port."""
    from loaders import neo4j_server

    st = neo4j_server.status(data)
    if st.state is None or not st.process_alive:
        console.print(f"Neo4j is not running (data {st.home})", highlight=False)
        raise typer.Exit(1)
    answers = "answers" if st.bolt_answers else "does not answer yet"
    console.print(
        f"Neo4j running: {st.state.uri} (pid {st.state.pid}, Bolt {answers}, data {st.home})", highlight=False
    )


def load_command(
    paths: OptionalPathsArg = None,
    facts: FactsOpt = None,
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    workers: WorkersOpt = 1,
    merge: MergeOpt = None,
    batch_rows: Annotated[
        int | None,
        typer.Option("--batch-rows", min=1, help="Rows per write transaction (whole articles; default 20,000)."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip the articles already stored (an interrupted load goes on).")
    ] = False,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Load facts into Neo4j (idempotent MERGE batches). PATHS are extracted and resolved against
    what the graph already holds (home city, places, people), so loading day by day gives the graph
    of loading the archive at once; a --facts file (JSON Lines or Parquet) is streamed in as it was
    resolved. --resume skips the articles already stored (an interrupted load goes on)."""
    from kg.stream import count_facts, iter_facts_file
    from kg.summary import StageBars
    from loaders.neo4j_connection import open_driver
    from loaders.neo4j_writer import DEFAULT_BATCH_ROWS, LoadSummary, Neo4jWriter

    if facts is None and not paths:
        raise InputError("give PATHS to extract or --facts facts.jsonl")
    merges = merges_from(merge) if merge is not None else None
    settings = neo4j_settings(uri, user, password, password_file, database, data)
    driver = open_driver(settings)  # fail fast, before a long extraction
    summaries: list[LoadSummary] = []
    stored = 0
    try:
        with StageBars() as bars:
            failed: list[str] = []
            files = 1 if facts is not None else 0
            total = count_facts(facts) if facts is not None else 0  # an unreadable --facts fails before extracting
            extracted: list[Facts] = []
            if paths:
                from kg.pipeline import extract_paths

                result = extract_paths(
                    paths,
                    date=date,
                    workers=workers,
                    report=warn,
                    resolved=False,
                    progress=lambda done, all_: bars("extracting", done, all_),
                )
                extracted, failed, files = result.facts, result.failed, files + result.files_read
                total += len(extracted)
            if not total:
                raise InputError("no article could be read from the inputs; nothing written")
            writer = Neo4jWriter(driver, settings.database, batch_rows=batch_rows or DEFAULT_BATCH_ROWS)
            skip = writer.stored_article_ids() if resume else set()
            skipped = 0
            offset = 0

            def report(done: int) -> None:
                nonlocal stored
                stored = offset + done
                bars("loading", skipped + stored, total)

            if facts is not None:
                plan = None
                if merges is not None:
                    from kg.identity import MergePlan
                    from loaders.neo4j_identity import apply_merges_in_graph

                    plan = MergePlan(merges)
                    apply_merges_in_graph(
                        driver,
                        settings.database,
                        plan,
                        (f.article.id for f in iter_facts_file(facts)),
                        source=str(merge),
                    )

                def items() -> Iterator[Facts]:
                    nonlocal skipped
                    from kg.identity import apply_merges

                    for f in iter_facts_file(facts):
                        if f.article.id in skip:
                            skipped += 1
                        else:
                            yield apply_merges(f, plan) if plan is not None else f

                writer.progress = report
                summaries.append(writer.write(items()))
                offset = stored
            if extracted:
                from loaders.neo4j_daily import load_articles

                if skip:
                    kept = [f for f in extracted if f.article.id not in skip]
                    skipped += len(extracted) - len(kept)
                    extracted = kept
                if extracted:
                    daily = load_articles(
                        driver,
                        settings.database,
                        extracted,
                        home_city=home_city,
                        merges=merges,
                        batch_rows=batch_rows,
                        progress=report,
                        merges_source=str(merge),
                    )
                    summaries.append(daily.summary)
    except KeyboardInterrupt:
        err_console.print(
            f"interrupted: {stored:,} articles were stored in whole batches; run the same command "
            "with --resume to skip the articles already stored",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None
    finally:
        driver.close()
    summary = summaries[0] if len(summaries) == 1 else _sum(summaries)  # none: every article was stored
    table = Table(title=f"loaded into {settings.uri}", title_justify="left")
    for column in ("what", "created", "matched"):
        table.add_column(column, justify="right" if column != "what" else "left")
    table.add_row("nodes", str(summary.nodes_created), str(summary.nodes_matched))
    table.add_row("relationships", str(summary.relationships_created), str(summary.relationships_matched))
    console.print(table)
    if skipped:
        console.print(f"{skipped:,} articles already stored were skipped (--resume)", highlight=False)
    rate = summary.relationships / summary.seconds if summary.seconds else 0.0
    console.print(
        f"{summary.articles} articles in {summary.batches} batches, {summary.seconds:.2f} s ({rate:.0f} relationships/s)"
    )
    exit_if_inputs_failed(failed, files, f"loaded into {settings.uri}")


def _sum(summaries: list[Any]) -> Any:
    from loaders.neo4j_writer import LoadSummary

    total = LoadSummary()
    for one in summaries:
        for name in (
            "articles",
            "batches",
            "nodes_created",
            "nodes_matched",
            "relationships_created",
            "relationships_matched",
            "properties_set",
            "seconds",
        ):
            setattr(total, name, getattr(total, name) + getattr(one, name))
    return total


def query_command(
    name: Annotated[str | None, typer.Argument(help="Name of a library query (see --list).")] = None,
    param: ParamOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List the library's queries and their parameters.")] = False,
    output: FormatOpt = OutputFormat.table,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Run a query of the analysts' library (cypher/*.cypher) in a read transaction."""
    from cypher import list_queries, load_query

    if list_ or name is None:
        table = Table(title="queries (kg query NAME -p key=value)", title_justify="left")
        for column in ("name", "parameters", "description"):
            table.add_column(column)
        for q in list_queries():
            optional = [f"[${p}={d!r}]" for p, (d, _) in q.optional.items()]
            table.add_row(q.name, " ".join([*(f"${p}" for p in q.parameters), *optional]), Text(q.description))
        console.print(table)
        return
    query = load_query(name)
    params = query.bind(parse_params(param or []))
    _print_rows(_read(query.text, params, uri, user, password, password_file, database, data), output)


def cypher_command(
    statement: Annotated[str, typer.Argument(help='The Cypher text, e.g. "MATCH (p:Person) RETURN p.name LIMIT 5".')],
    param: ParamOpt = None,
    output: FormatOpt = OutputFormat.table,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Run ad-hoc Cypher in a read transaction (writes are refused)."""
    from cypher import check_numeric_parameters

    params = parse_params(param or [])
    check_numeric_parameters(statement, params)
    _print_rows(_read(statement, params, uri, user, password, password_file, database, data), output)


def parse_params(items: list[str]) -> dict[str, str]:
    """`key=value` strings into a dict; values stay strings (queries convert where needed)."""
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"parameter {item!r} is not key=value")
        params[key.strip()] = value
    return params


def _read(
    text: str,
    params: dict[str, Any],
    uri: str | None,
    user: str | None,
    password: str | None,
    password_file: Path | None,
    database: str | None,
    data: Path | None,
) -> tuple[list[str], list[dict[str, Any]]]:
    from loaders.neo4j_connection import open_driver, run_read_table

    settings = neo4j_settings(uri, user, password, password_file, database, data)
    driver = open_driver(settings)
    try:
        return run_read_table(driver, settings.database, text, params)
    finally:
        driver.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _print_rows(table_: tuple[list[str], list[dict[str, Any]]], output: OutputFormat) -> None:
    columns, rows = table_
    if output is OutputFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif output is OutputFormat.csv:
        # The header always, so a script reading the file finds its columns even without rows.
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns or list(rows[0] if rows else ()), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        typer.echo(buffer.getvalue(), nl=False)
    elif not rows:
        err_console.print("no rows", highlight=False)
    else:
        table = Table(caption=f"{len(rows)} rows")
        for column in columns or rows[0]:
            table.add_column(column)
        for row in rows:
            table.add_row(*(Text(_cell(v)) for v in row.values()))
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add the Neo4j commands to the `kg` app."""
    app.add_typer(neo4j_app, name="neo4j")
    app.command("load")(load_command)
    app.command("query")(query_command)
    app.command("cypher")(cypher_command)
