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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from kg import wire
from kg.model import Article, Facts

#: Articles per task: large enough to amortize the trip, small enough to balance two cores.
CHUNK = 16
#: Test hook: a worker given an article whose text contains this marker exits abruptly,
#: as a crashed JVM would. Unset in normal runs.
CRASH_MARKER_ENV = "KG_TEST_CRASH_MARKER"


def _init_worker() -> None:
    import signal

    from extract.hanlp_backend import WORKER_JVM_OPTIONS, get_tagger

    # Ctrl-C reaches the whole process group: the parent alone decides what to keep.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def extract_parallel(
    articles: Sequence[Article],
    workers: int,
    report: Callable[[str], None] = lambda _: None,
    ahead: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Facts]:
    """Facts of the articles in input order; articles lost with a dead worker are left out and named.
    `ahead`: HanLP's lead within a worker (default: only when there are more cores than workers).
    `progress(done, total)` is called as chunks of articles come back."""
    out: list[Facts] = []
    for chunk in iter_parallel(articles, workers, report, ahead):
        out.extend(chunk)
        if progress is not None:
            progress(len(out), len(articles))
    return out


#: Chunks in flight per worker: enough to keep each busy, few enough to bound memory.
WINDOW = 4


def iter_parallel(
    articles: Iterable[Article],
    workers: int,
    report: Callable[[str], None] = lambda _: None,
    ahead: int | None = None,
    chunk: int = CHUNK,
) -> Iterator[list[Facts]]:
    """The facts of each chunk of `chunk` articles, in input order, with at most WINDOW chunks per
    worker in flight, so memory does not grow with the input. A chunk whose worker died is rerun
    (and halved down to the fatal article, which is named and left out) before the next is given."""
    from extract.hanlp_backend import overlap_default

    lead = overlap_default(workers) if ahead is None else ahead
    pieces = _chunks(articles, chunk)
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)
    pending: deque[tuple[list[Article], Future[bytes]]] = deque()
    try:
        while True:
            while len(pending) < WINDOW * workers and (piece := next(pieces, None)) is not None:
                pending.append((piece, _submit(pool, piece, lead)))
            if not pending:
                return
            piece, future = pending.popleft()
            try:
                yield wire.loads(future.result())
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)
                yield _salvage(piece, report, lead)
                # The chunks in flight went down with the pool: give them again, in order.
                retry = [p for p, _ in pending]
                pending.clear()
                pending.extend((p, _submit(pool, p, lead)) for p in retry)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, piece: list[Article], lead: int) -> Future[bytes]:
    try:
        return pool.submit(_work, piece, lead)
    except BrokenProcessPool as exc:  # the pool died since: this chunk is rerun like the others
        future: Future[bytes] = Future()
        future.set_exception(exc)
        return future


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while piece := list(islice(it, size)):
        yield piece


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


def _run(
    chunks: list[list[Article]],
    indices: Sequence[int] | range,
    workers: int,
    done: dict[int, list[Facts]],
    ahead: int,
    on_done: Callable[[int], None] | None = None,
) -> list[int]:
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
