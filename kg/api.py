"""The Python API, what a notebook user types after `import kg`.

    import kg
    facts = kg.extract_texts(["本报讯 …"], date="2024-05-13", home_city="青川")
    frames = kg.to_dataframes(facts)           # pandas: articles, entities, relations (with evidence)
    g = kg.to_networkx(facts)                  # the graph the map, GraphML and GEXF use
    kg.map(g)                                  # inline in Jupyter, or kg.map(g).save("map.html")
    kg.load_neo4j(facts)                       # the local server, or uri=…, auth=(user, password)
    result = kg.analyze(g)                     # centrality, communities, brokers, cooperation matrix

Every function here is a thin layer over the pipeline (kg.pipeline, kg.graph, viz, loaders): the
same reading, normalization, extraction and resolution as the `kg` command. Inputs that cannot be
used are logged as warnings (logger "kg") and skipped; nothing is printed. Long stages take an
optional `progress(done, total)` callback.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg import graph as _graph
from kg import pipeline as _pipeline
from kg.model import Facts
from kg.pipeline import Progress

if TYPE_CHECKING:
    import pandas as pd

    from kg.analysis import Analysis
    from loaders.neo4j_writer import LoadSummary

log = logging.getLogger("kg")

PathLikeStr = str | PathLike[str]

__all__ = [
    "Frames",
    "analyze",
    "annotate",
    "Map",
    "Progress",
    "extract_paths",
    "extract_texts",
    "load_neo4j",
    "map",
    "read_facts",
    "to_dataframes",
    "to_networkx",
    "write_gexf",
    "write_graphml",
]


def extract_texts(
    texts: str | bytes | Iterable[str | bytes],
    *,
    date: str | None = None,
    home_city: str | None = None,
    sources: Sequence[str] | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> list[Facts]:
    """Facts of newspaper pages given as strings (or undecoded bytes), one Facts per article.

    Each text is read as a file would be: bytes decoded (UTF-8 or GB18030), characters normalized,
    the page split into articles, dated (`date` for all, else the date printed in the text). A
    single string is one page. `home_city` is the paper's city: 我市/市委 resolve to it.
    `sources` names the texts in the facts and in warnings (default `<text 1>`, `<text 2>` …).
    """
    items: list[str | bytes] = [texts] if isinstance(texts, (str, bytes)) else list(texts)
    result = _pipeline.extract_texts(
        items, sources=sources, date=date, home_city=home_city, workers=workers, report=log.warning, progress=progress
    )
    return result.facts


def extract_paths(
    paths: PathLikeStr | Iterable[PathLikeStr],
    *,
    date: str | None = None,
    home_city: str | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> list[Facts]:
    """Facts of text files, directories (recursively) or glob patterns, like `kg extract`.

    A single path is one input. Files that cannot be read are logged and skipped.
    """
    items = [paths] if isinstance(paths, (str, PathLike)) else list(paths)
    result = _pipeline.extract_paths(
        [str(p) for p in items], date=date, home_city=home_city, workers=workers, report=log.warning, progress=progress
    )
    return result.facts


def read_facts(path: PathLikeStr) -> list[Facts]:
    """Facts from a facts file written by `kg extract` (.jsonl, or .parquet), or from a `kg build` directory."""
    from kg.errors import InputError
    from kg.stream import iter_facts_file

    source = Path(path)
    file = source / "facts.jsonl" if source.is_dir() else source
    if not file.is_file():
        raise InputError(f"{file}: no such facts file")
    return list(iter_facts_file(file))


def to_networkx(facts: Iterable[Facts]) -> nx.MultiDiGraph[str]:
    """One graph of many articles' facts: entities are nodes (merged by id), every relation an edge
    carrying its evidence (sentence, start, end), date and article."""
    return _graph.to_networkx(facts)


def analyze(g: nx.MultiDiGraph[str], *, seed: int = 0, resolution: float = 1.0, level: str = "") -> Analysis:
    """Network analysis of a graph from to_networkx: centrality of the person–person co-attendance
    graph, seeded Louvain communities, brokers between them and the locality cooperation matrix by
    year (`level="city"` rolls places up). `.rows("people")` etc. give plain rows for DataFrames."""
    from kg.analysis import analyze as _analyze

    return _analyze(g, seed=seed, resolution=resolution, level=level)


def annotate(g: nx.MultiDiGraph[str], result: Analysis) -> nx.MultiDiGraph[str]:
    """A copy of `g` whose people carry the measures of `result` (for write_graphml / Gephi)."""
    from kg.analysis import annotate as _annotate

    return _annotate(g, result)


def write_graphml(g: nx.MultiDiGraph[str], path: PathLikeStr) -> Path:
    """GraphML for Gephi or yEd; lists joined with ';', a `label` on every node and edge."""
    return _graph.write_graphml(g, Path(path))


def write_gexf(g: nx.MultiDiGraph[str], path: PathLikeStr) -> Path:
    """GEXF 1.3 for Gephi, with node and edge dates for its timeline (offsets as start_char/end_char)."""
    from kg.gexf import write_gexf as _write

    return _write(g, Path(path))


@dataclass(frozen=True)
class Frames:
    """The facts as three pandas DataFrames.

    - `articles`: id, title, date, source, byline, text, entities, relations (the counts).
    - `entities`: one row per entity (merged over articles as in the graph): id, type, name,
      titles, aliases, articles, first_seen, last_seen.
    - `relations`: one row per relation: type, head/tail ids with their names and types, date,
      article, and its evidence (sentence, start_char, end_char into the article text), then the
      relation's own properties (agreement, title …).
    Dates are pandas timestamps (NaT when unknown); lists stay Python lists.
    """

    articles: pd.DataFrame
    entities: pd.DataFrame
    relations: pd.DataFrame

    def __iter__(self) -> Iterator[pd.DataFrame]:
        """Unpack as `articles, entities, relations = kg.to_dataframes(facts)`."""
        return iter((self.articles, self.entities, self.relations))


ARTICLE_COLUMNS = ["id", "title", "date", "source", "byline", "text", "entities", "relations"]
ENTITY_COLUMNS = ["id", "type", "name", "titles", "aliases", "articles", "first_seen", "last_seen"]
RELATION_COLUMNS = [
    "type",
    "head",
    "head_name",
    "head_type",
    "tail",
    "tail_name",
    "tail_type",
    "date",
    "article_id",
    "article_title",
    "sentence",
    "start_char",
    "end_char",
]


def to_dataframes(facts: Iterable[Facts]) -> Frames:
    """Articles, entities and relations (with evidence) as DataFrames, read off the same graph as
    `to_networkx`, so the tables and the map always agree."""
    import pandas as pd

    items = list(facts)
    g = _graph.to_networkx(items)
    articles = [
        {
            "id": f.article.id,
            "title": f.article.title,
            "date": f.article.date,
            "source": f.article.source,
            "byline": list(f.article.byline),
            "text": f.article.text,
            "entities": len(f.entities),
            "relations": len(f.relations),
        }
        for f in items
    ]
    entities = [{"id": node, **{k: data.get(k) for k in ENTITY_COLUMNS[1:]}} for node, data in g.nodes(data=True)]
    relations: list[dict[str, Any]] = []
    for head, tail, data in g.edges(data=True):
        h, t = g.nodes[head], g.nodes[tail]
        row: dict[str, Any] = {
            "type": data["type"],
            "head": head,
            "head_name": h["name"],
            "head_type": h["type"],
            "tail": tail,
            "tail_name": t["name"],
            "tail_type": t["type"],
            "date": data.get("date") or None,
            "article_id": data["article_id"],
            "article_title": data["article_title"],
            "sentence": data["sentence"],
            "start_char": data["start"],
            "end_char": data["end"],
        }
        for key, value in data.items():
            if key not in {"type", "date", "article_id", "article_title", "sentence", "start", "end"}:
                row.setdefault(key, value)
        relations.append(row)
    frames = Frames(
        articles=pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        entities=pd.DataFrame(entities, columns=ENTITY_COLUMNS),
        relations=pd.DataFrame(relations, columns=_columns(RELATION_COLUMNS, relations)),
    )
    for frame, columns in (
        (frames.articles, ["date"]),
        (frames.entities, ["first_seen", "last_seen"]),
        (frames.relations, ["date"]),
    ):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    return frames


def _columns(first: list[str], rows: list[dict[str, Any]]) -> list[str]:
    """The fixed columns, then every other key in order of first appearance."""
    extra = dict.fromkeys(k for row in rows for k in row if k not in first)
    return [*first, *extra]


def load_neo4j(
    facts: Iterable[Facts],
    *,
    uri: str | None = None,
    auth: tuple[str, str] | None = None,
    database: str | None = None,
    data_dir: PathLikeStr | None = None,
    progress: Progress | None = None,
) -> LoadSummary:
    """Load facts into Neo4j with the same idempotent MERGE batches as `kg load`.

    Without `uri`/`auth`, NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD are used, else the local server
    started by `kg neo4j start` (its data directory: `data_dir`, default .neo4j/).
    """
    from loaders.neo4j_connection import Neo4jSettings, open_driver
    from loaders.neo4j_writer import Neo4jWriter

    items = list(facts)
    user, password = auth if auth is not None else (None, None)
    settings = Neo4jSettings.resolve(
        uri, user, password, database, data_dir=Path(data_dir) if data_dir is not None else None
    )
    total = len(items)
    report = (lambda done: progress(done, total)) if progress is not None else None
    driver = open_driver(settings)
    try:
        summary = Neo4jWriter(driver, settings.database, progress=report).write(items)
    finally:
        driver.close()
    log.info(
        "loaded %d articles into %s: %d nodes created, %d relationships created",
        summary.articles,
        settings.uri,
        summary.nodes_created,
        summary.relationships_created,
    )
    return summary


@dataclass(frozen=True)
class Map:
    """An interactive relationship map: shown inline by Jupyter, or `.save("map.html")`.

    Inline, the page sits in a sandboxed iframe (scripts only, no network: the page's own
    Content-Security-Policy forbids every request). Saved, it is one offline HTML file.
    """

    graph: nx.MultiDiGraph[str] = field(repr=False)
    title: str = "关系图谱"
    height: int = 600

    @cached_property
    def html(self) -> str:
        """The whole page, as `save` writes it."""
        from viz import render_html

        return render_html(self.graph, title=self.title)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'title="{html.escape(self.title, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd"></iframe>'
        )

    def save(self, path: PathLikeStr) -> Path:
        """Write the map as one self-contained HTML file and return its path."""
        from viz import render

        return render(self.graph, Path(path), title=self.title)

    def __repr__(self) -> str:
        return (
            f"<kg.Map {self.title!r}: {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} relations>"
        )


def map(  # noqa: A001 - `kg.map(g)` reads best in a notebook; it shadows the builtin only inside kg.api
    g: nx.MultiDiGraph[str] | Iterable[Facts],
    *,
    title: str = "关系图谱",
    focus: str | Sequence[str] | None = None,
    hops: int = 1,
    min_degree: int = 0,
    height: int = 600,
) -> Map:
    """The relationship map of a graph (or of facts), optionally cut to the neighbourhood of
    `focus` names within `hops` steps, and without nodes of degree below `min_degree`."""
    from kg.errors import InputError

    graph = g if isinstance(g, nx.MultiDiGraph) else _graph.to_networkx(g)
    if focus:
        names = [focus] if isinstance(focus, str) else list(focus)
        graph = _graph.ego_subgraph(graph, names, hops=hops)
        if graph.number_of_nodes() == 0:
            raise InputError(f"no node is named {' or '.join(names)} (names and aliases are matched exactly)")
    if min_degree:
        graph = _graph.prune_by_degree(graph, min_degree)
    from viz import is_large

    if is_large(graph):
        log.warning(
            "the map has %d nodes and %d relations; browsers get slow on maps this large "
            "(try focus=NAME or min_degree=K)",
            graph.number_of_nodes(),
            graph.number_of_edges(),
        )
    return Map(graph, title=title, height=height)
