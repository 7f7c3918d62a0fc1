"""Options and helpers shared by the commands that read newspaper text or a facts file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import InputError
from kg.model import Facts
from kg.summary import ProgressBar, err_console

PathsArg = Annotated[list[str], typer.Argument(help="Text files, directories or glob patterns.")]
OptionalPathsArg = Annotated[
    list[str] | None, typer.Argument(help="Text files, directories or glob patterns to extract first.")
]
FactsOpt = Annotated[Path | None, typer.Option("--facts", help="Use a facts.jsonl written by `kg extract` instead.")]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Article date YYYY-MM-DD for all inputs (else from file name, else text)."),
]
HomeCityOpt = Annotated[
    str | None,
    typer.Option("--home-city", help="The paper's home city: 我市/市委/市长 resolve to it (else inferred)."),
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=1, help="Worker processes, one JVM each.")]


def warn(message: str) -> None:
    """One yellow line on stderr: a bad input named, the batch going on."""
    err_console.print(f"[yellow]warning:[/] {message}", highlight=False, soft_wrap=True)


def facts_from_inputs(paths: list[str] | None, facts: Path | None, *, date: str | None, home_city: str | None,
                      workers: int) -> list[Facts]:
    """Facts from a facts.jsonl, from newspaper text (extracted now), or both; InputError if none."""
    from kg.jsonl import read_jsonl

    if facts is None and not paths:
        raise InputError("give PATHS to extract or --facts facts.jsonl")
    items = list(read_jsonl(facts)) if facts is not None else []
    if paths:
        from kg.pipeline import extract_paths

        items += extract_paths(paths, date=date, home_city=home_city, workers=workers, report=warn,
                               progress=ProgressBar("extracting")).facts
    if not items:
        raise InputError("no article could be read from the inputs; nothing written")
    return items
