"""Contact rules (rule family ``contact``): who 会见 whom (MET; both sides attended the
会见), and who 陪同 whom (ACCOMPANIED)."""

from __future__ import annotations

from collections.abc import Iterator

from extract.rules.context import (
    MEET_RE,
    Found,
    RuleContext,
    Sentence,
    find_clause_end,
    segment_persons,
    verbs_of,
)


def meets(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    verbs = verbs_of(sent)
    for m in MEET_RE.finditer(sent.text):
        verb_end = sent.start + m.end()
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        hosts = segment_persons(sent, verbs, m)
        guests = [p for p in sent.persons if verb_end <= p.start < clause_end]
        for h in hosts:
            for g in guests:
                if h.name != g.name:
                    yield Found("MET", ("Person", h.name), ("Person", g.name), (sent.start, sent.end),
                                rule="contact.meet")
        if hosts and guests:  # a 会见 is a meeting of its own: both sides attended it
            for p in dict.fromkeys([*(h.name for h in hosts), *(g.name for g in guests)]):  # stable order
                yield Found("ATTENDED", ("Person", p), ("Event", m.group(0)), (sent.start, sent.end),
                            rule="attend.meeting_sides")
