"""Articles printed in traditional characters are analysed in simplified form, with offsets
kept: names and evidence appear as printed, the simplified names are aliases."""

from __future__ import annotations

import pytest

from extract.extractor import extract
from extract.hanlp_backend import get_tagger
from extract.script import analysis_text, is_traditional
from kg.model import Article, Facts, content_id

pytestmark = pytest.mark.hanlp

SIMPLIFIED = "本报讯 昨日，市委书记林海峰主持召开全市经济工作会议，市长苏文博、副市长郑雅琴出席会议。"
TRADITIONAL = "本報訊 昨日，市委書記林海峰主持召開全市經濟工作會議，市長蘇文博、副市長鄭雅琴出席會議。"


def _facts(text: str) -> Facts:
    return extract(Article(id=content_id(text), title="t", text=text, source="test", date="2024-05-13"))


def test_a_traditional_article_gives_the_facts_of_its_simplified_form() -> None:
    printed, simple = _facts(TRADITIONAL), _facts(SIMPLIFIED)
    to_simple = {e.id: next((a for a in e.aliases if a in SIMPLIFIED), e.name) for e in printed.entities}
    pairs = {(r.type, to_simple[r.head], to_simple[r.tail]) for r in printed.relations}
    names = {e.id: e.name for e in simple.entities}
    assert pairs == {(r.type, names[r.head], names[r.tail]) for r in simple.relations}
    assert ("CHAIRED", "林海峰", "全市经济工作会议") in pairs


def test_names_and_evidence_are_as_printed_with_simplified_aliases() -> None:
    f = _facts(TRADITIONAL)
    people = {e.name: e for e in f.by_type("Person")}
    assert set(people) == {"林海峰", "蘇文博", "鄭雅琴"}
    assert "苏文博" in people["蘇文博"].aliases
    assert people["蘇文博"].id == "Person:苏文博"  # one person whichever script prints them
    assert "市長" in people["蘇文博"].titles
    (meeting,) = f.by_type("Event")
    assert meeting.name == "全市經濟工作會議" and "全市经济工作会议" in meeting.aliases
    for r in f.relations:
        assert f.article.text[r.evidence.start : r.evidence.end] == r.evidence.sentence
        assert "會議" in r.evidence.sentence or "書記" in r.evidence.sentence


def test_simplified_text_with_a_stray_traditional_form_is_left_alone() -> None:
    tagger = get_tagger()
    text = "本报讯 乾隆年间的古桥修缮一新，市长苏文博到现场察看。"
    assert not is_traditional(text, tagger)
    assert analysis_text(text, tagger) is text
    assert is_traditional(TRADITIONAL, tagger)
    assert len(analysis_text(TRADITIONAL, tagger)) == len(TRADITIONAL)
