"""Attendance rules: who chaired or attended which meeting (rule family ``attend``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract import lexicon
from extract.mentions import Mention
from extract.rules.context import (
    ACCOMPANY_RE,
    ATTEND_RE,
    CHAIR_RE,
    SPEAK_RE,
    VISIT_RE,
    Found,
    RuleContext,
    Sentence,
    find_clause_end,
    segment_persons,
    verbs_of,
)
from extract.rules.discourse import GROUP_WORD, parties, party_at

_LIST_AFTER = re.compile(r"^[^，。；]{0,8}?的(?:领导|嘉宾|人员)?(?:还)?有")
_MEET_WORDS = "|".join(map(re.escape, lexicon.words("verbs_meet")))
_BARE_MEETING = re.compile(lexicon.alternation("meeting_words") + f"|{_MEET_WORDS}|座谈|会议|会")
_UNNAMED = re.compile(f"(?:{lexicon.alternation('unnamed_activities')})")
AT_MEETING = re.compile(
    r"^(?:在)?([^，。；]{0,40}?(?:"
    + lexicon.alternation("meeting_words")
    + f"|{_MEET_WORDS}"
    + r"|座谈|会))(?:上|期间|中|时)，"
)


def speakers(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """X致辞 / X作工作报告 / X汇报: in an article about a meeting, its speakers attended it."""
    if AT_MEETING.match(sent.text):
        return  # _at_meeting has this sentence
    verbs = verbs_of(sent, ctx)
    for m in ctx.verbs_in(sent, SPEAK_RE):
        if m.group(0) == "报告" and not re.search("作[^，。；]{0,12}$", sent.text[: m.start()]):
            continue  # 听取报告 is listening; 作工作报告 is speaking
        event = ctx.current_event(sent.start + m.start(), "会")
        if event is None or re.search("行动|活动$", event.name):
            continue
        lo = max([v.end() for v in verbs if v.end() <= m.start()] + [0])
        lo = max([s.end() for s in SPEAK_RE.finditer(sent.text[: m.start()])] + [lo])
        for p in sent.persons:
            if sent.start + lo <= p.start and p.end <= sent.start + m.start():
                yield Found(
                    "ATTENDED", ("Person", p.name), ("Event", event.name), (sent.start, sent.end), rule="attend.speaker"
                )


def at_meeting(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """在…座谈会上，林海峰汇报了…: whoever speaks at a meeting attended it."""
    m = AT_MEETING.match(sent.text)
    if not m or CHAIR_RE.search(sent.text):
        return
    phrase_end = sent.start + m.end(1)
    word = _BARE_MEETING.findall(m.group(1))
    event = ctx.event_in(sent.start, phrase_end + 1) or ctx.refer(
        word[-1] if word else "会", sent.start, phrase_end - 3
    )
    if event is None:
        return
    for p in sent.persons:
        if p.start >= phrase_end:
            yield Found(
                "ATTENDED", ("Person", p.name), ("Event", event.name), (sent.start, sent.end), rule="attend.at_meeting"
            )


def meetings(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """X主持召开…会议, Y、Z出席, 出席会议的领导有…, 陪同出席开幕式: chairs and attendees of an event
    named after the verb, or of the meeting a bare 会议 refers to."""
    verbs = verbs_of(sent, ctx)
    chairs: set[str] = set()
    for m in verbs:
        kind = "CHAIRED" if CHAIR_RE.fullmatch(m.group(0)) else "ATTENDED" if ATTEND_RE.fullmatch(m.group(0)) else None
        if kind is None:
            continue
        verb_end = sent.start + m.end()
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        after = ctx.text[verb_end : sent.end]
        rule = "chair.verb" if kind == "CHAIRED" else "attend.verb"
        if _LIST_AFTER.match(after):
            people = [p for p in sent.persons if p.start >= verb_end]
            rule = "attend.list_after"
        else:
            people = segment_persons(sent, verbs, m)
        if kind == "CHAIRED" and people:
            people = people[-1:]  # the chair is the name right before 主持
        event = ctx.event_in(verb_end, clause_end + 1)
        if event is None and ACCOMPANY_RE.fullmatch(m.group(0)):
            event = ctx.event_in(sent.start, sent.end)
            rule = "attend.accompany_event"
        rest = ctx.text[verb_end:clause_end]
        if _UNNAMED.fullmatch(rest.strip()) or "或" in ctx.text[sent.start : clause_end]:
            continue  # 参加相关活动; 分别陪同考察或参加座谈: no event is named
        bare = _BARE_MEETING.search(rest)
        refers = bare or not rest.strip() or re.match(r"^并(?:讲话|致辞|发言)", rest)
        if event is None and (refers or kind == "CHAIRED" or re.search("会议|座谈|会上", sent.text)):
            event = ctx.refer(bare.group(0) if bare else "会", verb_end, verb_end + (bare.start() if bare else 0))
        if event is None:
            continue
        for p in people:
            if kind == "ATTENDED" and p.name in chairs:
                continue
            if kind == "CHAIRED":
                chairs.add(p.name)
            yield Found(kind, ("Person", p.name), ("Event", event.name), (sent.start, sent.end), rule=rule)


_REMARK = re.compile(f"(?:{lexicon.alternation('verbs_remark')})")
_PRONOUN = re.compile(r"^(?:他|她)(?:在[^，。；]{0,12}(?:中|上))?(?:还|也|并)?")


def remarks(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """市委书记甲首先介绍了市情。他指出，…: once a meeting is named, the people whose
    remarks the following paragraphs report (the sentence opens with them) attended it. Not in a
    sentence about a visit (在调研中指出 is said on the visit)."""
    if AT_MEETING.match(sent.text) or VISIT_RE.search(sent.text):
        return
    event = ctx.current_event(sent.start, "会")
    if event is None or event.start >= sent.start or re.search("行动|活动$", event.name):
        return
    first = next((p for p in sent.persons), None)
    speaker = None
    if first is not None and _opens_with(sent, first):
        speaker = first.name
    elif _PRONOUN.match(sent.text):
        earlier = [p for p in ctx.actors if p.end <= sent.start]
        speaker = earlier[-1].name if earlier else None
    if speaker is None:
        return
    verb = _REMARK.search(sent.text)
    if verb is None or verb.start() > 40:
        return
    yield Found("ATTENDED", ("Person", speaker), ("Event", event.name), (sent.start, sent.end), rule="attend.remarks")


def _opens_with(sent: Sentence, person: Mention) -> bool:
    """Whether the sentence opens with the person (after a title of a few words at most)."""
    lead = sent.text[: person.start - sent.start]
    return len(lead) <= 16 and not re.search("[，；：]|在|对|向|与|和|同|的", lead)


_TALK = r"([^，。；]{0,12}?(?:会谈|座谈会|座谈))"
#: 双方举行会谈, 两地在市委会议中心举行东西部协作会谈, 会见…并举行座谈: the talks of a meeting's sides.
_SIDES_TALK = re.compile(r"(?:双方|两地|宾主)(?:在[^，。；]{1,20}?)?(?:举行|进行)(?:了)?" + _TALK)
_JOINT_TALK = re.compile(r"并(?:举行|进行)(?:了)?" + _TALK)
#: 甲与乙、丙等座谈; 甲在州府与慰问团一行座谈.
_WITH_TALK = re.compile(r"与([^，。；]{1,40}?)(?:进行|举行)?(?:了)?(座谈|会谈)(?!会)")


def talks(ctx: RuleContext, sent: Sentence, found: list[Found]) -> Iterator[Found]:
    """Both sides of talks attended them: 双方举行会谈 after a 会见 (its hosts and guests, a guest
    delegation by the people leading it); 会见…并举行座谈; 甲与乙、丙座谈 (甲 and the people or the
    led party after 与)."""
    led = {p.name: p.leaders for p in parties(ctx) if p.name}

    def people(ends: list[tuple[str, str]]) -> list[str]:
        out: list[str] = []
        for kind, name in ends:
            out.extend([name] if kind == "Person" else led.get(name, ()))
        return out

    def event(m: re.Match[str]) -> str:
        named = ctx.event_in(sent.start + m.start(1), sent.start + m.end(1))
        return named.name if named else m.group(1)

    k = ctx.sentences.index(sent)
    since = ctx.sentences[k - 1].start if k else sent.start
    sides = [f for f in found if f.type == "MET" and since <= f.span[0] <= sent.start]
    for m in [*_SIDES_TALK.finditer(sent.text), *_JOINT_TALK.finditer(sent.text)]:
        names = people([e for f in sides for e in (f.head, f.tail)])
        if not names and m.re is _SIDES_TALK:
            party = party_at(ctx, sent.start + m.start())
            names = list(party.leaders) if party else []
        for name in dict.fromkeys(names):
            yield Found("ATTENDED", ("Person", name), ("Event", event(m)), (sent.start, sent.end), rule="attend.talks")
    verbs = verbs_of(sent, ctx)
    for m in _WITH_TALK.finditer(sent.text):
        lo = max([v.end() for v in verbs if v.end() <= m.start()] + [0])
        hosts = [p.name for p in sent.persons if sent.start + lo <= p.start and p.end <= sent.start + m.start()]
        inside = [p.name for p in sent.persons if sent.start + m.start(1) <= p.start < sent.start + m.end(1)]
        if not inside and (GROUP_WORD.search(m.group(1)) or "一行" in m.group(1)):
            party = party_at(ctx, sent.start + m.end(1))
            inside = list(party.leaders) if party else []
        at = sent.start + m.start(2)
        talk = ctx.refer(m.group(2), at, at) or Mention("Event", m.group(2), at, at + len(m.group(2)))
        if hosts and inside:  # 甲与乙会谈 after …举行工作会谈: those talks
            for name in dict.fromkeys([*hosts, *inside]):
                yield Found(
                    "ATTENDED",
                    ("Person", name),
                    ("Event", talk.name),
                    (sent.start, sent.end),
                    rule="attend.talks_with",
                )
