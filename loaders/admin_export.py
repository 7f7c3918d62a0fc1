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

#: Arrays (titles, aliases, byline) are joined with this; names and titles never contain it.
ARRAY_DELIMITER = "|"


def import_command(csv_dir: Path) -> str:
    """The documented neo4j-admin call for the files in `csv_dir` (run from that directory)."""
    nodes = " ".join(f"--nodes={p.name}" for p in sorted(csv_dir.glob("nodes_*.csv")))
    rels = " ".join(f"--relationships={p.name}" for p in sorted(csv_dir.glob("rels_*.csv")))
    return ("neo4j-admin database import full neo4j --overwrite-destination --multiline-fields=true "
            f"--array-delimiter='{ARRAY_DELIMITER}' {nodes} {rels}")


@dataclass
class ExportSummary:
    """What was written: node and relationship counts and the files."""

    nodes: int = 0
    relationships: int = 0
    files: list[Path] = field(default_factory=list)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(str(v) for v in value)
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
    units: dict[str, dict[str, Any]] = {}  # parents on a chain, by id
    for facts in items:
        art = facts.article
        articles[art.id] = {"id": art.id, "name": art.title or art.id, "title": art.title, "date": art.date,
                            "source": art.source, "byline": list(art.byline), "text": art.text}
        own: dict[str, str] = {}
        for e in facts.entities:
            if e.type == ARTICLE and _is_own_article(e.id, e.name, facts):
                own[e.id] = art.id
                continue
            row = entities.setdefault(e.type, {}).setdefault(
                e.id, {"id": e.id, "name": e.name, "aliases": [], "titles": [], "date": e.properties.get("date"),
                       "adcode": e.properties.get("adcode"), "level": e.properties.get("level")})
            row["aliases"] += [a for a in e.aliases if a not in row["aliases"]]
            row["titles"] += [t for t in e.titles if t not in row["titles"]]
            mentions.add((art.id, e.id))
            for step in part_of_rows(e):
                part_of.add((step["child"], step["parent"]))
                unit = units.setdefault(step["parent"], {"id": step["parent"], "name": step["name"], "aliases": [],
                                                         "titles": [], "date": None, "adcode": step["adcode"],
                                                         "level": step["level"]})
                unit["aliases"] += [a for a in step["aliases"] if a not in unit["aliases"]]
        for r in facts.relations:
            head, tail = own.get(r.head, r.head), own.get(r.tail, r.tail)
            key = (head, tail, art.id, r.evidence.start)
            relations.setdefault(r.type, {})[key] = {
                "head": head, "tail": tail, "article_id": art.id, "start": r.evidence.start, "end": r.evidence.end,
                "sentence": r.evidence.sentence, "date": r.properties.get("date") or art.date,
                "agreement": r.properties.get("agreement"), "title": r.properties.get("title"),
            }
    known = {i for rows in entities.values() for i in rows}
    places = entities.setdefault(PLACE, {}) if units else entities.get(PLACE, {})
    for unit_id, unit in units.items():
        if unit_id not in known:
            places[unit_id] = unit
        elif unit_id in places:
            row = places[unit_id]
            row["aliases"] += [a for a in unit["aliases"] if a not in row["aliases"]]
    out.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary()
    summary.files.append(_write(out / "nodes_Article.csv",
                                ["id:ID(Entity)", ":LABEL", "name", "title", "date", "source", "byline:string[]", "text"],
                                ([a["id"], ARTICLE, a["name"], a["title"], a["date"], a["source"], a["byline"],
                                  a["text"]] for a in articles.values())))
    summary.nodes = len(articles)
    for label, rows in sorted(entities.items()):
        summary.files.append(_write(out / f"nodes_{label}.csv",
                                    ["id:ID(Entity)", ":LABEL", "name", "aliases:string[]", "titles:string[]", "date",
                                     "adcode", "level"],
                                    ([r["id"], f"Entity{ARRAY_DELIMITER}{label}", r["name"], r["aliases"], r["titles"], r["date"],
                                      r["adcode"], r["level"]] for r in rows.values())))
        summary.nodes += len(rows)
    summary.files.append(_write(out / "rels_MENTIONS.csv", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"],
                                ([a, e, "MENTIONS"] for a, e in sorted(mentions))))
    summary.relationships = len(mentions)
    if part_of:
        summary.files.append(_write(out / "rels_PART_OF.csv", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"],
                                    ([c, p, "PART_OF"] for c, p in sorted(part_of))))
        summary.relationships += len(part_of)
    header = [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "article_id", "start:int", "end:int", "sentence",
              "date", "agreement", "title"]
    for rel_type, rows in sorted(relations.items()):
        summary.files.append(_write(out / f"rels_{rel_type}.csv", header,
                                    ([r["head"], r["tail"], rel_type, r["article_id"], r["start"], r["end"],
                                      r["sentence"], r["date"], r["agreement"], r["title"]] for r in rows.values())))
        summary.relationships += len(rows)
    script = out / "import.sh"
    script.write_text("#!/usr/bin/env bash\n# Import into a STOPPED Neo4j (the database is replaced).\n"
                      f"cd \"$(dirname \"$0\")\"\n{import_command(out)}\n", encoding="utf-8")
    summary.files.append(script)
    return summary


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
    command = [java, "-Xmx1g", "-cp", classpath, "org.neo4j.server.startup.Neo4jAdminCommand",
               "database", "import", "full", "neo4j", "--overwrite-destination", "--multiline-fields=true",
               f"--array-delimiter={ARRAY_DELIMITER}",
               *[f"--nodes={p}" for p in nodes], *[f"--relationships={p}" for p in rels]]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.strip() and not ln.startswith("\t")]
        raise BackendError(f"neo4j-admin import failed: {lines[-1] if lines else done.returncode}")
    return done.stdout
