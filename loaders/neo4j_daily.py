"""Daily loads that keep identity: a new day's articles resolved against what the graph holds.

The graph keeps resolve's corpus statistics (kg.resolve.CorpusStats, in memory proportional to
the number of distinct names) and the home city on one `(:KgCorpus {key: 'resolution'})` node.
`load_articles` adds the statistics of the articles the graph does not hold yet, decides the
Resolution from all of them (home city, canonical places, people and their jurisdictions: what
resolving the whole archive so far decides), applies it to the day, writes the day, and then
repairs the nodes of earlier days that the new statistics decide differently:

- a place an earlier day printed short and this one in full (临溪, then 临溪区) is folded into the
  full one, as resolving both days together would have made it one node;
- title-less mentions of a name that now has its one titled namesake in the city (刘晓明, then
  云岫县委书记刘晓明) are folded into that person, when their node holds no titles of its own.

So loading an archive day by day gives the graph that loading it at once gives, as long as a later
day does not undo an earlier decision (a second namesake making a joined title-less mention
ambiguous is logged: rebuild from the archive to split it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import neo4j

from kg.identity import MergePlan, MergeRow, person_id, untitled_jurisdiction
from kg.model import PERSON, PLACE, Facts
from kg.resolve import CorpusStats, Resolution
from loaders.neo4j_connection import translate_error
from loaders.neo4j_identity import apply_merges_in_graph, fold_nodes
from loaders.neo4j_writer import LoadSummary, Neo4jWriter, statement

log = logging.getLogger(__name__)


@dataclass
class DailyLoad:
    """What a load against the graph did: the writer's summary and the repairs of earlier days."""

    summary: LoadSummary
    home: str
    new_articles: int
    folded: list[tuple[str, str]] = field(default_factory=list)
    facts: list[Facts] = field(default_factory=list)


def stored_resolution(driver: neo4j.Driver, database: str | None) -> tuple[CorpusStats, str | None]:
    """The corpus statistics and home city the graph keeps (empty ones for a new graph)."""
    try:
        records = driver.execute_query(statement("read_corpus"), database_=database).records
    except Exception as exc:
        raise translate_error(exc, None) from None
    if not records or records[0]["stats"] is None:
        return CorpusStats(), None
    return CorpusStats.from_json(records[0]["stats"]), records[0]["home"]


def resolve_against_graph(
    stored: CorpusStats,
    stored_home: str | None,
    facts: Sequence[Facts],
    known_articles: set[str],
    *,
    home_city: str | None = None,
    merges: Sequence[MergeRow] = (),
) -> tuple[Resolution, CorpusStats, list[tuple[str, str]]]:
    """The Resolution of the stored corpus plus these (extracted, unresolved) articles, the new
    statistics, and the (old id, new id) folds of earlier nodes it decides differently (before
    their targets are known: person folds only; place folds are found after applying)."""
    new = [f for f in facts if f.article.id not in known_articles]
    stats = CorpusStats.from_json(stored.to_json()).merge(CorpusStats.of(new))
    home = home_city or stored_home or stats.home_city()
    plan = MergePlan(merges)
    res = Resolution.of(stats, home_city=home, merges=plan)
    folds: list[tuple[str, str]] = []
    if stored.articles:
        before = Resolution.of(stored, home_city=home, merges=plan)
        for name in sorted({e.name for f in new for e in f.entities if e.type == PERSON}):
            was = untitled_jurisdiction(before.candidates.get(name, {}), before.home)
            now = untitled_jurisdiction(res.candidates.get(name, {}), res.home)
            if was != now:
                folds.append((plan.of(person_id(name, was)), plan.of(person_id(name, now))))
    return res, stats, folds


def _place_folds(
    stored: CorpusStats, before: Resolution | None, res: Resolution, resolved: Sequence[Facts]
) -> list[tuple[str, str]]:
    """Places earlier days printed short that this load's corpus names in full."""
    ids: dict[str, str] = {}
    for f in resolved:
        for e in f.entities:
            if e.type == PLACE:
                ids.setdefault(e.name, e.id)
                for a in e.aliases:
                    ids.setdefault(a, e.id)
    out = []
    for short, full in sorted(res.canonical_place.items()):
        if short in stored.place_names and (before is None or short not in before.canonical_place):
            target = ids.get(full)
            if target and target != f"{PLACE}:{short}":
                out.append((f"{PLACE}:{short}", target))
    return out


def load_articles(
    driver: neo4j.Driver,
    database: str | None,
    facts: Sequence[Facts],
    *,
    home_city: str | None = None,
    merges: Sequence[MergeRow] | None = None,
    batch_rows: int | None = None,
    progress: Callable[[int], None] | None = None,
    merges_source: str = "the merges file",
) -> DailyLoad:
    """Resolve extracted articles against the graph, write them, repair earlier days, and keep the
    new statistics in the graph (module docstring)."""
    writer = Neo4jWriter(driver, database, progress=progress, **({"batch_rows": batch_rows} if batch_rows else {}))
    writer.ensure_schema()
    stored, stored_home = stored_resolution(driver, database)
    ids = sorted({f.article.id for f in facts})
    try:
        known = {
            r["id"] for r in driver.execute_query(statement("stored_articles"), ids=ids, database_=database).records
        }
    except Exception as exc:
        raise translate_error(exc, None) from None
    res, stats, person_folds = resolve_against_graph(
        stored, stored_home, facts, known, home_city=home_city, merges=merges or ()
    )
    resolved = [res.apply(f) for f in facts]
    before = Resolution.of(stored, home_city=res.home, merges=res.merges) if stored.articles else None
    if merges is not None:
        apply_merges_in_graph(driver, database, res.merges, ids, source=merges_source)
    summary = writer.write(resolved)
    folded = fold_nodes(driver, database, _place_folds(stored, before, res, resolved))
    folded += _fold_untitled(driver, database, person_folds)
    try:
        driver.execute_query(statement("write_corpus"), stats=stats.to_json(), home=res.home, database_=database)
    except Exception as exc:
        raise translate_error(exc, None) from None
    if folded:
        log.info("folded %d nodes of earlier loads into the ones this load's corpus decides", len(folded))
    return DailyLoad(summary, res.home, len(ids) - len(known), folded, resolved)


def _fold_untitled(driver: neo4j.Driver, database: str | None, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fold nodes of title-less mentions (no titles of their own) into the person they now join."""
    if not pairs:
        return []
    try:
        rows = driver.execute_query(statement("untitled_people"), ids=[o for o, _ in pairs], database_=database).records
    except Exception as exc:
        raise translate_error(exc, None) from None
    untitled = {r["id"] for r in rows if not r["titles"]}
    for old, _new in pairs:
        if old not in untitled:
            log.warning(
                "%s: a new namesake changes where its title-less mentions belong; they stay with "
                "%s until the archive is loaded again from scratch",
                old,
                old,
            )
    return fold_nodes(driver, database, [(o, n) for o, n in pairs if o in untitled])
