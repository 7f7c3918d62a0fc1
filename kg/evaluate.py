"""The yardstick: precision, recall and F1 of extracted facts against gold annotations.

Scores are kept per entity type, per relation type and for co-attendance pairs (who met whom),
summed over files (micro average). Matching is one-to-one and forgiving only where the
guidelines say a difference is not an error (tests/gold/README.md, "Scoring"): aliases for
people, a parent prefix for places, containment for event and agreement names.
Everything here is a pure function of gold and predicted facts, except `evaluate_dir`, which
runs the real pipeline.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kg.gold import GoldFile, load_gold_dir
from kg.model import Facts
from kg.schema import (
    AGREEMENT,
    ATTENDED,
    CHAIRED,
    DEFAULT,
    EVENT,
    ORGANIZATION,
    PERSON,
    PLACE,
    SIGNED_AGREEMENT,
    Schema,
    active,
)

COATTENDANCE = "co-attendance"
# The rows of the default schema (kg.schema: `scored` types); the functions below read the schema
# in force, so a type added there is scored without a change here.
ENTITY_ROWS = DEFAULT.scored_entities()
RELATION_ROWS = DEFAULT.scored_relations()
ROWS = ENTITY_ROWS + RELATION_ROWS + (COATTENDANCE,)


def rows(schema: Schema | None = None) -> tuple[str, ...]:
    """Every row of a report under `schema` (the active one): entity types, relation types,
    co-attendance."""
    schema = schema or active()
    return schema.scored_entities() + schema.scored_relations() + (COATTENDANCE,)


def _unordered_types(schema: Schema) -> frozenset[str]:
    """Relations scored as unordered pairs: a signing and a meeting join two sides."""
    return frozenset(r.name for r in schema.relations if r.unordered)


_DROP = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]")
_DASH = re.compile(r"[—–―－‐‑─-]+")
_DOT = re.compile(r"[·・•‧∙･]")
_ADMIN_SUFFIX = re.compile(r"(?<=..)[市区县]$")
_ADMIN_UNIT = re.compile(r".{2,}(市|区|县|镇|乡|街道|村|社区)")


def normalize(name: str) -> str:
    """Comparable form of a name: NFKC (full-width → ASCII), no whitespace or quotes, one dash
    and one middle dot (艾尔肯·吐尔逊)."""
    folded = _DROP.sub("", unicodedata.normalize("NFKC", name))
    return _DOT.sub("·", _DASH.sub("-", folded))


@dataclass(frozen=True, slots=True)
class Mention:
    """A predicted thing: its name and aliases, all normalized."""

    name: str
    aliases: frozenset[str] = frozenset()

    @classmethod
    def of(cls, name: str, aliases: Iterable[str] = ()) -> Mention:
        n = normalize(name)
        return cls(n, frozenset(normalize(a) for a in aliases if a) - {n})

    @property
    def forms(self) -> frozenset[str]:
        return self.aliases | {self.name}


def same_name(gold: str, pred: Mention, etype: str) -> bool:
    """Does a predicted mention match a gold name of this entity type (see module docstring)?"""
    g = normalize(gold)
    for p in pred.forms:
        if g == p:
            return True
        if etype in (PLACE, ORGANIZATION) and _same_place(g, p):
            return True
        if etype in (EVENT, AGREEMENT) and min(len(g), len(p)) >= 2 and (g in p or p in g):
            return True
    return False


def _same_place(g: str, p: str) -> bool:
    """Equal up to a parent prefix (临溪区潮音乡 = 潮音乡), a final 市/区/县 (临溪 = 临溪区), or a
    site named after the administrative unit it lies in (溪口镇青溪河堤 ~ 溪口镇)."""
    short, long = sorted((g, p), key=len)
    if len(short) >= 2 and long.endswith(short):
        return True
    if _ADMIN_UNIT.fullmatch(short) and short in long:
        return True
    return _ADMIN_SUFFIX.sub("", g) == _ADMIN_SUFFIX.sub("", p)


@dataclass(slots=True)
class Score:
    """Counts of one row; precision, recall and F1 follow from them (1.0 when nothing to find)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class FileResult:
    """Scores of one gold file, with what was missed (fn) and what was wrongly found (fp)."""

    name: str
    scores: dict[str, Score]
    misses: dict[str, list[str]]
    false_positives: dict[str, list[str]]
    #: per rule (properties.rule): tp and fp of the relations it found; fn = the gold relations
    #: of that type it did not find, so recall is the share of the type's gold the rule found.
    rules: dict[str, Score] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Micro-averaged totals, per-file results, and the gold files that could not be used."""

    totals: dict[str, Score]
    files: tuple[FileResult, ...] = ()
    errors: tuple[str, ...] = field(default=())

    @property
    def rules(self) -> dict[str, Score]:
        """Precision of each rule, and the share of its relation type's gold it found."""
        return rule_totals(self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "totals": {row: s.as_dict() for row, s in self.totals.items()},
            "rules": {rule: s.as_dict() for rule, s in self.rules.items()},
            "files": [
                {
                    "name": f.name,
                    "scores": {row: s.as_dict() for row, s in f.scores.items()},
                    "rules": {rule: s.as_dict() for rule, s in f.rules.items()},
                    "misses": f.misses,
                    "false_positives": f.false_positives,
                }
                for f in self.files
            ],
            "errors": list(self.errors),
        }


