"""`kg`, the command line: a thin layer that parses arguments and calls library functions.

Every error the user can cause arrives here as a KgError and leaves as one line on stderr
with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli_options import (
    DateOpt,
    HomeCityOpt,
    MergeOpt,
    PathsArg,
    ResumeOpt,
    WorkersOpt,
    exit_if_inputs_failed,
    merges_from,
    resumable,
    warn,
)
from kg.errors import KgError
from kg.summary import StageBars, console, err_console, print_counts

if TYPE_CHECKING:
    from kg.stream import StreamResult

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph from Chinese city newspapers: extract facts, load Neo4j, draw maps.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        import kg

        console.print(f"newskg {kg.__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the installed version and exit."),
    ] = False,
) -> None:
    """Build a knowledge graph from Chinese city newspapers: extract facts, load Neo4j, draw maps."""


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write facts as JSON Lines.")] = Path(
        "facts.jsonl"
    ),
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    workers: WorkersOpt = 1,
    merge: MergeOpt = None,
    resume: ResumeOpt = False,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="jsonl or parquet (default: by the output's suffix, .parquet; else jsonl)."),
    ] = None,
) -> None:
    """Read newspaper text and write one facts object per article (JSON Lines, or Parquet)."""
    from kg.outputs import check_output_file
    from kg.stream import extract_to, output_format

    output_format(output, fmt)  # a wrong --format fails before the work
    check_output_file(output, "-o")  # before the work, not after it
    merges = merges_from(merge)
    with resumable(), StageBars() as bars:
        result = extract_to(
            paths,
            output,
            date=date,
            home_city=home_city,
            workers=workers,
            resume=resume,
            report=warn,
            progress=bars,
            fmt=fmt,
            merges=merges,
        )
    _exit_if_nothing_read(result)
    print_counts(result.counts(), title=f"wrote {output}")
    exit_if_inputs_failed(result.failed, result.files_read, f"written to {output}")


@app.command()
def build(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("out"),
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    workers: WorkersOpt = 1,
    merge: MergeOpt = None,
    resume: ResumeOpt = False,
) -> None:
    """Run the whole pipeline: DIR/facts.jsonl, DIR/graph.graphml and DIR/map.html."""
    from kg.graph import to_networkx
    from kg.outputs import check_output_dir
    from kg.pipeline import write_graph_outputs
    from kg.stream import extract_to

    check_output_dir(out, "--out")
    merges = merges_from(merge)
    facts_path = out / "facts.jsonl"
    with resumable(), StageBars() as bars:
        result = extract_to(
            paths,
            facts_path,
            date=date,
            home_city=home_city,
            workers=workers,
            resume=resume,
            report=warn,
            progress=bars,
            consume=to_networkx,
            merges=merges,
        )
    _exit_if_nothing_read(result)
    written = [facts_path, *write_graph_outputs(result.consumed, out)]
    print_counts(result.counts(), title=f"built {out}/: " + " ".join(p.name for p in written))
    exit_if_inputs_failed(result.failed, result.files_read, f"built into {out}/")


def _exit_if_nothing_read(result: StreamResult) -> None:
    """Nothing readable: say so and exit 1 before any output file is touched."""
    if not result.articles:
        err_console.print("[red]error:[/] no article could be read from the inputs; nothing written", highlight=False)
        raise typer.Exit(1)
    if result.resumed:
        console.print(f"resumed {result.resumed:,} articles extracted before the interruption", highlight=False)


# Other command groups register themselves here.
def _register_commands() -> None:
    import importlib

    for module in (
        "kg.cli_neo4j",
        "kg.cli_map",
        "kg.cli_eval",
        "kg.cli_export",
        "kg.cli_spark",
        "kg.cli_analyze",
        "kg.cli_report",
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        mod.register(app)


_register_commands()


def main() -> None:
    """Entry point of the `kg` console script."""
    from kg.logs import setup_logging

    try:
        setup_logging()
        app()
    except KgError as exc:
        err_console.print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted", highlight=False)
        sys.exit(130)


__all__ = ["app", "main", "console"]


if __name__ == "__main__":  # spark-submit takes this file as its application (README, On Spark)
    main()
