"""Contact rules (rule family ``contact``): who 会见 whom (MET; both sides attended the
会见), and who 陪同 whom (ACCOMPANIED)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.rules.context import (
    ACCOMPANY_RE,
    MEET_RE,
    Found,
    RuleContext,
    Sentence,
    find_clause_end,
    segment_persons,
    verbs_of,
)
from extract.rules.discourse import GROUP_WORD, parties, party_at


def meets(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """甲会见乙一行; 甲会见宁波市党政代表团; 甲与乙举行会谈: MET from each host to each named guest
    (a person, or the delegation when only it is named), and both sides attended the 会见."""
    verbs = verbs_of(sent, ctx)
    for m in ctx.verbs_in(sent, MEET_RE):
        verb_end = sent.start + m.end()
        if re.match(r"(?:中|时|前|后|上|期间)[，、]", ctx.text[verb_end:verb_end + 3]):
            continue  # 会见中，甲说…: a time, not a meeting stated here
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        hosts = segment_persons(sent, verbs, m)
        guests = [p for p in sent.persons if verb_end <= p.start < clause_end]
        rule = "contact.meet"
        if not guests and len(hosts) > 1:
            # 甲与乙举行会谈 / 甲同乙会谈: the people after 与 are the other side.
            cut = next((i for i in range(1, len(hosts)) if re.search(
                "与|同|和", ctx.text[hosts[i - 1].end:hosts[i].start])), None)
            if cut is not None and "、" not in ctx.text[hosts[cut - 1].end:hosts[cut].start]:
                hosts, guests, rule = hosts[:cut], hosts[cut:], "contact.talks"
        groups: list[tuple[str, str]] = []
        if not guests:
            named = [p for p in parties(ctx) if p.name and verb_end <= p.start < clause_end]
            if named:
                groups = [("Organization", named[0].name)]  # 会见宁波市党政代表团一行
            elif GROUP_WORD.search(ctx.text, verb_end, clause_end):
                party = party_at(ctx, verb_end)  # 会见考察团一行: the delegation named before
                if party and party.name:
                    groups = [("Organization", party.name)]
        for h in hosts:
            for g in guests:
                if h.name != g.name:
                    yield Found("MET", ("Person", h.name), ("Person", g.name), (sent.start, sent.end), rule=rule)
            for g in groups:
                yield Found("MET", ("Person", h.name), g, (sent.start, sent.end), rule="contact.meet_group")
        if hosts and (guests or groups):  # a 会见 is a meeting of its own: both sides attended it
            for p in dict.fromkeys([*(h.name for h in hosts), *(g.name for g in guests)]):  # stable order
                yield Found("ATTENDED", ("Person", p), ("Event", m.group(0)), (sent.start, sent.end),
                            rule="attend.meeting_sides")


_UNDER = re.compile(r"在([^，。；]{1,60}?)(?:的)?(?:分段|全程)?陪同下")


def accompaniments(ctx: RuleContext, sent: Sentence, found: list[Found]) -> Iterator[Found]:
    """甲、乙陪同考察; 在甲、乙陪同下，丙考察了…; 丁分段陪同: each companion → each visitor of that
    visit (the heads of its VISITED relations: the party and the people leading it)."""
    text = sent.text
    verbs = verbs_of(sent, ctx)
    for m in ctx.verbs_in(sent, ACCOMPANY_RE):
        verb_end = sent.start + m.end()
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        if ctx.event_in(verb_end, clause_end + 1) or re.match(r"(?:出席|参加|会见|会谈|座谈)", ctx.text[verb_end:clause_end]):
            continue  # 陪同出席开幕式 / 陪同会见: attendance of that event
        under = next((u for u in _UNDER.finditer(text) if u.start() <= m.start() < u.end()), None)
        if under:
            lo, hi = sent.start + under.start(1), sent.start + under.end(1)
            companions = [p for p in sent.persons if lo <= p.start and p.end <= hi]
        else:
            whole = next((v for v in verbs if v.start() <= m.start() < v.end()), m)
            companions = segment_persons(sent, verbs, whole)
        names = {p.name for p in companions}
        if not names:
            continue
        rule = "contact.accompany_under" if under else "contact.accompany"
        for visitor in _visitors(ctx, sent, found, names):
            for name in dict.fromkeys(p.name for p in companions):
                yield Found("ACCOMPANIED", ("Person", name), visitor, (sent.start, sent.end), rule=rule)


def _visitors(ctx: RuleContext, sent: Sentence, found: list[Found], companions: set[str]) -> list[tuple[str, str]]:
    """Whom the companions of `sent` go along with: the visitors of this sentence's visits, else of
    the last visit before it, else the party the article follows. (`found`: what the first rule
    families found; the visit rules left their visitors in ctx.visit_actors.)"""
    def heads(span: tuple[int, int]) -> list[tuple[str, str]]:
        return [a for a in ctx.visit_actors.get(span, []) if a[1] not in companions]

    here = heads((sent.start, sent.end))
    if here:
        return here
    earlier = sorted(span for span in ctx.visit_actors if span[0] < sent.start)
    for span in reversed(earlier[-3:]):
        if heads(span):
            return heads(span)
    party = party_at(ctx, sent.end)
    return [m for m in party.members() if m[1] not in companions] if party else []
