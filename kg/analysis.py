"""Network analysis of the facts graph: who is central, which groups there are, who bridges them,
and which localities cooperate. Pure networkx functions that return data and never mutate their input.

The people network is the person–person co-attendance graph: two people are joined when they
attended or chaired the same event, the edge weighted by how many events they shared (the same
pairs as cypher/co_attendance.cypher). On it:

- degree (distinct co-attendees), betweenness and eigenvector centrality;
- communities: networkx's Louvain, seeded, on a graph built in a fixed order, so the same facts
  always give the same communities;
- brokers: people with co-attendees in communities other than their own, ranked by how many
  other communities they reach, then by betweenness.

The cooperation matrix counts agreements between localities (SIGNED_AGREEMENT pairs and the
parties of one Agreement), one cell per pair of localities and year, the way
cypher/cooperation_network.cypher counts them: a pair's agreements are its distinct agreement names.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

from kg.model import AGREEMENT, ATTENDED, CHAIRED, EVENT, ORGANIZATION, PARTY_TO, PERSON, PLACE, SIGNED_AGREEMENT

log = logging.getLogger(__name__)

#: Administrative levels from the top; a cooperation matrix may roll parties up to one of them.
LEVELS = ("province", "city", "county", "township", "village")
DEFAULT_SEED = 0


@dataclass(frozen=True, slots=True)
class PersonScore:
    """One person of the co-attendance graph and their measures."""

    id: str
    name: str
    events: int  # events attended or chaired
    degree: int  # distinct co-attendees
    degree_centrality: float  # degree / (people - 1)
    betweenness: float  # normalized, unweighted shortest paths
    eigenvector: float  # weighted by shared events
    community: int  # index into Analysis.communities
    communities_reached: int  # other communities among their co-attendees


@dataclass(frozen=True, slots=True)
class Community:
    """A group of people found by Louvain; `members` are ids, the most connected first."""

    index: int
    members: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many people the community has."""
        return len(self.members)


@dataclass(frozen=True, slots=True)
class Broker:
    """A person whose co-attendees lie in other communities than their own."""

    id: str
    name: str
    community: int
    communities_reached: int  # other communities among their co-attendees
    participation: float  # 1 - Σ_c (links into c / degree)², 0 when all links stay home
    betweenness: float
    reaches: tuple[int, ...]  # the other communities, by index


@dataclass(frozen=True, slots=True)
class CooperationCell:
    """Agreements between two localities in one year (a = the smaller name); `year` "" if undated."""

    year: str
    locality_a: str
    locality_b: str
    agreements: int
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything `kg analyze` reports: people (highest degree first), communities, brokers, cooperation."""

    people: tuple[PersonScore, ...]
    communities: tuple[Community, ...]
    brokers: tuple[Broker, ...]
    cooperation: tuple[CooperationCell, ...]
    seed: int = DEFAULT_SEED
    level: str = ""

    def rows(self, table: str) -> list[dict[str, Any]]:
        """One table as a list of plain dicts: people, communities, brokers or cooperation."""
        if table == "communities":
            return [
                {"community": c.index, "size": c.size, "members": list(c.names), "ids": list(c.members)}
                for c in self.communities
            ]
        if table == "brokers":
            return [
                {
                    "id": b.id,
                    "name": b.name,
                    "community": b.community,
                    "communities_reached": b.communities_reached,
                    "reaches": list(b.reaches),
                    "participation": round(b.participation, 6),
                    "betweenness": round(b.betweenness, 6),
                }
                for b in self.brokers
            ]
        if table == "cooperation":
            return [
                {
                    "year": c.year,
                    "locality_a": c.locality_a,
                    "locality_b": c.locality_b,
                    "agreements": c.agreements,
                    "names": list(c.names),
                }
                for c in self.cooperation
            ]
        if table == "people":
            return [
                {
                    "id": p.id,
                    "name": p.name,
                    "events": p.events,
                    "degree": p.degree,
                    "degree_centrality": round(p.degree_centrality, 6),
                    "betweenness": round(p.betweenness, 6),
                    "eigenvector": round(p.eigenvector, 6),
                    "community": p.community,
                    "communities_reached": p.communities_reached,
                }
                for p in self.people
            ]
        raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")

    def frame(self, table: str) -> Any:
        """One table as a pandas DataFrame (for notebooks), with its columns even when it has no rows."""
        import pandas as pd

        return pd.DataFrame(self.rows(table), columns=list(COLUMNS[table]))


#: The columns of each table of Analysis.rows, in order (a CSV has its header even without rows).
COLUMNS: Final = {
    "people": (
        "id",
        "name",
        "events",
        "degree",
        "degree_centrality",
        "betweenness",
        "eigenvector",
        "community",
        "communities_reached",
    ),
    "communities": ("community", "size", "members", "ids"),
    "brokers": ("id", "name", "community", "communities_reached", "reaches", "participation", "betweenness"),
    "cooperation": ("year", "locality_a", "locality_b", "agreements", "names"),
}
TABLES: Final = tuple(COLUMNS)


def co_attendance_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The person–person graph: every person who attended or chaired an event; an edge per pair who
    shared one, with `weight` = the number of events shared. Nodes keep `name`; built in id order."""
    attendees: dict[str, set[str]] = defaultdict(set)
    for person, event, data in g.edges(data=True):
        if data.get("type") in (ATTENDED, CHAIRED) and _type(g, person) == PERSON and _type(g, event) == EVENT:
            attendees[event].add(person)
    people: dict[str, set[str]] = defaultdict(set)
    for event, members in attendees.items():
        for person in members:
            people[person].add(event)
    pg: nx.Graph[str] = nx.Graph()
    for person in sorted(people):
        pg.add_node(person, name=str(g.nodes[person].get("name") or person), events=len(people[person]))
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for members in attendees.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)] += 1
    for (a, b), weight in sorted(shared.items()):
        pg.add_edge(a, b, weight=weight)
    return pg


