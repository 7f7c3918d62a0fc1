"""Extraction throughput against its ceiling (raw HanLP) and the tool a user would otherwise pick
(jieba POS tagging), each measured in its own process so peak memory is its own.

    .venv/bin/python -m bench.bench_extract [--articles 2000] [--workers 2]

Prints one table and writes bench/results/extract.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _articles(corpus: Path):  # type: ignore[no-untyped-def]
    from kg.pipeline import read_articles

    articles, _ = read_articles([str(corpus)])
    return articles


def measure(mode: str, corpus: Path, workers: int) -> dict[str, float]:
    """Run one mode in this process: seconds, characters and articles handled, peak memory."""
    articles = _articles(corpus)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    if mode == "raw_hanlp":
        from extract.hanlp_backend import get_tagger

        segment = get_tagger()._segment
        for t in texts[:50]:
            segment.seg(t)  # JIT warm-up, as the pipeline gets after its first articles
        began = time.perf_counter()
        for t in texts:
            segment.seg(t)
    elif mode == "jieba_pos":
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
        began = time.perf_counter()
        for t in texts:
            jieba.posseg.lcut(t)
    elif mode == "extract":
        from extract.hanlp_backend import get_tagger
        from kg.pipeline import extract_articles
        from kg.resolve import resolve

        tagger = get_tagger()
        for t in texts[:50]:
            tagger.tokens(t)  # the same warm-up as the raw HanLP run
        began = time.perf_counter()
        resolve(extract_articles(articles, workers=1))  # the default: HanLP segments ahead on its thread
    elif mode == "extract_one_thread":
        from kg.pipeline import extract_articles
        from kg.resolve import resolve

        began = time.perf_counter()  # JVM start-up included, as for the workers
        resolve(extract_articles(articles, workers=1, ahead=0))
    elif mode == "extract_workers":
        from kg.pipeline import extract_articles
        from kg.resolve import resolve

        began = time.perf_counter()  # worker JVM start-up included: a user pays it too
        resolve(extract_articles(articles, workers=workers))
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - began
    return {"seconds": seconds, "chars": chars, "articles": len(texts), "peak_mib": _peak_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode")
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(measure(args.mode, args.corpus, args.workers)))
        return

    from bench.corpus import generate

    corpus = RESULTS / f"corpus_{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus)
    rows: dict[str, dict[str, float]] = {}
    for mode in ("raw_hanlp", "jieba_pos", "extract", "extract_one_thread", "extract_workers"):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.bench_extract",
                "--mode",
                mode,
                "--corpus",
                str(corpus),
                "--workers",
                str(args.workers),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        rows[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"extraction, {args.articles} generated articles")
    for col in ("what", "chars/s", "articles/s", "seconds", "peak MiB"):
        table.add_column(col, justify="right" if col != "what" else "left")
    labels = {
        "raw_hanlp": "raw HanLP segmentation (ceiling), warm",
        "jieba_pos": "jieba POS tagging",
        "extract": "kg extraction, 1 process (HanLP on its own thread), warm",
        "extract_one_thread": "kg extraction, 1 process, one thread, from start",
        "extract_workers": f"kg extraction, {args.workers} workers, from start",
    }
    for mode, r in rows.items():
        table.add_row(
            labels[mode],
            f"{r['chars'] / r['seconds']:,.0f}",
            f"{r['articles'] / r['seconds']:,.1f}",
            f"{r['seconds']:.2f}",
            f"{r['peak_mib']:.0f}",
        )
    console = Console()
    console.print(table)
    ratio = rows["raw_hanlp"]["seconds"] / rows["extract"]["seconds"]
    speedup = rows["extract_one_thread"]["seconds"] / rows["extract_workers"]["seconds"]
    vs_jieba = rows["jieba_pos"]["seconds"] / rows["extract"]["seconds"]
    console.print(
        f"extraction / raw HanLP = {ratio:.0%}; {args.workers} workers = {speedup:.2f}x one worker "
        f"(one thread); default 1 process (warm) = "
        f"{rows['extract_one_thread']['seconds'] / rows['extract']['seconds']:.2f}x one thread (from start); "
        f"extraction speed / jieba POS = {vs_jieba:.2f}x"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
