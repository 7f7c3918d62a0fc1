"""Resolve alone on a generated archive: does it stay linear, and 10,000 articles under 3 s?

    .venv/bin/python -m bench.bench_resolve [--articles 10000] [--repeat 3] [--profile]

The corpus is bench/corpus.py's (kept in bench/results/corpus_N); its articles are extracted once
(HanLP, a few minutes) and the unresolved facts kept in bench/results/unresolved_N.bin (kg.wire
frames), so later runs time resolve only. Each size (a quarter, half and all of the articles) is
resolved `--repeat` times in this process, the best time kept: `kg.resolve.resolve` (statistics,
decisions, every article rewritten with its places coded). `--profile` prints cProfile's top
functions of one full run. Writes bench/results/resolve.json.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

from kg.model import Facts

RESULTS = Path(__file__).resolve().parent / "results"
#: The issue's target: 10,000 articles resolved in under this many seconds.
TARGET_S = 3.0


def unresolved_facts(articles: int) -> list[Facts]:
    """The extracted, unresolved facts of the generated corpus of this size (extracted once, then kept)."""
    from kg import wire

    cache = RESULTS / f"unresolved_{articles}.bin"
    if cache.exists():
        return wire.loads(cache.read_bytes())
    from bench.corpus import generate
    from kg.pipeline import extract_paths

    corpus = RESULTS / f"corpus_{articles}"
    if not corpus.exists():
        generate(articles, corpus)
    began = time.perf_counter()
    facts = extract_paths([str(corpus)], resolved=False).facts
    print(f"extracted {len(facts):,} articles in {time.perf_counter() - began:.0f} s (kept in {cache.name})")
    RESULTS.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(wire.dumps(facts))
    return facts


def best_of(facts: list[Facts], repeat: int) -> tuple[float, float]:
    """The best wall and CPU times of `repeat` runs of resolve over these facts (the machine is
    shared: CPU time is the steadier figure)."""
    from kg.resolve import resolve

    walls, cpus = [], []
    for _ in range(repeat):
        began, cpu = time.perf_counter(), time.process_time()
        resolve(facts)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions of one run")
    args = parser.parse_args()
    facts = unresolved_facts(args.articles)
    began = time.perf_counter()
    from kg.divisions import divisions

    divisions()  # the division data, read once a process: timed apart
    data_s = time.perf_counter() - began
    print(f"division data read in {data_s:.2f} s (once a process)")
    rows = []
    for share in (4, 2, 1):
        part = facts[: len(facts) // share]
        seconds, cpu = best_of(part, args.repeat)
        rows.append(
            {"articles": len(part), "seconds": seconds, "cpu_s": cpu, "ms_per_article": 1000 * seconds / len(part)}
        )
        print(
            f"resolve {len(part):6,} articles: {seconds:.2f} s, CPU {cpu:.2f} s "
            f"({rows[-1]['ms_per_article']:.3f} ms an article)"
        )
    growth = rows[-1]["ms_per_article"] / rows[0]["ms_per_article"]
    print(f"cost an article, all against a quarter: {growth:.2f}x (1.0 = linear)")
    if args.profile:
        from kg.resolve import resolve

        profile = cProfile.Profile()
        profile.runcall(resolve, facts)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "resolve.json").write_text(
        json.dumps({"rows": rows, "growth": growth, "data_s": data_s, "target_s": TARGET_S}, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
