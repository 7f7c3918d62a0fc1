"""The bulk path: CSV files for `neo4j-admin database import full`, for archives too big for Bolt.

The files describe the same graph the UNWIND loader writes (loaders/neo4j_writer.py): Article and
entity nodes in one id space of the importer (named `Entity`; an Article node has only the Article label), MENTIONS from articles to entities, and one relationship
per (type, head, tail, article, evidence start), and PART_OF along each Place's administrative
chain (units no article names as Place nodes of their own). `import_into` runs the importer from the Maven
jars against a stopped server home; `import_command` documents the same call for a packaged Neo4j.
"""

from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.divisions import part_of_rows
from kg.errors import BackendError
from kg.model import ARTICLE, PLACE, Facts
from loaders.neo4j_writer import _ENTITY_RESERVED, _storable, _timeline, _union_titles

#: Arrays (titles, aliases, byline, chains) are joined with the ASCII unit separator: text never
#: holds it, while `|` is part of place ids (Place:石门镇|330…) that chain_ids list.
ARRAY_DELIMITER = "\x1f"
#: How neo4j-admin is told the delimiter (it takes U+XXXX for characters one cannot type).
ARRAY_DELIMITER_ARG = "U+001F"


def import_command(csv_dir: Path) -> str:
    """The documented neo4j-admin call for the files in `csv_dir` (run from that directory)."""
    nodes = " ".join(f"--nodes={p.name}" for p in sorted(csv_dir.glob("nodes_*.csv")))
    rels = " ".join(f"--relationships={p.name}" for p in sorted(csv_dir.glob("rels_*.csv")))
    return (
        "neo4j-admin database import full neo4j --overwrite-destination --multiline-fields=true "
        f"--array-delimiter={ARRAY_DELIMITER_ARG} {nodes} {rels}"
    )


@dataclass
class ExportSummary:
    """What was written: node and relationship counts and the files."""

    nodes: int = 0
    relationships: int = 0
    files: list[Path] = field(default_factory=list)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    return str(value)


def _is_own_article(entity_id: str, name: str, facts: Facts) -> bool:
    art = facts.article
    return entity_id in (art.id, f"{ARTICLE}:{art.id}") or (bool(art.title) and name == art.title)


