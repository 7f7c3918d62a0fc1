"""Traditional characters: an article printed in 繁體 is analysed in its simplified form.

HanLP's converter (phrase-aware: 乾隆 stays, 乾杯 → 干杯) maps the text one character to one, so
every offset into the simplified text is an offset into the printed one: evidence quotes the
article as printed, and names are printed as in the text, with the simplified form as an alias.
Entity ids are made from the simplified name, so 林海峯 in a traditional repost and 林海峰 in the
paper are one person.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Protocol

from extract.text import count_han
from kg.model import Entity, Evidence, Facts, Relation

#: A text is analysed as traditional when this many of its characters are traditional forms and
#: they are at least this share of its Chinese characters: a simplified text may hold a stray
#: 乾 (乾隆) or a name in its traditional form, a traditional one holds dozens.
MIN_TRADITIONAL = 3
MIN_SHARE = 0.02


class Converter(Protocol):
    """Converts traditional Chinese to simplified (HanLPTagger implements it)."""

    def to_simplified(self, text: str) -> str: ...


@cache
def _traditional_chars(converter: Converter) -> re.Pattern[str]:
    """The characters the converter changes on their own: traditional-only forms."""
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    out = converter.to_simplified("\n".join(chars)).split("\n")
    changed = "".join(c for c, o in zip(chars, out) if o != c)
    return re.compile(f"[{changed}]") if changed else re.compile("(?!)")


def is_traditional(text: str, converter: Converter) -> bool:
    """Whether the text is printed in traditional characters."""
    found = _traditional_chars(converter).findall(text)  # type: ignore[arg-type]  # a tagger object hashes by identity
    if len(found) < MIN_TRADITIONAL:
        return False
    han = count_han(text)
    return len(found) >= MIN_SHARE * han


def analysis_text(text: str, converter: Converter) -> str:
    """The text the rules read: the simplified form of a traditional text, else the text itself.
    Always the same length as `text`, so offsets carry over."""
    if not is_traditional(text, converter):
        return text
    simple = converter.to_simplified(text)
    if len(simple) == len(text):
        return simple
    # A phrase changed length: convert line by line, and character by character where needed.
    lines = []
    for line in text.split("\n"):
        converted = converter.to_simplified(line) if line else line
        if len(converted) != len(line):
            converted = "".join(c if len(s := converter.to_simplified(c)) != 1 else s for c in line)
        lines.append(converted)
    return "\n".join(lines)


def as_printed(facts: Facts, printed: str) -> Facts:
    """Facts extracted from the simplified text, given back in the printed one: evidence quotes
    the printed sentence, names and titles appear as printed, the simplified names as aliases."""
    analysed = facts.article.text
    article = replace(facts.article, text=printed)

    def printed_form(name: str) -> str:
        at = analysed.find(name)
        return printed[at : at + len(name)] if at >= 0 else name

    entities: list[Entity] = []
    for e in facts.entities:
        name = printed_form(e.name)
        forms = dict.fromkeys([*(printed_form(a) for a in e.aliases), *e.aliases, e.name])
        aliases = tuple(a for a in forms if a != name)
        entities.append(replace(e, name=name, aliases=aliases, titles=tuple(printed_form(t) for t in e.titles)))
    relations = []
    for r in facts.relations:
        ev = r.evidence
        props = dict(r.properties)
        for key in ("agreement", "title"):
            if isinstance(props.get(key), str):
                props[key] = printed_form(props[key])
        relations.append(
            Relation(
                r.type,
                r.head,
                r.tail,
                Evidence(ev.article_id, printed[ev.start : ev.end], ev.start, ev.end),
                properties=props,
            )
        )
    return Facts(article=article, entities=tuple(entities), relations=tuple(relations))
