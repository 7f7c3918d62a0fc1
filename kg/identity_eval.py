"""Scoring person identity on a folder of articles with an identity gold file (tests/identity/).

The gold (`identity.gold.json`) names, per text file, each person printed there and a label for
who they are: `{"files": {"2024-07-01_x.txt": {"周海波": "周海波/岚溪", …}, …}}`. The folder is
extracted and resolved as one corpus; then every pair of mentions of one name in two different
articles is a decision: the same gold label must give the same person id (joined), different
labels different ids (split). The score is the share of decisions made right, with the joined and
split shares beside it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from kg.errors import InputError
from kg.identity import MergeRow
from kg.model import PERSON, Facts

GOLD_FILE = "identity.gold.json"


@dataclass
class IdentityScore:
    """Pairs of same-name mentions across articles: joined and split decisions, right of all."""

    joined_right: int = 0
    joined: int = 0
    split_right: int = 0
    split: int = 0
    missing: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Share of all decisions made right (1.0 when there are none)."""
        total = self.joined + self.split
        return (self.joined_right + self.split_right) / total if total else 1.0

    def as_dict(self) -> dict[str, object]:
        """Plain values for JSON."""
        return {
            "score": round(self.score, 4),
            "joined": [self.joined_right, self.joined],
            "split": [self.split_right, self.split],
            "missing": self.missing,
            "wrong": self.wrong,
        }


def load_identity_gold(folder: Path) -> dict[str, dict[str, str]]:
    """The gold of a folder: file name → person name → label (InputError naming the file)."""
    path = folder / GOLD_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        return {str(k): {str(n): str(label) for n, label in v.items()} for k, v in files.items()}
    except FileNotFoundError:
        raise InputError(f"{path}: no identity gold file in {folder}", subject=str(path)) from None
    except (OSError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise InputError(
            f"{path}: not an identity gold file ({exc.__class__.__name__}: {exc})", subject=str(path)
        ) from None


def score_identity(facts: Sequence[Facts], gold: dict[str, dict[str, str]]) -> IdentityScore:
    """Score the people of resolved facts against the gold (module docstring)."""
    predicted: dict[tuple[str, str], str] = {}
    for f in facts:
        name = Path(f.article.source).name
        for e in f.entities:
            if e.type == PERSON:
                predicted.setdefault((name, e.name), e.id)
    result = IdentityScore()
    mentions = [
        (file, person, label) for file, people in sorted(gold.items()) for person, label in sorted(people.items())
    ]
    for file, person, _ in mentions:
        if (file, person) not in predicted:
            result.missing.append(f"{file}: {person}")
    for (f1, p1, l1), (f2, p2, l2) in combinations(mentions, 2):
        if p1 != p2 or f1 == f2 or (f1, p1) not in predicted or (f2, p2) not in predicted:
            continue
        same = predicted[(f1, p1)] == predicted[(f2, p2)]
        if l1 == l2:
            result.joined += 1
            result.joined_right += same
        else:
            result.split += 1
            result.split_right += not same
        if same != (l1 == l2):
            result.wrong.append(
                f"{p1}: {f1} ({predicted[(f1, p1)]}) and {f2} ({predicted[(f2, p2)]}) "
                f"should be {'one' if l1 == l2 else 'two'}"
            )
    return result


def evaluate_identity(folder: Path, *, merges: Sequence[MergeRow] = ()) -> IdentityScore:
    """Extract and resolve the folder's texts as one corpus, and score them against its gold."""
    from kg.pipeline import extract_paths

    gold = load_identity_gold(folder)
    texts = [str(folder / name) for name in sorted(gold)]
    for t in texts:
        if not Path(t).is_file():
            raise InputError(f"{folder / GOLD_FILE}: names {Path(t).name}, which is not in {folder}", subject=t)
    return score_identity(extract_paths(texts, merges=merges).facts, gold)
