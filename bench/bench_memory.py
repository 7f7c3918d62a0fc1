"""Peak memory of `kg extract` as the corpus grows (it streams: the peak should stay flat), and a
projection for one million articles from the measured cost per article.

    .venv/bin/python -m bench.bench_memory [--sizes 10000,40000,160000] [--cores 8,32]
        [--checkout DIR]   # measure another checkout of the project (PYTHONPATH=DIR), e.g. the old code

Each size runs `kg extract` as a new process on a generated corpus (bench/corpus.py, kept in
bench/results/corpus_N); psutil samples the resident memory of its whole process tree (HanLP's JVM
runs inside it) every 0.1 s. Prints one table and writes bench/results/memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
#: Targets of issue 12: the largest run's peak within this factor of the smallest's, and a cap.
FLAT = 1.3
CAP_MIB = 1536


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in (proc, *proc.children(recursive=True)):
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _tree_cpu(proc: psutil.Process, seen: dict[int, float]) -> None:
    for p in (proc, *proc.children(recursive=True)):
        try:
            t = p.cpu_times()
            seen[p.pid] = t.user + t.system
        except psutil.Error:
            pass


def run_sampled(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run `command` as a new process, sampling its whole process tree every 0.1 s: wall seconds,
    CPU seconds and peak resident memory (MiB) of the tree. A failure exits naming the command."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            peak = max(peak, _tree_rss(ps))
            _tree_cpu(ps, cpu)
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - began
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:4])} failed ({proc.returncode}): {err[-400:]}")
    return {"seconds": seconds, "cpu_seconds": sum(cpu.values()), "peak_mib": peak / 2**20}


def measure(corpus: Path, out: Path, checkout: Path | None = None, workers: int = 1) -> dict[str, float]:
    """Run `kg extract corpus -o out` once: wall seconds, CPU seconds, peak RSS (MiB) of its tree."""
    env = dict(os.environ)
    cwd = HERE.parent
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
        cwd = checkout
    command = [sys.executable, "-m", "kg", "extract", str(corpus), "-o", str(out), "--workers", str(workers)]
    run = run_sampled(command, cwd=cwd, env=env)
    articles = sum(1 for line in out.open("rb") if line.strip())
    return {"articles": articles, **run, "facts_mib": out.stat().st_size / 2**20}


def projection(rows: dict[str, dict[str, float]], cores: list[int], target: int = 1_000_000) -> dict[str, float]:
    """Fixed cost and cost per article from the smallest and largest runs (wall and CPU), and the
    time for `target` articles on this machine and on N cores (CPU per article / N: perfect scaling,
    which two workers here do not reach, 1.45×; Spark's cluster figures are in bench_spark)."""
    sizes = sorted(rows, key=lambda k: rows[k]["articles"])
    small, large = rows[sizes[0]], rows[sizes[-1]]
    span = large["articles"] - small["articles"]
    per_wall = (large["seconds"] - small["seconds"]) / span
    per_cpu = (large["cpu_seconds"] - small["cpu_seconds"]) / span
    fixed = small["seconds"] - per_wall * small["articles"]
    out = {
        "per_article_ms": per_wall * 1e3,
        "per_article_cpu_ms": per_cpu * 1e3,
        "fixed_s": fixed,
        "one_machine_hours": (fixed + per_wall * target) / 3600,
    }
    for n in cores:
        out[f"cores_{n}_hours"] = (fixed + per_cpu * target / n) / 3600
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,40000")
    parser.add_argument("--cores", default="8,32,128")
    parser.add_argument("--checkout", type=Path, help="another checkout of the project to measure instead")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--label", default="", help="a name for this run in memory.json")
    args = parser.parse_args()
    from bench.corpus import generate

    RESULTS.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict[str, float]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = RESULTS / f"corpus_{size}"
        if not corpus.exists():
            generate(size, corpus)
        out = RESULTS / f"memory_facts_{args.label or 'run'}_{size}.jsonl"
        rows[str(size)] = measure(corpus, out, args.checkout, args.workers)
        out.unlink()
        print(json.dumps({size: rows[str(size)]}), flush=True)
    proj = projection(rows, [int(c) for c in args.cores.split(",")]) if len(rows) > 1 else {}

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"kg extract, peak memory by corpus size{' (' + args.label + ')' if args.label else ''}")
    for col in ("articles", "wall s", "CPU s", "articles/s", "peak MiB", "facts MiB"):
        table.add_column(col, justify="right")
    for r in rows.values():
        table.add_row(
            f"{r['articles']:,.0f}",
            f"{r['seconds']:.1f}",
            f"{r['cpu_seconds']:.1f}",
            f"{r['articles'] / r['seconds']:,.0f}",
            f"{r['peak_mib']:,.0f}",
            f"{r['facts_mib']:,.0f}",
        )
    console = Console()
    console.print(table)
    peaks = [r["peak_mib"] for r in rows.values()]
    console.print(
        f"largest peak / smallest = {peaks[-1] / peaks[0]:.2f}× (target ≤ {FLAT}×), "
        f"max {max(peaks):,.0f} MiB (target < {CAP_MIB:,})"
    )
    if proj:
        cores = ", ".join(f"{k.split('_')[1]} cores {v:.2f} h" for k, v in proj.items() if k.startswith("cores_"))
        console.print(
            f"1,000,000 articles: {proj['per_article_ms']:.2f} ms/article wall "
            f"({proj['per_article_cpu_ms']:.2f} CPU), fixed {proj['fixed_s']:.1f} s → one machine "
            f"{proj['one_machine_hours']:.2f} h; {cores}"
        )
    path = RESULTS / "memory.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    saved[args.label or "stream"] = {"runs": rows, "projection": proj}
    path.write_text(json.dumps(saved, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
