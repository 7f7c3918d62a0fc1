"""The pipeline: files → articles → facts → resolved facts → outputs.

Each stage is a plain function. Bad inputs are reported through `report` (one line naming the
file) and skipped, so one broken file never stops a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.dates import date_from_filename, date_from_text, parse_iso
from extract.layout import split_page
from extract.reading import decode, discover, read_text
from extract.text import normalize_chars
from kg.errors import InputError
from kg.identity import MergeRow
from kg.memory import collector_skips_finished_facts
from kg.model import Article, Facts, content_id
from kg.resolve import resolve

log = logging.getLogger(__name__)

Report = Callable[[str], None]
#: Progress of a long stage: called with (items done, items in all) as items finish.
Progress = Callable[[int, int], None]


def _ignore(message: str) -> None:
    pass


@dataclass
class ExtractResult:
    """What a run produced: facts per article, and one line per input that could not be used.

    `failed` names each input (argument or file found in a directory) behind a problem, in order."""

    facts: list[Facts] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files_read: int = 0
    failed: list[str] = field(default_factory=list)


def read_articles(
    paths: Iterable[str],
    *,
    date: str | None = None,
    report: Report = _ignore,
    problems: list[str] | None = None,
    failed: list[str] | None = None,
) -> tuple[list[Article], int]:
    """Articles of every readable input, in input order; the number of files read.

    Each unusable input adds its one-line message to `problems` and its name to `failed`; notes
    that fail nothing (a symlink loop skipped inside a directory) only go to `report`."""
    state = ReadState(problems=problems if problems is not None else [], failed=failed if failed is not None else [])
    articles = list(iter_articles(paths, date=date, report=report, state=state))
    return articles, state.files_read


@dataclass
class ReadState:
    """What `iter_articles` has met so far: problems, failed inputs, files read."""

    problems: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    files_read: int = 0


def iter_articles(
    paths: Iterable[str],
    *,
    date: str | None = None,
    report: Report = _ignore,
    state: ReadState | None = None,
    skip: set[str] | None = None,
) -> Iterator[Article]:
    """The articles of every readable input, in input order, one file read at a time (so memory
    holds one page, and the ids of the articles met). Problems and counts go to `state`; articles
    whose id is in `skip` (already done) are passed over."""
    state = state if state is not None else ReadState()
    fixed_date = parse_iso(date) if date else None
    seen: set[str] = set(skip) if skip else set()
    for item in discover(paths, report=report):
        if isinstance(item, InputError):
            state.problems.append(str(item))
            state.failed.append(item.subject or str(item))
            report(str(item))
            continue
        try:
            raw = read_text(item)
        except InputError as exc:
            state.problems.append(str(exc))
            state.failed.append(str(item))
            report(str(exc))
            continue
        state.files_read += 1
        page: list[Article] = []
        if not _add_page(raw, str(item), item.name, fixed_date, page, seen, state.problems, report):
            state.failed.append(str(item))
        yield from page


def read_texts(
    texts: Iterable[str | bytes],
    *,
    sources: Sequence[str] | None = None,
    date: str | None = None,
    report: Report = _ignore,
    problems: list[str] | None = None,
) -> tuple[list[Article], int]:
    """Articles of pages given as strings (or undecoded bytes), read exactly as files are: bytes
    decoded like a file's, then the same normalization, date finding and page splitting. `sources`
    names each text (default `<text 1>`, `<text 2>` …), as a file's path names its articles."""
    problems = problems if problems is not None else []
    fixed_date = parse_iso(date) if date else None
    articles: list[Article] = []
    seen: set[str] = set()
    used = 0
    for i, text in enumerate(texts):
        name = sources[i] if sources is not None and i < len(sources) else f"<text {i + 1}>"
        try:
            if not isinstance(text, (str, bytes)):
                raise InputError(f"{name}: not a str or bytes but {type(text).__name__}")
            if not text.strip():
                raise InputError(f"{name}: text is empty")
            raw = decode(text, name) if isinstance(text, bytes) else text
        except InputError as exc:
            problems.append(str(exc))
            report(str(exc))
            continue
        used += 1
        _add_page(raw, name, name, fixed_date, articles, seen, problems, report)
    return articles, used


