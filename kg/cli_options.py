"""Options and helpers shared by the commands that read newspaper text or a facts file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import InputError, Interrupted
from kg.model import Facts
from kg.summary import ProgressBar, err_console

PathsArg = Annotated[list[str], typer.Argument(help="Text files, directories or glob patterns.")]
OptionalPathsArg = Annotated[
    list[str] | None, typer.Argument(help="Text files, directories or glob patterns to extract first.")
]
FactsOpt = Annotated[Path | None, typer.Option("--facts", help="Use a facts file written by `kg extract` instead (.jsonl, or .parquet).")]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Article date YYYY-MM-DD for all inputs (else from file name, else text)."),
]
HomeCityOpt = Annotated[
    str | None,
    typer.Option("--home-city", help="The paper's home city: 我市/市委/市长 resolve to it (else inferred)."),
]
ResumeOpt = Annotated[
    bool,
    typer.Option("--resume", help="Go on from an interrupted run: skip the articles its OUTPUT.partial holds."),
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes, one JVM each.")]


@contextmanager
def resumable() -> Iterator[None]:
    """Ctrl-C in a streaming run: say what was kept and how to go on, and exit 130 (no traceback)."""
    try:
        yield
    except Interrupted as exc:
        what = "nothing was" if not exc.articles else f"the facts of {exc.articles:,} articles are"
        err_console.print(f"interrupted while {exc.stage}: {what} kept in {exc.partial}; run the same command "
                          "with --resume to go on from there", highlight=False, soft_wrap=True)
        raise typer.Exit(130) from None


def warn(message: str) -> None:
    """One yellow line on stderr: a bad input named, the batch going on."""
    err_console.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)


def facts_from_inputs(paths: list[str] | None, facts: Path | None, *, date: str | None, home_city: str | None,
                      workers: int) -> tuple[list[Facts], list[str], int]:
    """Facts from a facts.jsonl, from newspaper text (extracted now), or both; InputError if none.

    Also the inputs that could not be used (each already warned about) and the number of files read."""
    from kg.stream import iter_facts_file

    if facts is None and not paths:
        raise InputError("give PATHS to extract or --facts facts.jsonl")
    items = list(iter_facts_file(facts)) if facts is not None else []
    failed: list[str] = []
    files = 1 if facts is not None else 0
    if paths:
        from kg.pipeline import extract_paths

        result = extract_paths(paths, date=date, home_city=home_city, workers=workers, report=warn,
                               progress=ProgressBar("extracting"))
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
    err_console.print(f"[red]error:[/] {n} input{'s' if n != 1 else ''} could not be read: {names}; "
                      f"facts of the {files_read} file{'s' if files_read != 1 else ''} read were {done}",
                      highlight=False, soft_wrap=True)
    raise typer.Exit(1)
