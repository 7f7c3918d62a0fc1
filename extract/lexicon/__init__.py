"""Our lexicons, kept as data files beside this module: titles, administrative units,
organization suffixes, meeting and agreement words, surnames."""

from __future__ import annotations

from functools import cache
from importlib import resources

_HERE = resources.files(__name__)  # package data: works from a checkout and from a wheel


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of lexicon/<name>.txt (whitespace separated, # comments), longest first."""
    entries: list[str] = []
    for line in (_HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        entries.extend(line.split())
    return tuple(sorted(dict.fromkeys(entries), key=len, reverse=True))


def alternation(name: str) -> str:
    """A regex alternation of a lexicon's words, longest first so the longest wins."""
    import re

    return "|".join(re.escape(w) for w in words(name))


@cache
def surnames() -> frozenset[str]:
    return frozenset(words("surnames"))


def has_surname(name: str) -> bool:
    """Whether a candidate person name starts with a known surname (compound ones included)."""
    s = surnames()
    return name[:2] in s or name[:1] in s


@cache
def pairs(name: str) -> dict[str, str]:
    """Entries of lexicon/<name>.txt that are pairs (key, value) on a line (# comments)."""
    out: dict[str, str] = {}
    for line in (_HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) == 2:
            out.setdefault(parts[0], parts[1])
    return out
