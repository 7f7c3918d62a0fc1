"""`timeline`: a person's or a place's events in order of their days, on the real Neo4j server,
from articles we invented read by the real pipeline and from hand-built facts."""

from __future__ import annotations

import neo4j
import pytest

from cypher import load_query
from extract.extractor import extract
from kg.model import Article, Entity, Evidence, Facts, Relation
from loaders.neo4j_connection import run_read
from loaders.neo4j_writer import Neo4jWriter

# Two days of our own invented paper: the later article is loaded first.
_DAY_ONE = (
    "本报讯 5月24日至25日，青川—临溪山海协作联席会议在临溪区召开，市委书记林海峰主持会议。会议强调，要深化两地合作。"
)
_DAY_TWO = "本报讯 昨日上午，市委书记林海峰来到石门镇，调研特色产业发展情况。"


def _timeline(driver: neo4j.Driver, name: str) -> list[dict]:
    query = load_query("timeline")
    return run_read(driver, None, query.text, query.bind({"name": name}))


def _county(article_id: str) -> Facts:
    """A hand-built article: a township inside a county (PART_OF) signs an agreement on 6月3日; the
    county's secretary goes by an alias."""
    signing, talk = "6月3日，河口乡与西山乡签订结对协议。", "此前，周岚主持召开结对工作座谈会。"
    text = signing + talk
    ev = Evidence(article_id, signing, 0, len(signing))
    ev_talk = Evidence(article_id, talk, len(signing), len(text))
    entities = (
        Entity("pl-hekou", "Place", "河口乡", properties={"chain_ids": ["pl-lanxian"], "chain": ["岚县"]}),
        Entity("pl-xishan", "Place", "西山乡"),
        Entity("p-zhou", "Person", "周岚", aliases=("周书记",)),
        Entity(
            "e-talk",
            "Event",
            "结对工作座谈会",
            properties={"date": "2024-06-01", "start": "2024-06-01", "end": "2024-06-02"},
        ),
    )
    relations = (
        Relation(
            "SIGNED_AGREEMENT", "pl-hekou", "pl-xishan", ev, properties={"agreement": "结对协议", "date": "2024-06-03"}
        ),
        Relation("CHAIRED", "p-zhou", "e-talk", ev_talk),
    )
    return Facts(Article(article_id, "t", text, "hand.txt", "2024-06-04"), entities, relations)


@pytest.fixture(scope="module")
def dated_graph(neo4j_driver: neo4j.Driver) -> neo4j.Driver:
    with neo4j_driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    day_two = extract(Article("tl-2", "t2", _DAY_TWO, "p2.txt", "2024-05-28"))
    day_one = extract(Article("tl-1", "t1", _DAY_ONE, "p1.txt", "2024-05-26"))
    Neo4jWriter(neo4j_driver).write([day_two, day_one, _county("tl-3")])
    return neo4j_driver


@pytest.mark.neo4j
def test_a_persons_events_in_order_with_their_days(dated_graph: neo4j.Driver) -> None:
    rows = _timeline(dated_graph, "林海峰")
    assert rows, "no timeline"
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    meeting = next(r for r in rows if r["kind"] == "Event")
    assert (meeting["what"], meeting["start"], meeting["end"]) == ("CHAIRED", "2024-05-24", "2024-05-25")
    assert "联席会议" in meeting["target"] and meeting["articles"] == ["tl-1"]
    visit = next(r for r in rows if r["what"] == "VISITED")
    assert (visit["target"], visit["start"], visit["end"]) == ("石门镇", "2024-05-27", "2024-05-27")  # 昨日 of 5-28
    assert rows.index(meeting) < rows.index(visit)


@pytest.mark.neo4j
def test_an_alias_finds_the_person(dated_graph: neo4j.Driver) -> None:
    rows = _timeline(dated_graph, "周书记")
    assert [(r["what"], r["target"], r["start"], r["end"]) for r in rows] == [
        ("CHAIRED", "结对工作座谈会", "2024-06-01", "2024-06-02")
    ]


@pytest.mark.neo4j
def test_a_places_timeline_holds_the_places_inside_it(dated_graph: neo4j.Driver) -> None:
    county = _timeline(dated_graph, "岚县")  # only its township signed
    assert [(r["what"], r["target"], r["at"], r["start"]) for r in county] == [
        ("SIGNED_AGREEMENT", "西山乡", "河口乡", "2024-06-03")
    ]
    town = _timeline(dated_graph, "石门镇")
    assert [(r["what"], r["target"], r["start"]) for r in town] == [("VISITED", "林海峰", "2024-05-27")]
    held = _timeline(dated_graph, "临溪区")  # the meeting's sentence names the district
    assert any(r["what"] == "HELD" and "联席会议" in r["target"] and r["start"] == "2024-05-24" for r in held), held


@pytest.mark.neo4j
def test_an_unknown_name_has_no_timeline(dated_graph: neo4j.Driver) -> None:
    assert _timeline(dated_graph, "无此人") == []


def test_the_query_needs_a_name() -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="needs the parameter name"):
        load_query("timeline").bind({})


@pytest.mark.neo4j
def test_kg_query_timeline_from_the_command_line(dated_graph: neo4j.Driver, neo4j_server_settings) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.test_neo4j_cli import kg

    env = {"NEO4J_URI": neo4j_server_settings.uri, "NEO4J_PASSWORD": neo4j_server_settings.password or ""}
    result = kg("query", "timeline", "-p", "name=林海峰", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows) and rows[0]["end"] == "2024-05-25"
