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
_LED_BY = re.compile(f"(?P<g>{GROUP_WORD.pattern})由([^，。；]{{2,30}}?)(?:带队|率领|带领|任团长|担任团长)")
_HEADED_BY = re.compile(r"以([^，。；]{2,30}?)为(?:团长|组长)(?:、([^，。；]{2,30}?)为副(?:团长|组长))?")
#: 甲率考察团来…: a lead verb, then the bare group word within a few characters of the same clause.
#: A delegation printed without its place: 党政考察团, 考察团.
_BARE_GROUP_NAME = re.compile(f"(?:党政)?(?:{GROUP_WORD.pattern})")
_ANONYMOUS_GROUP = re.compile(f"(?:党政|企业家|经贸|商务|执法)?(?:{GROUP_WORD.pattern})(?:一行)?")


def is_anonymous_group(name: str) -> bool:
    """Whether a delegation's name names no one (考察团, 党政代表团, 企业家考察团): not an entity
    of its own (guidelines: generic groups are not organizations)."""
    return bool(_ANONYMOUS_GROUP.fullmatch(name))


_LEADS_BARE_GROUP = re.compile(
    f"(?:{lexicon.alternation('lead_verbs')})(?:[^，。；：,;:]{{0,6}}?)({GROUP_WORD.pattern})"
)
#: The place a title serves: 宁夏梁源县委副书记 → 梁源县 (the last unit before the office).
_TITLE_UNIT = re.compile(
    r"([\u4e00-\u9fff]{1,8}?(?:自治州|自治县|市|县|区|州|旗|盟))(?=委|人民政府|政府|人大|政协|[副常]|[县市区州旗]?长|书记)"
)
_PROVINCE_PREFIX = re.compile(f"^(?:{lexicon.alternation('province_names')})(?:省|市|(?:维吾尔|回族|壮族)?自治区)?")


#: 甲带队来…, 甲率队赴…: a leader arriving with a team that has no name yet.
_LEADS_TEAM = re.compile(r"(?:带队|率队|领队|率团)(?=来|到|赴|莅临|抵达|前往)")


def _team_name(ctx: RuleContext, leader: str, lo: int, at: int, groups: list) -> str | None:
    """The name of a team first written without one, once the article calls it by a group word
    of its own (考察团一行先后走进…): the leader's jurisdiction and that word (西原县考察团)."""
    for m in GROUP_WORD.finditer(ctx.text, at):
        if m.group(0) in ("客人",) or any(g.start <= m.start() < g.end for g in groups):
            continue
        place = _jurisdiction(ctx, leader, lo, at)
        return place + m.group(0) if place else None
    return None


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
            name = org.name
            if _BARE_GROUP_NAME.fullmatch(name) and leaders:  # 甲带领党政考察团来…: the leader's county's
                place = _jurisdiction(ctx, leaders[0], sent.start, org.start)
                name = place + name if place else name
            found.append(Party(name, tuple(leaders), org.start))
        # 甲率考察团来…: a bare group word after a lead verb is the delegation of the leader's
        # jurisdiction (宁夏梁源县县长马志强率考察团 → 梁源县考察团).
        for m in _LEADS_BARE_GROUP.finditer(sent.text):
            g0, g1 = sent.start + m.start(1), sent.start + m.end(1)
            if any(g.start <= g0 < g.end for g in groups):
                continue
            leaders = _leaders(ctx, sent.start, sent.end, g0, g1)
            if leaders:
                place = _jurisdiction(ctx, leaders[0], sent.start, g0)
                found.append(Party(place + m.group(1) if place else None, tuple(leaders), g0))
        # 甲带队来我县对接…: a leader and a team the article may later call 考察团.
        for m in _LEADS_TEAM.finditer(sent.text):
            at = sent.start + m.end()
            if any(g.start <= at < g.end for g in groups) or any(f.start >= sent.start and f.leaders for f in found):
                continue
            leaders = _leaders(ctx, sent.start, sent.end, at, at)
            if leaders:
                found.append(Party(_team_name(ctx, leaders[0], sent.start, at, groups), tuple(leaders), at))
        # 考察团由甲带队: the party named before gets its leader.
        for m in _LED_BY.finditer(sent.text):
            led = [p.name for p in sent.persons if sent.start + m.start(2) <= p.start < sent.start + m.end(2)]
            named = [f for f in found if f.name and f.start < sent.start + m.start() and f.name.endswith(m.group("g"))]
            if led and named and not named[-1].leaders:
                found[found.index(named[-1])] = Party(named[-1].name, tuple(led), named[-1].start)
        # 甲带领…一行16人来到…: a leader and an unnamed entourage.
        for m in _LEAD_VERB.finditer(sent.text):
            clause_end = min([i for i in (sent.text.find(c, m.end()) for c in "，。；") if i >= 0] or [len(sent.text)])
            if "一行" not in sent.text[m.end() : clause_end] or GROUP_WORD.search(sent.text[m.end() : clause_end]):
                continue
            lead = [
                p
                for p in sent.persons
                if p.end <= sent.start + m.start()
                and not re.search("[，。；]", ctx.text[p.end : sent.start + m.start()])
            ]
            if lead and not any(f.start == lead[-1].start for f in found):
                found.append(Party(None, (lead[-1].name,), lead[-1].start))
        # 甲一行 with no delegation named: the party is the person and their entourage.
        for p in sent.persons:
            if ctx.text.startswith("一行", p.end) and not any(g.start <= p.start < g.end + 4 for g in groups):
                if not any(f.start <= p.start and p.name in f.leaders for f in found):
                    found.append(Party(None, (p.name,), p.start))
    ctx.parties = _inherit_leaders(found)
    return ctx.parties


