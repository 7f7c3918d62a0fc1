"""The relation rules: each finds one structure of news text and has a name
(``family.structure``, carried on every relation as ``properties.rule``).

Rules work sentence by sentence on the mentions of `extract.mentions`, `extract.persons` and
`extract.events`; each yields `Found` records (typed endpoints by name, the sentence span,
properties, the rule's name), which `extract.extractor` turns into entities with ids and into
evidence-carrying Relations. A rule family runs on a sentence only when the sentence holds one
of its trigger words (the lexicon files ``verbs_*.txt``): the families below say which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extract.rules import agreements, attendance, contacts, visits
from extract.rules.context import Found, RuleContext, Sentence, verbs

__all__ = ["Found", "RuleContext", "Family", "FAMILIES", "find_relations"]


@dataclass(frozen=True)
class Family:
    """Rules that share their trigger words: they run on a sentence holding one of them."""

    name: str
    rules: tuple[Callable[[RuleContext, Sentence], Iterator[Found]], ...]
    triggers: re.Pattern[str]
    #: A sentence may also open on a structure instead of a verb (在…会上，).
    opener: re.Pattern[str] | None = None


FAMILIES: tuple[Family, ...] = (
    Family("attend", (attendance.meetings,), verbs("chair", "attend", "accompany")),
    Family(
        "attend.speakers", (attendance.at_meeting, attendance.speakers), verbs("speak"), opener=attendance.AT_MEETING
    ),
    Family("attend.remarks", (attendance.remarks,), verbs("remark")),
    Family("sign", (agreements.signings,), verbs("sign")),
    Family("visit", (visits.visits,), verbs("visit")),
    Family("visit.arrival", (visits.arrivals,), visits.ARRIVAL),
    Family("contact", (contacts.meets,), verbs("meet")),
)


#: Rules that read what the rules above found in the article (whom a companion goes along with
#: are the visitors of that visit): they run once the first families are done.
LATER: tuple[tuple[str, Callable[[RuleContext, Sentence, list[Found]], Iterator[Found]], re.Pattern[str]], ...] = (
    ("contact.accompany", contacts.accompaniments, verbs("accompany")),
    ("attend.talks", attendance.talks, re.compile("会谈|座谈")),
)


def find_relations(ctx: RuleContext) -> list[Found]:
    """All rule-based relations of the article. Whoever chaired a meeting did not also
    merely attend it."""
    found: list[Found] = []
    for sent in ctx.sentences:
        for family in FAMILIES:
            if family.triggers.search(sent.text) or (family.opener and family.opener.match(sent.text)):
                for rule in family.rules:
                    found.extend(rule(ctx, sent))
    first = list(found)
    for _, later, triggers in LATER:
        for sent in ctx.sentences:
            if triggers.search(sent.text):
                found.extend(later(ctx, sent, first))
    chaired = {(f.head, f.tail) for f in found if f.type == "CHAIRED"}
    return [f for f in found if not (f.type == "ATTENDED" and (f.head, f.tail) in chaired)]
