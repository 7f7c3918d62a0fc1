"""Identity changes inside a graph that is already loaded: an analyst's merges, and daily loads.

- `apply_merges_in_graph`: before a load with `--merge`, a node the merges now join into another
  is folded into it (its relationships move; nothing of its articles is lost), and a node an
  earlier load merged whose row is gone is split again: it is deleted, and the load that follows
  writes its parts from their articles, so those articles must be in the load (else InputError,
  before anything changes).
- `fold_nodes`: move one node's relationships to another and delete it (a place a later day
  names in full, 临溪 → 临溪区; title-less mentions that now join a titled namesake).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import neo4j

from kg.errors import InputError
from kg.identity import MergePlan
from loaders.neo4j_connection import translate_error
from loaders.neo4j_writer import statement

log = logging.getLogger(__name__)

_FOLD = [
    s.strip()
    for s in "\n".join(ln for ln in statement("fold_node").splitlines() if not ln.lstrip().startswith("//")).split(";")
    if s.strip()
]


@dataclass
class IdentityChanges:
    """What a load changed in the graph's identities before writing."""

    folded: list[tuple[str, str]] = field(default_factory=list)
    split: list[str] = field(default_factory=list)


def fold_in(tx: neo4j.ManagedTransaction, old: str, new: str, *, merged: bool) -> None:
    """Inside a transaction: fold node `old` into node `new` (loaders/cypher/fold_node.cypher)."""
    for text in _FOLD:
        tx.run(text, old=old, new=new, merged=merged).consume()


def existing(tx: neo4j.ManagedTransaction, ids: Iterable[str]) -> set[str]:
    """Which of these ids are nodes in the graph."""
    return {r["id"] for r in tx.run(statement("existing_ids"), ids=sorted(set(ids)))}


def fold_nodes(
    driver: neo4j.Driver, database: str | None, pairs: Iterable[tuple[str, str]], *, merged: bool = False
) -> list[tuple[str, str]]:
    """Fold each (old, new) pair whose old node exists, in one transaction; the pairs folded."""
    pairs = [(o, n) for o, n in pairs if o != n]
    if not pairs:
        return []

    def work(tx: neo4j.ManagedTransaction) -> list[tuple[str, str]]:
        there = existing(tx, [o for o, _ in pairs])
        done = []
        for old, new in pairs:
            if old in there:
                fold_in(tx, old, new, merged=merged)
                done.append((old, new))
        return done

    try:
        with driver.session(database=database) as session:
            return session.execute_write(work)
    except Exception as exc:
        raise translate_error(exc, None) from None


def apply_merges_in_graph(
    driver: neo4j.Driver,
    database: str | None,
    plan: MergePlan,
    load_articles: Iterable[str],
    *,
    source: str = "the merges file",
) -> IdentityChanges:
    """Make the graph's people agree with these merges before a load (see the module docstring)."""
    loading = set(load_articles)
    changes = IdentityChanges()

    def work(tx: neo4j.ManagedTransaction) -> IdentityChanges:
        merged = {r["id"]: set(r["merged_from"]) for r in tx.run(statement("merged_people"))}
        split = sorted(pid for pid, joined in merged.items() if joined != set(plan.group(pid)))
        if split:
            rows = tx.run(statement("node_articles"), ids=split)
            missing = {r["id"]: sorted(set(r["articles"]) - loading) for r in rows}
            missing = {pid: arts for pid, arts in missing.items() if arts}
            if missing:
                pid, arts = next(iter(missing.items()))
                raise InputError(
                    f"{source}: {pid} was merged by a row no longer there; splitting it needs its "
                    f"{len(arts)} other article(s) in this load (e.g. {arts[0]}): load the whole archive "
                    f"with the merges file (kg load PATHS --merge …), or put the row back"
                )
            for pid in split:
                tx.run(statement("delete_node"), id=pid).consume()
            changes.split = split
        there = existing(tx, plan.target)
        for old in sorted(there):
            fold_in(tx, old, plan.of(old), merged=True)
            changes.folded.append((old, plan.of(old)))
        return changes

    try:
        with driver.session(database=database) as session:
            result = session.execute_write(work)
    except InputError:
        raise
    except Exception as exc:
        raise translate_error(exc, None) from None
    if result.split or result.folded:
        log.info(
            "merges: %d people split again, %d folded into the people they join", len(result.split), len(result.folded)
        )
    return result
