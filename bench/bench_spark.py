"""Spark against the single process, on the same generated corpus, in the same run:
`kg extract` (one process, HanLP on its own thread) and `kg spark extract` on local[1] and local[2],
each as a user runs it (a new process: JVM start-up, Spark start-up, writing the facts all counted).
The facts must be byte-identical. Two corpus sizes split Spark's cost into a fixed part (its JVM,
the session, the workers' HanLP start) and a part per article.

    .venv/bin/python -m bench.bench_spark [--articles 10000] [--small 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = RESULTS.parent.parent


def _kg(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds (the process and all its descendants: Spark's JVM, its Python workers)
    of one `kg` run, sampled every 0.1 s."""
    import psutil

    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", *args], cwd=ROOT, stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "200"}
    )
    root = psutil.Process(proc.pid)
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.1)
    if proc.returncode:
        raise SystemExit(f"kg {' '.join(args)} failed ({proc.returncode})")
    return time.perf_counter() - began, sum(cpu.values())


def _parts(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.glob("part-*")))


def measure(n: int, tmp: Path) -> dict[str, dict[str, float]]:
    """The three runs on a corpus of n articles; asserts their facts are the same bytes."""
    from bench.corpus import generate

    corpus = RESULTS / f"corpus_{n}"
    if not corpus.exists():
        generate(n, corpus)
    runs: dict[str, dict[str, float]] = {}
    single = tmp / f"single_{n}.jsonl"
    wall, cpu = _kg("extract", str(corpus), "-o", str(single))
    runs["single process"] = {"seconds": wall, "cpu": cpu}
    for master in ("local[1]", "local[2]"):
        out = tmp / f"spark_{master}_{n}"
        wall, cpu = _kg("spark", "extract", str(corpus), "-o", str(out), "--master", master)
        if _parts(out) != single.read_bytes():
            raise SystemExit(f"{master} on {n} articles: facts differ from the single process's")
        runs[f"spark {master}"] = {"seconds": wall, "cpu": cpu}
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the second, smaller corpus (fixed cost)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-spark-bench-") as tmp:
        sizes = {n: measure(n, Path(tmp)) for n in (args.small, args.articles)}
    big, small = sizes[args.articles], sizes[args.small]
    table = Table(
        title=f"kg extract vs kg spark extract ({os.cpu_count()} cores; facts identical)", title_justify="left"
    )
    for col in (
        "run",
        *(f"{n:,} articles: s (CPU s)" for n in sizes),
        "vs single (CPU)",
        "fixed s (CPU)",
        "per article ms (CPU)",
    ):
        table.add_column(col, justify="left" if col == "run" else "right")
    derived: dict[str, dict[str, float]] = {}
    for name in big:
        # seconds = fixed + per_article * n, from the two sizes
        per = (big[name]["seconds"] - small[name]["seconds"]) / (args.articles - args.small)
        fixed = big[name]["seconds"] - per * args.articles
        ratio = big[name]["seconds"] / big["single process"]["seconds"]
        cpu_per = (big[name]["cpu"] - small[name]["cpu"]) / (args.articles - args.small)
        cpu_fixed = big[name]["cpu"] - cpu_per * args.articles
        derived[name] = {
            "per_article_ms": per * 1000,
            "fixed_s": fixed,
            "vs_single": ratio,
            "cpu_per_article_ms": cpu_per * 1000,
            "cpu_fixed_s": cpu_fixed,
            "cpu_vs_single": big[name]["cpu"] / big["single process"]["cpu"],
        }
        table.add_row(
            name,
            *(f"{sizes[n][name]['seconds']:.1f} ({sizes[n][name]['cpu']:.1f})" for n in sizes),
            f"{ratio:.2f}× ({derived[name]['cpu_vs_single']:.2f}×)",
            f"{fixed:.1f} ({cpu_fixed:.1f})",
            f"{per * 1000:.2f} ({cpu_per * 1000:.2f})",
        )
    console = Console()
    console.print(table)
    one = derived["spark local[1]"]
    console.print(
        f"Spark's overhead over the single process at {args.articles:,} articles: "
        f"{(big['spark local[1]']['seconds'] - big['single process']['seconds']) / args.articles * 1000:.2f} ms "
        f"an article on local[1] (fixed {one['fixed_s'] - derived['single process']['fixed_s']:.1f} s, "
        f"per article {one['per_article_ms'] - derived['single process']['per_article_ms']:+.2f} ms)"
    )
    console.print(
        f"by CPU (steadier on a shared machine): Spark adds {one['cpu_fixed_s'] - derived['single process']['cpu_fixed_s']:.1f} "
        f"CPU-seconds a run and {one['cpu_per_article_ms'] - derived['single process']['cpu_per_article_ms']:+.2f} ms an article on local[1]; "
        f"load average at the end {os.getloadavg()[0]:.1f}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "spark.json").write_text(
        json.dumps(
            {
                "articles": args.articles,
                "small": args.small,
                "runs": {str(n): r for n, r in sizes.items()},
                "derived": derived,
            },
            indent=1,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
