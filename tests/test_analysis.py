"""kg.analysis and `kg analyze`: measures checked on graphs whose answers are known by construction,
and on the real facts of examples/ against counts computed here from the facts themselves."""

from __future__ import annotations

import csv
import io
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from kg.analysis import (
    COLUMNS,
    analyze,
    annotate,
    brokers,
    centrality,
    co_attendance_graph,
    communities,
    cooperation_matrix,
)
from kg.cli import app
from kg.graph import to_networkx
from kg.jsonl import write_jsonl
from kg.model import Article, Entity, Evidence, Facts, Relation
from loaders.neo4j_connection import Neo4jSettings
from loaders.neo4j_writer import Neo4jWriter
from tests.test_neo4j_cli import kg


def _article(article_id: str, date: str, sentences: list[str]) -> tuple[Article, dict[str, Evidence]]:
    text = "".join(sentences)
    spans: dict[str, Evidence] = {}
    pos = 0
    for s in sentences:
        spans[s] = Evidence(article_id, s, pos, pos + len(s))
        pos += len(s)
    return Article(article_id, f"标题{article_id}", text, f"{article_id}.txt", date), spans


def meetings(article_id: str, date: str, events: dict[str, list[str]]) -> Facts:
    """An invented article: each event and the people who attended it (the first one chairs)."""
    sentences = {name: f"{'、'.join(people)}出席{name}。" for name, people in events.items()}
    article, ev = _article(article_id, date, list(sentences.values()))
    entities: dict[str, Entity] = {}
    relations = []
    for name, people in events.items():
        entities[f"e-{name}"] = Entity(f"e-{name}", "Event", name)
        for i, person in enumerate(people):
            entities.setdefault(f"p-{person}", Entity(f"p-{person}", "Person", person))
            relations.append(
                Relation("CHAIRED" if i == 0 else "ATTENDED", f"p-{person}", f"e-{name}", ev[sentences[name]])
            )
    return Facts(article, tuple(entities.values()), tuple(relations))


def _person(name: str) -> str:
    return f"p-{name}"


# -- centrality on graphs with known answers -------------------------------------------------------


def test_path_graph_centrality_is_known() -> None:
    """甲–乙–丙 (two meetings sharing 乙): 乙 lies on the only path between 甲 and 丙 (betweenness 1),
    甲 and 丙 on none; 乙 has the largest eigenvector centrality, 甲 and 丙 equal ones."""
    g = to_networkx([meetings("a", "2024-01-02", {"会一": ["甲", "乙"], "会二": ["乙", "丙"]})])
    pg = co_attendance_graph(g)
    assert {frozenset(e) for e in pg.edges()} == {
        frozenset({_person("甲"), _person("乙")}),
        frozenset({_person("乙"), _person("丙")}),
    }
    scores = centrality(pg)
    degree, degree_c, between, eigen = scores[_person("乙")]
    assert (degree, degree_c, between) == (2, 1.0, 1.0)
    assert scores[_person("甲")][:3] == (1, 0.5, 0.0) == scores[_person("丙")][:3]
    assert eigen > scores[_person("甲")][3] == pytest.approx(scores[_person("丙")][3])
    # The principal eigenvector of a 3-path is (1, √2, 1) / 2.
    assert eigen == pytest.approx(2**0.5 / 2, abs=1e-6)


def test_shared_events_are_the_edge_weight() -> None:
    g = to_networkx(
        [
            meetings("a", "2024-01-02", {"会一": ["甲", "乙", "丙"], "会二": ["甲", "乙"]}),
            meetings("b", "2024-02-03", {"会三": ["乙", "甲"]}),
        ]
    )
    pg = co_attendance_graph(g)
    assert pg[_person("甲")][_person("乙")]["weight"] == 3
    assert pg[_person("甲")][_person("丙")]["weight"] == 1
    assert pg.nodes[_person("甲")]["events"] == 3


CLIQUES = {
    "东": ["东一", "东二", "东三", "东四"],
    "西": ["西一", "西二", "西三", "西四"],
    "南": ["南一", "南二", "南三", "南四"],
}


def broker_facts() -> list[Facts]:
    """Three groups that each meet twice among themselves, and 桥 who meets one member of each group."""
    out = []
    for side, people in CLIQUES.items():
        out.append(meetings(f"{side}1", "2024-03-01", {f"{side}会": people}))
        out.append(meetings(f"{side}2", "2024-03-08", {f"{side}例会": people[::-1]}))
    out.append(meetings("桥", "2024-04-01", {f"{side}对接会": ["桥", people[0]] for side, people in CLIQUES.items()}))
    return out