def centrality(pg: nx.Graph) -> dict[str, tuple[int, float, float, float]]:
    """Per person: (degree, degree centrality, betweenness, eigenvector) on the co-attendance graph.

    Betweenness counts unweighted shortest paths (normalized); eigenvector centrality weighs an
    edge by its shared events, and is 0 for people with no co-attendee."""
    if pg.number_of_nodes() == 0:
        return {}
    degree_c = nx.degree_centrality(pg) if pg.number_of_nodes() > 1 else {n: 0.0 for n in pg}
    between = nx.betweenness_centrality(pg, normalized=True)
    eigen = _eigenvector(pg)
    return {n: (pg.degree(n), degree_c[n], between[n], eigen[n]) for n in pg}


def _eigenvector(pg: nx.Graph) -> dict[str, float]:
    eigen = {n: 0.0 for n in pg}
    if pg.number_of_edges() == 0:
        return eigen
    linked = pg.subgraph([n for n in pg if pg.degree(n) > 0])
    try:
        eigen.update(nx.eigenvector_centrality(linked, weight="weight", max_iter=1000, tol=1e-9))
    except nx.PowerIterationFailedConvergence:  # cannot happen on A + I, but say so if it does
        log.warning("eigenvector centrality did not converge; reported as 0")
    return eigen