def export_admin_csv(items: Iterable[Facts], out: Path) -> ExportSummary:
    """Write nodes_*.csv, rels_*.csv and import.sh into `out`."""
    articles: dict[str, dict[str, Any]] = {}
    entities: dict[str, dict[str, dict[str, Any]]] = {}
    mentions: set[tuple[str, str]] = set()
    relations: dict[str, dict[tuple[str, str, str, int], dict[str, Any]]] = {}
    part_of: set[tuple[str, str]] = set()
    cited: dict[str, dict[str, Any]] = {}  # Article entities that are other articles
    units: dict[str, dict[str, Any]] = {}  # parents on a chain, by id
    for facts in items:
        art = facts.article
        articles[art.id] = {
            "id": art.id,
            "name": art.title or art.id,
            "title": art.title,
            "date": art.date,
            "source": art.source,
            "byline": list(art.byline),
            "text": art.text,
        }
        own: dict[str, str] = {}
        for e in facts.entities:
            if e.type == ARTICLE and _is_own_article(e.id, e.name, facts):
                own[e.id] = art.id
                continue
            mentions.add((art.id, e.id))
            if e.type == ARTICLE:  # an article this one cites: an Article node, as the Bolt loader makes it
                cited.setdefault(
                    e.id,
                    {
                        "id": e.id,
                        "name": e.name,
                        "title": e.name,
                        "date": None,
                        "source": None,
                        "byline": [],
                        "text": None,
                    },
                )
                continue
            first, last = _timeline(e)
            row = entities.setdefault(e.type, {}).get(e.id)
            if row is None:  # what merge_entities.cypher stores: the first article's properties
                entities[e.type][e.id] = {
                    "id": e.id,
                    "name": e.name,
                    "aliases": list(e.aliases),
                    "titles": list(e.titles),
                    "first": first,
                    "last": last,
                    "props": _storable(e.properties, reserved=_ENTITY_RESERVED),
                }
            else:
                row["aliases"] += [a for a in e.aliases if a not in row["aliases"]]
                _union_titles(row, list(e.titles), first, last)
            for step in part_of_rows(e):
                part_of.add((step["child"], step["parent"]))
                unit = units.setdefault(
                    step["parent"],
                    {
                        "id": step["parent"],
                        "name": step["name"],
                        "aliases": [],
                        "titles": [],
                        "first": None,
                        "last": None,
                        "props": {k: step[k] for k in ("adcode", "level") if step[k]},
                    },
                )
                unit["aliases"] += [a for a in step["aliases"] if a not in unit["aliases"]]
        for r in facts.relations:
            head, tail = own.get(r.head, r.head), own.get(r.tail, r.tail)
            key = (head, tail, art.id, r.evidence.start)
            relations.setdefault(r.type, {})[key] = {
                "head": head,
                "tail": tail,
                "article_id": art.id,
                "start": r.evidence.start,
                "end": r.evidence.end,
                "sentence": r.evidence.sentence,
                "date": r.properties.get("date") or art.date,
                "props": _storable(r.properties, reserved=_RELATION_RESERVED),
            }
    for cited_id, row in cited.items():
        articles.setdefault(cited_id, row)
    known = {i for rows in entities.values() for i in rows}
    places = entities.setdefault(PLACE, {}) if units else entities.get(PLACE, {})
    for unit_id, unit in units.items():
        if unit_id not in known:
            places[unit_id] = unit
        elif unit_id in places:
            row = places[unit_id]
            row["aliases"] += [a for a in unit["aliases"] if a not in row["aliases"]]
            for key, value in unit["props"].items():  # merge_part_of: coalesce(p.adcode, row.adcode)
                row["props"].setdefault(key, value)
    out.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary()
    summary.files.append(
        _write(
            out / "nodes_Article.csv",
            ["id:ID(Entity)", ":LABEL", "name", "title", "date", "source", "byline:string[]", "text"],
            (
                [a["id"], ARTICLE, a["name"], a["title"], a["date"], a["source"], a["byline"], a["text"]]
                for a in articles.values()
            ),
        )
    )
    summary.nodes = len(articles)
    for label, rows in sorted(entities.items()):
        for r in rows.values():
            if r["first"] is not None:
                r["props"]["titles_first_seen"], r["props"]["titles_last_seen"] = r["first"], r["last"]
        keys, types = _property_columns(r["props"] for r in rows.values())
        summary.files.append(
            _write(
                out / f"nodes_{label}.csv",
                [
                    "id:ID(Entity)",
                    ":LABEL",
                    "name",
                    "aliases:string[]",
                    "titles:string[]",
                    *(f"{k}:{t}" for k, t in zip(keys, types, strict=True)),
                ],
                (
                    [
                        r["id"],
                        f"Entity{ARRAY_DELIMITER}{label}",
                        r["name"],
                        r["aliases"],
                        r["titles"],
                        *(r["props"].get(k) for k in keys),
                    ]
                    for r in rows.values()
                ),
            )
        )
        summary.nodes += len(rows)
    summary.files.append(
        _write(
            out / "rels_MENTIONS.csv",
            [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"],
            ([a, e, "MENTIONS"] for a, e in sorted(mentions)),
        )
    )
    summary.relationships = len(mentions)
    if part_of:
        summary.files.append(
            _write(
                out / "rels_PART_OF.csv",
                [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"],
                ([c, p, "PART_OF"] for c, p in sorted(part_of)),
            )
        )
        summary.relationships += len(part_of)
    header = [
        ":START_ID(Entity)",
        ":END_ID(Entity)",
        ":TYPE",
        "article_id",
        "start:long",
        "end:long",
        "sentence",
        "date",
    ]
    for rel_type, rows in sorted(relations.items()):
        keys, types = _property_columns(r["props"] for r in rows.values())
        summary.files.append(
            _write(
                out / f"rels_{rel_type}.csv",
                [*header, *(f"{k}:{t}" for k, t in zip(keys, types, strict=True))],
                (
                    [
                        r["head"],
                        r["tail"],
                        rel_type,
                        r["article_id"],
                        r["start"],
                        r["end"],
                        r["sentence"],
                        r["date"],
                        *(r["props"].get(k) for k in keys),
                    ]
                    for r in rows.values()
                ),
            )
        )
        summary.relationships += len(rows)
    script = out / "import.sh"
    script.write_text(
        "#!/usr/bin/env bash\n# Import into a STOPPED Neo4j (the database is replaced).\n"
        f'cd "$(dirname "$0")"\n{import_command(out)}\n',
        encoding="utf-8",
    )
    summary.files.append(script)
    return summary


_RELATION_RESERVED = {"article_id", "start", "end", "sentence", "date"}
_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _property_columns(props: Iterable[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Every property key the rows carry (sorted) and its importer type: boolean, long, double,
    string, or an array of one (string when the rows disagree)."""
    seen: dict[str, set[str]] = {}
    for p in props:
        for key, value in p.items():
            if isinstance(value, list):
                kinds = {_TYPES.get(type(v), "string") for v in value} or {"string"}
                kind = (kinds.pop() if len(kinds) == 1 else "string") + "[]"
            else:
                kind = _TYPES.get(type(value), "string")
            seen.setdefault(key, set()).add(kind)
    keys = sorted(seen)
    return keys, [next(iter(seen[k])) if len(seen[k]) == 1 else "string" for k in keys]


def _write(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    return path


def import_into(home: Path, csv_dir: Path, *, java: str, classpath: str, timeout: float = 600) -> str:
    """Run the importer from the Maven jars into the `neo4j` database of a stopped server home."""
    nodes = sorted(csv_dir.glob("nodes_*.csv"))
    rels = sorted(csv_dir.glob("rels_*.csv"))
    command = [
        java,
        "-Xmx1g",
        "-cp",
        classpath,
        "org.neo4j.server.startup.Neo4jAdminCommand",
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination",
        "--multiline-fields=true",
        f"--array-delimiter={ARRAY_DELIMITER_ARG}",
        *[f"--nodes={p}" for p in nodes],
        *[f"--relationships={p}" for p in rels],
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.strip() and not ln.startswith("\t")]
        raise BackendError(f"neo4j-admin import failed: {lines[-1] if lines else done.returncode}")
    return done.stdout
