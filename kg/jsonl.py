"""Facts as JSON Lines, one object per article, in the shape of the fact contract (DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import FactError, InputError
from kg.model import Article, Entity, Evidence, Facts, Relation


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """The contract's JSON object for one article."""
    a = facts.article
    return {
        "article": {
            "id": a.id,
            "title": a.title,
            "date": a.date,
            "source": a.source,
            "byline": list(a.byline),
            "text": a.text,
        },
        "entities": [_entity_to_dict(e) for e in facts.entities],
        "relations": [
            {
                "type": r.type,
                "head": r.head,
                "tail": r.tail,
                "properties": dict(r.properties),
                "evidence": {
                    "article": r.evidence.article_id,
                    "sentence": r.evidence.sentence,
                    "start": r.evidence.start,
                    "end": r.evidence.end,
                },
            }
            for r in facts.relations
        ],
    }


def _entity_to_dict(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name}
    if e.titles:
        out["titles"] = list(e.titles)
    if e.aliases:
        out["aliases"] = list(e.aliases)
    if e.properties:
        out["properties"] = dict(e.properties)
    return out


def facts_from_dict(obj: dict[str, Any]) -> Facts:
    """Rebuild (and so re-validate) Facts from the contract's JSON object."""
    try:
        a = obj["article"]
        article = Article(
            id=a["id"],
            title=a.get("title", ""),
            text=a.get("text", ""),
            source=a.get("source", ""),
            date=a.get("date"),
            byline=tuple(a.get("byline", ())),
        )
        entities = tuple(
            Entity(
                id=e["id"],
                type=e["type"],
                name=e["name"],
                titles=tuple(e.get("titles", ())),
                aliases=tuple(e.get("aliases", ())),
                properties=e.get("properties", {}),
            )
            for e in obj.get("entities", ())
        )
        relations = tuple(
            Relation(
                type=r["type"],
                head=r["head"],
                tail=r["tail"],
                properties=r.get("properties", {}),
                evidence=Evidence(
                    article_id=r["evidence"].get("article", article.id),
                    sentence=r["evidence"]["sentence"],
                    start=r["evidence"]["start"],
                    end=r["evidence"]["end"],
                ),
            )
            for r in obj.get("relations", ())
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise FactError(f"not a facts object: missing or malformed {exc}") from None
    return Facts(article=article, entities=entities, relations=relations)


def write_jsonl(items: Iterable[Facts], path: Path) -> int:
    """Write Facts to `path` atomically (temp file, then rename); returns the number written.

    A path that cannot be written is an InputError naming it, and no temporary file is left."""
    from kg.outputs import open_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot create its folder ({exc.strerror})") from None
    count = 0
    with open_atomic(path) as fh:
        for facts in items:
            fh.write(json.dumps(facts_to_dict(facts), ensure_ascii=False))
            fh.write("\n")
            count += 1
    return count


def read_jsonl(path: Path) -> Iterator[Facts]:
    """Read a facts.jsonl; a bad line raises InputError naming the file and line."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield facts_from_dict(json.loads(line))
            except (json.JSONDecodeError, FactError) as exc:
                raise InputError(f"{path}:{lineno}: {exc}") from None
