"""Writing Facts into Neo4j: idempotent UNWIND … MERGE batches in managed write transactions.

Each batch (whole articles, up to `batch_rows` rows) is one transaction function run by
`session.execute_write`: all of it commits or none of it does, and transient errors are retried.
Stable keys (entity id, article id; relation = type + head + tail + article id + evidence start)
make a reload change no counts. Statements live in loaders/cypher/*.cypher; labels and
relationship types travel as row values (Cypher's dynamic labels and types, Neo4j 5.26), and
only ones from the fixed lists in kg.model.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Protocol

import neo4j
from neo4j import exceptions as neo4j_errors

from kg.divisions import part_of_rows
from kg.errors import BackendError, FactError
from kg.model import ARTICLE, Article, Entity, Facts
from kg.schema import active as active_schema
from loaders.neo4j_connection import translate_error

_INT64 = 2**63
#: How long a load waits for a newly created index (the full-text one over an old graph) to be online.
INDEX_WAIT_SECONDS = 600
log = logging.getLogger(__name__)


@dataclass
class LoadSummary:
    """What a load did: MERGE rows that created something versus rows that found it already there."""

    articles: int = 0
    batches: int = 0
    nodes_created: int = 0
    nodes_matched: int = 0
    relationships_created: int = 0
    relationships_matched: int = 0
    properties_set: int = 0
    relations_by_type: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def relationships(self) -> int:
        """Relationship rows written (MENTIONS included), created or matched."""
        return self.relationships_created + self.relationships_matched


class GraphWriter(Protocol):
    """A graph store that takes Facts. Neo4jWriter is the real one."""

    def stored_article_ids(self) -> set[str]:
        """The ids of the articles already stored (an interrupted load's --resume skips them)."""
        ...

    def write(self, facts: Iterable[Facts]) -> LoadSummary:
        """Store the facts; loading the same facts again must change nothing."""
        ...


def statement(name: str) -> str:
    """The text of loaders/cypher/NAME.cypher (package data)."""
    return (resources.files("loaders") / "cypher" / f"{name}.cypher").read_text(encoding="utf-8")


def _run_statement(tx: neo4j.ManagedTransaction, text: str) -> None:
    tx.run(text).consume()


def schema_statements() -> list[str]:
    """The constraint and index statements, one per `;`."""
    lines = [ln for ln in statement("schema").splitlines() if not ln.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def endpoint_variant(text: str, **labels: str) -> str:
    """A statement with some endpoints matched as Article instead of Entity nodes (articles are not
    entities): `endpoint_variant(text, t="Article")` turns `(t:Entity {id: …})` into `(t:Article {id: …})`.
    Only the fixed labels Entity and Article ever reach the text."""
    for var, label in labels.items():
        if label not in (ENTITY, ARTICLE):
            raise ValueError(f"no endpoint label {label!r}")
        text = text.replace(f"({var}:{ENTITY} {{id:", f"({var}:{label} {{id:")
    return text


ENTITY = "Entity"
ARTICLES = statement("merge_articles")
ARTICLE_ENTITIES = statement("merge_article_entities")
LOCK_ARTICLES = statement("lock_articles")
MIGRATE = statement("migrate_article_labels")
ENTITIES = statement("merge_entities")
PART_OF = statement("merge_part_of")
_ENDS = [(ENTITY, ENTITY), (ENTITY, ARTICLE), (ARTICLE, ENTITY), (ARTICLE, ARTICLE)]
#: (head label, tail label) → statement; MENTIONS by the label of the entity mentioned.
RELATIONS = {ends: endpoint_variant(statement("merge_relations"), h=ends[0], t=ends[1]) for ends in _ENDS}
NEW_RELATIONS = {ends: endpoint_variant(statement("create_relations"), h=ends[0], t=ends[1]) for ends in _ENDS}
MENTIONS = {label: endpoint_variant(statement("merge_mentions"), e=label) for label in (ENTITY, ARTICLE)}
NEW_MENTIONS = {label: endpoint_variant(statement("create_mentions"), e=label) for label in (ENTITY, ARTICLE)}


@dataclass
class _Batch:
    number: int
    article_ids: list[str] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    mentions: list[dict[str, str]] = field(default_factory=list)
    relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    part_of: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    repeated: set[str] = field(default_factory=set)
    rows: int = 0


@dataclass
class _Counts:
    nodes_rows: int = 0
    nodes_created: int = 0
    rel_rows: int = 0
    rels_created: int = 0
    properties_set: int = 0


#: Rows per write transaction. On a 10,000-article load (255,046 relationships) 5,000 rows gave
#: ~11,000 relationships/s and 20,000 about 10% more (fewer commits); 40,000 added little.
DEFAULT_BATCH_ROWS = 20_000


class Neo4jWriter:
    """GraphWriter over the official driver (passed in, owned by the caller)."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str | None = None,
        *,
        batch_rows: int = DEFAULT_BATCH_ROWS,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_rows = batch_rows
        self.progress = progress

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints and indexes (idempotent: IF NOT EXISTS), and migrate a
        graph of an older loader (Article nodes that were also Entity nodes)."""
        try:
            with self.driver.session(database=self.database) as session:
                for text in schema_statements():
                    session.execute_write(_run_statement, text)
                # A new index over an existing graph fills in the background; name lookups need it whole.
                session.run("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS).consume()
                migrated = session.run(MIGRATE).consume().counters.labels_removed  # IN TRANSACTIONS: auto-commit
                if migrated:
                    log.info("took the Entity label off %d Article nodes (older graph)", migrated)
        except Exception as exc:
            raise translate_error(exc, None) from None

    def stored_article_ids(self) -> set[str]:
        """The ids of the articles already in the database (whole: see merge_articles)."""
        try:
            with self.driver.session(database=self.database) as session:
                return session.execute_read(lambda tx: {r["id"] for r in tx.run(statement("stored_article_ids"))})
        except Exception as exc:
            raise translate_error(exc, None) from None

    def write(self, facts: Iterable[Facts]) -> LoadSummary:
        """Constraints first, then one managed write transaction per batch of whole articles."""
        began = time.perf_counter()
        self.ensure_schema()
        summary = LoadSummary()
        try:
            self._write_batches(facts, summary)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise translate_error(exc, None) from None  # opening or closing the session
        summary.seconds = time.perf_counter() - began
        return summary

    def _write_batches(self, facts: Iterable[Facts], summary: LoadSummary) -> None:
        with self.driver.session(database=self.database) as session:
            for batch in self._batches(facts):
                try:
                    counts = session.execute_write(_write_batch, batch)
                except Exception as exc:
                    raise _batch_error(exc, batch, summary.articles) from None
                summary.articles += len(batch.article_ids)
                summary.batches += 1
                summary.nodes_created += counts.nodes_created
                summary.nodes_matched += counts.nodes_rows - counts.nodes_created
                summary.relationships_created += counts.rels_created
                summary.relationships_matched += counts.rel_rows - counts.rels_created
                summary.properties_set += counts.properties_set
                for rel_type, rows in batch.relations.items():
                    summary.relations_by_type[rel_type] = summary.relations_by_type.get(rel_type, 0) + len(rows)
                if batch.part_of:
                    summary.relations_by_type["PART_OF"] = summary.relations_by_type.get("PART_OF", 0) + len(
                        batch.part_of
                    )
                if self.progress:
                    self.progress(summary.articles)

    def _batches(self, facts: Iterable[Facts]) -> Iterator[_Batch]:
        batch = _Batch(number=1)
        for item in facts:
            _add(batch, item)
            if batch.rows >= self.batch_rows:
                yield batch
                batch = _Batch(number=batch.number + 1)
        if batch.article_ids:
            yield batch


def _add(batch: _Batch, facts: Facts) -> None:
    """Turn one article's facts into parameter rows (values only; nothing reaches Cypher text)."""
    article = facts.article
    if article.id in batch.article_ids:
        batch.repeated.add(article.id)
    else:
        batch.article_ids.append(article.id)
    batch.articles.append(
        {
            "id": article.id,
            "name": article.title or article.id,
            "title": article.title,
            "date": article.date,
            "source": article.source,
            "byline": list(article.byline),
            "text": article.text,
        }
    )
    same_node: dict[str, str] = {}  # an Article entity that is this article → the article node
    articles = {article.id}  # ids of the Article nodes this article's relations may reach
    for entity in facts.entities:
        if _is_this_article(entity, article):
            same_node[entity.id] = article.id
            continue
        if entity.type == ARTICLE:
            articles.add(entity.id)
        rows = batch.entities.setdefault(entity.type, {})
        row = rows.get(entity.id)
        first, last = _timeline(entity)
        if row is None:
            rows[entity.id] = {
                "id": entity.id,
                "label": entity.type,
                "name": entity.name,
                "aliases": list(entity.aliases),
                "titles": list(entity.titles),
                "first": first,
                "last": last,
                "properties": _storable(entity.properties, reserved=_ENTITY_RESERVED),
            }
        else:  # the same entity in two articles of one batch: union what they say
            row["aliases"] += [a for a in entity.aliases if a not in row["aliases"]]
            _union_titles(row, list(entity.titles), first, last)
        batch.mentions.append(
            {"article_id": article.id, "entity_id": entity.id, "label": ARTICLE if entity.type == ARTICLE else ENTITY}
        )
        for step in part_of_rows(entity):
            batch.part_of.setdefault((step["child"], step["parent"]), step)
    relation_types = active_schema().relation_types
    for rel in facts.relations:
        if rel.type not in relation_types:
            raise FactError(f"no loader statement for relation type {rel.type!r}")
        properties = _storable(rel.properties, reserved={"article_id", "start", "end", "sentence", "date"})
        head, tail = same_node.get(rel.head, rel.head), same_node.get(rel.tail, rel.tail)
        batch.relations.setdefault(rel.type, []).append(
            {
                "type": rel.type,
                "head": head,
                "tail": tail,
                "ends": (ARTICLE if head in articles else ENTITY, ARTICLE if tail in articles else ENTITY),
                "article_id": article.id,
                "start": rel.evidence.start,
                "end": rel.evidence.end,
                "sentence": rel.evidence.sentence,
                "date": rel.properties.get("date") or article.date,
                "properties": properties,
            }
        )
    batch.rows += 1 + len(facts.entities) * 2 + len(facts.relations)


#: Entity fields that are not free properties: the timelines are merged title by title.
#: natural_id is a person's id before an analyst's merge renamed it in one article: not the node's.
_ENTITY_RESERVED = {"id", "name", "aliases", "titles", "titles_first_seen", "titles_last_seen", "natural_id"}


def _timeline(entity: Entity) -> tuple[list[str] | None, list[str] | None]:
    """titles_first_seen / titles_last_seen, parallel to the entity's titles, or None if absent."""
    first = entity.properties.get("titles_first_seen")
    last = entity.properties.get("titles_last_seen")
    if first is None and last is None:
        return None, None
    n = len(entity.titles)
    pad = lambda xs: [str(x or "") for x in list(xs or [])[:n]] + [""] * (n - len(list(xs or [])[:n]))  # noqa: E731
    return pad(first), pad(last)


def _union_titles(row: dict[str, Any], titles: list[str], first: list[str] | None, last: list[str] | None) -> None:
    """Add one article's titles to a batch row, keeping the earliest first and the latest last date."""
    if first is None and row["first"] is None:
        row["titles"] += [t for t in titles if t not in row["titles"]]
        return
    old = row["titles"]
    row["first"] = row["first"] or [""] * len(old)
    row["last"] = row["last"] or [""] * len(old)
    for i, t in enumerate(titles):
        f = first[i] if first else ""
        la = last[i] if last else ""
        if t not in old:
            old.append(t)
            row["first"].append(f)
            row["last"].append(la)
            continue
        k = old.index(t)
        if f and (not row["first"][k] or f < row["first"][k]):
            row["first"][k] = f
        if la > row["last"][k]:
            row["last"][k] = la


def _is_this_article(entity: Entity, article: Article) -> bool:
    """Whether an Article-typed entity (the head or tail of AUTHORED) names its own article."""
    if entity.type != ARTICLE:
        return False
    return entity.id in (article.id, f"{ARTICLE}:{article.id}") or (
        bool(article.title) and entity.name == article.title
    )


def _write_batch(tx: neo4j.ManagedTransaction, batch: _Batch) -> _Counts:
    """The transaction function: every statement of one batch, committed together or not at all."""
    counts = _Counts()

    def run(text: str, rows: list[dict[str, Any]], nodes: bool) -> None:
        if not rows:
            return
        c = tx.run(text, rows=rows).consume().counters
        counts.properties_set += c.properties_set
        if nodes:
            counts.nodes_rows += len(rows)
            counts.nodes_created += c.nodes_created
        else:
            counts.rel_rows += len(rows)
            counts.rels_created += c.relationships_created

    # An article new to the database has no relationships yet (their identity includes its id):
    # those are CREATEd, which skips MERGE's search; articles seen before, or twice in this
    # batch, go through MERGE so a reload still changes nothing. Which articles are new is read
    # under their write locks, so two loads of one article at once cannot both find it new.
    locked = tx.run(LOCK_ARTICLES, ids=sorted(batch.article_ids))
    stored = {r["id"] for r in locked if r["stored"]}
    counts.nodes_created += locked.consume().counters.nodes_created  # new articles are created here
    fresh = {a for a in batch.article_ids if a not in stored and a not in batch.repeated}
    run(ARTICLES, batch.articles, nodes=True)
    # Entities in id order too: concurrent batches then lock shared nodes in the same order.
    rows = sorted((row for rows in batch.entities.values() for row in rows.values()), key=lambda row: row["id"])
    run(ENTITIES, [r for r in rows if r["label"] != ARTICLE], nodes=True)
    run(ARTICLE_ENTITIES, [r for r in rows if r["label"] == ARTICLE], nodes=True)
    new, old = _split(batch.mentions, fresh)
    for label in (ENTITY, ARTICLE):
        run(NEW_MENTIONS[label], [r for r in new if r["label"] == label], nodes=False)
        run(MENTIONS[label], [r for r in old if r["label"] == label], nodes=False)
    new, old = _split([row for _, rows in sorted(batch.relations.items()) for row in rows], fresh)
    for ends in _ENDS:
        run(NEW_RELATIONS[ends], [r for r in new if r["ends"] == ends], nodes=False)
        run(RELATIONS[ends], [r for r in old if r["ends"] == ends], nodes=False)
    # In id order like the entities, so concurrent loads lock shared units in the same order.
    steps = sorted(batch.part_of.values(), key=lambda row: (row["parent"], row["child"]))
    if steps:
        c = tx.run(PART_OF, rows=steps).consume().counters
        counts.properties_set += c.properties_set
        counts.nodes_created += c.nodes_created
        counts.rel_rows += len(steps)
        counts.rels_created += c.relationships_created
    return counts


def _split(rows: list[dict[str, Any]], fresh: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    new = [r for r in rows if r["article_id"] in fresh]
    return new, [r for r in rows if r["article_id"] not in fresh]


def _storable(properties: Any, reserved: set[str]) -> dict[str, Any]:
    """Property values Neo4j can store: scalars and same-typed lists as they are, the rest as JSON."""
    out: dict[str, Any] = {}
    for key, value in dict(properties).items():
        if key in reserved or value is None:
            continue
        if _scalar(value) or (
            isinstance(value, (list, tuple)) and all(_scalar(v) for v in value) and len({type(v) for v in value}) <= 1
        ):
            out[str(key)] = list(value) if isinstance(value, tuple) else value
        else:
            out[str(key)] = json.dumps(value, ensure_ascii=False, default=str)
    return out


def _scalar(value: Any) -> bool:
    if isinstance(value, bool | float | str):
        return True
    return isinstance(value, int) and -_INT64 <= value < _INT64


def _batch_error(exc: Exception, batch: _Batch, stored: int) -> BackendError:
    reason = translate_error(exc, None)
    first, last = batch.article_ids[0], batch.article_ids[-1]
    return BackendError(
        f"load stopped at batch {batch.number} (articles {first} … {last}), which was rolled back; "
        f"{stored} articles before it are stored. {reason} — fix the cause and rerun: loading is idempotent",
        exit_code=BackendError.exit_code,
    )
