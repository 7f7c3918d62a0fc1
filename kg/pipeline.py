"""The pipeline: files → articles → facts → resolved facts → outputs.

Each stage is a plain function. Bad inputs are reported through `report` (one line naming the
file) and skipped, so one broken file never stops a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.dates import date_from_filename, date_from_text, parse_iso
from extract.layout import split_page
from extract.reading import discover, read_text
from extract.text import normalize_chars
from kg.errors import InputError
from kg.memory import collector_skips_finished_facts
from kg.model import Article, Facts, content_id
from kg.resolve import resolve
from kg.summary import track

Report = Callable[[str], None]


def _ignore(message: str) -> None:
    pass


@dataclass
class ExtractResult:
    """What a run produced: facts per article, and one line per input that could not be used."""

    facts: list[Facts] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files_read: int = 0


def read_articles(paths: Iterable[str], *, date: str | None = None, report: Report = _ignore,
                  problems: list[str] | None = None) -> tuple[list[Article], int]:
    """Articles of every readable input, in input order; the number of files read."""
    problems = problems if problems is not None else []
    fixed_date = parse_iso(date) if date else None
    articles: list[Article] = []
    seen: set[str] = set()
    files = 0
    for item in discover(paths):
        if isinstance(item, InputError):
            problems.append(str(item))
            report(str(item))
            continue
        try:
            raw = read_text(item)
        except InputError as exc:
            problems.append(str(exc))
            report(str(exc))
            continue
        files += 1
        page = normalize_chars(raw)
        page_date = fixed_date or date_from_filename(item.name) or date_from_text(page)
        found = [a for a in split_page(page) if a.body.strip()]
        if not found:
            message = f"{item}: no article text found"
            problems.append(message)
            report(message)
            continue
        for pa in found:
            text = pa.text
            art_id = content_id(text)
            if art_id in seen:
                continue  # the same article in two files is one article
            seen.add(art_id)
            byline = tuple(dict.fromkeys([*pa.byline, *pa.credits]))
            articles.append(Article(id=art_id, title=pa.title, text=text, source=str(item),
                                    date=page_date, byline=byline))
    return articles, files


def extract_articles(articles: Sequence[Article], *, workers: int = 1, report: Report = _ignore,
                     ahead: int | None = None) -> list[Facts]:
    """Facts of each article, in the same order (workers > 1: one JVM per worker process).
    `ahead`: how many articles HanLP may segment in advance on its own thread (default: 32 when
    a core is free for it, else 0)."""
    if not articles:
        return []  # nothing to read: no JVM to start
    with collector_skips_finished_facts():
        if workers > 1 and len(articles) > 1:
            from kg.parallel import extract_parallel

            return extract_parallel(articles, workers, report, ahead)
        from extract.extractor import extract
        from extract.hanlp_backend import get_tagger, overlap_default
        from extract.script import analysis_text

        tagger = get_tagger()
        # HanLP segments the next articles on a JVM thread while the rules read this one.
        texts = (analysis_text(a.text, tagger) for a in articles)  # traditional articles read simplified
        segmented = tagger.tokens_ahead(texts, overlap_default(1) if ahead is None else ahead)
        return [extract(a, tagger, tokens) for a, tokens in zip(track(articles, "extracting"), segmented)]


def extract_paths(paths: Iterable[str], *, date: str | None = None, home_city: str | None = None,
                  workers: int = 1, report: Report = _ignore) -> ExtractResult:
    """Read, extract and resolve: the whole way from files to canonical facts."""
    result = ExtractResult()
    articles, result.files_read = read_articles(paths, date=date, report=report, problems=result.problems)
    facts = extract_articles(articles, workers=workers, report=report)
    result.facts = resolve(facts, home_city=home_city)
    return result


def build_outputs(facts: Sequence[Facts], out: Path, *, title: str = "新闻知识图谱") -> list[Path]:
    """DIR/facts.jsonl, DIR/graph.graphml and DIR/map.html."""
    from kg.graph import to_networkx, write_graphml
    from kg.jsonl import write_jsonl

    out.mkdir(parents=True, exist_ok=True)
    facts_path = out / "facts.jsonl"
    write_jsonl(facts, facts_path)
    graph = to_networkx(facts)
    written = [facts_path, write_graphml(graph, out / "graph.graphml")]
    from viz import render

    written.append(render(graph, out / "map.html", title=title))
    return written
