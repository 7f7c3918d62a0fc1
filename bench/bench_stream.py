"""Single-process throughput of the streaming `kg extract` against the in-memory pipeline it
replaced (issue 12's target: within 5%), measured A/B on the same corpus in the same run.

    .venv/bin/python -m bench.bench_stream [--articles 10000] [--repeats 3]

Both sides are the library calls behind `kg extract`, each in a new process as a user runs it:

- memory: `extract_paths` (every article held, resolved at the end) then `write_jsonl`, with the
  progress bar the command drew before streaming;
- stream: `kg.stream.extract_to` (spill, two passes, the command's stage bars).

Runs alternate (memory, stream, stream, memory, ...) so a change in the machine's load falls on
both sides, or with --together each pair runs at the same time (on a machine shared with other
jobs, whose load swings from run to run); the table gives each side's median. CPU seconds (user + system of the whole process,
HanLP's JVM threads included, from wait4) are the steadier figure on a shared machine. Both sides
must write the same bytes. Each side also reports the CPU of its Python thread alone (the rules,
reading, resolve, the spill), where the streaming path's own work runs. Writes bench/results/stream.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
#: Issue 12: the streaming path may cost at most this much more than the in-memory one.
ALLOWANCE = 0.05
MODES = ("memory", "stream")


def run_mode(mode: str, corpus: Path, out: Path) -> dict[str, float]:
    """One side, in this process: read, extract, resolve and write `corpus` into `out`; the CPU
    seconds of the main (Python) thread and of the whole process from here on."""
    thread, process = time.thread_time(), time.process_time()
    if mode == "memory":
        from kg.jsonl import write_jsonl
        from kg.pipeline import extract_paths
        from kg.summary import ProgressBar

        result = extract_paths([str(corpus)], progress=ProgressBar("extracting"))
        write_jsonl(result.facts, out)
    elif mode == "stream":
        from kg.stream import extract_to
        from kg.summary import StageBars

        with StageBars() as bars:
            extract_to([str(corpus)], out, progress=bars)
    else:
        raise SystemExit(f"unknown mode {mode}")
    return {"python_cpu_seconds": time.thread_time() - thread, "work_cpu_seconds": time.process_time() - process}


def _start(mode: str, corpus: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bench.bench_stream", "--mode", mode, "--corpus", str(corpus), "--out", str(out)],
        cwd=HERE.parent,
        stdout=subprocess.PIPE,
    )


def measure(mode: str, corpus: Path, out: Path) -> dict[str, float]:
    """Run one side as a new process: wall seconds, CPU seconds and peak RSS (MiB) of it."""
    return measure_together([mode], corpus, {mode: out})[mode]


def measure_together(modes: list[str], corpus: Path, outs: dict[str, Path]) -> dict[str, dict[str, float]]:
    """Run the sides at the same time, each a new process (so both meet the same load)."""
    began = time.perf_counter()
    procs = {mode: _start(mode, corpus, outs[mode]) for mode in modes}
    rows: dict[str, dict[str, float]] = {}
    while len(rows) < len(procs):
        for mode, proc in procs.items():
            if mode in rows:
                continue
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid == 0:
                continue
            seconds = time.perf_counter() - began
            assert proc.stdout is not None
            printed = proc.stdout.read()
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"{mode} failed with exit code {os.waitstatus_to_exitcode(status)}")
            rows[mode] = {
                **json.loads(printed.decode().strip().splitlines()[-1]),
                "seconds": seconds,
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "peak_mib": usage.ru_maxrss / 1024,
                "load_average": os.getloadavg()[0],
            }
        time.sleep(0.2)
    return rows


def order(repeats: int) -> list[str]:
    """memory, stream, stream, memory, ...: each side first as often as second."""
    pairs = [MODES if i % 2 == 0 else MODES[::-1] for i in range(repeats)]
    return [mode for pair in pairs for mode in pair]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side")
    parser.add_argument("--mode", choices=MODES, help="(internal) run one side in this process")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--label", default="", help="a name for this run in stream.json")
    parser.add_argument(
        "--together",
        action="store_true",
        help="run each pair at the same time (a shared machine: the same load on both)",
    )
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.out)))
        return

    from bench.corpus import generate

    corpus = RESULTS / f"corpus_{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus)
    runs: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
    outs = {m: RESULTS / f"stream_{m}_{args.articles}.jsonl" for m in MODES}
    if args.together:
        for _ in range(args.repeats):
            pair = measure_together(list(MODES), corpus, outs)
            for mode, row in pair.items():
                runs[mode].append(row)
            print(json.dumps(pair), flush=True)
    else:
        for mode in order(args.repeats):
            row = measure(mode, corpus, outs[mode])
            runs[mode].append(row)
            print(json.dumps({mode: row}), flush=True)
    if outs["memory"].read_bytes() != outs["stream"].read_bytes():
        raise SystemExit(f"the two sides wrote different facts: {outs['memory']} {outs['stream']}")
    for path in outs.values():
        path.unlink()

    median = {m: {k: statistics.median(r[k] for r in runs[m]) for k in runs[m][0]} for m in MODES}
    cpu = median["stream"]["cpu_seconds"] / median["memory"]["cpu_seconds"] - 1
    python = median["stream"]["python_cpu_seconds"] / median["memory"]["python_cpu_seconds"] - 1
    wall = median["stream"]["seconds"] / median["memory"]["seconds"] - 1

    from rich.console import Console
    from rich.table import Table

    how = "pairs run together" if args.together else "alternating"
    table = Table(
        title=f"kg extract, {args.articles:,} articles: streaming against in memory (medians of {args.repeats}, {how})"
    )
    for col in ("side", "wall s", "CPU s", "CPU ms/article", "Python thread CPU s", "peak MiB", "load average"):
        table.add_column(col, justify="left" if col == "side" else "right")
    for m in MODES:
        r = median[m]
        table.add_row(
            m,
            f"{r['seconds']:.1f}",
            f"{r['cpu_seconds']:.1f}",
            f"{r['cpu_seconds'] / args.articles * 1e3:.2f}",
            f"{r['python_cpu_seconds']:.1f}",
            f"{r['peak_mib']:,.0f}",
            f"{r['load_average']:.1f}",
        )
    console = Console()
    console.print(table)
    console.print(
        f"streaming costs {cpu:+.1%} CPU ({python:+.1%} on the Python thread), {wall:+.1%} wall "
        f"(target ≤ +{ALLOWANCE:.0%}); same bytes written"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "stream.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    saved[args.label or "latest"] = {
        "articles": args.articles,
        "together": args.together,
        "runs": runs,
        "median": median,
        "cpu_overhead": cpu,
        "python_cpu_overhead": python,
        "wall_overhead": wall,
    }
    path.write_text(json.dumps(saved, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
