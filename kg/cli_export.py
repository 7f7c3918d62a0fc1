"""`kg export`: CSV files for Neo4j's bulk importer (--neo4j-admin DIR), GEXF 1.3 for Gephi (--gexf FILE)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli_options import (
    DateOpt,
    FactsOpt,
    HomeCityOpt,
    OptionalPathsArg,
    WorkersOpt,
    exit_if_inputs_failed,
    facts_from_inputs,
)
from kg.summary import console


def register(app: typer.Typer) -> None:
    """Add the export command to `kg`."""
    app.command("export")(export_command)


def export_command(
    paths: OptionalPathsArg = None,
    neo4j_admin: Annotated[
        Path | None,
        typer.Option(
            "--neo4j-admin",
            help="Directory for the nodes_*.csv / rels_*.csv files (default neo4j-import/ without --gexf).",
        ),
    ] = None,
    gexf: Annotated[
        Path | None, typer.Option("--gexf", help="Write a GEXF 1.3 file for Gephi, with dates for its timeline.")
    ] = None,
    facts: FactsOpt = None,
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Write CSVs for `neo4j-admin database import full` (the bulk path for whole archives), or GEXF for Gephi."""
    from loaders.admin_export import export_admin_csv, import_command

    if facts is not None and facts.is_dir():
        facts = facts / "facts.jsonl"  # a `kg build` directory
    from kg.outputs import check_output_dir, check_output_file

    if gexf is not None:
        check_output_file(gexf, "--gexf")
    if neo4j_admin is not None or gexf is None:
        check_output_dir(neo4j_admin or Path("neo4j-import"), "--neo4j-admin")
    items, failed, files = facts_from_inputs(paths, facts, date=date, home_city=home_city, workers=workers)
    if gexf is not None:
        from kg.gexf import write_gexf
        from kg.graph import to_networkx

        graph = to_networkx(items)
        write_gexf(graph, gexf)
        console.print(
            f"wrote {gexf}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relations", highlight=False
        )
        if neo4j_admin is None:
            exit_if_inputs_failed(failed, files, f"written to {gexf}")
            return
    neo4j_admin = neo4j_admin or Path("neo4j-import")
    summary = export_admin_csv(items, neo4j_admin)
    console.print(f"wrote {summary.nodes} nodes and {summary.relationships} relationships to {neo4j_admin}/")
    console.print("import into a stopped Neo4j (replaces its database), from that directory:", highlight=False)
    console.print(f"  {import_command(neo4j_admin)}", highlight=False, soft_wrap=True)
    console.print(f"(the same command is in {neo4j_admin / 'import.sh'})", highlight=False)
    exit_if_inputs_failed(failed, files, f"exported to {neo4j_admin}/")
