"""Over-long articles in pieces: where the cuts fall, each piece's tokens, the merged facts."""

from __future__ import annotations

import random

from extract.pieces import merge_pieces, piece_spans, tokens_between
from extract.tokens import Tokens
from kg.model import Article, Entity, Evidence, Facts, Relation


def _tokens(text: str, rng: random.Random) -> Tokens:
    words, pos = [], 0
    while pos < len(text):
        size = rng.randint(1, 4)
        words.append(text[pos : pos + size])
        pos += size
    return Tokens(words, ["n"] * len(words))


def test_pieces_are_bounded_start_at_words_and_carry_their_tokens() -> None:
    rng = random.Random(14)
    text = "".join(rng.choice("甲乙丙丁，。\n ") for _ in range(5000))
    tokens = _tokens(text, rng)
    for limit in (50, 333, 1000):
        spans = piece_spans(text, tokens, limit)
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
        assert all(0 < e - s <= limit for s, e in spans)
        assert all(s in tokens.starting_at() for s, _ in spans)
        for s, e in spans:
            assert "".join(tokens_between(tokens, s, e).words) == text[s:e]


def test_merged_pieces_shift_evidence_and_keep_an_entity_once() -> None:
    text = "甲书记出席会议。" * 3
    article = Article(id="a", title="", text=text, source="a.txt")

    def piece(start: int, title: str) -> Facts:
        sub = Article(id="a", title="", text=text[start : start + 8], source="a.txt")
        person = Entity(id="Person:甲", type="Person", name="甲", titles=(title,))
        event = Entity(id="Event:会议|a", type="Event", name="会议")
        rel = Relation("ATTENDED", person.id, event.id, Evidence("a", sub.text, 0, 8))
        return Facts(article=sub, entities=(person, event), relations=(rel,))

    merged = merge_pieces(article, [(0, piece(0, "书记")), (16, piece(16, "市长"))])
    assert [e.id for e in merged.entities] == ["Person:甲", "Event:会议|a"]
    assert merged.entity("Person:甲").titles == ("书记", "市长")
    assert [(r.evidence.start, r.evidence.end) for r in merged.relations] == [(0, 8), (16, 24)]
