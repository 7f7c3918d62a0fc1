"""An archive end to end on the streaming path, as a user runs it: `kg extract` of N generated
articles (read, extract, resolve), a new local Neo4j, `kg load --facts` (issue 12's target: 100,000
articles in under 15 minutes on this machine).

    .venv/bin/python -m bench.bench_archive [--articles 100000]

Each command runs as a new process; psutil samples its process tree (HanLP's JVM inside it) and,
through the whole run, the Neo4j server's process, every 0.1 s. The corpus (bench/corpus.py) is
generated first if missing and is not timed. Prints one table and writes bench/results/archive.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from bench.bench_memory import run_sampled

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
#: Issue 12: the articles and the time they must take end to end.
TARGET_ARTICLES = 100_000
TARGET_SECONDS = 15 * 60


class ServerWatch:
    """The peak resident memory and CPU seconds of one process (the Neo4j server), sampled on a thread."""

    def __init__(self, pid: int) -> None:
        self.proc = psutil.Process(pid)
        self.peak = 0
        self.cpu0 = self._cpu()
        self.cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _cpu(self) -> float:
        t = self.proc.cpu_times()
        return t.user + t.system

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            try:
                self.peak = max(self.peak, self.proc.memory_info().rss)
                self.cpu = self._cpu() - self.cpu0
            except psutil.Error:
                return

    def stop(self) -> dict[str, float]:
        """Stop sampling: the server's peak MiB and CPU seconds since the watch began."""
        self._stop.set()
        self._thread.join()
        return {"peak_mib": self.peak / 2**20, "cpu_seconds": self.cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=TARGET_ARTICLES)
    args = parser.parse_args()

    from bench.corpus import generate
    from loaders import neo4j_server
    from loaders.neo4j_connection import Neo4jSettings, open_driver

    corpus = RESULTS / f"corpus_{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus)
    kg = [sys.executable, "-m", "kg"]
    steps: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="kg-archive-") as tmp:
        facts = Path(tmp) / "facts.jsonl"
        steps["kg extract (read, extract, resolve)"] = run_sampled(
            [*kg, "extract", str(corpus), "-o", str(facts)], cwd=HERE.parent
        )
        articles = sum(1 for line in facts.open("rb") if line.strip())
        facts_mib = facts.stat().st_size / 2**20

        home = Path(tmp) / "neo4j"
        began = time.perf_counter()
        state = neo4j_server.start(home, neo4j_server.free_port()).state  # `kg neo4j start`'s defaults
        steps["Neo4j server start"] = {"seconds": time.perf_counter() - began, "cpu_seconds": 0.0, "peak_mib": 0.0}
        watch = ServerWatch(state.pid)
        try:
            password = neo4j_server.stored_password(home) or ""
            env = {**os.environ, "NEO4J_URI": state.uri, "NEO4J_PASSWORD": password}
            steps["kg load --facts"] = run_sampled([*kg, "load", "--facts", str(facts)], cwd=HERE.parent, env=env)
            driver = open_driver(Neo4jSettings(uri=state.uri, user="neo4j", password=password))
            with driver:
                nodes = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
                relationships = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
        finally:
            server = watch.stop()
            neo4j_server.stop(home)
    total = sum(s["seconds"] for s in steps.values())

    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{articles:,} articles end to end (streaming): {nodes:,} nodes, {relationships:,} relationships"
    )
    for col in ("step", "wall s", "CPU s", "peak MiB"):
        table.add_column(col, justify="left" if col == "step" else "right")
    for name, s in steps.items():
        table.add_row(
            name, f"{s['seconds']:.1f}", f"{s['cpu_seconds']:.1f}", f"{s['peak_mib']:,.0f}" if s["peak_mib"] else ""
        )
    table.add_row("Neo4j server (during the load)", "", f"{server['cpu_seconds']:.1f}", f"{server['peak_mib']:,.0f}")
    table.add_row("[b]total[/]", f"[b]{total:.1f}[/]", "", "")
    console = Console()
    console.print(table)
    load = steps["kg load --facts"]["seconds"]
    console.print(
        f"{total / 60:.1f} min (target < {TARGET_SECONDS // 60} min for {TARGET_ARTICLES:,}); "
        f"{articles / steps['kg extract (read, extract, resolve)']['seconds']:,.0f} articles/s extracting, "
        f"{relationships / load:,.0f} relationships/s loading; facts {facts_mib:,.0f} MiB; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "archive.json").write_text(
        json.dumps(
            {
                "articles": articles,
                "nodes": nodes,
                "relationships": relationships,
                "facts_mib": facts_mib,
                "steps": steps,
                "server": server,
                "total": total,
                "load_average": os.getloadavg(),
            },
            indent=1,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
