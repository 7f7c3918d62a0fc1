"""`kg`, the command line: a thin layer that parses arguments and calls library functions.

Every error the user can cause arrives here as a KgError and leaves as one line on stderr
with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli_options import DateOpt, HomeCityOpt, PathsArg, WorkersOpt, exit_if_inputs_failed, warn
from kg.errors import KgError
from kg.pipeline import ExtractResult
from kg.summary import ProgressBar, console, err_console, print_summary

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
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the installed version and exit.")] = False,
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
) -> None:
    """Read newspaper text and write one facts object per article (JSON Lines)."""
    from kg.jsonl import write_jsonl
    from kg.outputs import check_output_file
    from kg.pipeline import extract_paths

    check_output_file(output, "-o")  # before the work, not after it
    result = extract_paths(paths, date=date, home_city=home_city, workers=workers, report=warn,
                           progress=ProgressBar("extracting"))
    _exit_if_nothing_read(result)
    write_jsonl(result.facts, output)
    print_summary(result.facts, title=f"wrote {output}")
    exit_if_inputs_failed(result.failed, result.files_read, f"written to {output}")


@app.command()
def build(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("out"),
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Run the whole pipeline: DIR/facts.jsonl, DIR/graph.graphml and DIR/map.html."""
    from kg.outputs import check_output_dir
    from kg.pipeline import build_outputs, extract_paths

    check_output_dir(out, "--out")
    result = extract_paths(paths, date=date, home_city=home_city, workers=workers, report=warn,
                           progress=ProgressBar("extracting"))
    _exit_if_nothing_read(result)
    written = build_outputs(result.facts, out)
    print_summary(result.facts, title=f"built {out}/: " + " ".join(p.name for p in written))
    exit_if_inputs_failed(result.failed, result.files_read, f"built into {out}/")


def _exit_if_nothing_read(result: ExtractResult) -> None:
    """Nothing readable: say so and exit 1 before any output file is touched."""
    if not result.facts:
        err_console.print("[red]error:[/] no article could be read from the inputs; nothing written", highlight=False)
        raise typer.Exit(1)


# Other command groups register themselves here.
def _register_commands() -> None:
    import importlib

    for module in ("kg.cli_neo4j", "kg.cli_map", "kg.cli_eval", "kg.cli_export", "kg.cli_spark"):
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