def communities(pg: nx.Graph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities (weighted by shared events), largest first, each ordered by degree then id;
    isolated people are communities of one. The same graph and seed always give the same result."""
    if pg.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(pg, weight="weight", resolution=resolution, seed=seed)
    ordered = [sorted(c, key=lambda n: (-pg.degree(n), n)) for c in found]
    return sorted(ordered, key=lambda members: (-len(members), members[0]))


def brokers(pg: nx.Graph, groups: list[list[str]], betweenness: Mapping[str, float] | None = None) -> list[Broker]:
    """People with co-attendees in other communities, most communities reached first, then by
    betweenness and participation coefficient."""
    index = {n: i for i, members in enumerate(groups) for n in members}
    between = betweenness if betweenness is not None else nx.betweenness_centrality(pg, normalized=True)
    out: list[Broker] = []
    for n in pg:
        links: dict[int, int] = defaultdict(int)
        for m in pg[n]:
            links[index[m]] += 1
        others = tuple(sorted(c for c in links if c != index[n]))
        if not others:
            continue
        degree = sum(links.values())
        participation = 1.0 - sum((k / degree) ** 2 for k in links.values())
        out.append(
            Broker(
                n, str(pg.nodes[n].get("name") or n), index[n], len(others), participation, between.get(n, 0.0), others
            )
        )
    return sorted(out, key=lambda b: (-b.communities_reached, -b.betweenness, -b.participation, b.name, b.id))


def cooperation_matrix(g: nx.MultiDiGraph, *, level: str = "") -> list[CooperationCell]:
    """Agreements between localities, one cell per (year, locality pair); most agreements first.

    A party's locality is the Place itself, or for an Organization the place whose full name
    begins its name (临溪区人民政府 → 临溪区). With `level` (city, county …) a place stands for the unit of
    that level it lies in (its `chain`), or the nearest unit above if it has none of that level; parties
    with no locality, and pairs inside one locality, drop out (as in cypher/cooperation_network.cypher)."""
    if level and level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    places = _place_index(g)
    pairs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    dropped: set[str] = set()
    for year, a, b, name in _agreement_pairs(g):
        la, lb = _locality(g, a, places, level), _locality(g, b, places, level)
        for party, loc in ((a, la), (b, lb)):
            if loc is None:
                dropped.add(str(g.nodes[party].get("name") or party))
        if la is None or lb is None or la == lb:
            continue
        x, y = sorted((la, lb))
        pairs[(year, x, y)].add(name)
    if dropped:
        log.info("cooperation: %d parties have no locality: %s", len(dropped), "、".join(sorted(dropped)[:20]))
    cells = [CooperationCell(year, a, b, len(names), tuple(sorted(names))) for (year, a, b), names in pairs.items()]
    return sorted(cells, key=lambda c: (c.year, -c.agreements, c.locality_a, c.locality_b))


def _agreement_pairs(g: nx.MultiDiGraph) -> Iterable[tuple[str, str, str, str]]:
    """(year, party, party, agreement name) from SIGNED_AGREEMENT edges and from the parties of each
    Agreement node (PARTY_TO), in a fixed order."""
    parties: dict[str, list[tuple[str, str]]] = defaultdict(list)  # agreement node → (party, date)
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("date")))):
        kind, date = data.get("type"), str(data.get("date") or "")
        if kind == SIGNED_AGREEMENT and u != v:
            yield date[:4], u, v, str(data.get("agreement") or "")
        elif kind == PARTY_TO and _type(g, v) == AGREEMENT:
            parties[v].append((u, date))
    for agreement, members in sorted(parties.items()):
        name = str(g.nodes[agreement].get("name") or agreement)
        for i, (a, date_a) in enumerate(members):
            for b, date_b in members[i + 1 :]:
                if a != b:
                    yield (date_a or date_b)[:4], a, b, name


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    level: str
    chain: tuple[tuple[str, str], ...]  # (name, level) from the parent up


def _place_index(g: nx.MultiDiGraph) -> dict[str, _Place]:
    """Every place the graph knows by name: Place nodes and the units of their chains."""
    index: dict[str, _Place] = {}
    for _, data in sorted(g.nodes(data=True), key=lambda item: item[0]):
        if data.get("type") != PLACE:
            continue
        names, levels = list(data.get("chain") or []), list(data.get("chain_levels") or [])
        chain = tuple(zip(names, levels + [""] * (len(names) - len(levels)), strict=True))
        index.setdefault(str(data.get("name")), _Place(str(data.get("name")), str(data.get("level") or ""), chain))
        for i, (unit, unit_level) in enumerate(chain):
            index.setdefault(unit, _Place(unit, unit_level, chain[i + 1 :]))
    return index


def _locality(g: nx.MultiDiGraph, node: str, places: Mapping[str, _Place], level: str) -> str | None:
    data = g.nodes[node]
    name = str(data.get("name") or node)
    if data.get("type") == PLACE:
        place = places.get(name)
    elif data.get("type") == ORGANIZATION:
        prefixes = [p for p in places if name.startswith(p) and len(p) < len(name)]
        place = places[max(prefixes, key=len)] if prefixes else None
    else:
        place = None
    if place is None:
        return None
    if not level:
        return place.name
    upto = LEVELS[: LEVELS.index(level) + 1]
    for unit, unit_level in ((place.name, place.level), *place.chain):
        if unit_level in upto:
            return unit
    return None


def analyze(g: nx.MultiDiGraph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0, level: str = "") -> Analysis:
    """All of it at once: centrality, communities, brokers and the cooperation matrix of graph `g`
    (kg.graph.to_networkx, or a graph read from Neo4j)."""
    pg = co_attendance_graph(g)
    scores = centrality(pg)
    groups = communities(pg, seed=seed, resolution=resolution)
    between = {n: s[2] for n, s in scores.items()}
    found = brokers(pg, groups, between)
    reached = {b.id: b.communities_reached for b in found}
    index = {n: i for i, members in enumerate(groups) for n in members}
    people = [
        PersonScore(n, pg.nodes[n]["name"], pg.nodes[n]["events"], *scores[n], index[n], reached.get(n, 0)) for n in pg
    ]
    people.sort(key=lambda p: (-p.degree, -p.betweenness, p.name, p.id))
    names = {n: str(pg.nodes[n]["name"]) for n in pg}
    return Analysis(
        people=tuple(people),
        communities=tuple(Community(i, tuple(m), tuple(names[n] for n in m)) for i, m in enumerate(groups)),
        brokers=tuple(found),
        cooperation=tuple(cooperation_matrix(g, level=level)),
        seed=seed,
        level=level,
    )


def annotate(g: nx.MultiDiGraph, result: Analysis) -> nx.MultiDiGraph:
    """A copy of `g` whose people carry the analysis as node attributes (for GraphML and Gephi):
    degree, degree_centrality, betweenness, eigenvector, community, communities_reached."""
    out = g.copy()
    for p in result.people:
        if p.id in out:
            out.nodes[p.id].update(node_properties(p))
    return out


def node_properties(p: PersonScore) -> dict[str, Any]:
    """The properties `--write` stores on a person (in Neo4j and GraphML)."""
    return {
        "degree": p.degree,
        "degree_centrality": p.degree_centrality,
        "betweenness": p.betweenness,
        "eigenvector": p.eigenvector,
        "community": p.community,
        "communities_reached": p.communities_reached,
    }


def _type(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("type") or "")


__all__ = [
    "COLUMNS",
    "Analysis",
    "Broker",
    "Community",
    "CooperationCell",
    "LEVELS",
    "PersonScore",
    "TABLES",
    "analyze",
    "annotate",
    "brokers",
    "centrality",
    "co_attendance_graph",
    "communities",
    "cooperation_matrix",
    "node_properties",
]
