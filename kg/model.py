"""The fact model: frozen, hashable dataclasses that flow through every stage.

Every relation carries Evidence: character offsets into its article's text, like a spaCy Span,
so any edge in Neo4j or on the map can quote the sentence that states it. Validation happens at
construction, so a Facts object that exists is a Facts object that keeps the contract.
"""

from __future__ import annotations

import copyreg
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from kg.errors import FactError

# The type names, re-exported: kg.schema is where types are declared.
from kg.schema import (
    ACCOMPANIED,
    AGREEMENT,
    ARTICLE,
    ATTENDED,
    AUTHORED,
    CHAIRED,
    EVENT,
    HOLDS_POSITION,
    MET,
    ORGANIZATION,
    PARTY_TO,
    PERSON,
    PLACE,
    SIGNED_AGREEMENT,
    VISITED,
)
from kg.schema import DEFAULT as _DEFAULT_SCHEMA
from kg.schema import active as active_schema

#: The default schema's type names (the one in force may add more: kg.schema.using).
ENTITY_TYPES: Final = _DEFAULT_SCHEMA.entity_types
RELATION_TYPES: Final = _DEFAULT_SCHEMA.relation_types


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


# Facts travel between worker processes; read-only mappings pickle as their contents.
def _proxy(contents: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(contents)


copyreg.pickle(MappingProxyType, lambda proxy: (_proxy, (dict(proxy),)))


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A stable id from content: the same text always gives the same id, on any machine."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a page. `text` is the normalized body that evidence offsets point into."""

    id: str
    title: str
    text: str
    source: str
    date: str | None = None
    byline: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise FactError("an article needs an id")
        if self.date is not None and not _is_iso_date(self.date):
            raise FactError(f"article {self.id}: date {self.date!r} is not YYYY-MM-DD")
        object.__setattr__(self, "byline", tuple(self.byline))


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization, place, event, agreement (or the article itself, for AUTHORED)."""

    id: str
    type: str
    name: str
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        active_schema().check_entity(self.type, self.name)
        if not self.name or not self.id:
            raise FactError(f"a {self.type} needs a name and an id")
        object.__setattr__(self, "titles", tuple(self.titles))
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "properties", _frozen(self.properties))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact is stated: the sentence and its [start, end) offsets in the article text."""

    article_id: str
    sentence: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise FactError(f"evidence offsets {self.start}..{self.end} are not a span")
        if len(self.sentence) != self.end - self.start:
            raise FactError("evidence sentence length does not match its offsets")


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entities of the same Facts, with the evidence that states it."""

    type: str
    head: str
    tail: str
    evidence: Evidence
    properties: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        active_schema().check_relation(self.type)
        object.__setattr__(self, "properties", _frozen(self.properties))


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything one article states: the article, its entities and the relations between them."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "entities", tuple(self.entities))
        object.__setattr__(self, "relations", tuple(self.relations))
        types = {e.id: e.type for e in self.entities}
        if len(types) != len(self.entities):
            raise FactError(f"article {self.article.id}: duplicate entity ids")
        schema = active_schema()
        text = self.article.text
        for rel in self.relations:
            if rel.head not in types or rel.tail not in types:
                raise FactError(f"article {self.article.id}: {rel.type} points at an unknown entity")
            try:
                schema.check_relation(rel.type, types[rel.head], types[rel.tail])
            except FactError as exc:
                raise FactError(f"article {self.article.id}: {exc}") from None
            ev = rel.evidence
            if ev.article_id != self.article.id:
                raise FactError(f"article {self.article.id}: evidence names article {ev.article_id}")
            if text[ev.start : ev.end] != ev.sentence:
                raise FactError(f"article {self.article.id}: evidence does not quote the article text")

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if absent)."""
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def by_type(self, entity_type: str) -> list[Entity]:
        """Entities of one type, in order of appearance."""
        return [e for e in self.entities if e.type == entity_type]

    def names(self, entity_type: str) -> set[str]:
        """Names of the entities of one type."""
        return {e.name for e in self.entities if e.type == entity_type}

    def pairs(self, relation_type: str) -> set[tuple[str, str]]:
        """(head name, tail name) of every relation of one type: handy for tests and evaluation."""
        names = {e.id: e.name for e in self.entities}
        return {(names[r.head], names[r.tail]) for r in self.relations if r.type == relation_type}


def _is_iso_date(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit()


def repoint(relations: Iterable[Relation], new_by_old: Mapping[str, Entity]) -> list[Relation]:
    """Relations with their ends moved to the entities their old ids became (resolution renames
    and merges entities): one per (type, head, tail, sentence), none whose ends became one, none
    with an end that has no new entity."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str, int]] = set()
    for r in relations:
        if r.head not in new_by_old or r.tail not in new_by_old:
            continue
        head, tail = new_by_old[r.head].id, new_by_old[r.tail].id
        key = (r.type, head, tail, r.evidence.start)
        if key in seen or head == tail:
            continue
        seen.add(key)
        out.append(r if (head, tail) == (r.head, r.tail) else Relation(r.type, head, tail, r.evidence, r.properties))
    return out


def merge_counts(items: Iterable[Facts]) -> dict[str, dict[str, int]]:
    """Counts for a summary: articles, entities by type, relations by type."""
    entities: dict[str, int] = {}
    relations: dict[str, int] = {}
    articles = 0
    for facts in items:
        articles += 1
        for e in facts.entities:
            entities[e.type] = entities.get(e.type, 0) + 1
        for r in facts.relations:
            relations[r.type] = relations.get(r.type, 0) + 1
    return {"articles": {"articles": articles}, "entities": entities, "relations": relations}


__all__ = [
    "ACCOMPANIED",
    "AGREEMENT",
    "ARTICLE",
    "ATTENDED",
    "AUTHORED",
    "Article",
    "CHAIRED",
    "ENTITY_TYPES",
    "EVENT",
    "Entity",
    "Evidence",
    "Facts",
    "HOLDS_POSITION",
    "MET",
    "ORGANIZATION",
    "PARTY_TO",
    "PERSON",
    "PLACE",
    "RELATION_TYPES",
    "Relation",
    "SIGNED_AGREEMENT",
    "VISITED",
    "active_schema",
    "content_id",
    "merge_counts",
    "repoint",
]
