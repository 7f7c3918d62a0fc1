"""`kg spark extract` and `kg spark load`: the pipeline on Apache Spark (kg/spark.py).

A thin layer: options are parsed here, the work happens in kg.spark (pyspark is imported there,
only when a command runs, so `kg` works without the extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli_options import (
    DatabaseOpt,
    DataOpt,
    DateOpt,
    HomeCityOpt,
    MergeOpt,
    PasswordFileOpt,
    PasswordOpt,
    PathsArg,
    UriOpt,
    UserOpt,
    exit_if_inputs_failed,
    neo4j_settings,
    warn,
)
from kg.errors import InputError
from kg.summary import console

MasterOpt = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="Spark master URL: local[2] by default, else spark-submit's (spark://HOST:7077, yarn, k8s://…).",
    ),
]
ConfOpt = Annotated[
    list[str] | None,
    typer.Option("--conf", help="A Spark setting as key=value (spark.executor.memory=2g); repeat for more."),
]

spark_app = typer.Typer(
    help="Extract and load on Apache Spark (pip install -e '.[spark]'); local[2] by default.", no_args_is_help=True
)


def parse_conf(items: list[str] | None) -> list[tuple[str, str]]:
    """`key=value` Spark settings as pairs."""
    pairs: list[tuple[str, str]] = []
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--conf {item!r} is not key=value")
        pairs.append((key.strip(), value))
    return pairs


@spark_app.command("extract")
def extract_command(
    paths: PathsArg,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="Directory for the facts: JSON Lines, one part file per partition, in input order."
        ),
    ] = Path("facts.spark"),
    partitions: Annotated[
        int | None,
        typer.Option(
            "--partitions", min=1, help="Partitions to extract in (default: Spark's parallelism, 2 for local[2])."
        ),
    ] = None,
    master: MasterOpt = None,
    conf: ConfOpt = None,
    date: DateOpt = None,
    home_city: HomeCityOpt = None,
    merge: MergeOpt = None,
) -> None:
    """Read newspaper text and extract facts on Spark: the same facts as `kg extract`, partitioned."""
    from kg import spark
    from kg.cli_options import merges_from

    summary = spark.extract_to(
        paths,
        str(output),
        master=master,
        partitions=partitions,
        conf=parse_conf(conf),
        date=date,
        home_city=home_city,
        report=warn,
        merges=merges_from(merge),
    )
    console.print(f"wrote {summary.output}/part-* (JSON Lines)", highlight=False)
    table = Table()
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary.articles))
    table.add_row("entities", str(sum(summary.entities.values())))
    table.add_row("relations", str(sum(summary.relations.values())))
    console.print(table)
    console.print(f"{summary.files} files, {summary.partitions} partitions, {summary.seconds:.1f} s", highlight=False)
    exit_if_inputs_failed(summary.failed, summary.files_read, f"written to {summary.output}/")


@spark_app.command("load")
def load_command(
    facts: Annotated[
        str, typer.Argument(help="Facts to load: a directory written by `kg spark extract`, or a facts.jsonl.")
    ],
    partitions: Annotated[int, typer.Option("--partitions", help="Concurrent writers into Neo4j, 2 to 4.")] = 2,
    batch_rows: Annotated[
        int | None,
        typer.Option("--batch-rows", min=1, help="Rows per write transaction (whole articles; default 20,000)."),
    ] = None,
    master: MasterOpt = None,
    conf: ConfOpt = None,
    uri: UriOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    password_file: PasswordFileOpt = None,
    database: DatabaseOpt = None,
    data: DataOpt = None,
) -> None:
    """Load facts into Neo4j from Spark partitions (constraints first; idempotent MERGE batches)."""
    from kg import spark

    settings = neo4j_settings(uri, user, password, password_file, database, data)
    summary = spark.load(
        facts, settings, master=master, partitions=partitions, conf=parse_conf(conf), batch_rows=batch_rows
    )
    console.print(f"loaded into {settings.uri} from {summary.partitions} partitions", highlight=False)
    table = Table()
    for column in ("what", "created", "matched"):
        table.add_column(column, justify="right" if column != "what" else "left")
    table.add_row("nodes", str(summary.nodes_created), str(summary.nodes_matched))
    table.add_row("relationships", str(summary.relationships_created), str(summary.relationships_matched))
    console.print(table)
    console.print(f"{summary.articles} articles, {summary.seconds:.1f} s", highlight=False)


def register(app: typer.Typer) -> None:
    """Add `kg spark …` to the `kg` app."""
    app.add_typer(spark_app, name="spark")
