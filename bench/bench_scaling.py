"""How far this machine scales from one process to two, as a yardstick for the workers' speedup:
a pure-Python loop, and raw HanLP segmentation with the workers' JIT setting (C1) and the
default one (C2).

    .venv/bin/python -m bench.bench_scaling [--articles 5000]

Prints one line per workload and writes bench/results/scaling.json.
"""

from __future__ import annotations

import argparse
import json
import time
from multiprocessing import get_context
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _python_loop(n: int) -> float:
    began = time.perf_counter()
    table: dict[int, str] = {}
    total = 0
    for i in range(n):
        total += i * i % 7
        table[i % 5000] = str(i)
    return time.perf_counter() - began


def _hanlp(job: tuple[str, Path, int]) -> float:
    jit, corpus, count = job
    from extract.hanlp_backend import JVM_OPTIONS, WORKER_JVM_OPTIONS, get_tagger
    from kg.pipeline import read_articles

    texts = [a.text for a in read_articles([str(corpus)])[0][:count]]
    segment = get_tagger(WORKER_JVM_OPTIONS if jit == "C1" else JVM_OPTIONS)._segment
    for text in texts[:300]:
        segment.seg(text)
    began = time.perf_counter()
    for text in texts:
        segment.seg(text)
    return time.perf_counter() - began


def _scaling(work, job) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """One job in one process, then the same job in each of two processes at once."""
    context = get_context("spawn")
    with context.Pool(1) as pool:
        one = pool.map(work, [job])[0]
    with context.Pool(2) as pool:
        two = max(pool.map(work, [job, job]))
    return {"one_s": one, "two_s": two, "scaling": 2 * one / two}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles segmented by each process")
    args = parser.parse_args()
    from bench.corpus import generate

    corpus = RESULTS / "corpus_10000"
    if not corpus.exists():
        generate(10_000, corpus)
    rows = {
        "pure Python loop": _scaling(_python_loop, 15_000_000),
        "raw HanLP, C1 (workers)": _scaling(_hanlp, ("C1", corpus, args.articles)),
        "raw HanLP, C2 (one process)": _scaling(_hanlp, ("C2", corpus, args.articles)),
    }
    for name, r in rows.items():
        print(f"{name:28s} one process {r['one_s']:.2f} s, two at once {r['two_s']:.2f} s: {r['scaling']:.2f}x")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scaling.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
