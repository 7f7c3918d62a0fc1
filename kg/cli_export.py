"""`kg export --neo4j-admin DIR`: CSV files for Neo4j's bulk importer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import InputError
from kg.summary import console, err_console


def register(app: typer.Typer) -> None:
    """Add the export command to `kg`."""
    app.command("export")(export_command)


def export_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Text files, directories or globs to extract first.")] = None,
    neo4j_admin: Annotated[Path, typer.Option("--neo4j-admin", help="Directory for the nodes_*.csv / rels_*.csv files.")] = Path("neo4j-import"),
    facts: Annotated[Path | None, typer.Option("--facts", help="Export a facts.jsonl written by `kg extract` instead.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Article date YYYY-MM-DD for all inputs.")] = None,
    home_city: Annotated[str | None, typer.Option("--home-city", help="The paper's home city (我市 resolves to it).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Extraction worker processes.")] = 1,
) -> None:
    """Write CSVs for `neo4j-admin database import full`, the bulk path for whole archives."""
    from kg.jsonl import read_jsonl
    from loaders.admin_export import export_admin_csv, import_command

    if facts is None and not paths:
        raise InputError("give PATHS to extract or --facts facts.jsonl")
    items = list(read_jsonl(facts)) if facts is not None else []
    if paths:
        from kg.pipeline import extract_paths

        items += extract_paths(paths, date=date, home_city=home_city, workers=workers,
                               report=lambda m: err_console.print(f"[yellow]warning:[/] {m}", highlight=False)).facts
    if not items:
        raise InputError("no article could be read from the inputs; nothing written")
    summary = export_admin_csv(items, neo4j_admin)
    console.print(f"wrote {summary.nodes} nodes and {summary.relationships} relationships to {neo4j_admin}/")
    console.print("import into a stopped Neo4j (replaces its database), from that directory:", highlight=False)
    console.print(f"  {import_command(neo4j_admin)}", highlight=False, soft_wrap=True)
    console.print(f"(the same command is in {neo4j_admin / 'import.sh'})", highlight=False)
