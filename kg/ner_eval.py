"""Named-entity scoring on a BIO-tagged corpus (the MSRA format), next to HanLP and jieba.

The gold of each sentence is the set of (type, surface) pairs its tags mark; so is each system's
answer. Scoring compares the sets sentence by sentence (a name found twice in one sentence
counts once), per type (PER, ORG, LOC) and micro-averaged over the three, with one scorer for
every system so the numbers compare like with like:

- ``ours``: this project's extraction (kg.pipeline) run on each sentence as an article;
- ``hanlp``: HanLP's own recognizers, the natures nr*/ns*/nt* of the same segmenter we use;
- ``jieba``: jieba's part-of-speech tags nr/ns/nt (when jieba is installed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.evaluate import Score

log = logging.getLogger(__name__)

TYPES = ("PER", "ORG", "LOC")
#: This project's entity types as the corpus names them.
OUR_TYPES = {"Person": "PER", "Organization": "ORG", "Place": "LOC"}

Answer = set[tuple[str, str]]


@dataclass(frozen=True)
class NerSentence:
    """One tagged sentence: its text and its gold (type, surface) pairs."""

    text: str
    gold: frozenset[tuple[str, str]]


@dataclass
class NerReport:
    """Per-type and micro scores of one system over a corpus."""

    system: str
    by_type: dict[str, Score] = field(default_factory=dict)

    @property
    def micro(self) -> Score:
        total = Score()
        for s in self.by_type.values():
            total.add(s)
        return total

    def as_dict(self) -> dict[str, object]:
        return {
            "system": self.system,
            "micro": self.micro.as_dict(),
            "types": {t: s.as_dict() for t, s in self.by_type.items()},
        }


def spans_from_bio(chars: Sequence[str], tags: Sequence[str]) -> set[tuple[str, str]]:
    """(type, surface) of every B-/I- run; an I- without its B- starts a run of its own."""
    found: set[tuple[str, str]] = set()
    kind, begin = None, 0
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and kind == tag[2:]
        if kind is not None and not inside:
            found.add((kind, "".join(chars[begin:i])))
            kind = None
        if tag.startswith(("B-", "I-")) and not inside:
            kind, begin = tag[2:], i
    return found


def read_bio_dir(folder: Path) -> list[NerSentence]:
    """sentences.txt (characters separated by spaces) and tags.txt (one tag per character)."""
    try:
        lines = (folder / "sentences.txt").read_text(encoding="utf-8").splitlines()
        tag_lines = (folder / "tags.txt").read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{folder}: needs sentences.txt and tags.txt ({exc.strerror})") from None
    if len(lines) != len(tag_lines):
        raise InputError(f"{folder}: {len(lines)} sentences but {len(tag_lines)} tag lines")
    out = []
    for n, (line, tag_line) in enumerate(zip(lines, tag_lines), 1):
        chars, tags = line.split(), tag_line.split()
        if len(chars) != len(tags):
            raise InputError(f"{folder}/tags.txt line {n}: {len(tags)} tags for {len(chars)} characters")
        out.append(NerSentence("".join(chars), frozenset(spans_from_bio(chars, tags))))
    return out


def score(system: str, answers: Sequence[Answer], sentences: Sequence[NerSentence]) -> NerReport:
    """Compare each sentence's answer with its gold, per type."""
    report = NerReport(system, {t: Score() for t in TYPES})
    for answer, sentence in zip(answers, sentences, strict=True):
        for t in TYPES:
            got = {s for k, s in answer if k == t}
            want = {s for k, s in sentence.gold if k == t}
            s = report.by_type[t]
            s.tp += len(got & want)
            s.fp += len(got - want)
            s.fn += len(want - got)
    return report


def ours(sentences: Sequence[NerSentence]) -> list[Answer]:
    """This project's persons, organizations and places in each sentence, as printed there."""
    from kg.model import Article
    from kg.pipeline import extract_articles

    articles = [Article(f"s{i}", "", s.text, "msra") for i, s in enumerate(sentences)]
    answers = []
    for facts, sentence in zip(extract_articles(articles), sentences):
        answer: Answer = set()
        for e in facts.entities:
            kind = OUR_TYPES.get(e.type)
            if kind:
                printed = [n for n in (e.name, *e.aliases) if n in sentence.text]
                answer.add((kind, printed[0] if printed else e.name))
        answers.append(answer)
    return answers


def _by_nature(pairs: Sequence[tuple[str, str]]) -> Answer:
    answer: Answer = set()
    for word, nature in pairs:
        for prefix, kind in (("nr", "PER"), ("ns", "LOC"), ("nt", "ORG")):
            if nature.startswith(prefix):
                answer.add((kind, word))
    return answer


def hanlp(sentences: Sequence[NerSentence]) -> list[Answer]:
    """HanLP's own name, place and organization recognizers (the segmenter extraction uses)."""
    from extract.hanlp_backend import get_tagger

    tagger = get_tagger()
    return [_by_nature([(t.word, t.nature) for t in tagger.tokens(s.text)]) for s in sentences]


def jieba(sentences: Sequence[NerSentence]) -> list[Answer]:
    """jieba's part-of-speech tags nr/ns/nt (its HMM on, as by default)."""
    import jieba as jieba_lib
    import jieba.posseg as pseg

    jieba_lib.setLogLevel(logging.WARNING)
    return [_by_nature([(p.word, p.flag) for p in pseg.cut(s.text)]) for s in sentences]


SYSTEMS: dict[str, Callable[[Sequence[NerSentence]], list[Answer]]] = {"ours": ours, "hanlp": hanlp, "jieba": jieba}


def evaluate_ner(folder: Path, systems: Sequence[str] = ("ours", "hanlp", "jieba")) -> list[NerReport]:
    """Score each available system on the corpus in `folder`; a system whose library is missing
    is skipped with a warning in the log."""
    sentences = read_bio_dir(folder)
    reports = []
    for name in systems:
        try:
            answers = SYSTEMS[name](sentences)
        except ModuleNotFoundError as exc:
            log.warning("%s skipped: %s is not installed (pip install -e '.[bench]')", name, exc.name)
            continue
        reports.append(score(name, answers, sentences))
    return reports


__all__ = ["NerSentence", "NerReport", "read_bio_dir", "spans_from_bio", "score", "evaluate_ner", "TYPES"]