G = TypeVar("G")
P = TypeVar("P")


def match(
    gold: Sequence[G], pred: Sequence[P], same: Callable[[G, P], bool], exact: Callable[[G, P], bool] | None = None
) -> tuple[list[G], list[P]]:
    """One-to-one greedy matching, exact pairs first; returns (unmatched gold, unmatched pred)."""
    left_gold, left_pred = list(gold), list(pred)
    for test in ([exact] if exact else []) + [same]:
        for g in list(left_gold):
            for p in left_pred:
                if test(g, p):
                    left_gold.remove(g)
                    left_pred.remove(p)
                    break
    return left_gold, left_pred


@dataclass(frozen=True, slots=True)
class Predicted:
    """Predicted facts of one file, merged over its articles by normalized name."""

    entities: dict[str, list[Mention]]
    relations: dict[str, list[tuple[Mention, Mention]]]
    agreements: list[Mention]
    coattendance: list[tuple[Mention, Mention]]
    #: the rule that found each relation, parallel to `relations`
    rules: dict[str, list[str]] = field(default_factory=dict)


def collect(facts: Sequence[Facts]) -> Predicted:
    """Merge the facts of one file's articles into name-level sets for scoring."""
    by_key: dict[tuple[str, str], Mention] = {}
    named: set[tuple[str, str]] = set()  # printed as entities of their own, not only inside a title
    for f in facts:
        for e in f.entities:
            key = (e.type, normalize(e.name))
            old = by_key.get(key, Mention(key[1]))
            by_key[key] = Mention(old.name, old.aliases | Mention.of(e.name, e.aliases).aliases)
            if e.properties.get("source") != "title":
                named.add(key)
    schema = active()
    unordered = _unordered_types(schema)
    entities: dict[str, list[Mention]] = {t: [] for t in schema.scored_entities()}
    for key, mention in by_key.items():
        if key in named:
            entities.setdefault(key[0], []).append(mention)
    relations: dict[str, list[tuple[Mention, Mention]]] = {t: [] for t in schema.scored_relations()}
    rules: dict[str, list[str]] = {t: [] for t in schema.scored_relations()}
    agreement_names = {m.name: m for m in entities[AGREEMENT]}
    seen: set[tuple[str, ...]] = set()
    for f in facts:
        ents = {e.id: by_key[(e.type, normalize(e.name))] for e in f.entities}
        for r in f.relations:
            if r.type not in relations:
                continue
            head, tail = ents[r.head], ents[r.tail]
            key = (r.type, *sorted((head.name, tail.name))) if r.type in unordered else (r.type, head.name, tail.name)
            if key not in seen:
                seen.add(key)
                relations[r.type].append((head, tail))
                rules[r.type].append(str(r.properties.get("rule") or "unnamed"))
            name = r.properties.get("agreement") if r.type == SIGNED_AGREEMENT else None
            if isinstance(name, str) and name and normalize(name) not in agreement_names:
                agreement_names[normalize(name)] = Mention.of(name)
    return Predicted(
        entities,
        relations,
        list(agreement_names.values()),
        _coattendance(relations[ATTENDED] + relations[CHAIRED]),
        rules,
    )


