"""What the relation rules share: the article's sentences and mentions, the verbs the rules key
on (lexicon files verbs_*.txt), and the meeting a bare 会议 refers to."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract import lexicon
from extract.mentions import ArticleMentions, Mention
from extract.tokens import Tokens


def verbs(*names: str) -> re.Pattern[str]:
    """One pattern for the words of the lexicons `verbs_<name>.txt`, longest first."""
    words = sorted({w for n in names for w in lexicon.words(f"verbs_{n}")}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


CHAIR_RE = verbs("chair")
ATTEND_RE = verbs("attend", "accompany")
ACCOMPANY_RE = verbs("accompany")
VISIT_RE = verbs("visit")
SIGN_RE = verbs("sign")
MEET_RE = verbs("meet")
SPEAK_RE = verbs("speak")
#: Every verb the rules key on: the people between two of them are the later one's subjects.
ANY_VERB_PATTERN = verbs("chair", "attend", "accompany", "visit", "sign", "meet").pattern
_ANY_VERB = re.compile(ANY_VERB_PATTERN)
_CLAUSE_BREAK = "，；。：！？\n"
# Bare words that name a gathering of its own kind (a 会见 is not the conference before it).
_SPECIFIC_BARE = re.compile("签约仪式|座谈会|工作座谈|座谈|" + "|".join(map(re.escape, lexicon.words("verbs_meet"))))


@dataclass(frozen=True)
class Found:
    """A relation found by a rule, with endpoints named by (type, name), the sentence span and
    the name of the rule that found it (``family.structure``, e.g. ``attend.verb``)."""

    type: str
    head: tuple[str, str]
    tail: tuple[str, str]
    span: tuple[int, int]
    properties: tuple[tuple[str, str], ...] = ()
    rule: str = ""


@dataclass
class Sentence:
    """A sentence with the mentions that fall inside it."""

    start: int
    end: int
    text: str
    persons: list[Mention] = field(default_factory=list)
    verbs: list[re.Match[str]] | None = None  # the verbs the rules key on, found once


_RELAY_BEFORE = re.compile("(?:传达|学习|贯彻|落实|领会|宣讲)[^，。；]{0,3}$")
_RELAY_AFTER = re.compile("^(?:的)?(?:精神|要求|部署|决策部署)")


def _relayed(text: str, m: Mention) -> bool:
    """Whether an event is named only as something to relay or study: 传达…会议精神."""
    return bool(
        _RELAY_BEFORE.search(text[max(0, m.start - 8) : m.start]) or _RELAY_AFTER.match(text[m.end : m.end + 5])
    )


def find_clause_start(text: str, pos: int, floor: int) -> int:
    for i in range(pos - 1, floor - 1, -1):
        if text[i] in _CLAUSE_BREAK:
            return i + 1
    return floor


def find_clause_end(text: str, pos: int, ceiling: int) -> int:
    for i in range(pos, ceiling):
        if text[i] in _CLAUSE_BREAK:
            return i
    return ceiling


class RuleContext:
    """What the rules need to know about one article."""

    def __init__(
        self,
        text: str,
        mentions: ArticleMentions,
        sentences: list[tuple[int, int]],
        bylines: Sequence[tuple[int, int]] = (),
        tokens: Tokens | None = None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.mentions = mentions
        self.sentences = []
        in_byline = [m for m in mentions.persons if any(s <= m.start < e for s, e in bylines)]
        persons = sorted(mentions.persons, key=lambda m: m.start)  # stable: as found, within a start
        starts = [m.start for m in persons]
        for s, e in sentences:
            sent = Sentence(s, e, text[s:e])
            # Journalists named in a byline (本报讯（记者 赵一鸣）…) are not the sentence's actors.
            inside = persons[bisect_left(starts, s) : bisect_left(starts, e)]
            sent.persons = [m for m in inside if m not in in_byline]
            self.sentences.append(sent)
        self.named_events = sorted(mentions.events, key=lambda m: m.start)
        # Meetings the article only passes on (传达全市一季度经济形势分析会精神) are not the meeting a
        # bare 会议 of this article means.
        held = {m.name for m in self.named_events if not _relayed(text, m)}
        self.relayed = {m.name for m in self.named_events} - held
        self.parties: list | None = None  # the visiting parties, found once (extract.rules.discourse)
        #: sentence span → the visitors of the visits it states (filled by the visit rules)
        self.visit_actors: dict[tuple[int, int], list[tuple[str, str]]] = {}
        # People who are the subject of a verb of office somewhere: what a later 他 refers to.
        self.actors = [
            p for s in self.sentences for p in s.persons if _ANY_VERB.search(text, p.end, min(p.end + 12, s.end))
        ]

    def current_event(self, pos: int, word: str = "") -> Mention | None:
        """The meeting a bare 会议/活动 at `pos` refers to: the last one named before, else the first
        after; a bare 会议 prefers meetings over campaigns (…行动, …活动)."""
        events = [m for m in self.named_events if m.name not in self.relayed] or self.named_events
        if word.startswith(("会", "座谈", "大会")):
            meetings = [m for m in events if not re.search("行动|活动$", m.name)]
            events = meetings or events
        before = [m for m in events if m.start < pos]
        if before:
            return before[-1]
        return events[0] if events else None

    def refer(self, word: str, pos: int, at: int) -> Mention | None:
        """The event a bare meeting word refers to. 座谈会 or 签约仪式 after a differently named
        meeting is a gathering of its own that the article names only by its kind."""
        event = self.current_event(pos, word)
        if len(word) >= 2 and (event is None or word not in event.name):
            # 参加会谈 after …举行东西部协作会谈 and a 签约仪式 named since: the last 会谈 named
            same = [m for m in self.named_events if m.start < pos and m.name.endswith(word)]
            event = same[-1] if same else event
        if _SPECIFIC_BARE.fullmatch(word) and (event is None or word not in event.name):
            return Mention("Event", word, at, at + len(word))
        return event

    def event_in(self, start: int, end: int) -> Mention | None:
        for m in self.named_events:
            if start <= m.start < end:
                return m
        return None

    def is_verb(self, sent: Sentence, m: re.Match[str]) -> bool:
        """Whether a verb found in the sentence's characters is one in HanLP's reading too: not part
        of a longer word such as 考察团, 签约仪式, 检查站 or 工作报告 (a word HanLP glued to a name,
        峰会 in 林海峰会见, does not hide the verb: it does not hold the whole verb)."""
        tokens = self.tokens
        if tokens is None:
            return True
        start, end = sent.start + m.start(), sent.start + m.end()
        i = bisect_right(tokens.starts, start) - 1
        if i < 0:
            return True
        word, nature = tokens.words[i], tokens.natures[i]
        inside = tokens.starts[i] <= start and end <= tokens.ends[i] and len(word) > end - start
        return not inside or nature.startswith("v")

    def verbs_in(self, sent: Sentence, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """The matches of a verb pattern in the sentence that are verbs (see is_verb)."""
        return [m for m in pattern.finditer(sent.text) if self.is_verb(sent, m)]


def verbs_of(sent: Sentence, ctx: RuleContext | None = None) -> list[re.Match[str]]:
    """Every verb of the rules in the sentence, in order (found once)."""
    if sent.verbs is None:
        found = _ANY_VERB.finditer(sent.text)
        sent.verbs = [m for m in found if ctx is None or ctx.is_verb(sent, m)]
    return sent.verbs


def segment_persons(sent: Sentence, verbs: list[re.Match[str]], m: re.Match[str]) -> list[Mention]:
    """People between the previous verb of a rule and this one: the verb's subjects. Verbs that
    touch (陪同出席) or are joined by 并 (见面，并陪同) share their subjects."""
    bounds = [0]
    start = m.start()
    for other in reversed([v for v in verbs if v.end() <= m.start()]):
        if other.end() >= start - 1 or sent.text[other.end() : start] in ("并", "，并"):
            start = other.start()  # 陪同出席 / 参加调研和座谈 / 见面，并陪同观看
            continue
        bounds.append(other.end())
        break
    prev_end = max(bounds)
    lo, hi = sent.start + prev_end, sent.start + m.start()
    return [p for p in sent.persons if lo <= p.start and p.end <= hi]
