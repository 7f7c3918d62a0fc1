"""How fast does `kg load` write? Relationships per second into the real local Neo4j.

The seed page's facts (extracted by the real pipeline, or read from --facts) are copied N times
as distinct articles (article ids rewritten; people, places and organizations keep their ids, so
later copies merge into them as a real archive would) and loaded into a fresh server started in
a temporary directory (the repository's .neo4j/ is never touched). A second load of the same
input measures the idempotent re-run, where every MERGE finds its node or relationship, and a
third loads N further copies into the warmed-up server (query plans compiled, JIT done).

    .venv/bin/python bench/bench_neo4j_load.py [--copies 100] [--facts facts.jsonl] [--batch-rows 20000]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from kg.config import PROJECT_ROOT, seeds_dir  # noqa: E402
from kg.model import ARTICLE, Facts, Relation  # noqa: E402
from loaders import neo4j_server  # noqa: E402
from loaders.neo4j_connection import Neo4jSettings, open_driver  # noqa: E402
from loaders.neo4j_writer import (  # noqa: E402
    DEFAULT_BATCH_ROWS,  # noqa: E402
    LoadSummary,
    Neo4jWriter,
)

SEED_NAME = "000_d54358a44c71c9bc.txt"
console = Console(width=160)


def copy_as(facts: Facts, suffix: str) -> Facts:
    """The same facts as a distinct article: new article id (and its Article entity), same entities."""
    old = facts.article.id
    new = f"{old}-{suffix}"
    ids = {e.id: e.id.replace(old, new) if e.type == ARTICLE else e.id for e in facts.entities}
    entities = tuple(dataclasses.replace(e, id=ids[e.id]) for e in facts.entities)
    relations = tuple(
        Relation(r.type, ids[r.head], ids[r.tail], dataclasses.replace(r.evidence, article_id=new), r.properties)
        for r in facts.relations
    )
    return Facts(dataclasses.replace(facts.article, id=new), entities, relations)


def seed_facts(path: Path | None) -> list[Facts]:
    if path is not None:
        from kg.jsonl import read_jsonl

        return list(read_jsonl(path))
    from kg.pipeline import extract_paths

    return extract_paths([str(seeds_dir() / SEED_NAME)], date="2022-06-15").facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="how many times the page is loaded as new articles")
    parser.add_argument("--facts", type=Path, help="a facts.jsonl to use instead of extracting the seed page")
    parser.add_argument("--batch-rows", type=int, default=DEFAULT_BATCH_ROWS, help="rows per write transaction")
    args = parser.parse_args()

    base = seed_facts(args.facts)
    items = [copy_as(f, f"c{k:03d}") for k in range(args.copies) for f in base]
    typed = sum(len(f.relations) for f in items)

    with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-") as tmp:
        home = Path(tmp)
        started = neo4j_server.start(home, neo4j_server.free_port())
        try:
            settings = Neo4jSettings(uri=started.state.uri, password=neo4j_server.stored_password(home))
            driver = open_driver(settings)
            try:
                first = Neo4jWriter(driver, batch_rows=args.batch_rows).write(items)
                again = Neo4jWriter(driver, batch_rows=args.batch_rows).write(items)
                more = [copy_as(f, f"c{k:03d}") for k in range(args.copies, 2 * args.copies) for f in base]
                warm = Neo4jWriter(driver, batch_rows=args.batch_rows).write(more)
            finally:
                driver.close()
        finally:
            neo4j_server.stop(home)

    table = Table(
        title=f"Neo4j load: seed page × {args.copies} ({len(items)} articles, {typed} typed relations)",
        title_justify="left",
    )
    for column in (
        "run",
        "seconds",
        "batches",
        "nodes created",
        "rels created",
        "rels matched",
        "relationships/s",
        "typed relations/s",
    ):
        table.add_column(column, justify="right" if column != "run" else "left")
    runs = (("cold: first load", first), ("reload (no-op)", again), ("warm: next copies", warm))
    for name, s in runs:
        table.add_row(
            name,
            f"{s.seconds:.2f}",
            str(s.batches),
            str(s.nodes_created),
            str(s.relationships_created),
            str(s.relationships_matched),
            f"{s.relationships / s.seconds:.0f}",
            f"{typed / s.seconds:.0f}",
        )
    console.print(f"server start: {started.seconds:.1f} s")
    console.print(table)
    _save(args, started.seconds, typed, dict(runs))


def _save(args: argparse.Namespace, start_seconds: float, typed: int, runs: dict[str, LoadSummary]) -> None:
    out = PROJECT_ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    record = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "copies": args.copies,
        "batch_rows": args.batch_rows,
        "server_start_seconds": round(start_seconds, 2),
        "typed_relations": typed,
        "runs": {
            name: dataclasses.asdict(s)
            | {"relationships_per_s": s.relationships / s.seconds, "typed_per_s": typed / s.seconds}
            for name, s in runs.items()
        },
    }
    (out / "neo4j_load.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
