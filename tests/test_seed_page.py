"""End to end on the real newspaper page in ../shared/seeds (read from there, never copied)."""

from __future__ import annotations

import pytest

from kg.model import Facts

pytestmark = pytest.mark.hanlp

PERSONS = {
    "张壮雄",
    "陈立新",
    "李邦生",
    "王健",
    "丁政",
    "骆华勇",
    "虞秀军",
    "丁艳丽",
    "蒋令树",
    "叶帮锐",
    "陈小忠",
    "胡作滔",
}


def _article(facts: list[Facts], word: str) -> Facts:
    (found,) = [f for f in facts if word in f.article.text]
    return found


def test_six_articles_with_bodies(seed_facts: list[Facts]) -> None:
    assert len(seed_facts) == 6


def test_each_headline_on_its_own_article(seed_facts: list[Facts]) -> None:
    assert "洗把脸" in _article(seed_facts, "废弃的木板").article.title
    assert "赤岸镇" in _article(seed_facts, "助企服务专班").article.title
    assert "中考" in _article(seed_facts, "考点").article.title
    assert "实干" in _article(seed_facts, "文武之政").article.title
    assert "王健" in _article(seed_facts, "八大专班").article.title
    assert "养老诈骗" not in " ".join(f.article.title for f in seed_facts)


def test_persons(seed_facts: list[Facts]) -> None:
    persons = set().union(*(f.names("Person") for f in seed_facts))
    assert PERSONS <= persons


def test_titles_on_people(seed_facts: list[Facts]) -> None:
    titles = {e.name: set(e.titles) for f in seed_facts for e in f.by_type("Person")}
    assert {"丽水市委常委", "莲都区委书记"} <= titles["张壮雄"]
    assert "市委书记" in titles["王健"]
    assert "市长" in titles["叶帮锐"]


def test_wang_jian_chaired_the_plenary(seed_facts: list[Facts]) -> None:
    chaired = set().union(*(f.pairs("CHAIRED") for f in seed_facts))
    assert ("王健", "全市经济稳进提质工作领导小组第一次全体会议") in chaired


def test_township_pairs_and_no_cross_pairs(seed_facts: list[Facts]) -> None:
    signed = set().union(*(f.pairs("SIGNED_AGREEMENT") for f in seed_facts))
    towns = {"佛堂镇", "福田街道", "江东街道", "峰源乡", "丽新畲族乡", "岩泉街道"}
    town_pairs = {p for p in signed if set(p) <= towns}
    assert town_pairs == {("佛堂镇", "峰源乡"), ("福田街道", "丽新畲族乡"), ("江东街道", "岩泉街道")}
    assert ("义乌经济技术开发区管委会", "丽水工业园区管委会") in signed


def test_every_relation_has_evidence(seed_facts: list[Facts]) -> None:
    relations = [(f, r) for f in seed_facts for r in f.relations]
    assert len(relations) > 20
    for f, r in relations:
        assert r.evidence.article_id == f.article.id
        assert f.article.text[r.evidence.start : r.evidence.end] == r.evidence.sentence
