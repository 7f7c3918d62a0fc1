"""Relation rules: who chaired or attended which meeting; the agreement and visit rules live in
extract.agreements and extract.visits.

Rules work sentence by sentence on the mentions found in `extract.mentions`. Each rule returns
`Found` records (typed endpoints by name, the sentence span, properties); `extract.extractor`
turns them into entities with ids and into evidence-carrying Relations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract import lexicon
from extract.agreements import signings
from extract.rule_context import (
    ANY_VERB_PATTERN,
    ATTEND_RE,
    CHAIR_RE,
    Found,
    RuleContext,
    Sentence,
    find_clause_end,
    segment_persons,
    verbs_of,
)
from extract.visits import meets, visits

_LIST_AFTER = re.compile(r"^[^，。；]{0,8}?的(?:领导|嘉宾|人员)?(?:还)?有")
_BARE_MEETING = re.compile(lexicon.alternation("meeting_words") + "|座谈|会议|会")
_SPEAK_RE = re.compile(r"致辞|发言|讲话|作[^，。；]{0,12}报告|作主旨演讲|汇报")
# Every rule starts from one of these verbs (or from _AT_MEETING's 在…会上，).
_TRIGGER = re.compile(f"{ANY_VERB_PATTERN}|{_SPEAK_RE.pattern}")
_AT_MEETING = re.compile(r"^(?:在)?([^，。；]{0,40}?(?:" + lexicon.alternation("meeting_words") + r"|座谈|会))(?:上|期间|中)，")


def find_relations(ctx: RuleContext) -> list[Found]:
    """All rule-based relations of the article. Whoever chaired a meeting did not also
    merely attend it."""
    found: list[Found] = []
    for sent in ctx.sentences:
        if not _TRIGGER.search(sent.text) and not _AT_MEETING.match(sent.text):
            continue  # no rule fires without one of its verbs (most sentences of a report)
        for rule in (_meetings, _at_meeting, _speakers, signings, visits, meets):
            found.extend(rule(ctx, sent))
    chaired = {(f.head, f.tail) for f in found if f.type == "CHAIRED"}
    return [f for f in found if not (f.type == "ATTENDED" and (f.head, f.tail) in chaired)]


def _speakers(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """X致辞 / X作工作报告 / X汇报: in an article about a meeting, its speakers attended it."""
    if _AT_MEETING.match(sent.text):
        return  # _at_meeting has this sentence
    verbs = verbs_of(sent)
    for m in _SPEAK_RE.finditer(sent.text):
        event = ctx.current_event(sent.start + m.start(), "会")
        if event is None or re.search("行动|活动$", event.name):
            continue
        lo = max([v.end() for v in verbs if v.end() <= m.start()] + [0])
        lo = max([s.end() for s in _SPEAK_RE.finditer(sent.text[:m.start()])] + [lo])
        for p in sent.persons:
            if sent.start + lo <= p.start and p.end <= sent.start + m.start():
                yield Found("ATTENDED", ("Person", p.name), ("Event", event.name), (sent.start, sent.end))


def _at_meeting(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """在…座谈会上，林海峰汇报了…: whoever speaks at a meeting attended it."""
    m = _AT_MEETING.match(sent.text)
    if not m or CHAIR_RE.search(sent.text):
        return
    phrase_end = sent.start + m.end(1)
    word = _BARE_MEETING.findall(m.group(1))
    event = ctx.event_in(sent.start, phrase_end + 1) or ctx.refer(word[-1] if word else "会", sent.start, phrase_end - 3)
    if event is None:
        return
    for p in sent.persons:
        if p.start >= phrase_end:
            yield Found("ATTENDED", ("Person", p.name), ("Event", event.name), (sent.start, sent.end))


def _meetings(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    verbs = verbs_of(sent)
    chairs: set[str] = set()
    for m in verbs:
        kind = "CHAIRED" if CHAIR_RE.fullmatch(m.group(0)) else "ATTENDED" if ATTEND_RE.fullmatch(m.group(0)) else None
        if kind is None:
            continue
        verb_end = sent.start + m.end()
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        after = ctx.text[verb_end:sent.end]
        if _LIST_AFTER.match(after):
            people = [p for p in sent.persons if p.start >= verb_end]
        else:
            people = segment_persons(sent, verbs, m)
        if kind == "CHAIRED" and people:
            people = people[-1:]  # the chair is the name right before 主持
        event = ctx.event_in(verb_end, clause_end + 1)
        if event is None and m.group(0) == "陪同":
            event = ctx.event_in(sent.start, sent.end)
        rest = ctx.text[verb_end:clause_end]
        bare = _BARE_MEETING.search(rest)
        refers = bare or not rest.strip() or re.match(r"^并(?:讲话|致辞|发言)", rest)
        if event is None and (refers or kind == "CHAIRED" or re.search("会议|活动|座谈|会上", sent.text)):
            event = ctx.refer(bare.group(0) if bare else "会", verb_end, verb_end + (bare.start() if bare else 0))
        if event is None:
            continue
        for p in people:
            if kind == "ATTENDED" and p.name in chairs:
                continue
            if kind == "CHAIRED":
                chairs.add(p.name)
            yield Found(kind, ("Person", p.name), ("Event", event.name), (sent.start, sent.end))
