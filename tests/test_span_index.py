"""The indexed lookups that replaced comparing each mention with each: same answers as the
plain loops they replaced, on random spans."""

from __future__ import annotations

import random

from extract.events import _outermost
from extract.mentions import Mention, SpanIndex


def _spans(rng: random.Random, count: int) -> list[tuple[int, int]]:
    return [(s, s + rng.randint(1, 6)) for s in (rng.randrange(200) for _ in range(count))]


def test_span_index_answers_as_the_loops_did() -> None:
    rng = random.Random(14)
    for _ in range(200):
        spans = _spans(rng, rng.randint(0, 30))
        index = SpanIndex(spans)
        for _ in range(30):
            a = rng.randrange(210)
            b = a + rng.randint(1, 8)
            assert index.overlaps(a, b) == any(s < b and a < e for s, e in spans)
            assert index.covers(a) == any(s <= a < e for s, e in spans)
            inside = [e for s, e in spans if a <= s < b]
            assert index.last_end_starting_in(a, b) == (max(inside) if inside else None)


def test_outermost_events_are_those_inside_no_other() -> None:
    rng = random.Random(15)
    for _ in range(200):
        ends = rng.sample(range(2, 300), rng.randint(0, 20))  # events never share an end
        events = [Mention("Event", "会", e - rng.randint(1, min(12, e)), e) for e in ends]
        expected = [e for e in events if not any(o is not e and o.start <= e.start and e.end <= o.end for o in events)]
        assert _outermost(events) == expected
