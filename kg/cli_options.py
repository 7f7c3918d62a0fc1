"""Options and helpers shared by the commands: reading newspaper text or a facts file, and the one
block of Neo4j connection options (kg load, kg query, kg cypher, kg map, kg spark load)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import InputError, Interrupted
from kg.identity import MergeRow
from kg.model import Facts
from kg.summary import ProgressBar, err_console

if TYPE_CHECKING:
    from loaders.neo4j_connection import Neo4jSettings

PathsArg = Annotated[list[str], typer.Argument(help="Text files, directories or glob patterns.")]
OptionalPathsArg = Annotated[
    list[str] | None, typer.Argument(help="Text files, directories or glob patterns to extract first.")
]
FactsOpt = Annotated[
    Path | None, typer.Option("--facts", help="Use a facts file written by `kg extract` instead (.jsonl, or .parquet).")
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Article date YYYY-MM-DD for all inputs (else from file name, else text)."),
]
HomeCityOpt = Annotated[
    str | None,
    typer.Option("--home-city", help="The paper's home city: 我市/市委/市长 resolve to it (else inferred)."),
]
MergeOpt = Annotated[
    Path | None,
    typer.Option(
        "--merge", help="An analyst's merges CSV (name,id_a,id_b): join two people's ids (careers that move)."
    ),
]
ResumeOpt = Annotated[
    bool,
    typer.Option("--resume", help="Go on from an interrupted run: skip the articles its OUTPUT.partial holds."),
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes, one JVM each.")]

# Neo4j connection: a flag wins over its environment variable (typer's envvar), which wins over
# the local server's files (loaders.neo4j_connection.Neo4jSettings.resolve). NEO4J_PASSWORD is
# read there, after a password file, so that a file named anywhere beats a password in the env.
UriOpt = Annotated[
    str | None,
    typer.Option(
        "--uri",
        envvar="NEO4J_URI",
        show_envvar=True,
        help="Bolt URI (bolt://, neo4j://, neo4j+s://); else the local server.",
    ),
]
UserOpt = Annotated[
    str | None, typer.Option("--user", envvar="NEO4J_USER", show_envvar=True, help="Neo4j user; else neo4j.")
]
PasswordOpt = Annotated[
    str | None,
    typer.Option(
        "--password",
        help="Neo4j password; else a password file, else NEO4J_PASSWORD, else the local server's stored one.",
    ),
]
PasswordFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--password-file",
        envvar="NEO4J_PASSWORD_FILE",
        show_envvar=True,
        help="Read the Neo4j password from this file (its first line).",
    ),
]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database", envvar="NEO4J_DATABASE", show_envvar=True, help="Database name; else the server default."
    ),
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Data directory of the local server; else KG_NEO4J_HOME, else .neo4j/ in the newskg home."
    ),
]


def neo4j_settings(
    uri: str | None,
    user: str | None,
    password: str | None,
    password_file: Path | None,
    database: str | None,
    data: Path | None,
) -> Neo4jSettings:
    """The connection the Neo4j option block asks for."""
    from loaders.neo4j_connection import Neo4jSettings

    return Neo4jSettings.resolve(uri, user, password, database, data_dir=data, password_file=password_file)


@contextmanager
def resumable() -> Iterator[None]:
    """Ctrl-C in a streaming run: say what was kept and how to go on, and exit 130 (no traceback)."""
    try:
        yield
    except Interrupted as exc:
        what = "nothing was" if not exc.articles else f"the facts of {exc.articles:,} articles are"
        err_console.print(
            f"interrupted while {exc.stage}: {what} kept in {exc.partial}; run the same command "
            "with --resume to go on from there",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(130) from None


def warn(message: str) -> None:
    """One yellow line on stderr: a bad input named, the batch going on."""
    err_console.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)


def merges_from(path: Path | None) -> list[MergeRow]:
    """The rows of a --merge file (bad rows warned about, one line each), or none."""
    from kg.identity import read_merges

    return read_merges(path, report=warn) if path is not None else []


def facts_from_inputs(
    paths: list[str] | None,
    facts: Path | None,
    *,
    date: str | None,
    home_city: str | None,
    workers: int,
    merges: list[MergeRow] | None = None,
) -> tuple[list[Facts], list[str], int]:
    """Facts from a facts.jsonl, from newspaper text (extracted now), or both; InputError if none.

    Also the inputs that could not be used (each already warned about) and the number of files read."""
    from kg.stream import iter_facts_file

    if facts is None and not paths:
        raise InputError("give PATHS to extract or --facts facts.jsonl")
    items = list(iter_facts_file(facts)) if facts is not None else []
    if merges is not None:  # a facts file's people as these merges join them (rows removed: apart again)
        from kg.identity import MergePlan, apply_merges

        plan = MergePlan(merges)
        items = [apply_merges(f, plan) for f in items]
    failed: list[str] = []
    files = 1 if facts is not None else 0
    if paths:
        from kg.pipeline import extract_paths

        result = extract_paths(
            paths,
            date=date,
            home_city=home_city,
            workers=workers,
            report=warn,
            progress=ProgressBar("extracting"),
            merges=merges or (),
        )
        items += result.facts
        failed, files = result.failed, files + result.files_read
    if not items:
        raise InputError("no article could be read from the inputs; nothing written")
    return items, failed, files


#: How many failed inputs the closing summary names before it only counts the rest.
SUMMARY_NAMES = 10


def exit_if_inputs_failed(failed: list[str], files_read: int, done: str) -> None:
    """After the work: if any named input failed, one red line naming them, and exit 1."""
    if not failed:
        return
    names = ", ".join(failed[:SUMMARY_NAMES])
    if len(failed) > SUMMARY_NAMES:
        names += f" and {len(failed) - SUMMARY_NAMES} more"
    n = len(failed)
    err_console.print(
        f"[red]error:[/] {n} input{'s' if n != 1 else ''} could not be read: {names}; "
        f"facts of the {files_read} file{'s' if files_read != 1 else ''} read were {done}",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(1)