def _add_page(
    raw: str,
    source: str,
    name: str,
    fixed_date: str | None,
    articles: list[Article],
    seen: set[str],
    problems: list[str],
    report: Report,
) -> bool:
    """Normalize one page, date it (fixed, else from its name, else its text) and add its articles;
    False (and a problem reported) if it holds none."""
    page = normalize_chars(raw)
    page_date = fixed_date or date_from_filename(name) or date_from_text(page)
    found = [a for a in split_page(page) if a.body.strip()]
    if not found:
        message = f"{source}: no article text found"
        problems.append(message)
        report(message)
        return False
    for pa in found:
        text = pa.text
        art_id = content_id(text)
        if art_id in seen:
            continue  # the same article in two files is one article
        seen.add(art_id)
        byline = tuple(dict.fromkeys([*pa.byline, *pa.credits]))
        articles.append(Article(id=art_id, title=pa.title, text=text, source=source, date=page_date, byline=byline))
    return True


def extract_articles(
    articles: Sequence[Article],
    *,
    workers: int = 1,
    report: Report = _ignore,
    ahead: int | None = None,
    progress: Progress | None = None,
) -> list[Facts]:
    """Facts of each article, in the same order (workers > 1: one JVM per worker process).
    `ahead`: how many articles HanLP may segment in advance on its own thread (default: 32 when
    a core is free for it, else 0). `progress(done, total)` is called as articles finish."""
    if not articles:
        return []  # nothing to read: no JVM to start
    with collector_skips_finished_facts():
        if workers > 1 and len(articles) > 1:
            from kg.parallel import extract_parallel

            return extract_parallel(articles, workers, report, ahead, progress=progress)
        from extract.extractor import extract
        from extract.hanlp_backend import get_tagger, overlap_default
        from extract.script import analysis_text

        tagger = get_tagger()
        # HanLP segments the next articles on a JVM thread while the rules read this one.
        texts = (analysis_text(a.text, tagger) for a in articles)  # traditional articles read simplified
        segmented = tagger.tokens_ahead(texts, overlap_default(1) if ahead is None else ahead)
        total = len(articles)
        out: list[Facts] = []
        for done, (article, tokens) in enumerate(zip(articles, segmented), 1):
            out.append(extract(article, tagger, tokens))
            if progress is not None:
                progress(done, total)
        log.info("extracted %d articles", total)
        return out


def extract_paths(
    paths: Iterable[str],
    *,
    date: str | None = None,
    home_city: str | None = None,
    workers: int = 1,
    report: Report = _ignore,
    progress: Progress | None = None,
    merges: Sequence[MergeRow] = (),
    resolved: bool = True,
) -> ExtractResult:
    """Read, extract and resolve: the whole way from files to canonical facts (`merges`: an
    analyst's rows joining two people, kg.identity.read_merges). `resolved=False`: the facts as
    extracted, for a resolution decided elsewhere (a daily load against a graph)."""
    result = ExtractResult()
    articles, result.files_read = read_articles(
        paths, date=date, report=report, problems=result.problems, failed=result.failed
    )
    log.info("read %d articles from %d files", len(articles), result.files_read)
    facts = extract_articles(articles, workers=workers, report=report, progress=progress)
    result.facts = resolve(facts, home_city=home_city, merges=merges) if resolved else facts
    return result


def extract_texts(
    texts: Iterable[str | bytes],
    *,
    sources: Sequence[str] | None = None,
    date: str | None = None,
    home_city: str | None = None,
    workers: int = 1,
    report: Report = _ignore,
    progress: Progress | None = None,
    merges: Sequence[MergeRow] = (),
) -> ExtractResult:
    """Read, extract and resolve pages given as strings: the same way as `extract_paths` for files."""
    result = ExtractResult()
    articles, used = read_texts(texts, sources=sources, date=date, report=report, problems=result.problems)
    log.info("read %d articles from %d texts", len(articles), used)
    facts = extract_articles(articles, workers=workers, report=report, progress=progress)
    result.facts = resolve(facts, home_city=home_city, merges=merges)
    return result


def build_outputs(facts: Sequence[Facts], out: Path, *, title: str = "新闻知识图谱") -> list[Path]:
    """DIR/facts.jsonl, DIR/graph.graphml and DIR/map.html."""
    from kg.graph import to_networkx
    from kg.jsonl import write_jsonl

    out.mkdir(parents=True, exist_ok=True)
    facts_path = out / "facts.jsonl"
    write_jsonl(facts, facts_path)
    return [facts_path, *write_graph_outputs(to_networkx(facts), out, title=title)]


def write_graph_outputs(graph: Any, out: Path, *, title: str = "新闻知识图谱") -> list[Path]:
    """DIR/graph.graphml and DIR/map.html of a graph made by kg.graph.to_networkx."""
    from kg.graph import write_graphml
    from viz import render

    return [write_graphml(graph, out / "graph.graphml"), render(graph, out / "map.html", title=title)]
