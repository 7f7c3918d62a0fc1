"""Extraction in worker processes, one JVM each.

A JVM does not survive fork, so workers are spawned. Articles travel in chunks and Facts come
back as marshal payloads (kg.wire); the parent keeps input order, so the output equals a single
worker's. When a worker dies, the chunks it took down are retried in a fresh pool, halved until
the article that kills its worker stands alone; that article is reported by name and the batch
goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from kg import wire
from kg.model import Article, Facts

#: Articles per task: large enough to amortize the trip, small enough to balance two cores.
CHUNK = 16
#: Test hook: a worker given an article whose text contains this marker exits abruptly,
#: as a crashed JVM would. Unset in normal runs.
CRASH_MARKER_ENV = "KG_TEST_CRASH_MARKER"


def _init_worker() -> None:
    from extract.hanlp_backend import WORKER_JVM_OPTIONS, get_tagger

    get_tagger(WORKER_JVM_OPTIONS)


def _work(chunk: list[Article], ahead: int) -> bytes:
    from extract.extractor import extract
    from extract.hanlp_backend import get_tagger
    from extract.script import analysis_text

    marker = os.environ.get(CRASH_MARKER_ENV)
    tagger = get_tagger()
    out = []
    texts = (analysis_text(a.text, tagger) for a in chunk)  # traditional articles read simplified
    for article, tokens in zip(chunk, tagger.tokens_ahead(texts, ahead)):
        if marker and marker in article.text:
            os._exit(70)
        out.append(extract(article, tagger, tokens))
    return wire.dumps(out)


def extract_parallel(articles: Sequence[Article], workers: int,
                     report: Callable[[str], None] = lambda _: None, ahead: int | None = None,
                     progress: Callable[[int, int], None] | None = None) -> list[Facts]:
    """Facts of the articles in input order; articles lost with a dead worker are left out and named.
    `ahead`: HanLP's lead within a worker (default: only when there are more cores than workers).
    `progress(done, total)` is called as chunks of articles come back."""
    from extract.hanlp_backend import overlap_default

    lead = overlap_default(workers) if ahead is None else ahead
    chunks = [list(articles[i:i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    done: dict[int, list[Facts]] = {}
    finished = 0

    def chunk_done(index: int) -> None:
        nonlocal finished
        finished += len(chunks[index])
        if progress is not None:
            progress(finished, len(articles))

    for index in _run(chunks, range(len(chunks)), workers, done, lead, chunk_done):
        done[index] = _salvage(chunks[index], report, lead)
        chunk_done(index)
    return [facts for i in range(len(chunks)) for facts in done.get(i, [])]


def _salvage(chunk: list[Article], report: Callable[[str], None], ahead: int) -> list[Facts]:
    """Rerun a chunk whose worker died, halving it until the fatal article stands alone."""
    done: dict[int, list[Facts]] = {}
    if not _run([chunk], [0], 1, done, ahead):
        return done[0]
    if len(chunk) == 1:
        article = chunk[0]
        report(f"a worker died on {article.source} (article {article.id}, {article.title!r}); that article is lost")
        return []
    middle = len(chunk) // 2
    return _salvage(chunk[:middle], report, ahead) + _salvage(chunk[middle:], report, ahead)


def _run(chunks: list[list[Article]], indices: Sequence[int] | range, workers: int,
         done: dict[int, list[Facts]], ahead: int, on_done: Callable[[int], None] | None = None) -> list[int]:
    failed: list[int] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker) as pool:
        futures = {pool.submit(_work, chunks[i], ahead): i for i in indices}
        for future in as_completed(futures):
            index = futures[future]
            try:
                done[index] = wire.loads(future.result())
                if on_done is not None:
                    on_done(index)
            except BrokenProcessPool:
                failed.append(index)
    return sorted(failed)
