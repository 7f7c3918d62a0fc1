"""kg.schema is the one place types live: a type added there flows to validation, gold files,
scoring and the map legend, and the model refuses relations whose ends have the wrong types."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import FactError, InputError
from kg.gold import load_gold_file
from kg.model import Article, Entity, Evidence, Facts, Relation
from kg.schema import DEFAULT, EVENT, ORGANIZATION, PERSON, PLACE, RelationType, active, using
from viz.payload import build_payload, relation_label

TEXT = "周远山在清河县主持召开会议。"
INSPECTED = RelationType("INSPECTED", frozenset({PERSON}), frozenset({PLACE}), "督查", "#123456", scored=True)


def _facts(rel_type: str, head: Entity, tail: Entity) -> Facts:
    article = Article("a1", "t", TEXT, "x.txt")
    ev = Evidence("a1", TEXT, 0, len(TEXT))
    return Facts(article, (head, tail), (Relation(rel_type, head.id, tail.id, ev),))


PERSON_E = Entity("p", PERSON, "周远山")
PLACE_E = Entity("c", PLACE, "清河县")
EVENT_E = Entity("e", EVENT, "会议")


def test_the_model_rejects_wrong_head_and_tail_types() -> None:
    assert _facts("CHAIRED", PERSON_E, EVENT_E).pairs("CHAIRED") == {("周远山", "会议")}
    with pytest.raises(FactError, match="CHAIRED tail is a Place, expected Event"):
        _facts("CHAIRED", PERSON_E, PLACE_E)
    with pytest.raises(FactError, match="ATTENDED head is a Event, expected Person"):
        _facts("ATTENDED", EVENT_E, EVENT_E.__class__("e2", EVENT, "大会"))
    with pytest.raises(FactError, match="unknown relation type 'MENTIONS'"):  # the loader's own
        _facts("MENTIONS", PERSON_E, EVENT_E)


def test_every_relation_names_known_entity_types() -> None:
    with pytest.raises(FactError, match="unknown entity types"):
        DEFAULT.with_relation(RelationType("X", frozenset({"Robot"}), frozenset({PLACE}), "x", "#000"))


def test_a_relation_type_added_in_a_local_schema_flows_to_validation() -> None:
    with pytest.raises(FactError, match="unknown relation type 'INSPECTED'"):
        _facts("INSPECTED", PERSON_E, PLACE_E)
    with using(DEFAULT.with_relation(INSPECTED)):
        assert _facts("INSPECTED", PERSON_E, PLACE_E).pairs("INSPECTED") == {("周远山", "清河县")}
        with pytest.raises(FactError, match="INSPECTED tail is a Event, expected Place"):
            _facts("INSPECTED", PERSON_E, EVENT_E)
    assert active() is DEFAULT


def test_a_relation_type_added_in_a_local_schema_flows_to_the_map_legend() -> None:
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    g.add_node("p", type=PERSON, name="周远山")
    g.add_node("c", type=PLACE, name="清河县")
    g.add_edge("p", "c", key="1", type="INSPECTED")
    g.add_edge("p", "c", key="2", type="VISITED")
    schema = DEFAULT.with_relation(INSPECTED)
    legend = build_payload(g, title="t", schema=schema)["relationTypes"]
    assert legend[-1] == {"type": "INSPECTED", "label": "督查", "colour": "#123456"}
    assert legend[0]["type"] == "VISITED"  # the schema's order: the new type comes last
    with using(schema):
        assert relation_label("INSPECTED") == "督查"
        assert build_payload(g, title="t")["relationTypes"] == legend
    unknown = build_payload(g, title="t")["relationTypes"][-1]  # the default schema: drawn as "other"
    assert unknown == {"type": "INSPECTED", "label": "INSPECTED", "colour": DEFAULT.other_relation_colour}


def _gold(tmp_path: Path, relations: list[dict[str, str]]) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "a.gold.json"
    path.write_text(
        json.dumps(
            {
                "text": "a.txt",
                "persons": ["周远山"],
                "organizations": [],
                "places": ["清河县"],
                "events": ["会议"],
                "relations": relations,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def test_gold_files_take_relation_types_and_shapes_from_the_schema(tmp_path: Path) -> None:
    path = _gold(tmp_path, [{"type": "INSPECTED", "head": "周远山", "tail": "清河县"}])
    with pytest.raises(InputError, match=re.escape("relation type 'INSPECTED' is not one of")):
        load_gold_file(path, tmp_path)
    gold = load_gold_file(path, tmp_path, DEFAULT.with_relation(INSPECTED))
    assert [(r.type, r.head, r.tail) for r in gold.relations] == [("INSPECTED", "周远山", "清河县")]
    wrong = _gold(tmp_path, [{"type": "INSPECTED", "head": "周远山", "tail": "会议"}])
    with pytest.raises(InputError, match="INSPECTED tail '会议' is a Event, expected Place"):
        load_gold_file(wrong, tmp_path, DEFAULT.with_relation(INSPECTED))


def test_a_scored_relation_type_added_in_a_local_schema_is_a_row_of_kg_eval(tmp_path: Path) -> None:
    from kg.evaluate import evaluate, rows

    schema = DEFAULT.with_relation(INSPECTED)
    with using(schema):
        gold = load_gold_file(_gold(tmp_path, [{"type": "INSPECTED", "head": "周远山", "tail": "清河县"}]), tmp_path)
        report = evaluate([gold], extract=lambda g: [_facts("INSPECTED", PERSON_E, PLACE_E)])
        assert "INSPECTED" in rows()
    score = report.totals["INSPECTED"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    assert "INSPECTED" not in rows()


def test_the_default_schema_keeps_the_documented_contract() -> None:
    # DESIGN.md's fact contract: these names stay.
    assert {"Person", "Organization", "Place", "Event", "Agreement"} <= DEFAULT.entity_types
    assert {
        "ATTENDED",
        "CHAIRED",
        "SIGNED_AGREEMENT",
        "VISITED",
        "HOLDS_POSITION",
        "AUTHORED",
    } <= DEFAULT.relation_types
    assert DEFAULT.gold_keys() == {"persons": PERSON, "organizations": ORGANIZATION, "places": PLACE, "events": EVENT}