def _inherit_leaders(found: list[Party]) -> list[Party]:
    """A delegation named again later (白桦市党政考察团还将赴…) is led by the people who led it
    where it was first named: its stops there are theirs too."""
    led: dict[str, tuple[str, ...]] = {}
    out = []
    for party in found:
        if party.name and not party.leaders and party.name in led:
            party = Party(party.name, led[party.name], party.start)
        elif party.name and party.leaders:
            led.setdefault(party.name, party.leaders)
        out.append(party)
    return out


def _jurisdiction(ctx: RuleContext, person: str, lo: int, hi: int) -> str | None:
    """The place the person's first title serves (宁夏梁源县委副书记 → 梁源县), or None. The titles
    found with the name come first, then what the clause prints before it in [lo, hi)."""
    at = next((p.start for p in ctx.mentions.persons if p.name == person and lo <= p.start < hi), None)
    printed = []
    if at is not None:
        clause_start = max(ctx.text.rfind(c, lo, at) for c in "，。；：,;:") + 1
        printed = [ctx.text[max(lo, clause_start) : at]]
    found = []
    for title in [*ctx.mentions.titles.get(person, []), *printed]:
        for unit in _TITLE_UNIT.findall(_PROVINCE_PREFIX.sub("", title)):  # 新疆维吾尔自治区阔勒塔木县委…
            place = _PROVINCE_PREFIX.sub("", unit)
            if len(place) >= 2:
                found.append(place)
    # 固川市政协副主席、西原县县长 leads 西原县's team: a county's office is the nearer one.
    county = [p for p in found if re.search("(?:县|区|旗)$", p)]
    return (county or found or [None])[0]  # type: ignore[list-item]


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
        by = before.rfind("由", clause, lead.start())  # 甲会见了由乙、丙率领的…: the leaders follow 由
        clause = by + 1 if by >= 0 else clause
        clause = _leader_list_start(text, persons, lo, clause)
        names = [p.name for p in persons if lo + clause <= p.start and p.end <= lo + lead.start()]
        if names:
            return list(dict.fromkeys(names))
    headed = _HEADED_BY.search(before)
    if headed:
        spans = [(headed.start(g), headed.end(g)) for g in (1, 2) if headed.group(g)]
        names = [p.name for p in persons if any(lo + a <= p.start < lo + b for a, b in spans)]
        if names:
            return list(dict.fromkeys(names))
    after = text[end:hi]
    led = re.match(r"[^，。；]{0,4}?(?:由|团长|组长)", after)
    if led:
        names = [p.name for p in persons if end + led.end() <= p.start < end + led.end() + 24]
        if names and (re.search(_LEAD_VERB.pattern, text[end : end + led.end() + 40]) or "长" in led.group(0)):
            return [names[0]]
    return []


#: What may stand before a leader's name in a list of leaders: a chain of titles, nothing else.
_TITLE_CHAIN = re.compile(rf"^[\u4e00-\u9fff、]*?(?:{lexicon.alternation('titles')})$")
_NOT_IN_TITLES = re.compile("会见|会谈|陪同|迎接|欢迎|看望|在|和|与|同|向|对")


def _leader_list_start(text: str, persons: list, lo: int, clause: int) -> int:
    """甲书记钟立岩，市委副书记、市长欧阳景川率领…: the leaders' list goes back over earlier
    comma-separated title-and-name segments; where a segment is anything else, it stops."""
    while clause > 1 and text[lo + clause - 1] in "，,":
        comma = lo + clause - 1
        start = max(text.rfind(c, lo, comma) for c in "，。；：,;:") + 1
        start = max(start, lo)
        names = [p for p in persons if start <= p.start and p.end <= comma]
        if not names or names[-1].end != comma:
            break
        prefix = re.sub(r"\s", "", text[start : names[0].start])
        if prefix and (not _TITLE_CHAIN.match(prefix) or _NOT_IN_TITLES.search(prefix)):
            break
        clause = start - lo
    return clause


def party_at(ctx: RuleContext, pos: int, word: str | None = None) -> Party | None:
    """The party a bare 代表团 / 一行 / 考察团 at `pos` refers to: the last one named before it; of
    a bare group word, the last one whose name ends in that word (a 考察团 is not the 工作组
    the article met on the way), and of those one that is led, if any."""
    before = [p for p in parties(ctx) if p.start < pos]
    if word and word not in ("一行", "客人"):
        same = [p for p in before if p.name and p.name.endswith(word)]
        led = [p for p in same if p.leaders]
        before = led or same or before
    return before[-1] if before else None
