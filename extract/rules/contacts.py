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
        if re.match(r"(?:中|时|前|后|上|期间)[，、]", ctx.text[verb_end : verb_end + 3]):
            continue  # 会见中，甲说…: a time, not a meeting stated here
        if m.group(0) == "见面" and ctx.text[verb_end : verb_end + 1] == "会":
            continue  # 见面会: an event's name
        clause_end = _guest_clause_end(ctx.text, verb_end, sent.end)
        hosts = segment_persons(sent, verbs, m)
        guests = [p for p in sent.persons if verb_end <= p.start < clause_end]
        rule = "contact.meet"
        if not guests and len(hosts) > 1:
            # 甲与乙举行会谈 / 甲同乙会谈: the people after 与 are the other side.
            cut = next(
                (i for i in range(1, len(hosts)) if re.search("与|同|和", ctx.text[hosts[i - 1].end : hosts[i].start])),
                None,
            )
            if cut is not None and "、" not in ctx.text[hosts[cut - 1].end : hosts[cut].start]:
                hosts, guests, rule = hosts[:cut], hosts[cut:], "contact.talks"
        groups: list[tuple[str, str]] = []
        led = _LED_BY.match(ctx.text, verb_end)
        if led and GROUP_WORD.search(ctx.text, led.end(), clause_end):
            # 会见了由乙率领的宁波市党政代表团一行: the delegation is a guest, with the leader named
            named = [p for p in parties(ctx) if p.name and led.end() <= p.start < clause_end]
            party = named[0] if named else party_at(ctx, clause_end)
            if party and party.name:
                groups = [("Organization", party.name)]
        if not guests and hosts:
            side = _WITH_GROUP.search(ctx.text, hosts[-1].end, sent.start + m.start())
            if side:  # 甲、乙等在宾馆与考察团见面: the group after 与 is the other side
                party = party_at(ctx, side.start(1), side.group(1))
                if party and party.name:
                    groups = [("Organization", party.name)]
        if not guests and not groups:
            guests = _listed_guests(ctx, sent, verb_end, clause_end)
            if guests:
                rule = "contact.meet_listed"
        if not guests and not groups:
            named = [p for p in parties(ctx) if p.name and verb_end <= p.start < clause_end]
            if named:
                groups = [("Organization", named[0].name or "")]  # 会见宁波市党政代表团一行
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
                yield Found(
                    "ATTENDED",
                    ("Person", p),
                    ("Event", m.group(0)),
                    (sent.start, sent.end),
                    rule="attend.meeting_sides",
                )


_LED_BY = re.compile(r"(?:了)?由[^。；]{2,60}?(?:率领|带领|带队)的")
_WITH_GROUP = re.compile(rf"[与同和]({GROUP_WORD.pattern}|一行)[^，。；]{{0,4}}$")
#: 会见出席会议的港澳委员: an unnamed group of guests, named in the next sentence (甲、乙等委员…).
_PEOPLE_GROUP = re.compile(
    "(?:委员|代表|企业家|客商|嘉宾|专家|学者|侨胞|乡贤|华侨|侨商|校友|青年|运动员|老兵|朋友)(?:们)?(?:一行)?$"
)
#: A comma inside a guest's title chain: 会见了集团党委书记，董事长乙一行.
_TITLE_END = re.compile("(?:书记|主任|主席|董事长|总经理|会长|理事长|院长|校长|行长|市长|县长|区长|省长|部长|局长)$")


def _guest_clause_end(text: str, pos: int, ceiling: int) -> int:
    """The end of the guests' clause: a comma right after a title goes on into the same chain
    when the next clause names the guest's 一行."""
    end = find_clause_end(text, pos, ceiling)
    while end < ceiling and text[end] == "，" and _TITLE_END.search(text, pos, end):
        after = find_clause_end(text, end + 1, ceiling)
        if "一行" not in text[end:after]:
            break
        end = after
    return end


def _listed_guests(ctx: RuleContext, sent: Sentence, verb_end: int, clause_end: int) -> list:
    """会见出席会议的港澳委员。甲、乙、丙等委员围绕…发言: the people the next sentence opens with,
    listed before 等 and the group's word, are the guests."""
    if not _PEOPLE_GROUP.search(ctx.text, verb_end, clause_end):
        return []
    k = ctx.sentences.index(sent)
    if k + 1 >= len(ctx.sentences):
        return []
    nxt = ctx.sentences[k + 1]
    listed = re.match(
        r"([^，。；]{2,80}?)等(?:[^，。；]{0,6}?)(?:委员|代表|企业家|客商|嘉宾|专家|学者|侨胞|乡贤|华侨|侨商|校友|青年|运动员|老兵|人)",
        nxt.text,
    )
    if not listed:
        return []
    hi = nxt.start + listed.end(1)
    people = [p for p in nxt.persons if p.end <= hi]
    covered = sum(p.end - p.start for p in people) + len(people) - 1
    return people if people and people[0].start - nxt.start <= 12 and covered >= listed.end(1) - 12 else []


_UNDER = re.compile(r"在([^，。；]{1,60}?)(?:的)?(?:分段|全程)?陪同下")


def accompaniments(ctx: RuleContext, sent: Sentence, found: list[Found]) -> Iterator[Found]:
    """甲、乙陪同考察; 在甲、乙陪同下，丙考察了…; 丁分段陪同: each companion → each visitor of that
    visit (the heads of its VISITED relations: the party and the people leading it)."""
    text = sent.text
    verbs = verbs_of(sent, ctx)
    for m in ctx.verbs_in(sent, ACCOMPANY_RE):
        verb_end = sent.start + m.end()
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        if ctx.event_in(verb_end, clause_end + 1) or re.match(
            r"(?:出席|参加|会见|会谈|座谈)", ctx.text[verb_end:clause_end]
        ):
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
