"""Person identity without HanLP: jurisdictions from titles, title-less mentions, merges files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.identity import MergePlan, MergeRow, apply_merges, read_merges, unit_of
from kg.model import Article, Entity, Facts, Relation
from kg.resolve import CorpusStats, Resolution, resolve


def _facts(article_id: str, date: str, people: list[Entity], relations: list[Relation] = ()) -> Facts:  # type: ignore[assignment]
    art = Article(id=article_id, title=article_id, text="正文。", source=f"{article_id}.txt", date=date)
    return Facts(art, tuple(people), tuple(relations))


def _ids(facts: list[Facts]) -> list[set[str]]:
    return [{e.id for e in f.entities if e.type == "Person"} for f in facts]


def test_units_of_titles() -> None:
    assert unit_of("南屿市副市长") == "南屿市"
    assert unit_of("海澄区委书记") == "海澄区"
    assert unit_of("云岫县人大常委会主任") == "云岫县"
    assert unit_of("市委书记") is None
    assert unit_of("经济开发区党工委书记") is None  # a part of a city, not a jurisdiction


def test_namesakes_in_two_cities_are_two_and_one_official_is_one() -> None:
    a = _facts("a", "2024-01-05", [Entity("Person:王建国", "Person", "王建国", titles=("副市长",))])
    b = _facts("b", "2024-01-06", [Entity("Person:王建国", "Person", "王建国", titles=("南屿市副市长",))])
    c = _facts("c", "2024-02-01", [Entity("Person:王建国", "Person", "王建国", titles=("副市长",))])
    out = resolve([a, b, c], home_city="岚溪")
    assert _ids(out) == [{"Person:王建国@岚溪市"}, {"Person:王建国@南屿市"}, {"Person:王建国@岚溪市"}]
    assert out[1].entities[0].properties["jurisdiction"] == "南屿市"


def test_a_county_office_comes_before_a_city_and_titles_gather_per_person() -> None:
    a = _facts(
        "a", "2024-01-05", [Entity("Person:许明轩", "Person", "许明轩", titles=("南屿市委常委", "海澄区委书记"))]
    )
    b = _facts("b", "2024-03-01", [Entity("Person:许明轩", "Person", "许明轩", titles=("海澄区委书记",))])
    out = resolve([a, b], home_city="青川")
    assert _ids(out) == [{"Person:许明轩@海澄区"}] * 2
    assert out[1].entities[0].titles == ("南屿市委常委", "海澄区委书记")


def test_a_title_less_mention_joins_the_one_candidate_in_the_city_else_stays_apart() -> None:
    county = Entity("Person:刘晓明", "Person", "刘晓明", titles=("云岫县委书记",))
    bare = Entity("Person:刘晓明", "Person", "刘晓明")
    one = resolve([_facts("a", "2024-01-05", [county]), _facts("b", "2024-01-06", [bare])], home_city="岚溪")
    assert _ids(one) == [{"Person:刘晓明@云岫县"}] * 2
    other = Entity("Person:刘晓明", "Person", "刘晓明", titles=("石桥镇党委书记",))
    two = resolve(
        [_facts("a", "2024-01-05", [county]), _facts("c", "2024-01-07", [other]), _facts("b", "2024-01-06", [bare])],
        home_city="岚溪",
    )
    assert _ids(two)[2] == {"Person:刘晓明"}  # two candidates: apart from both
    foreign = Entity("Person:刘晓明", "Person", "刘晓明", titles=("南屿市副市长",))
    none_here = resolve([_facts("a", "2024-01-05", [foreign]), _facts("b", "2024-01-06", [bare])], home_city="岚溪")
    assert _ids(none_here) == [{"Person:刘晓明@南屿市"}, {"Person:刘晓明@岚溪市"}]


def test_a_merges_file_joins_two_ids_and_without_the_row_they_are_apart(tmp_path: Path) -> None:
    a = _facts("a", "2024-01-05", [Entity("Person:王建国", "Person", "王建国", titles=("云岫县长",))])
    b = _facts("b", "2024-06-06", [Entity("Person:王建国", "Person", "王建国", titles=("南屿市副市长",))])
    path = tmp_path / "merges.csv"
    path.write_text("name,id_a,id_b\n王建国,Person:王建国@云岫县,南屿市\n", encoding="utf-8")
    rows = read_merges(path)
    out = resolve([a, b], home_city="岚溪", merges=rows)
    assert _ids(out) == [{"Person:王建国@云岫县"}] * 2
    joined = out[1].entities[0]
    assert joined.titles == ("云岫县长", "南屿市副市长")
    assert joined.properties["natural_id"] == "Person:王建国@南屿市"
    assert list(joined.properties["merged_from"]) == ["Person:王建国@南屿市"]
    # The facts themselves are reversible: the same facts under no merges are apart again.
    apart = [apply_merges(f, MergePlan()) for f in out]
    assert _ids(apart) == [{"Person:王建国@云岫县"}, {"Person:王建国@南屿市"}]
    assert "merged_from" not in apart[1].entities[0].properties


def test_spark_s_split_statistics_give_the_same_people() -> None:
    arts = [
        _facts("a", "2024-01-05", [Entity("Person:甲乙", "Person", "甲乙", titles=("云岫县委书记",))]),
        _facts("b", "2024-01-06", [Entity("Person:甲乙", "Person", "甲乙")]),
        _facts("c", "2024-01-07", [Entity("Person:甲乙", "Person", "甲乙", titles=("南屿市长",))]),
    ]
    whole = Resolution.of(CorpusStats.of(arts), home_city="岚溪")
    parts = Resolution.of(CorpusStats.of(arts[:1]).merge(CorpusStats.of(arts[1:])), home_city="岚溪")
    assert [whole.apply(f) for f in arts] == [parts.apply(f) for f in arts]


def test_bad_merge_rows_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "name,id_a,id_b\n甲,A县,B市\n乙,A县\n丙,Person:丁@A县,B市\n戊,A县,A县\n,,\n己,A县,\n", encoding="utf-8"
    )
    said: list[str] = []
    rows = read_merges(path, report=said.append)
    assert rows == [MergeRow("甲", "Person:甲@A县", "Person:甲@B市")]
    assert [s.split(": ")[1] for s in said] == ["row 3", "row 4", "row 5", "row 7"]
    assert all(s.startswith(f"{path}: row ") for s in said)
    with pytest.raises(InputError, match="name,id_a,id_b"):
        (tmp_path / "h.csv").write_text("a,b,c\n", encoding="utf-8")
        read_merges(tmp_path / "h.csv")
    with pytest.raises(InputError, match="cannot read"):
        read_merges(tmp_path / "none.csv")
