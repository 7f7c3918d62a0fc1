"""Facts as plain tuples, for the trip from a worker process back to the parent and for the spill
of a streaming run (kg.stream).

marshal handles tuples, lists, dicts and strings in C; pickling the dataclasses themselves cost
~0.5 ms an article on the two sides together (measured), a fifth of the extraction itself. The
evidence sentence is not sent: it is the article text between its offsets, sliced again here.
Rebuilding skips validation, because the objects were validated when the worker made them.
"""

from __future__ import annotations

import gc
import marshal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from kg.model import Article, Entity, Evidence, Facts, Relation

_new = object.__new__


def _setters(cls: type, *names: str) -> tuple[Any, ...]:
    # The slot descriptors' own setters: twice as fast as object.__setattr__ per field.
    return tuple(getattr(cls, name).__set__ for name in names)


def _builder(cls: type, *names: str) -> Callable[[Sequence[Any]], Any]:
    setters = _setters(cls, *names)

    def build(values: Sequence[Any]) -> Any:
        obj: Any = _new(cls)
        for put, value in zip(setters, values):
            put(obj, value)
        return obj

    return build


_article = _builder(Article, "id", "title", "text", "source", "date", "byline")
# Entities, relations and their evidence are most of the objects: built field by field, without a loop.
_E_ID, _E_TYPE, _E_NAME, _E_TITLES, _E_ALIASES, _E_PROPS = _setters(
    Entity, "id", "type", "name", "titles", "aliases", "properties"
)
_R_TYPE, _R_HEAD, _R_TAIL, _R_EVIDENCE, _R_PROPS = _setters(Relation, "type", "head", "tail", "evidence", "properties")
_V_ARTICLE, _V_SENTENCE, _V_START, _V_END = _setters(Evidence, "article_id", "sentence", "start", "end")
_F_ARTICLE, _F_ENTITIES, _F_RELATIONS = _setters(Facts, "article", "entities", "relations")


def _entity(values: Sequence[Any]) -> Entity:
    id_, kind, name, titles, aliases, props = values
    obj = _new(Entity)
    _E_ID(obj, id_)
    _E_TYPE(obj, kind)
    _E_NAME(obj, name)
    _E_TITLES(obj, titles)
    _E_ALIASES(obj, aliases)
    _E_PROPS(obj, MappingProxyType(props))
    return obj


def _relation(values: tuple[Any, ...], art_id: str, text: str) -> Relation:
    kind, head, tail, start, end, props = values
    evidence = _new(Evidence)
    _V_ARTICLE(evidence, art_id)
    _V_SENTENCE(evidence, text[start:end])
    _V_START(evidence, start)
    _V_END(evidence, end)
    obj = _new(Relation)
    _R_TYPE(obj, kind)
    _R_HEAD(obj, head)
    _R_TAIL(obj, tail)
    _R_EVIDENCE(obj, evidence)
    _R_PROPS(obj, MappingProxyType(props))
    return obj


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic collector off while a chunk is packed or unpacked: the tens of thousands of
    tuples and objects made at once would set off collections that find nothing (they hold no
    cycles), half the cost of `loads` (measured: 0.15 against 0.10 ms an article)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def dumps(items: Sequence[Facts]) -> bytes:
    """Facts as one marshal payload."""
    with _collector_paused():
        return marshal.dumps(_pack(items))


def _pack(items: Sequence[Facts]) -> list[Any]:
    wire = []
    for facts in items:
        a = facts.article
        wire.append(
            (
                (a.id, a.title, a.text, a.source, a.date, a.byline),
                [(e.id, e.type, e.name, e.titles, e.aliases, dict(e.properties)) for e in facts.entities],
                [
                    (r.type, r.head, r.tail, r.evidence.start, r.evidence.end, dict(r.properties))
                    for r in facts.relations
                ],
            )
        )
    return wire


def loads(payload: bytes) -> list[Facts]:
    """The Facts `dumps` was given, equal to the originals."""
    with _collector_paused():
        return _unpack(marshal.loads(payload))


def _unpack(wire: list[Any]) -> list[Facts]:
    out = []
    for article, entities, relations in wire:
        art = _article(article)
        text, art_id = art.text, art.id
        facts = _new(Facts)
        _F_ARTICLE(facts, art)
        _F_ENTITIES(facts, tuple(map(_entity, entities)))
        _F_RELATIONS(facts, tuple([_relation(r, art_id, text) for r in relations]))
        out.append(facts)
    return out
