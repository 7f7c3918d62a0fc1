"""Places against the administrative divisions: codes, chains, short and prefixed forms, context,
PART_OF in the real Neo4j, and the two queries that use it (kg/divisions.py, cypher/)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import neo4j
import pytest

from cypher import load_query
from kg.divisions import code_places, divisions, read_place, short_form
from kg.errors import InputError
from kg.model import Article, Entity, Evidence, Facts, Relation
from kg.resolve import resolve
from loaders.neo4j_connection import run_read
from loaders.neo4j_writer import Neo4jWriter
from tests.fixtures_neo4j import graph_counts

#: The real administrative places of our test sets (the sample page and the real-structure
#: articles) with their official codes; every other administrative place there is invented.
REAL = {
    "浙江省": "330000",
    "贵州省": "520000",
    "山东省": "370000",
    "黑龙江省": "230000",
    "吉林省": "220000",
    "新疆维吾尔自治区": "650000",
    "西藏自治区": "540000",
    "重庆市": "500000",
    "广东省": "440000",
    "香港特别行政区": "810000",
    "宁夏回族自治区": "640000",
    "青海省": "630000",
    "天津市": "120000",
    "甘肃省": "620000",
    "湖南省": "430000",
    "丽水市": "331100",
    "义乌市": "330782",
    "莲都区": "331102",
    "佛堂镇": "330782100",
    "福田街道": "330782008",
    "江东街道": "330782002",
    "北苑街道": "330782004",
    "上溪镇": "330782104",
    "稠江街道": "330782003",
    "稠城街道": "330782001",
    "赤岸镇": "330782101",
    "岩泉街道": "331102002",
    "丽新畲族乡": "331102207",
    "峰源乡": "331102204",
}


def _article(
    article_id: str,
    places: Sequence[str],
    *,
    signed: tuple[str, str] | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> Facts:
    """Hand-built facts: one sentence naming the places (and, if asked, an agreement of two)."""
    text = "、".join(places) + "。"
    if signed:
        text += f"{signed[0]}与{signed[1]}签订结对协议。"
    entities = [Entity(f"Place:{p}", "Place", p, aliases=(aliases or {}).get(p, ())) for p in places]
    relations = []
    if signed:
        sentence = f"{signed[0]}与{signed[1]}签订结对协议。"
        start = text.index(sentence)
        ev = Evidence(article_id, sentence, start, start + len(sentence))
        relations.append(
            Relation(
                "SIGNED_AGREEMENT", f"Place:{signed[0]}", f"Place:{signed[1]}", ev, properties={"agreement": "结对协议"}
            )
        )
    return Facts(Article(article_id, article_id, text, "t.txt", "2024-05-01"), tuple(entities), tuple(relations))


def _place(facts: Facts, printed: str) -> Entity:
    for e in facts.entities:
        if e.type == "Place" and (e.name == printed or printed in e.aliases):
            return e
    raise AssertionError(f"no place {printed} in {[e.name for e in facts.entities]}")


def test_a_real_township_gets_its_code_and_chain_up_to_the_province() -> None:
    [out] = code_places([_article("a", ["莲都区", "峰源乡"])])
    town = _place(out, "峰源乡")
    assert town.properties["adcode"] == "331102204" and town.properties["level"] == "township"
    assert list(town.properties["chain"]) == ["莲都区", "丽水市", "浙江省"]
    assert list(town.properties["chain_adcodes"]) == ["331102", "331100", "330000"]
    assert list(town.properties["chain_levels"]) == ["county", "city", "province"]
    assert _place(out, "莲都区").properties["adcode"] == "331102"


def test_short_forms_resolve_to_the_official_unit() -> None:
    [out] = code_places([_article("a", ["丽水", "莲都", "浙江"])])
    assert (_place(out, "丽水").name, _place(out, "丽水").properties["adcode"]) == ("丽水市", "331100")
    assert _place(out, "丽水").id == "Place:丽水市" and "丽水" in _place(out, "丽水").aliases
    assert (_place(out, "莲都").name, _place(out, "莲都").properties["level"]) == ("莲都区", "county")
    assert _place(out, "浙江").properties["adcode"] == "330000"
    [one] = code_places([_article("b", ["湘", "浙"])])
    assert (_place(one, "湘").name, _place(one, "浙").name) == ("湖南省", "浙江省")
    # A one-character form of a county: the place the article (or the home city) names.
    [yi] = code_places([_article("c", ["义乌", "义"])])
    assert _place(yi, "义").name == "义乌市"
    [sheng] = code_places([_article("d", ["嵊"])], home="绍兴")
    assert _place(sheng, "嵊").properties["adcode"] == "330683"  # 嵊州市, not 舟山's 嵊泗县


def test_traditional_names_resolve_through_their_simplified_alias() -> None:
    [out] = code_places([_article("a", ["廣東省"], aliases={"廣東省": ("广东省",)})])
    assert (_place(out, "廣東省").name, _place(out, "廣東省").properties["adcode"]) == ("广东省", "440000")


def test_prefixed_forms_resolve_and_keep_the_printed_form() -> None:
    [out] = code_places([_article("a", ["莲都区峰源乡"])])
    town = _place(out, "莲都区峰源乡")
    assert (town.name, town.properties["adcode"], town.id) == ("峰源乡", "331102204", "Place:峰源乡|331102204")
    assert list(town.properties["chain"]) == ["莲都区", "丽水市", "浙江省"]
    # A site inside a real township: uncoded itself, with the township's chain.
    [site] = code_places([_article("b", ["莲都区峰源乡茶叶基地"])])
    base = _place(site, "莲都区峰源乡茶叶基地")
    assert "adcode" not in base.properties and base.properties["level"] == "site"
    assert list(base.properties["chain_adcodes"]) == ["331102204", "331102", "331100", "330000"]


def test_an_invented_parent_leaves_the_units_under_it_uncoded_with_the_printed_chain() -> None:
    [out] = code_places([_article("a", ["澜州市莲都区峰源乡", "东陵县石门镇共富工坊"])])
    town = _place(out, "澜州市莲都区峰源乡")
    assert "adcode" not in town.properties and town.properties["level"] == "township"
    assert list(town.properties["chain"]) == ["莲都区", "澜州市"]
    assert list(town.properties["chain_adcodes"]) == ["", ""]
    assert list(town.properties["chain_ids"]) == ["Place:莲都区|澜州市", "Place:澜州市"]  # not the real 莲都区
    site = _place(out, "东陵县石门镇共富工坊")
    assert list(site.properties["chain"]) == ["石门镇", "东陵县"] and site.properties["level"] == "site"
    assert read_place("临溪区柳岸街道未来社区").prefixes == ("临溪区", "柳岸街道")


def test_an_ambiguous_name_is_decided_by_the_article_and_the_home_city() -> None:
    # 北苑街道 is the name of five streets (北京, 石家庄, 义乌, 潍坊, 宜昌).
    [alone] = code_places([_article("a", ["北苑街道"])])
    assert "adcode" not in _place(alone, "北苑街道").properties
    [with_city] = code_places([_article("b", ["义乌", "北苑街道"])])
    assert _place(with_city, "北苑街道").properties["adcode"] == "330782004"
    assert _place(with_city, "北苑街道").id == "Place:北苑街道|330782004"  # the name is not unique
    [at_home] = code_places([_article("c", ["北苑街道"])], home="义乌")
    assert list(_place(at_home, "北苑街道").properties["chain"]) == ["义乌市", "金华市", "浙江省"]
    [beijing] = code_places([_article("d", ["通州区", "北苑街道"])])
    assert _place(beijing, "北苑街道").properties["adcode"] == "110112003"
    # 吉林 alone is the province; with a district of 吉林市 it is the city.
    [province] = code_places([_article("e", ["吉林"])])
    assert _place(province, "吉林").name == "吉林省"
    [city] = code_places([_article("f", ["吉林", "船营区"])])
    assert _place(city, "吉林").name == "吉林市"


def test_a_township_or_short_form_with_nothing_around_it_stays_uncoded() -> None:
    # 石门镇 is thirteen real towns and one of ours; a province alone does not say which.
    [out] = code_places([_article("a", ["贵州省", "朗溪镇", "石门镇", "松岭"])])
    assert _place(out, "贵州省").properties["adcode"] == "520000"
    for name in ("朗溪镇", "石门镇", "松岭"):
        assert "adcode" not in _place(out, name).properties, name
    assert _place(out, "朗溪镇").properties["level"] == "township"
    [provincial] = code_places([_article("b", ["新源镇"])], home="青海")  # a provincial paper: three 新源镇
    assert "adcode" not in _place(provincial, "新源镇").properties


def test_relations_follow_the_renamed_places_and_duplicates_merge() -> None:
    [out] = code_places([_article("a", ["丽水", "丽水市", "莲都区"], signed=("丽水", "莲都区"))])
    assert [e.name for e in out.entities].count("丽水市") == 1
    assert out.pairs("SIGNED_AGREEMENT") == {("丽水市", "莲都区")}


def test_short_forms_drop_units_and_ethnic_designations() -> None:
    assert [short_form(n) for n in ("新疆维吾尔自治区", "丽新畲族乡", "延边朝鲜族自治州", "城区", "莲都区")] == [
        "新疆",
        "丽新",
        "延边",
        "城区",
        "莲都",
    ]
    assert len(divisions().by_code) > 40_000  # province to township, from the installed package


def _gold_texts() -> list[Path]:
    root = Path(__file__).parent
    return sorted((root / "gold").rglob("*.txt")) + sorted((root / "heldout").rglob("*.txt"))


@pytest.mark.hanlp
def test_administrative_places_of_the_test_sets_are_coded_correctly(seed_path: Path) -> None:
    """Real units get their official code; invented ones (石门镇, 江口镇 of our towns) get none."""
    from kg.pipeline import extract_paths

    right = wrong = 0
    mistakes = []
    for group in ([str(seed_path)], *([str(p)] for p in _gold_texts())):
        for f in extract_paths(group).facts:
            for e in f.entities:
                level = e.properties.get("level")
                if e.type != "Place" or level not in ("province", "city", "county", "township"):
                    continue
                code = e.properties.get("adcode")
                if code == REAL.get(e.name):
                    right += 1
                else:
                    wrong += 1
                    mistakes.append((Path(f.article.source).name, e.name, code))
    assert right / (right + wrong) >= 0.95, mistakes
    assert len(mistakes) <= 2, mistakes


def _run(driver: neo4j.Driver, name: str, /, **params: str) -> list[dict]:
    query = load_query(name)
    return run_read(driver, None, query.text, query.bind(params))


def _two_provinces() -> list[Facts]:
    """A pairing between 义乌 and 丽水 towns, one between 丽水 and a county of 贵州 (hand-built)."""
    return code_places(
        [
            _article("d1", ["义乌市佛堂镇", "莲都区峰源乡"], signed=("义乌市佛堂镇", "莲都区峰源乡")),
            _article("d2", ["丽水市", "印江土家族苗族自治县"], signed=("丽水市", "印江土家族苗族自治县")),
            _article("d3", ["澜州市莲都区峰源乡", "东陵县"], signed=("澜州市莲都区峰源乡", "东陵县")),
        ]
    )


@pytest.mark.neo4j
def test_part_of_reaches_the_province_in_neo4j(empty_graph: neo4j.Driver) -> None:
    facts = _two_provinces()
    Neo4jWriter(empty_graph).write(facts)

    def chains(name: str) -> list[neo4j.Record]:
        return empty_graph.execute_query(
            "MATCH path = (t:Place {name: $name})-[:PART_OF*]->(top:Place) WHERE NOT (top)-[:PART_OF]->() "
            "RETURN [n IN nodes(path) | n.name] AS names, [n IN nodes(path) | n.adcode] AS codes, top.level AS level",
            name=name,
        ).records

    [real] = chains("峰源乡")
    assert real["names"] == ["峰源乡", "莲都区", "丽水市", "浙江省"] and real["level"] == "province"
    assert real["codes"] == ["331102204", "331102", "331100", "330000"]
    [invented] = chains("澜州市莲都区峰源乡")
    assert invented["names"] == ["澜州市莲都区峰源乡", "莲都区", "澜州市"] and invented["codes"] == [None] * 3
    [county] = chains("印江土家族苗族自治县")
    assert county["names"] == ["印江土家族苗族自治县", "铜仁市", "贵州省"]  # units no article names are made
    before = graph_counts(empty_graph)
    Neo4jWriter(empty_graph).write(facts)
    assert graph_counts(empty_graph) == before  # a reload adds no unit and no PART_OF


@pytest.mark.neo4j
def test_agreements_between_finds_the_towns_of_two_cities(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write(_two_provinces())
    rows = _run(empty_graph, "agreements_between", a="义乌市", b="丽水市")
    assert {(r["party_a"], r["party_b"], r["agreement"]) for r in rows} == {("佛堂镇", "峰源乡", "结对协议")}
    assert _run(empty_graph, "agreements_between", a="义乌市", b="浙江省")  # a province holds both sides
    assert _run(empty_graph, "agreements_between", a="义乌市", b="贵州省") == []
    assert {r["party_a"] for r in _run(empty_graph, "agreements_between", a="丽水市", b="贵州省")} == {"丽水市"}


@pytest.mark.neo4j
def test_cooperation_network_rolls_up_to_a_level(empty_graph: neo4j.Driver) -> None:
    Neo4jWriter(empty_graph).write(_two_provinces())
    plain = {(r["party_a"], r["party_b"]) for r in _run(empty_graph, "cooperation_network")}
    assert ("佛堂镇", "峰源乡") in plain and len(plain) == 3
    city = {
        (r["party_a"], r["party_b"]): r["agreements"] for r in _run(empty_graph, "cooperation_network", level="city")
    }
    assert city == {("丽水市", "金华市"): 1, ("丽水市", "铜仁市"): 1}
    county = {(r["party_a"], r["party_b"]) for r in _run(empty_graph, "cooperation_network", level="county")}
    assert ("义乌市", "莲都区") in county and ("东陵县", "莲都区") in county  # the invented chain too
    province = _run(empty_graph, "cooperation_network", level="province")
    assert [(r["party_a"], r["party_b"]) for r in province] == [("浙江省", "贵州省")]


def test_an_unknown_level_is_named() -> None:
    with pytest.raises(InputError, match="level='town' is not one of township, county, city, province"):
        load_query("cooperation_network").bind({"level": "town"})
    assert load_query("cooperation_network").bind({}) == {"level": ""}


def test_resolve_codes_places_with_the_home_city() -> None:
    out = resolve([_article("a", ["北苑街道", "上溪镇"])], home_city="义乌")
    assert _place(out[0], "上溪镇").properties["adcode"] == "330782104"


@pytest.mark.neo4j
@pytest.mark.hanlp
def test_the_sample_page_in_neo4j_by_administrative_level(empty_graph: neo4j.Driver, seed_facts: list[Facts]) -> None:
    """The real page: 义乌's towns paired with 莲都's townships, asked by city, by alias and rolled up."""
    Neo4jWriter(empty_graph).write(seed_facts)
    rows = _run(empty_graph, "agreements_between", a="义乌", b="丽水")  # short forms kept as aliases
    pairs = {(r["party_a"], r["party_b"]) for r in rows}
    assert {("佛堂镇", "峰源乡"), ("福田街道", "丽新畲族乡"), ("江东街道", "岩泉街道")} <= pairs
    city = {(r["party_a"], r["party_b"]) for r in _run(empty_graph, "cooperation_network", level="city")}
    assert ("丽水市", "金华市") in city
    [chain] = empty_graph.execute_query(
        "MATCH (t:Place {name: '峰源乡'})-[:PART_OF*]->(top:Place {level: 'province'}) RETURN top.name AS top"
    ).records
    assert chain["top"] == "浙江省"