def test_the_known_broker_is_found_and_the_groups_are_the_communities() -> None:
    result = analyze(to_networkx(broker_facts()))
    groups = [set(c.names) for c in result.communities]
    for people in CLIQUES.values():  # each group lies inside one community, and no two share one
        assert sum(set(people) <= g for g in groups) == 1
    assert len({next(i for i, g in enumerate(groups) if set(p) <= g) for p in CLIQUES.values()}) == 3
    top = result.brokers[0]
    assert top.name == "桥" and top.communities_reached == 2
    assert max(result.people, key=lambda p: p.betweenness).name == "桥"
    # Members without a link outside their group are no brokers.
    assert {b.name for b in result.brokers} <= {"桥", "东一", "西一", "南一"}


def test_brokers_participation_coefficient() -> None:
    """A person with links 2 : 1 : 1 into three communities has 1 - (1/4 + 1/16 + 1/16) = 0.625."""
    pg: nx.Graph[str] = nx.Graph()
    pg.add_edges_from([("x", "a1"), ("x", "a2"), ("x", "b1"), ("x", "c1"), ("a1", "a2")])
    groups = [["x", "a1", "a2"], ["b1"], ["c1"]]
    found = {b.id: b for b in brokers(pg, groups)}
    assert found["x"].participation == pytest.approx(0.625)
    assert found["x"].reaches == (1, 2)
    assert "a1" not in found and found["b1"].communities_reached == 1


def test_communities_are_deterministic_and_order_free() -> None:
    items = broker_facts()
    first = analyze(to_networkx(items))
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    again = analyze(to_networkx(shuffled))
    assert first == analyze(to_networkx(items))
    assert [set(c.members) for c in again.communities] == [set(c.members) for c in first.communities]
    assert communities(co_attendance_graph(to_networkx(items)), seed=3) == communities(
        co_attendance_graph(to_networkx(items)), seed=3
    )


def test_analysis_does_not_mutate_its_input() -> None:
    g = to_networkx(broker_facts())
    before = (list(g.nodes(data=True)), list(g.edges(keys=True, data=True)))
    result = analyze(g)
    annotated = annotate(g, result)
    assert (list(g.nodes(data=True)), list(g.edges(keys=True, data=True))) == before
    bridge = annotated.nodes[_person("桥")]
    assert bridge["communities_reached"] == 2 and "community" not in g.nodes[_person("桥")]


def test_an_empty_graph_gives_empty_tables() -> None:
    result = analyze(nx.MultiDiGraph())
    assert all(result.rows(t) == [] for t in COLUMNS)


# -- cooperation matrix ----------------------------------------------------------------------------


def _place(pid: str, name: str, level: str, chain: list[tuple[str, str]]) -> Entity:
    return Entity(
        pid,
        "Place",
        name,
        properties={
            "level": level,
            "chain": [c[0] for c in chain],
            "chain_ids": [f"Place:{c[0]}" for c in chain],
            "chain_levels": [c[1] for c in chain],
        },
    )


def signings(article_id: str, date: str, pairs: list[tuple[Entity, Entity, str]]) -> Facts:
    sentences = [f"{a.name}与{b.name}签订{name}。" for a, b, name in pairs]
    article, ev = _article(article_id, date, sentences)
    entities: dict[str, Entity] = {}
    relations = []
    for (a, b, name), s in zip(pairs, sentences, strict=True):
        entities[a.id], entities[b.id] = a, b
        ag = Entity(f"ag-{article_id}-{name}-{a.id}", "Agreement", name)
        entities[ag.id] = ag
        relations += [
            Relation("SIGNED_AGREEMENT", a.id, b.id, ev[s], properties={"agreement": name}),
            Relation("PARTY_TO", a.id, ag.id, ev[s]),
            Relation("PARTY_TO", b.id, ag.id, ev[s]),
        ]
    return Facts(article, tuple(entities.values()), tuple(relations))


JIA_TOWN = _place("pl-甲镇", "甲镇", "township", [("甲县", "county"), ("甲市", "city")])
JIA_TOWN2 = _place("pl-丙乡", "丙乡", "township", [("甲县", "county"), ("甲市", "city")])
YI_TOWN = _place("pl-乙镇", "乙镇", "township", [("乙县", "county"), ("乙市", "city")])
YI_COUNTY = _place("pl-乙县", "乙县", "county", [("乙市", "city")])
JIA_GOV = Entity("o-甲县政府", "Organization", "甲县人民政府")
UNPLACED = Entity("o-大学", "Organization", "某某大学")


