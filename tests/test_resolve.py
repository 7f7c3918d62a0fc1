"""Resolution across a corpus: one node per real thing, titles with their dates, the home city."""

from __future__ import annotations

from collections.abc import Sequence

from kg.model import Article, Entity, Evidence, Facts, Relation
from kg.resolve import infer_home_city, resolve


def _facts(
    article_id: str, date: str, entities: list[Entity], relations: Sequence[Relation] = (), text: str = "正文。"
) -> Facts:
    art = Article(id=article_id, title=article_id, text=text, source="t", date=date)
    return Facts(art, tuple(entities), tuple(relations))


def test_titles_gather_with_first_and_last_dates() -> None:
    a = _facts("a", "2024-01-05", [Entity("Person:林海峰", "Person", "林海峰", titles=("市委书记",))])
    b = _facts("b", "2024-03-01", [Entity("Person:林海峰", "Person", "林海峰", titles=("市委书记", "市委常委"))])
    out = resolve([a, b], home_city="青川")
    person = out[0].entity("Person:林海峰@青川市")
    assert person.properties["jurisdiction"] == "青川市"
    assert person.titles == ("市委书记", "市委常委")
    assert list(person.properties["titles_first_seen"]) == ["2024-01-05", "2024-03-01"]
    assert list(person.properties["titles_last_seen"]) == ["2024-03-01", "2024-03-01"]
    assert a.entity("Person:林海峰").titles == ("市委书记",)  # the input is not mutated


def test_place_with_and_without_unit_merge_and_keep_the_alias() -> None:
    text = "莲溪和莲溪区。"
    ev = Evidence("a", text, 0, len(text))
    a = _facts(
        "a",
        "2024-01-05",
        [Entity("Place:莲溪", "Place", "莲溪"), Entity("Person:甲乙", "Person", "甲乙")],
        [Relation("VISITED", "Person:甲乙", "Place:莲溪", ev)],
        text=text,
    )
    b = _facts("b", "2024-01-06", [Entity("Place:莲溪区", "Place", "莲溪区")])
    out = resolve([a, b])
    place = out[0].entity("Place:莲溪区")
    assert place.aliases == ("莲溪",)
    assert out[0].pairs("VISITED") == {("甲乙", "莲溪区")}


def test_home_city_organizations_get_the_city_name() -> None:
    a = _facts(
        "a", "2024-01-05", [Entity("Organization:市委", "Organization", "市委"), Entity("Place:青川", "Place", "青川")]
    )
    b = _facts("b", "2024-01-06", [Entity("Place:青川", "Place", "青川")])
    assert infer_home_city([a, b]) == "青川"
    out = resolve([a, b])
    assert "青川市委" in out[0].names("Organization")


def test_cities_named_in_titles_are_not_home() -> None:
    foreign = Entity("Person:许明轩", "Person", "许明轩", titles=("南屿市委常委",))
    a = _facts(
        "a", "2024-01-05", [foreign, Entity("Place:南屿", "Place", "南屿"), Entity("Place:青川", "Place", "青川")]
    )
    b = _facts("b", "2024-01-06", [Entity("Place:南屿", "Place", "南屿"), Entity("Place:青川", "Place", "青川")])
    assert infer_home_city([a, b]) == "青川"


def test_we_here_is_the_home_unit_itself_for_a_county_paper() -> None:
    """我市/我县 resolve to the paper's home: a county paper's is the county, not "<county>市"."""
    here = [Entity("Place:我市", "Place", "我市")]
    assert "云岫县" in resolve([_facts("a", "2024-01-05", here)], home_city="云岫县")[0].names("Place")
    assert "青川市" in resolve([_facts("b", "2024-01-05", here)], home_city="青川市")[0].names("Place")


def test_a_county_papers_bare_bodies_get_the_county_name_also_in_traditional_print() -> None:
    bodies = [
        Entity("Organization:县委", "Organization", "县委"),
        Entity("Organization:縣政府", "Organization", "縣政府", aliases=("县政府",)),
        Entity("Organization:县委宣传部", "Organization", "县委宣传部"),
    ]
    names = resolve([_facts("a", "2024-01-05", bodies)], home_city="云岫县")[0].names("Organization")
    assert {"云岫县委", "云岫县政府", "县委宣传部"} == set(names)


def test_the_home_place_is_listed_where_the_article_prints_it_alone_not_in_its_papers_name() -> None:
    alone = _facts("a", "2024-01-05", [], text="梅溪日报讯 梅溪已进入发展快车道。")
    assert "梅溪县" in resolve([alone], home_city="梅溪县")[0].names("Place")
    inside = _facts("b", "2024-01-05", [], text="梅溪日报讯 梅溪县委书记讲话，梅溪经济开发区扩区。")
    assert "梅溪县" not in resolve([inside], home_city="梅溪县")[0].names("Place")


def test_our_own_delegation_is_named_by_the_home_unit() -> None:
    """我区党政代表团 in a district's paper is that district's delegation; 我市代表团 a city's."""
    ours = [Entity("Organization:我区党政代表团", "Organization", "我区党政代表团")]
    assert resolve([_facts("a", "2024-01-05", ours)], home_city="碧溪区")[0].names("Organization") == {
        "碧溪区党政代表团"
    }
    ours = [Entity("Organization:我市代表团", "Organization", "我市代表团")]
    assert resolve([_facts("a", "2024-01-05", ours)], home_city="青川")[0].names("Organization") == {"青川市代表团"}


def test_a_traditional_pages_home_and_bodies_keep_the_printed_form_and_simplified_ids() -> None:
    text = "穆溪縣召開大會。縣委、縣政府高度重視。"
    bodies = [
        Entity("Organization:县委", "Organization", "縣委", aliases=("县委",)),
        Entity("Place:我市", "Place", "我市"),
    ]
    out = resolve([_facts("a", "2024-01-05", bodies, text=text)], home_city="穆溪县")[0]
    by_type = {e.type: e for e in out.entities}
    assert (by_type["Organization"].name, by_type["Organization"].id) == ("穆溪縣委", "Organization:穆溪县委")
    assert (by_type["Place"].name, by_type["Place"].id) == ("穆溪縣", "Place:穆溪县")
    assert "穆溪县" in by_type["Place"].aliases
