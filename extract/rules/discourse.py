"""Who is visiting: the parties an article follows from sentence to sentence.

A delegation is named once (率青川市党政代表团, 以林海峰为团长的…考察团) and then written as 代表团,
考察团, 一行 or 客人; its stops are visits of the delegation and of the people leading it, and the
hosts who 陪同 accompany them. `parties(ctx)` finds each named party with its leaders, and
`party_at(ctx, pos)` the one a bare reference at `pos` means: the last one named before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract import lexicon
from extract.rules.context import RuleContext

GROUP_WORD = re.compile(f"(?:{lexicon.alternation('group_words')})")
_LEAD_VERB = re.compile(f"(?:{lexicon.alternation('lead_verbs')})")
_HEADED_BY = re.compile(r"以([^，。；]{2,30}?)为(?:团长|组长)")


@dataclass(frozen=True)
class Party:
    """A visiting party: its name (a named delegation, or None for 甲一行), the people leading
    it, and where the article first names it."""

    name: str | None
    leaders: tuple[str, ...]
    start: int

    def members(self) -> list[tuple[str, str]]:
        """The party's ends of a relation: the people leading it, then the delegation."""
        out = [("Person", p) for p in self.leaders]
        return out + ([("Organization", self.name)] if self.name else [])


def parties(ctx: RuleContext) -> list[Party]:
    """Every visiting party the article names, in text order."""
    if ctx.parties is not None:
        return ctx.parties
    found: list[Party] = []
    groups = [o for o in ctx.mentions.organizations if GROUP_WORD.search(o.name)]
    for sent in ctx.sentences:
        for org in (g for g in groups if sent.start <= g.start < sent.end):
            leaders = _leaders(ctx, sent.start, sent.end, org.start, org.end)
            found.append(Party(org.name, tuple(leaders), org.start))
        # 甲一行 with no delegation named: the party is the person and their entourage.
        for p in sent.persons:
            if ctx.text.startswith("一行", p.end) and not any(g.start <= p.start < g.end + 4 for g in groups):
                if not any(f.start <= p.start and p.name in f.leaders for f in found):
                    found.append(Party(None, (p.name,), p.start))
    ctx.parties = found
    return found


def _leaders(ctx: RuleContext, lo: int, hi: int, start: int, end: int) -> list[str]:
    """The people leading the delegation named at [start, end) in the sentence [lo, hi):
    甲率(领)…代表团, 以甲为团长的…代表团, …代表团由甲带队, 代表团团长甲."""
    text = ctx.text
    persons = [p for p in ctx.mentions.persons if lo <= p.start < hi]
    before = text[lo:start]
    lead = None
    for m in _LEAD_VERB.finditer(before):
        lead = m
    if lead is not None:
        clause = max(before.rfind(c, 0, lead.start()) for c in "，。；：") + 1
        names = [p.name for p in persons if lo + clause <= p.start and p.end <= lo + lead.start()]
        if names:
            return list(dict.fromkeys(names))
    headed = _HEADED_BY.search(before)
    if headed:
        names = [p.name for p in persons if lo + headed.start(1) <= p.start < lo + headed.end(1)]
        if names:
            return list(dict.fromkeys(names))
    after = text[end:hi]
    led = re.match(r"[^，。；]{0,4}?(?:由|团长|组长)", after)
    if led:
        names = [p.name for p in persons if end + led.end() <= p.start < end + led.end() + 24]
        if names and (re.search(_LEAD_VERB.pattern, text[end:end + led.end() + 40]) or "长" in led.group(0)):
            return [names[0]]
    return []


def party_at(ctx: RuleContext, pos: int) -> Party | None:
    """The party a bare 代表团 / 一行 / 考察团 at `pos` refers to: the last one named before it."""
    before = [p for p in parties(ctx) if p.start < pos]
    return before[-1] if before else None
