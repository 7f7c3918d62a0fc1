"""Over-long articles in bounded pieces: where to cut, each piece's tokens, and the pieces' facts
merged back into the facts of one article.

A printed article has a few thousand characters; a text far longer (a whole archive pasted as
one article, a line without punctuation) is read piece by piece, so no rule ever sees more than
MAX_ARTICLE_CHARS and the cost of an article grows linearly with its length.
"""

from __future__ import annotations

from bisect import bisect_right

from extract.text import CHUNK_CUTS, bounded_spans
from extract.tokens import Tokens
from kg.model import Article, Entity, Evidence, Facts, Relation

#: The longest text (after normalization) read as one piece. Printed articles stay far below it
#: (the longest gold article has 977 characters); a longer one is read in pieces of at most this
#: many characters, cut at a line break, sentence end or clause mark, and people, events and
#: titles are then not linked across pieces.
MAX_ARTICLE_CHARS = 20_000


def piece_spans(text: str, tokens: Tokens, limit: int = MAX_ARTICLE_CHARS) -> list[tuple[int, int]]:
    """[start, end) pieces of `text` of at most `limit` characters (a word longer than
    MAX_HANLP_CHARS aside, which HanLP never gives), each starting at a token."""
    spans = bounded_spans(text, 0, len(text), limit, CHUNK_CUTS, breaks=tokens.starts)
    cuts = [0]
    for _, end in spans[:-1]:
        k = bisect_right(tokens.starts, end) - 1  # a cut inside a word moves to the word's start
        cut = tokens.starts[k] if k >= 0 else end
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(len(text))
    return list(zip(cuts, cuts[1:]))


def tokens_between(tokens: Tokens, start: int, end: int) -> Tokens:
    """The tokens of text[start:end], offsets relative to `start` (both ends start a token or end the text)."""
    at = tokens.starting_at()
    i, j = at.get(start, len(tokens.words)), at.get(end, len(tokens.words))
    return Tokens(tokens.words[i:j], tokens.natures[i:j], tokens.core)


def merge_pieces(article: Article, pieces: list[tuple[int, Facts]]) -> Facts:
    """The facts of `article` from the facts of its pieces, each given with its offset in the text:
    evidence offsets shifted into the whole text, an entity named in several pieces kept once
    (titles and aliases joined in order, properties of its first piece)."""
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    for offset, facts in pieces:
        for e in facts.entities:
            seen = entities.get(e.id)
            if seen is None:
                entities[e.id] = e
                continue
            entities[e.id] = Entity(
                seen.id,
                seen.type,
                seen.name,
                titles=tuple(dict.fromkeys(seen.titles + e.titles)),
                aliases=tuple(dict.fromkeys(seen.aliases + e.aliases)),
                properties={**e.properties, **seen.properties},
            )
        for r in facts.relations:
            ev = r.evidence
            relations.append(
                Relation(
                    r.type,
                    r.head,
                    r.tail,
                    Evidence(article.id, ev.sentence, ev.start + offset, ev.end + offset),
                    properties=r.properties,
                )
            )
    return Facts(article=article, entities=tuple(entities.values()), relations=tuple(relations))