def _coattendance(edges: Iterable[tuple[Mention, Mention]]) -> list[tuple[Mention, Mention]]:
    by_event: dict[str, dict[str, Mention]] = {}
    for person, event in edges:
        by_event.setdefault(event.name, {})[person.name] = person
    pairs: dict[tuple[str, str], tuple[Mention, Mention]] = {}
    for people in by_event.values():
        for a, b in itertools.combinations(sorted(people), 2):
            pairs.setdefault((a, b), (people[a], people[b]))
    return list(pairs.values())


def gold_coattendance(gold: GoldFile) -> list[tuple[str, str]]:
    """Unordered person pairs who attended or chaired the same event, once each."""
    by_event: dict[str, set[str]] = {}
    for r in gold.relations:
        if r.type in (ATTENDED, CHAIRED):
            by_event.setdefault(r.tail, set()).add(r.head)
    pairs = {pair for people in by_event.values() for pair in itertools.combinations(sorted(people), 2)}
    return sorted(pairs)


def score_file(gold: GoldFile, facts: Sequence[Facts]) -> FileResult:
    """Compare one file's predicted facts with its gold annotations."""
    pred = collect(facts)
    scores: dict[str, Score] = {}
    misses: dict[str, list[str]] = {}
    wrong: dict[str, list[str]] = {}
    by_rule: dict[str, Score] = {}

    def record(
        row: str,
        left_gold: list[Any],
        left_pred: list[Any],
        n_gold: int,
        n_pred: int,
        show_gold: Callable[[Any], str],
        show_pred: Callable[[Any], str],
    ) -> None:
        tp = n_gold - len(left_gold)
        scores[row] = Score(tp=tp, fp=n_pred - tp, fn=len(left_gold))
        if left_gold:
            misses[row] = [show_gold(g) for g in left_gold]
        if left_pred:
            wrong[row] = [show_pred(p) for p in left_pred]

    def names(etype: str, gold_names: Sequence[str], mentions: Sequence[Mention]) -> None:
        lg, lp = match(gold_names, mentions, lambda g, p: same_name(g, p, etype), lambda g, p: normalize(g) in p.forms)
        record(etype, lg, lp, len(gold_names), len(mentions), str, lambda p: p.name)

    schema = active()
    unordered = _unordered_types(schema)
    for etype in schema.gold_keys().values():
        names(etype, gold.entities[etype], pred.entities.get(etype, []))
    gold_agreements = sorted({r.agreement for r in gold.relations if r.agreement})
    names(AGREEMENT, gold_agreements, pred.agreements)

    for rtype in schema.scored_relations():
        gold_pairs = [(r.head, r.tail) for r in gold.relations if r.type == rtype]
        gold_pairs = sorted(set(_unordered(gold_pairs) if rtype in unordered else gold_pairs))
        same = _pair_matcher(gold, unordered=rtype in unordered)
        predicted = pred.relations[rtype]
        lg, lp = match(gold_pairs, predicted, same)
        rule_of = {id(p): r for p, r in zip(predicted, pred.rules.get(rtype, []))}

        def show_pred(p: tuple[Mention, Mention], rule_of: dict[int, str] = rule_of) -> str:
            return f"{p[0].name} → {p[1].name} [{rule_of.get(id(p), '?')}]"

        record(rtype, lg, lp, len(gold_pairs), len(predicted), lambda g: f"{g[0]} → {g[1]}", show_pred)
        wrong_ids = {id(p) for p in lp}
        for p in predicted:
            score = by_rule.setdefault(f"{rtype} {rule_of.get(id(p), 'unnamed')}", Score())
            if id(p) in wrong_ids:
                score.fp += 1
            else:
                score.tp += 1
        for key, score in by_rule.items():
            if key.startswith(rtype + " "):
                score.fn = len(gold_pairs) - score.tp

    gold_pairs = gold_coattendance(gold)
    lg, lp = match(gold_pairs, pred.coattendance, _pair_matcher(gold, unordered=True, etype=PERSON))
    record(
        COATTENDANCE,
        lg,
        lp,
        len(gold_pairs),
        len(pred.coattendance),
        lambda g: f"{g[0]} – {g[1]}",
        lambda p: f"{p[0].name} – {p[1].name}",
    )
    return FileResult(gold.name, scores, misses, wrong, by_rule)