def cooperation_facts() -> list[Facts]:
    return [
        signings("c1", "2023-05-01", [(JIA_TOWN, YI_TOWN, "结对协议"), (JIA_TOWN2, YI_TOWN, "结对协议")]),
        signings(
            "c2",
            "2024-02-01",
            [(JIA_TOWN, YI_TOWN, "产业协议"), (JIA_GOV, YI_COUNTY, "山海协作协议"), (UNPLACED, YI_COUNTY, "人才协议")],
        ),
        signings("c3", "2024-06-01", [(JIA_TOWN, YI_TOWN, "产业协议")]),  # the same agreement reported again
    ]


def _cells(g: nx.MultiDiGraph, level: str = "") -> set[tuple[str, str, str, int]]:
    return {(c.year, c.locality_a, c.locality_b, c.agreements) for c in cooperation_matrix(g, level=level)}


def test_cooperation_matrix_by_year() -> None:
    g = to_networkx(cooperation_facts())
    assert _cells(g) == {
        ("2023", "乙镇", "甲镇", 1),
        ("2023", "丙乡", "乙镇", 1),
        ("2024", "乙镇", "甲镇", 1),
        ("2024", "乙县", "甲县", 1),
    }  # 甲县人民政府 is in 甲县; 某某大学 has no locality


def test_cooperation_matrix_rolls_up_to_a_level() -> None:
    g = to_networkx(cooperation_facts())
    assert _cells(g, "county") == {("2023", "乙县", "甲县", 1), ("2024", "乙县", "甲县", 2)}
    cells = {(c.year, c.locality_a, c.locality_b): c for c in cooperation_matrix(g, level="city")}
    assert cells[("2023", "乙市", "甲市")].names == ("结对协议",)
    assert cells[("2024", "乙市", "甲市")].names == ("产业协议", "山海协作协议")
    with pytest.raises(ValueError):
        cooperation_matrix(g, level="galaxy")


# -- the real facts of examples/ -------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_facts(examples_dir: Path) -> list[Facts]:
    from kg.pipeline import extract_paths

    return extract_paths([str(p) for p in sorted(examples_dir.glob("*.txt"))]).facts


@pytest.mark.hanlp
def test_examples_degree_and_cooperation_match_the_facts(example_facts: list[Facts]) -> None:
    """Degree = distinct people sharing an event, and every signed pair of places, counted from the facts."""
    events_of: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    signed: set[tuple[str, str]] = set()
    for f in example_facts:
        kinds = {e.id: e.type for e in f.entities}
        names.update({e.id: e.name for e in f.entities})
        for r in f.relations:
            if r.type in ("ATTENDED", "CHAIRED") and kinds[r.head] == "Person" and kinds[r.tail] == "Event":
                events_of[r.head].add(r.tail)
            if r.type == "SIGNED_AGREEMENT" and kinds[r.head] == kinds[r.tail] == "Place":
                signed.add(tuple(sorted((names[r.head], names[r.tail]))))  # type: ignore[arg-type]
    assert events_of and signed
    result = analyze(to_networkx(example_facts))
    by_id = {p.id: p for p in result.people}
    assert set(by_id) == set(events_of)
    for person, events in events_of.items():
        others = {q for q, theirs in events_of.items() if q != person and theirs & events}
        assert by_id[person].degree == len(others), names[person]
        assert by_id[person].events == len(events)
    assert signed <= {(c.locality_a, c.locality_b) for c in result.cooperation}
    assert sorted(m for c in result.communities for m in c.members) == sorted(events_of)


# -- the command -----------------------------------------------------------------------------------


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["analyze", *args], env={"COLUMNS": "200"})


def test_analyze_help_names_every_option() -> None:
    result = _invoke("--help")
    assert result.exit_code == 0
    for option in ("--neo4j", "--format", "--table", "--seed", "--level", "--write", "--graphml", "--top"):
        assert option in result.output
    cmd = typer.main.get_command(app).commands["analyze"]  # type: ignore[attr-defined]
    assert cmd.help and all(getattr(p, "help", None) for p in cmd.params)


