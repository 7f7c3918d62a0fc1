"""`kg export --neo4j-admin DIR`: CSV files for Neo4j's bulk importer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli_options import DateOpt, FactsOpt, HomeCityOpt, OptionalPathsArg, WorkersOpt, facts_from_inputs
from kg.summary import console


def register(app: typer.Typer) -> None:
    """Add the export command to `kg`."""
    app.command("export")(export_command)


def export_command(
    paths: OptionalPathsArg = None,
    neo4j_admin: Annotated[Path, typer.Option("--neo4j-admin", help="Directory for the nodes_*.csv / rels_*.csv files.")] = Path("neo4j-import"),
    facts: FactsOpt = None,
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Write CSVs for `neo4j-admin database import full`, the bulk path for whole archives."""
    from loaders.admin_export import export_admin_csv, import_command

    items = facts_from_inputs(paths, facts, date=date, home_city=home_city, workers=workers)
    summary = export_admin_csv(items, neo4j_admin)
    console.print(f"wrote {summary.nodes} nodes and {summary.relationships} relationships to {neo4j_admin}/")
    console.print("import into a stopped Neo4j (replaces its database), from that directory:", highlight=False)
    console.print(f"  {import_command(neo4j_admin)}", highlight=False, soft_wrap=True)
    console.print(f"(the same command is in {neo4j_admin / 'import.sh'})", highlight=False)
