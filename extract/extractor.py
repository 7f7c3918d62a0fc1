"""`extract(article) -> Facts`: mentions and rules turned into entities and evidence-carrying relations."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import replace

from extract import lexicon
from extract.dates import DateSpan, sentence_date
from extract.events import find_delegations, find_events
from extract.hanlp_backend import Tagger, get_tagger
from extract.mentions import (
    MEETING_ALT,
    ArticleMentions,
    Mention,
    SpanIndex,
    drop_overlong_places,
    find_organizations,
    find_places,
    is_kind_only,
)
from extract.persons import find_person_names, occurrences, titles_after, titles_before
from extract.pieces import MAX_ARTICLE_CHARS, merge_pieces, piece_spans, tokens_between
from extract.rules import Found, RuleContext, find_relations
from extract.rules.discourse import is_anonymous_group
from extract.script import analysis_text, as_printed
from extract.text import MAX_SENTENCE_CHARS, sentences
from extract.tokens import Tokens
from kg.model import (
    AGREEMENT,
    ARTICLE,
    AUTHORED,
    EVENT,
    HOLDS_POSITION,
    ORGANIZATION,
    PARTY_TO,
    PERSON,
    SIGNED_AGREEMENT,
    Article,
    Entity,
    Evidence,
    Facts,
    Relation,
    content_id,
)

log = logging.getLogger(__name__)

_TITLE_WORD = re.compile(f"(?:{lexicon.alternation('titles')})$")
# Titles without an organization in them belong to the government of their level.
_GOVERNMENT_OF = {
    "市长": "市政府",
    "副市长": "市政府",
    "常务副市长": "市政府",
    "区长": "区政府",
    "副区长": "区政府",
    "县长": "县政府",
    "副县长": "县政府",
    "镇长": "镇政府",
    "副镇长": "镇政府",
    "乡长": "乡政府",
    "副乡长": "乡政府",
    "省长": "省政府",
    "副省长": "省政府",
}


_INLINE_BYLINE = re.compile(r"[（(][^（）()\n]{0,40}?(?:记者|通讯员|评论员)[^（）()\n]{0,40}[）)]")


def byline_spans(text: str, byline_lines: int) -> list[tuple[int, int]]:
    """Where the article names its authors: its leading byline lines and （记者 X） asides."""
    spans = [m.span() for m in _INLINE_BYLINE.finditer(text)]
    pos = 0
    for _ in range(byline_lines):
        end = text.find("\n", pos)
        if end < 0:
            break
        spans.append((pos, end))
        pos = end + 1
    return spans


def entity_id(entity_type: str, name: str, scope: str = "") -> str:
    """Readable, stable ids: Person:林海峰; events and agreements are scoped by date or article."""
    return f"{entity_type}:{name}" + (f"|{scope}" if scope else "")


def is_generic_event(name: str) -> bool:
    """会见, 座谈会, 签约仪式: a name that says only what kind of gathering it was."""
    return name in _GENERIC_EVENTS


_GENERIC_EVENTS = frozenset(lexicon.words("generic_events"))


def event_scope(name: str, date: str | None, article_id: str) -> str:
    """An event is one node per full name and date across articles; a generic one (two unrelated
    会见 on the same day) stays inside its article."""
    if is_generic_event(name) or not date:
        return f"{date}|{article_id}" if date else article_id
    return date


def _second_mentions(text: str, found: ArticleMentions) -> None:
    """林书记 / 苏市长 on second mention: surname + title word of exactly one person here."""
    owners: dict[str, set[str]] = {}
    for name, titles in found.titles.items():
        for title in titles:
            word = _TITLE_WORD.search(title)
            if word:
                short = name[0] + word.group(0).removeprefix("副").removeprefix("常务")
                owners.setdefault(short, set()).add(name)
    taken = SpanIndex([(m.start, m.end) for m in found.persons])
    for short, names in owners.items():
        if len(names) != 1:
            continue
        name = next(iter(names))
        for start, end in occurrences(text, short):
            if not taken.covers(start):
                found.persons.append(Mention(PERSON, name, start, end))
    found.persons.sort(key=lambda m: m.start)


def collect_mentions(
    text: str, tagger: Tagger, byline: list[str], tokens: Tokens | None = None
) -> tuple[ArticleMentions, Tokens]:
    """All mentions of an article, and the tokens they came from (segmented here unless given)."""
    tokens = tokens if tokens is not None else tagger.tokens(text)
    found = ArticleMentions()
    organizations = find_delegations(text) + find_organizations(text, tokens)
    for name in find_person_names(text, tokens, byline):
        titles: list[str] = []
        spans = occurrences(text, name)
        for start, end in spans:
            for title in titles_before(text, start, tokens) + titles_after(text, end):
                if title not in titles:
                    titles.append(title)
        if not titles and name not in byline and _place_and_a_word(name, text):
            continue  # 白江多 of 白江多条干线, 鹿湖援 of 鹿湖援建: a place the article names, and a word
        if not titles and name not in byline and all(_inside_org(s, e, organizations) for s, e in spans):
            continue  # 华钧精/nr 锻/vg 机械有限公司: the front of a company's name, never a person alone
        found.persons.extend(Mention(PERSON, name, start, end) for start, end in spans)
        found.titles[name] = titles
    _second_mentions(text, found)
    person_spans = SpanIndex([(m.start, m.end) for m in found.persons])

    def clear(m: Mention) -> bool:
        return not person_spans.overlaps(m.start, m.end)

    found.places = drop_overlong_places([m for m in find_places(text, tokens) if clear(m)])
    found.organizations = [m for m in organizations if clear(m)]
    found.events = [e for e in (_trim_event(ev, person_spans) for ev in find_events(text, tokens)) if e]
    return found, tokens


_MEETING_END = re.compile(f"(?:{MEETING_ALT})$")


def _inside_org(start: int, end: int, organizations: list[Mention]) -> bool:
    """Whether [start, end) is the front of a longer organization's name, or follows a lone
    character of it (华钧精 of 华钧精锻机械有限公司, 江竹韵 of 溟江竹韵家居有限公司)."""
    return any(0 <= start - m.start <= 1 and end < m.end for m in organizations)


def _place_and_a_word(name: str, text: str) -> bool:
    """Whether a three-character name is a place the article prints with its unit (白江市) and the
    first character of the next word: 白江多, 康屯正, 海津港."""
    return (
        len(name) == 3
        and "·" not in name
        and re.search(re.escape(name[:2]) + "(?:市|县|区|州|旗|镇|乡)", text) is not None
    )


# The party committees, governments, congresses and CPPCCs of a place: their titles are how
# papers name office-holders, not mentions of the body itself.
_ORGAN = re.compile(
    r"(?:党委|党工委|纪委|委|人民政府|政府|人大常委会|人大|政协|常委会|组织部|宣传部|统战部|党支部|党总支|委员会|党组)$"
)


def _trim_event(ev: Mention, person_spans: SpanIndex) -> Mention | None:
    """An event name never holds a person or the verb before it (周立民主持大会 → no name)."""
    start = ev.start
    inside = person_spans.last_end_starting_in(ev.start, ev.end)
    if inside is not None:
        start = max(start, inside)
    cut = list(re.finditer("主持召开|主持|召开|出席|参加|举行", ev.name))
    if cut:
        start = max(start, ev.start + cut[-1].end())
    name = ev.name[start - ev.start :]
    word = _MEETING_END.search(name)
    if not word or len(name) - len(word.group(0)) < 2:
        return None
    return Mention(ev.type, name, start, ev.end)


def position_org(title: str) -> str | None:
    """The organization a title is held in: 临溪区委书记 → 临溪区委, 市长 → 市政府."""
    if title in _GOVERNMENT_OF:
        return _GOVERNMENT_OF[title]
    word = _TITLE_WORD.search(title)
    if not word:
        return None
    org = re.sub("(?:常务|执行|第一|专职|挂职)?副?$", "", title[: word.start()])  # 常务副县长: 县长's office
    if not org and word.group(0) in _GOVERNMENT_OF:
        return _GOVERNMENT_OF[word.group(0)]
    if word.group(0) in _GOVERNMENT_OF and org[-1:] in "市县区镇乡省":
        return org + "政府"  # 东陵县县长 heads 东陵县政府, not the county itself
    return org if len(org) >= 2 else None


def extract(article: Article, tagger: Tagger | None = None, tokens: Tokens | None = None) -> Facts:
    """Facts of one article: people with titles, organizations, places, events, agreements, and
    the relations between them, each with its evidence sentence. `tokens`: the segmentation of
    `analysis_text(article.text)` (the simplified form of a traditional article, else the text),
    when the caller had HanLP segment it ahead (Tagger.tokens_ahead)."""
    tagger = tagger or get_tagger()
    analysed = analysis_text(article.text, tagger)
    simplified = analysed is not article.text
    if len(analysed) <= MAX_ARTICLE_CHARS:
        return _extract_read(article, analysed if simplified else None, tagger, tokens)
    tokens = tokens if tokens is not None else tagger.tokens(analysed)
    spans = piece_spans(analysed, tokens)
    log.warning(
        "%s: an article of %d characters (more than %d) is read in %d pieces; names and events "
        "are not linked across them",
        article.source,
        len(analysed),
        MAX_ARTICLE_CHARS,
        len(spans),
    )
    pieces = []
    unplaced = list(article.byline)
    for start, end in spans:
        # Each author goes to the first piece that prints the name (the byline lines open the article).
        byline = tuple(n for n in unplaced if n in article.text[start:end])
        unplaced = [n for n in unplaced if n not in byline]
        piece = replace(article, text=article.text[start:end], byline=byline)
        facts = _extract_read(
            piece, analysed[start:end] if simplified else None, tagger, tokens_between(tokens, start, end)
        )
        pieces.append((start, facts))
    return merge_pieces(article, pieces)


def _extract_read(article: Article, simplified: str | None, tagger: Tagger, tokens: Tokens | None) -> Facts:
    """Facts of an article, read in its `simplified` form when it is printed in traditional characters."""
    if simplified is None:
        return _extract(article, tagger, tokens)
    byline = tuple(tagger.to_simplified(name) for name in article.byline)
    facts = _extract(replace(article, text=simplified, byline=byline), tagger, tokens)
    return as_printed(facts, article.text)


def _extract(article: Article, tagger: Tagger, tokens: Tokens | None) -> Facts:
    text = article.text
    mentions, tokens = collect_mentions(text, tagger, list(article.byline), tokens)
    spans = sentences(text, MAX_SENTENCE_CHARS, breaks=tokens.starts)  # a hard cut falls between words
    span_starts = [s for s, _ in spans]
    ctx = RuleContext(text, mentions, spans, byline_spans(text, _leading_byline_lines(text)), tokens)
    entities: dict[tuple[str, str], Entity] = {}
    relations: list[Relation] = []

    def sentence_of(pos: int) -> tuple[int, int]:
        k = bisect_right(span_starts, pos) - 1
        if k >= 0 and pos < spans[k][1]:
            return spans[k]
        return spans[0] if spans else (0, len(text))

    def days_of(span: tuple[int, int]) -> DateSpan | None:
        return sentence_date(text[span[0] : span[1]], article.date)

    # An event's days are those of the sentence that first names it (5月24日至25日 → start and end).
    event_days: dict[str, DateSpan | None] = {}
    for ev in mentions.events:
        if ev.name not in event_days:
            event_days[ev.name] = days_of(sentence_of(ev.start))

    def ensure(kind: str, name: str, span: tuple[int, int] | None = None, **extra: object) -> Entity:
        key = (kind, name)
        if key not in entities:
            scope = ""
            props: dict[str, object] = dict(extra.get("properties", {}))  # type: ignore[call-overload]
            if kind == EVENT:
                # The days of the event's own sentence (昨日 → the day before the issue), else the
                # article's date: `date` is its first day, `start` and `end` its span.
                days = event_days.get(name)
                if days is None and span is not None:
                    days = days_of(span)
                date = days.start if days else article.date
                scope = event_scope(name, date, article.id)
                if date:
                    props["date"] = date
                    props["start"] = date
                    props["end"] = days.end if days else date
            elif kind == ORGANIZATION and is_anonymous_group(name):
                scope = article.id  # 考察团, 党政代表团: this article's delegation, not every one's
            entities[key] = Entity(
                id=entity_id(kind, name, scope),
                type=kind,
                name=name,
                titles=tuple(extra.get("titles", ())),  # type: ignore[arg-type]
                properties=props,
            )
        return entities[key]

    for name, titles in mentions.titles.items():
        ensure(PERSON, name, titles=titles)
    for m in mentions.organizations + mentions.places + mentions.events:
        ensure(m.type, m.name)

    def add(kind: str, head: Entity, tail: Entity, span: tuple[int, int], props: dict[str, object]) -> None:
        s, e = span
        sentence = text[s:e]
        days = days_of(span)
        date = days.start if days else tail.properties.get("date") or article.date
        if date:
            props = {"date": date, **props}
        relations.append(Relation(kind, head.id, tail.id, Evidence(article.id, sentence, s, e), properties=props))

    seen: set[tuple[str, str, str, int]] = set()
    for found in find_relations(ctx):
        head, tail = ensure(*found.head, span=found.span), ensure(*found.tail, span=found.span)
        key = (found.type, head.id, tail.id, found.span[0])
        if key in seen:
            continue
        seen.add(key)
        props: dict[str, object] = {**dict(found.properties), "rule": found.rule}
        add(found.type, head, tail, found.span, props)
        if found.type == SIGNED_AGREEMENT:
            _add_agreement(
                found,
                head,
                tail,
                ensure_agreement=lambda n, scope: _agreement(entities, n, scope),
                add=add,
                article=article,
            )

    first_mention: dict[str, Mention] = {}
    for m in mentions.persons:
        first_mention.setdefault(m.name, m)
    for name, titles in mentions.titles.items():
        person = entities[(PERSON, name)]
        first = first_mention[name]
        for title in titles:
            org = position_org(title)
            if org and org[0] in "区县镇乡" and org[1:] in ("政府", "委", "人大", "政协"):
                org = _qualify(org, text, first.start, mentions) or org
            if org and not is_kind_only(org):  # 公司总经理: the article's company, named elsewhere
                # An organization known only from a title (市委 in 市委书记) says so: the text never
                # names it as a body of its own, and evaluation follows the guidelines on that.
                body = ensure(ORGANIZATION, org, properties={"source": "title"} if _ORGAN.search(org) else {})
                add(HOLDS_POSITION, person, body, sentence_of(first.start), {"title": title, "rule": "position.title"})

    authors = [n for n in list(article.byline) if (PERSON, n) in entities]
    if authors:
        art = Entity(id=entity_id(ARTICLE, article.id), type=ARTICLE, name=article.title or article.id)
        entities[(ARTICLE, article.id)] = art
        for name in authors:
            person = entities[(PERSON, name)]
            first = first_mention[name]
            span = sentence_of(first.start) if first.start < len(text) else (spans[0] if spans else (0, len(text)))
            add(AUTHORED, person, art, span, {"rule": "authored.byline"})
    return Facts(article=article, entities=tuple(entities.values()), relations=tuple(relations))


def _qualify(org: str, text: str, pos: int, mentions: ArticleMentions) -> str | None:
    """区政府 beside 海澄区委书记 is 海澄区政府: borrow the nearest unit of that level named before."""
    level = org[0]
    names = [m.name for m in mentions.places + mentions.organizations if m.end <= pos]
    names += [t for ts in mentions.titles.values() for t in ts]
    for name in reversed(names):
        m = re.match(f"^(.+?{level})", name)
        if m and len(m.group(1)) >= 3 and not re.search("副|常务|委|长|书记", m.group(1)):  # not 常务副县(长)
            return m.group(1) + org[1:]
    return None


def _leading_byline_lines(text: str) -> int:
    from extract.layout import is_byline

    count = 0
    for line in text.split("\n"):
        if not is_byline(line):
            break
        count += 1
    return count


def _agreement(entities: dict[tuple[str, str], Entity], name: str, scope: str) -> Entity:
    key = (AGREEMENT, f"{name}|{scope}")
    if key not in entities:
        entities[key] = Entity(id=entity_id(AGREEMENT, name, scope), type=AGREEMENT, name=name)
    return entities[key]


def _add_agreement(found: Found, head: Entity, tail: Entity, *, ensure_agreement, add, article: Article) -> None:  # type: ignore[no-untyped-def]
    """Each signing pair gets its own Agreement node, linked to both parties by PARTY_TO."""
    name = dict(found.properties)["agreement"]
    scope = content_id(name, *sorted((head.name, tail.name)), article.date or article.id, length=10)
    agreement = ensure_agreement(name, scope)
    for party in (head, tail):
        add(PARTY_TO, party, agreement, found.span, {"agreement": name, "rule": found.rule})
