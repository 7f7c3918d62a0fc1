"""The one schema: which entity and relation types exist, which head and tail types each relation
allows, and how each is named and drawn.

The fact model validates against it, the gold format and `kg eval` read their keys, rows and
allowed shapes from it, the loader refuses what it does not name, and the map takes its legend
from it. A new relation type is one `RelationType` entry here (plus the rule that finds it).

The schema in force is `active()`: `DEFAULT` unless a caller swaps in another with `using()`
(tests and embedders that add a type of their own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Final

from kg.errors import FactError

PERSON: Final = "Person"
ORGANIZATION: Final = "Organization"
PLACE: Final = "Place"
EVENT: Final = "Event"
AGREEMENT: Final = "Agreement"
ARTICLE: Final = "Article"

ATTENDED: Final = "ATTENDED"
CHAIRED: Final = "CHAIRED"
SIGNED_AGREEMENT: Final = "SIGNED_AGREEMENT"
PARTY_TO: Final = "PARTY_TO"
VISITED: Final = "VISITED"
HOLDS_POSITION: Final = "HOLDS_POSITION"
AUTHORED: Final = "AUTHORED"
ACCOMPANIED: Final = "ACCOMPANIED"
MET: Final = "MET"
MENTIONS: Final = "MENTIONS"


@dataclass(frozen=True, slots=True)
class EntityType:
    """An entity type: its name (the Neo4j label), Chinese display name, colour and map shape.

    `gold_key` is its list's key in `*.gold.json` (None: not annotated by name); `scored` puts it
    among `kg eval`'s rows.
    """

    name: str
    label: str
    colour: str
    shape: str = "dot"
    gold_key: str | None = None
    scored: bool = False


@dataclass(frozen=True, slots=True)
class RelationType:
    """A relation type: the entity types its head and tail may have, its display name and colour.

    `scored`: annotated in gold files and scored by `kg eval`; `unordered`: scored as an unordered
    pair (a signing or a meeting joins two sides); `in_facts`: False for relations only the loader
    makes (an article MENTIONS its entities), which Facts never carry.
    """

    name: str
    heads: frozenset[str]
    tails: frozenset[str]
    label: str
    colour: str
    scored: bool = False
    unordered: bool = False
    in_facts: bool = True

    def allows(self, head_type: str, tail_type: str) -> bool:
        """Whether a relation of this type may join a `head_type` to a `tail_type`."""
        return head_type in self.heads and tail_type in self.tails


@dataclass(frozen=True)
class Schema:
    """Entity and relation types in display order (the legend's order)."""

    entities: tuple[EntityType, ...]
    relations: tuple[RelationType, ...]
    other_entity: EntityType = field(default=EntityType("Other", "其他", "#8c8c8c", "dot"))
    other_relation_colour: str = "#999999"
    #: Names of every entity type; names of the relation types Facts may carry (not MENTIONS).
    entity_types: frozenset[str] = field(init=False, repr=False, compare=False)
    relation_types: frozenset[str] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, EntityType | RelationType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        known = {e.name for e in self.entities}
        for r in self.relations:
            unknown = (r.heads | r.tails) - known
            if unknown:
                raise FactError(f"relation type {r.name} names unknown entity types {sorted(unknown)}")
        object.__setattr__(self, "entity_types", frozenset(known))
        object.__setattr__(self, "relation_types", frozenset(r.name for r in self.relations if r.in_facts))
        by_name: dict[str, EntityType | RelationType] = {e.name: e for e in self.entities}
        by_name.update({r.name: r for r in self.relations})
        object.__setattr__(self, "_by_name", by_name)

    def entity(self, name: str) -> EntityType | None:
        """The entity type of this name, or None."""
        found = self._by_name.get(name)
        return found if isinstance(found, EntityType) else None

    def relation(self, name: str) -> RelationType | None:
        """The relation type of this name, or None."""
        found = self._by_name.get(name)
        return found if isinstance(found, RelationType) else None

    def scored_entities(self) -> tuple[str, ...]:
        """Entity types `kg eval` scores, in order."""
        return tuple(e.name for e in self.entities if e.scored)

    def scored_relations(self) -> tuple[str, ...]:
        """Relation types gold files annotate and `kg eval` scores, in order."""
        return tuple(r.name for r in self.relations if r.scored)

    def gold_keys(self) -> dict[str, str]:
        """Gold-file key → entity type, for the types annotated by name."""
        return {e.gold_key: e.name for e in self.entities if e.gold_key}

    def check_entity(self, type_name: str, name: str) -> None:
        """FactError unless `type_name` is an entity type."""
        if type_name not in self.entity_types:
            raise FactError(f"unknown entity type {type_name!r} for {name!r}")

    def check_relation(self, type_name: str, head_type: str | None = None, tail_type: str | None = None) -> None:
        """FactError unless `type_name` is a relation type Facts carry that joins these end types
        (ends not given are not checked)."""
        rel = self.relation(type_name)
        if rel is None or type_name not in self.relation_types:
            raise FactError(f"unknown relation type {type_name!r}")
        for end, got, allowed in (("head", head_type, rel.heads), ("tail", tail_type, rel.tails)):
            if got is not None and got not in allowed:
                raise FactError(f"{type_name} {end} is a {got}, expected {' or '.join(sorted(allowed))}")

    def with_relation(self, relation: RelationType) -> Schema:
        """This schema with one more relation type (or that type replaced)."""
        kept = tuple(r for r in self.relations if r.name != relation.name)
        return replace(self, relations=(*kept, relation))

    def with_entity(self, entity: EntityType) -> Schema:
        """This schema with one more entity type (or that type replaced)."""
        kept = tuple(e for e in self.entities if e.name != entity.name)
        return replace(self, entities=(*kept, entity))


def _types(*names: str) -> frozenset[str]:
    return frozenset(names)


DEFAULT: Final = Schema(
    entities=(
        EntityType(PERSON, "人物", "#4e79a7", "dot", gold_key="persons", scored=True),
        EntityType(ORGANIZATION, "机构", "#f28e2b", "square", gold_key="organizations", scored=True),
        EntityType(PLACE, "地点", "#59a14f", "triangle", gold_key="places", scored=True),
        EntityType(EVENT, "事件", "#e15759", "star", gold_key="events", scored=True),
        # Gold names agreements inside SIGNED_AGREEMENT relations, not in a list of their own.
        EntityType(AGREEMENT, "协议", "#b07aa1", "diamond", scored=True),
        EntityType(ARTICLE, "文章", "#9c755f", "hexagon"),
    ),
    relations=(
        RelationType(ATTENDED, _types(PERSON), _types(EVENT), "出席", "#7f9cc0", scored=True),
        RelationType(CHAIRED, _types(PERSON), _types(EVENT), "主持", "#d0604d", scored=True),
        RelationType(
            SIGNED_AGREEMENT,
            _types(ORGANIZATION, PLACE),
            _types(ORGANIZATION, PLACE),
            "签订协议",
            "#9b59b6",
            scored=True,
            unordered=True,
        ),
        RelationType(PARTY_TO, _types(ORGANIZATION, PLACE), _types(AGREEMENT), "协议方", "#c39bd3"),
        RelationType(
            VISITED, _types(PERSON, ORGANIZATION), _types(PLACE, ORGANIZATION), "考察", "#4f9d69", scored=True
        ),
        RelationType(HOLDS_POSITION, _types(PERSON), _types(ORGANIZATION), "任职", "#e6a23c"),
        RelationType(AUTHORED, _types(PERSON), _types(ARTICLE), "撰稿", "#a1887f"),
        RelationType(MET, _types(PERSON), _types(PERSON, ORGANIZATION), "会见", "#e67e22", scored=True, unordered=True),
        RelationType(ACCOMPANIED, _types(PERSON), _types(PERSON, ORGANIZATION), "陪同", "#5dade2", scored=True),
        # An article MENTIONS each of its entities: drawn by the Neo4j map, never in Facts.
        RelationType(
            MENTIONS,
            _types(ARTICLE),
            _types(PERSON, ORGANIZATION, PLACE, EVENT, AGREEMENT),
            "提及",
            "#c8c8c8",
            in_facts=False,
        ),
    ),
)

_ACTIVE: ContextVar[Schema] = ContextVar("newskg_schema", default=DEFAULT)


def active() -> Schema:
    """The schema in force: DEFAULT unless inside `using()`."""
    return _ACTIVE.get()


@contextmanager
def using(schema: Schema) -> Iterator[Schema]:
    """Validate, score and draw with `schema` inside the block (this thread or task only)."""
    token = _ACTIVE.set(schema)
    try:
        yield schema
    finally:
        _ACTIVE.reset(token)
