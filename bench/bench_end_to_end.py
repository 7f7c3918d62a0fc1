"""An archive end to end: N generated articles extracted, loaded into a fresh local Neo4j, the
top-connected subgraph queried and drawn as a map; plus the neo4j-admin bulk import of the same
graph for comparison with the UNWIND loader.

    .venv/bin/python -m bench.bench_end_to_end [--articles 10000] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="1: the default pipeline (HanLP on its own thread)")
    parser.add_argument("--top", type=int, default=200, help="entities in the mapped subgraph")
    args = parser.parse_args()

    from bench.corpus import generate
    from cypher import load_query
    from kg.graph import to_networkx
    from kg.pipeline import extract_paths
    from loaders import neo4j_server
    from loaders.admin_export import export_admin_csv, import_into
    from loaders.neo4j_connection import Neo4jSettings, open_driver, run_read
    from loaders.neo4j_writer import Neo4jWriter
    from viz import render

    corpus = RESULTS / f"corpus_{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus)
    steps: dict[str, float] = {}
    began = time.perf_counter()
    facts = extract_paths([str(corpus)], workers=args.workers).facts
    steps["extract"] = time.perf_counter() - began
    relations = sum(len(f.relations) for f in facts)

    with tempfile.TemporaryDirectory(prefix="kg-e2e-") as tmp:
        home = Path(tmp) / "neo4j"
        t = time.perf_counter()
        state = neo4j_server.start(home, neo4j_server.free_port(), heap="1g", pagecache="512m").state
        steps["server start"] = time.perf_counter() - t
        try:
            settings = Neo4jSettings(uri=state.uri, user="neo4j", password=neo4j_server.stored_password(home))
            driver = open_driver(settings)
            t = time.perf_counter()
            summary = Neo4jWriter(driver, None).write(facts)
            steps["load (UNWIND)"] = time.perf_counter() - t
            loaded_rels = summary.relationships
            t = time.perf_counter()
            rows = run_read(driver, None, load_query("top_connected").text, {"limit": args.top})
            keep = {r.get("id") or r.get("name") for r in rows}
            graph = to_networkx(facts)
            sub = graph.subgraph([n for n, d in graph.nodes(data=True) if n in keep or d["name"] in keep]).copy()
            render(sub, Path(tmp) / "top.html", title="top connected")
            steps["query + map"] = time.perf_counter() - t
            driver.close()
        finally:
            neo4j_server.stop(home)
        total = sum(steps.values())

        t = time.perf_counter()
        export = export_admin_csv(facts, Path(tmp) / "csv")
        bulk_home = Path(tmp) / "bulk"
        (bulk_home / "conf").mkdir(parents=True)
        import_into(
            bulk_home, Path(tmp) / "csv", java=neo4j_server.java_executable(), classpath=neo4j_server.classpath()
        )
        admin_seconds = time.perf_counter() - t

    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    table = Table(title=f"end to end, {args.articles} articles, {relations} relations, {args.workers} workers")
    table.add_column("step")
    table.add_column("seconds", justify="right")
    for name, secs in steps.items():
        table.add_row(name, f"{secs:.1f}")
    table.add_row("[b]total[/]", f"[b]{total:.1f}[/]")
    console = Console()
    console.print(table)
    unwind_rate = loaded_rels / steps["load (UNWIND)"]
    admin_rate = export.relationships / admin_seconds
    console.print(
        f"UNWIND loader: {unwind_rate:,.0f} relationships/s ({loaded_rels} incl. MENTIONS); "
        f"neo4j-admin export + import: {admin_rate:,.0f} relationships/s ({export.relationships}); "
        f"peak RSS of this process or a child: {peak / 1024:.0f} MiB"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "end_to_end.json").write_text(
        json.dumps(
            {
                "articles": args.articles,
                "steps": steps,
                "total": total,
                "unwind_rel_per_s": unwind_rate,
                "admin_rel_per_s": admin_rate,
                "peak_mib": peak / 1024,
            },
            indent=1,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