def test_analyze_formats_and_graphml(tmp_path: Path) -> None:
    write_jsonl(broker_facts() + cooperation_facts(), tmp_path / "facts.jsonl")
    result = _invoke(str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == set(COLUMNS) and data["brokers"][0]["name"] == "桥"
    assert {tuple(r) for r in data["people"]} == {COLUMNS["people"]}

    result = _invoke(str(tmp_path / "facts.jsonl"), "--format", "csv", "--table", "cooperation", "--level", "city")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert tuple(rows[0]) == COLUMNS["cooperation"]
    assert {(r["year"], r["locality_a"], r["locality_b"], r["agreements"]) for r in rows} == {
        ("2023", "乙市", "甲市", "1"),
        ("2024", "乙市", "甲市", "2"),
    }

    result = _invoke(str(tmp_path), "--table", "people", "--top", "3")
    assert result.exit_code == 0 and "3 of 13 rows" in result.output
    # Highest degree first: the three members 桥 met (4 co-attendees each); 桥 itself has 3.
    assert all(name in result.output for name in ("东一", "西一", "南一")) and "桥" not in result.output

    out = tmp_path / "analysed.graphml"
    result = _invoke(str(tmp_path), "--write", "--graphml", str(out), "--format", "json", "--table", "people")
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    people = {p["id"]: p for p in json.loads(result.stdout)}
    for pid, p in people.items():
        assert g.nodes[pid]["degree"] == p["degree"] and g.nodes[pid]["community"] == p["community"]
        assert g.nodes[pid]["betweenness"] == pytest.approx(p["betweenness"], abs=1e-6)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give exactly one source"),
        (["{build}", "--neo4j"], "give exactly one source"),
        (["{build}", "--format", "csv"], "--format csv prints one table"),
        (["{build}", "--graphml", "x.graphml"], "--graphml only goes with --write"),
        (["nowhere/"], "no such facts file"),
    ],
)
def test_analyze_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    write_jsonl(broker_facts(), tmp_path / "facts.jsonl")
    result = kg("analyze", *[a.replace("{build}", str(tmp_path)) for a in args])
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -- Neo4j -----------------------------------------------------------------------------------------


@pytest.mark.neo4j
def test_analyze_neo4j_matches_the_facts_and_writes_properties(
    empty_graph: neo4j.Driver, neo4j_server_settings: Neo4jSettings, tmp_path: Path
) -> None:
    """The graph read from Neo4j gives the same tables as the facts it was loaded from; --write
    stores each person's measures on their node (and clears those of people no longer analysed)."""
    items = broker_facts() + cooperation_facts()
    Neo4jWriter(empty_graph).write(items)
    expected = {t: analyze(to_networkx(items), level="city").rows(t) for t in COLUMNS}
    s = neo4j_server_settings
    env = {"NEO4J_PASSWORD": s.password or ""}
    result = kg("analyze", "--neo4j", "--uri", s.uri, "--format", "json", "--level", "city", "--write", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
    assert "wrote the measures of 13 people" in result.stderr

    stored = {
        r["id"]: r
        for r in empty_graph.execute_query(
            "MATCH (p:Person) RETURN p.id AS id, p.degree AS degree, p.community AS community, "
            "p.betweenness AS betweenness, p.communities_reached AS reached"
        ).records
    }
    assert set(stored) == {p["id"] for p in expected["people"]}
    for p in expected["people"]:
        row = stored[p["id"]]
        assert (row["degree"], row["community"], row["reached"]) == (
            p["degree"],
            p["community"],
            p["communities_reached"],
        )
        assert row["betweenness"] == pytest.approx(p["betweenness"], abs=1e-6)

    # 桥 stops attending: a new --write leaves no stale measures on that node.
    empty_graph.execute_query("MATCH (:Person {id: $id})-[r:ATTENDED|CHAIRED]->() DELETE r", id=_person("桥"))
    result = kg("analyze", "--neo4j", "--uri", s.uri, "--format", "json", "--table", "people", "--write", env=env)
    assert result.returncode == 0, result.stderr
    left = empty_graph.execute_query(
        "MATCH (p:Person {id: $id}) RETURN p.degree AS d, p.community AS c", id=_person("桥")
    ).records[0]
    assert (left["d"], left["c"]) == (None, None)


def test_the_api_gives_dataframes() -> None:
    import kg

    result = kg.analyze(kg.to_networkx(broker_facts()))
    brokers_frame = result.frame("brokers")
    assert list(brokers_frame.columns) == list(COLUMNS["brokers"]) and brokers_frame.iloc[0]["name"] == "桥"
    assert list(kg.analyze(nx.MultiDiGraph()).frame("cooperation").columns) == list(COLUMNS["cooperation"])
    assert kg.annotate(to_networkx(broker_facts()), result).nodes[_person("桥")]["community"] == next(
        p.community for p in result.people if p.name == "桥"
    )
