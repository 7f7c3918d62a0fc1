"""Every benchmark in one command, then one summary table with the targets:

    .venv/bin/python -m bench            # or: bash dev.sh bench

Runs bench_extract (2,000... set by --articles), bench_neo4j_load, bench_map, bench_end_to_end,
bench_hostile and bench_spark one after another (each prints its own detail), then reads bench/results/*.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def _run(*args: str) -> None:
    print(f"\n$ python {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, *args], check=True, cwd=HERE.parent)


def _load(name: str) -> dict:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def summary() -> Table:
    """The targets of the throughput issue, each with its measured number."""
    ex, e2e, load, mp = _load("extract"), _load("end_to_end"), _load("neo4j_load"), _load("map")
    scaling, hostile, spark = _load("scaling"), _load("hostile"), _load("spark")
    table = Table(title="benchmarks (2 cores, 24 GiB)", title_justify="left")
    for col in ("target", "measured", "met"):
        table.add_column(col)

    def row(target: str, value: float | None, fmt: str, ok: bool | None) -> None:
        shown = "—" if value is None else fmt.format(value)
        table.add_row(target, shown, "—" if ok is None else ("yes" if ok else "no"))

    if ex:
        rate = {k: v["chars"] / v["seconds"] for k, v in ex.items()}
        row(
            "extraction ≥ jieba POS (chars/s)",
            rate["extract"],
            "{:,.0f} vs jieba " + f"{rate['jieba_pos']:,.0f}",
            rate["extract"] >= rate["jieba_pos"],
        )
        row(
            "extraction ≥ 50% of raw HanLP",
            rate["extract"] / rate["raw_hanlp"],
            "{:.0%}",
            rate["extract"] >= 0.5 * rate["raw_hanlp"],
        )
        if "extract_one_thread" in ex:
            scale = ex["extract_one_thread"]["seconds"] / ex["extract_workers"]["seconds"]
            row("2 workers ≥ 1.7× one (one thread each, JVM start-up included)", scale, "{:.2f}×", scale >= 1.7)
            lead = ex["extract_one_thread"]["seconds"] / ex["extract"]["seconds"]
            row("1 process, HanLP on its own thread (warm), vs one thread (from start)", lead, "{:.2f}×", None)
        for name, r in scaling.items():
            row(f"yardstick: {name}, two processes vs one", r["scaling"], "{:.2f}×", None)
        peak = max(v["peak_mib"] for k, v in ex.items() if k.startswith("extract"))
        row("extraction peak memory < 2 GiB", peak, "{:,.0f} MiB", peak < 2048)
    if load:
        warm = load["runs"].get("warm: next copies") or {}
        cold = load["runs"].get("cold: first load") or {}
        row(
            "UNWIND loader ≥ 10,000 rel/s (seed ×100, first load)",
            cold.get("relationships_per_s"),
            "{:,.0f}",
            cold.get("relationships_per_s", 0) >= 10_000,
        )
        row("UNWIND loader, warmed server", warm.get("relationships_per_s"), "{:,.0f}", None)
    if e2e:
        row(
            "UNWIND loader ≥ 10,000 rel/s (end-to-end corpus)",
            e2e["unwind_rel_per_s"],
            "{:,.0f}",
            e2e["unwind_rel_per_s"] >= 10_000,
        )
        row("neo4j-admin export + import (rel/s)", e2e["admin_rel_per_s"], "{:,.0f}", None)
        row(f"{e2e['articles']:,} articles end to end < 10 min", e2e["total"], "{:.0f} s", e2e["total"] < 600)
    for name, r in hostile.items():
        if name.startswith("seed ") and "seconds" in r:
            ok = r["seconds"] < 10 * r["input_bytes"] / 1e6 and r["peak_mib"] < 1024
            row(
                f"one unpunctuated line, {name} ({r['input_bytes'] / 1e6:.1f} MB): < 10 s/MB, < 1 GiB",
                r["seconds"],
                "{:.1f} s, " + f"{r['peak_mib']:,.0f} MiB",
                ok,
            )
    if spark:
        d = spark["derived"]
        row(
            f"Spark local[1] within 20% of the single process ({spark['articles']:,} articles, wall; CPU "
            f"{d['spark local[1]']['cpu_vs_single']:.2f}×)",
            d["spark local[1]"]["vs_single"],
            "{:.2f}×",
            d["spark local[1]"]["vs_single"] <= 1.2,
        )
        row("Spark local[2] vs the single process (wall)", d["spark local[2]"]["vs_single"], "{:.2f}×", None)
    for r in mp.get("rows", []):
        row(
            f"map {r['nodes']:,} nodes: render + Chromium time-to-interactive",
            r["render_s"] + r["tti_s"],
            "{:.1f} s",
            None,
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description="Run every benchmark and print one table.")
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles for extraction/end-to-end")
    parser.add_argument("--summary-only", action="store_true", help="only print the table from earlier results")
    args = parser.parse_args()
    if not args.summary_only:
        _run("-m", "bench.bench_extract", "--articles", str(args.articles))
        _run("-m", "bench.bench_scaling")
        _run("bench/bench_neo4j_load.py")
        _run("-m", "bench.bench_map")
        _run("-m", "bench.bench_end_to_end", "--articles", str(args.articles))
        _run("-m", "bench.bench_hostile")
        _run("-m", "bench.bench_spark", "--articles", str(args.articles))
    Console().print(summary())


if __name__ == "__main__":
    main()
