"""Long input against the real HanLP: a line without punctuation, an article past the piece bound.

The hostile texts are made at test time from the sample page (read from ../shared/seeds, never
copied here). Time and memory are measured by bench/bench_hostile.py, not asserted here.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest

from extract import extractor
from extract.extractor import extract
from extract.hanlp_backend import MAX_HANLP_CHARS, get_tagger, hanlp_chunks
from extract.pieces import MAX_ARTICLE_CHARS
from extract.text import MAX_SENTENCE_CHARS
from kg.jsonl import facts_to_dict, write_jsonl
from kg.model import Article, Facts
from kg.pipeline import extract_paths, read_articles

pytestmark = pytest.mark.hanlp

LINE_CHARS = 200_000
#: Facts JSON per input byte: the article text itself is one, the relations' bounded evidence
#: the rest (measured 3.0; before the sentence cap, 700 at this size).
MAX_FACTS_PER_INPUT_BYTE = 5


def _unpunctuated_line(seed_path: Path, size: int) -> str:
    han = re.sub(r"[^\u4e00-\u9fff]+", "", seed_path.read_text(encoding="utf-8"))
    return (han * (size // len(han) + 1))[:size]


def _triples(facts: Facts) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in facts.entities}
    return {(r.type, names[r.head], names[r.tail]) for r in facts.relations}


@pytest.fixture(scope="module")
def long_line(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "2022-06-15_line.txt"
    path.write_text(_unpunctuated_line(seed_path, LINE_CHARS), encoding="utf-8")
    return path


def test_a_line_without_punctuation_gives_bounded_evidence_and_output(
    long_line: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="extract.extractor"):
        facts = extract_paths([str(long_line)]).facts
    relations = [r for f in facts for r in f.relations]
    assert len(relations) > 100  # the page's people, meetings and visits are still found
    assert max(len(r.evidence.sentence) for r in relations) <= MAX_SENTENCE_CHARS
    out = tmp_path / "facts.jsonl"
    write_jsonl(facts, out)
    assert out.stat().st_size <= MAX_FACTS_PER_INPUT_BYTE * long_line.stat().st_size
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and str(long_line) in warnings[0]


def test_hanlp_is_given_at_most_a_chunk_at_once(long_line: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_line.read_text(encoding="utf-8")[: 3 * MAX_HANLP_CHARS] + "。新的一段。\n" * 500
    tagger = get_tagger()
    ahead = next(tagger.tokens_ahead([text], ahead=2))  # the JVM thread's path, before the spy goes in

    class Recording:  # the real segmenter, with the length of each text it is given written down
        def __init__(self, segment: object) -> None:
            self.segment, self.lengths = segment, list[int]()

        def seg(self, chunk: str) -> object:
            self.lengths.append(len(chunk))
            return self.segment.seg(chunk)  # type: ignore[attr-defined]

    spy = Recording(tagger._segment)
    monkeypatch.setattr(tagger, "_segment", spy)
    tokens = tagger.tokens(text)
    assert len(spy.lengths) > 3 and max(spy.lengths) <= MAX_HANLP_CHARS
    assert "".join(tokens.words) == text and tokens.words == ahead.words and tokens.natures == ahead.natures
    assert "".join(hanlp_chunks(text)) == text


def test_text_well_below_the_caps_gives_the_same_facts(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles, _ = read_articles([str(seed_path)], date="2022-06-15")
    capped = [facts_to_dict(extract(a)) for a in articles]
    monkeypatch.setattr(extractor, "MAX_SENTENCE_CHARS", 10**9)
    monkeypatch.setattr(extractor, "MAX_ARTICLE_CHARS", 10**9)
    uncapped = [facts_to_dict(extract(a)) for a in articles]
    assert json.dumps(capped, ensure_ascii=False) == json.dumps(uncapped, ensure_ascii=False)


def test_an_article_past_the_bound_is_read_in_pieces(seed_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    articles, _ = read_articles([str(seed_path)], date="2022-06-15")
    one = max(articles, key=lambda a: len(extract(a).relations))
    copies = MAX_ARTICLE_CHARS // (len(one.text) + 1) + 2
    long = Article(
        id="long",
        title=one.title,
        text="\n".join([one.text] * copies),
        source="long.txt",
        date=one.date,
        byline=one.byline,
    )
    with caplog.at_level(logging.WARNING, logger="extract.extractor"):
        facts = extract(long)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "long.txt" in warnings[0]
    assert max(r.evidence.start for r in facts.relations) > MAX_ARTICLE_CHARS  # the last piece is read too
    assert _triples(facts) == _triples(extract(one))
    assert len({e.id for e in facts.entities}) == len(facts.entities)
