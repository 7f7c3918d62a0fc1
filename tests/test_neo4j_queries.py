"""The analysts' Cypher library: loading by name, parameters, and every query on the real server."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest

from cypher import list_queries, load_query, required_parameters
from kg.errors import InputError
from kg.model import Article, Entity, Evidence, Facts, Relation
from loaders.neo4j_connection import run_read
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import tiny_facts

LIBRARY = {
    "who_met_whom",
    "meetings_of",
    "co_attendance",
    "agreements_between",
    "cooperation_network",
    "positions_of",
    "top_connected",
    "event_attendees",
    "timeline",
}


def test_library_has_every_query_with_a_description() -> None:
    queries = {q.name: q for q in list_queries()}
    assert LIBRARY <= set(queries)
    for q in queries.values():
        assert q.text.startswith("// ") and q.description, q.name
    assert queries["agreements_between"].parameters == ("a", "b")
    assert queries["who_met_whom"].parameters == ("name",)
    assert queries["co_attendance"].parameters == ()


def test_unknown_query_lists_the_available_names() -> None:
    with pytest.raises(InputError, match="unknown query 'who_met'.*who_met_whom"):
        load_query("who_met")


def test_missing_parameter_is_named() -> None:
    with pytest.raises(InputError, match="needs the parameter b"):
        load_query("agreements_between").bind({"a": "东岭镇"})


def test_parameters_in_comments_and_strings_do_not_count() -> None:
    text = "// uses $nothing\nMATCH (n) WHERE n.x = '$not' AND n.y = $yes RETURN n // $no"
    assert required_parameters(text) == ("yes",)


def _run(driver: neo4j.Driver, query_name: str, /, **params: str) -> list[dict]:
    query = load_query(query_name)
    return run_read(driver, None, query.text, query.bind(params))


@pytest.fixture(scope="module")
def tiny_graph(neo4j_driver: neo4j.Driver) -> Iterator[neo4j.Driver]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    Neo4jWriter(neo4j_driver).write([tiny_facts("a1"), tiny_facts("a2", "另一篇。")])
    yield neo4j_driver


@pytest.mark.neo4j
def test_every_query_runs_on_hand_built_facts(tiny_graph: neo4j.Driver) -> None:
    met = _run(tiny_graph, "who_met_whom", name="陈书记")  # an alias finds the person
    assert {r["person"] for r in met} == {"李华", "王芳"}
    assert {r["article_id"] for r in met} == {"a1", "a2"} and all(r["article_title"] for r in met)
    direct = _run(tiny_graph, "who_met_whom", name="王芳")
    assert {(r["person"], r["contact"], r["role"], r["event"]) for r in direct} >= {
        ("李华", "met", "MET", None),
        ("陈明", "co-attended", "CHAIRED", "东岭镇工作会议"),
    }

    assert {r["target"] for r in _run(tiny_graph, "meetings_of", name="陈明")} == {"东岭镇工作会议"}
    pairs = {(r["person_a"], r["person_b"]): r["events"] for r in _run(tiny_graph, "co_attendance")}
    assert pairs[("李华", "王芳")] == 1 and len(pairs) == 3
    assert {r["agreement"] for r in _run(tiny_graph, "agreements_between", a="西山乡", b="东岭镇")} == {"结对帮扶协议"}
    assert _run(tiny_graph, "agreements_between", a="东岭镇", b="李华") == []
    network = _run(tiny_graph, "cooperation_network")
    assert network == [{"party_a": "东岭镇", "party_b": "西山乡", "agreements": 1, "names": ["结对帮扶协议"]}]
    assert {r["position"] for r in _run(tiny_graph, "positions_of", name="陈明")} == {"镇党委书记"}
    top = _run(tiny_graph, "top_connected", limit="2")
    assert len(top) == 2 and top[0]["name"] == "东岭镇工作会议"
    attendees = {(r["person"], r["role"]) for r in _run(tiny_graph, "event_attendees", event="工作会议")}
    assert attendees == {("陈明", "CHAIRED"), ("李华", "ATTENDED"), ("王芳", "ATTENDED")}


@pytest.mark.neo4j
def test_who_met_whom_says_what_kind_of_contact(empty_graph: neo4j.Driver) -> None:
    text = "副镇长赵强陪同陈明到西山乡调研。"
    ev = Evidence("a9", text, 0, len(text))
    visit = Facts(
        Article("a9", "调研", text, "t.txt", "2024-05-03"),
        (Entity("p-chenming", "Person", "陈明"), Entity("p-zhaoqiang", "Person", "赵强")),
        (Relation("ACCOMPANIED", "p-zhaoqiang", "p-chenming", ev),),
    )
    Neo4jWriter(empty_graph).write([tiny_facts("a1"), visit])
    rows = _run(empty_graph, "who_met_whom", name="陈明")
    assert {(r["person"], r["contact"]) for r in rows} == {
        ("李华", "co-attended"),
        ("王芳", "co-attended"),
        ("赵强", "accompanied"),
    }
    assert {(r["person"], r["contact"], r["date"]) for r in _run(empty_graph, "who_met_whom", name="赵强")} == {
        ("陈明", "accompanied", "2024-05-03")
    }


@pytest.fixture(scope="module")
def seed_graph(neo4j_driver: neo4j.Driver, seed_facts: list[Facts]) -> Iterator[neo4j.Driver]:
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    Neo4jWriter(neo4j_driver).write(seed_facts)
    yield neo4j_driver


@pytest.mark.neo4j
@pytest.mark.hanlp
def test_who_met_whom_on_the_seed_page(seed_graph: neo4j.Driver) -> None:
    rows = _run(seed_graph, "who_met_whom", name="王健")
    people = {r["person"] for r in rows}
    assert "叶帮锐" in people
    assert "张壮雄" in people
    assert all(r["article_id"] and r["date"] for r in rows)
    assert all(r["event"] for r in rows if r["contact"] == "co-attended")


@pytest.mark.neo4j
@pytest.mark.hanlp
def test_agreements_between_on_the_seed_page(seed_graph: neo4j.Driver) -> None:
    rows = _run(seed_graph, "agreements_between", a="佛堂镇", b="峰源乡")
    assert rows and all("结对" in r["agreement"] for r in rows)
    assert _run(seed_graph, "agreements_between", a="佛堂镇", b="丽新畲族乡") == []


@pytest.mark.neo4j
@pytest.mark.hanlp
def test_every_query_returns_rows_on_the_seed_page(seed_graph: neo4j.Driver) -> None:
    assert _run(seed_graph, "meetings_of", name="王健")
    assert _run(seed_graph, "co_attendance")
    network = {(r["party_a"], r["party_b"]) for r in _run(seed_graph, "cooperation_network")}
    assert ("佛堂镇", "峰源乡") in network or ("峰源乡", "佛堂镇") in network
    assert any("市委书记" in r["position"] for r in _run(seed_graph, "positions_of", name="王健"))
    top = _run(seed_graph, "top_connected", limit="5")
    assert len(top) == 5 and top[0]["neighbours"] >= top[-1]["neighbours"]
    met = _run(seed_graph, "who_met_whom", name="王健")[0]
    attendees = {r["person"] for r in _run(seed_graph, "event_attendees", event=met["event"])}
    assert {"王健", met["person"]} <= attendees