def _unordered(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [tuple(sorted(p)) for p in pairs]  # type: ignore[misc]


def _pair_matcher(
    gold: GoldFile, *, unordered: bool, etype: str | None = None
) -> Callable[[tuple[str, str], tuple[Mention, Mention]], bool]:
    def end(g: str, p: Mention) -> bool:
        return same_name(g, p, etype or gold.type_of(g))

    def same(g: tuple[str, str], p: tuple[Mention, Mention]) -> bool:
        (gh, gt), (ph, pt) = g, p
        if end(gh, ph) and end(gt, pt):
            return True
        return unordered and end(gh, pt) and end(gt, ph)

    return same


def rule_totals(results: Iterable[FileResult]) -> dict[str, Score]:
    """Per rule ("TYPE rule.name"), summed over files. A rule that found nothing in a file still
    missed that file's gold relations of its type, so fn is recomputed from the type's totals."""
    results = list(results)
    sums: dict[str, Score] = {}
    for result in results:
        for key, score in result.rules.items():
            sums.setdefault(key, Score()).add(Score(score.tp, score.fp, 0))
    types = total(results)
    for key, score in sums.items():
        gold = types[key.split(" ", 1)[0]]
        score.fn = gold.tp + gold.fn - score.tp
    return dict(sorted(sums.items()))


def total(results: Iterable[FileResult]) -> dict[str, Score]:
    """Micro average: the counts of every row summed over files."""
    totals = {row: Score() for row in rows()}
    for result in results:
        for row, score in result.scores.items():
            totals[row].add(score)
    return totals


Extractor = Callable[[GoldFile], Sequence[Facts]]


def pipeline_extractor(gold: GoldFile) -> Sequence[Facts]:
    """Facts of a gold file's text from the real pipeline, with its date and home city."""
    from kg.pipeline import extract_paths

    return extract_paths([str(gold.text_path)], date=gold.date, home_city=gold.home_city).facts


def evaluate(
    golds: Iterable[GoldFile], extract: Extractor = pipeline_extractor, errors: Sequence[str] = ()
) -> EvalReport:
    """Score every gold file against what `extract` finds in its text."""
    results = tuple(score_file(g, extract(g)) for g in golds)
    return EvalReport(totals=total(results), files=results, errors=tuple(errors))


def evaluate_dir(
    root: Path, extract: Extractor = pipeline_extractor, report: Callable[[str], None] | None = None
) -> EvalReport:
    """Load the gold files under root (bad ones reported and skipped) and score them."""
    errors: list[str] = []

    def note(message: str) -> None:
        errors.append(message)
        if report is not None:
            report(message)

    golds = load_gold_dir(root, report=note)
    return evaluate(golds, extract, errors)
