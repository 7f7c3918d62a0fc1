"""Our lexicons, kept as data files beside this module: titles, administrative units,
organization suffixes, meeting and agreement words, surnames."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


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
def countries() -> frozenset[str]:
    """Chinese names of the world's countries (ISO 3166-1 in pycountry's zh_CN translation: 美国,
    韩国, 老挝): a country is neither an administrative unit nor a named site (guidelines)."""
    import gettext

    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    names = {"中国", "中华人民共和国"}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                name = zh.gettext(getattr(c, attr))
                if all("\u4e00" <= ch <= "\u9fff" for ch in name):
                    names.add(name)
    # ISO lists China's own regions (香港, 澳门, 台湾) among its codes: they are places of China.
    return frozenset(n for n in names if not n.startswith(("香港", "澳门", "台湾", "中国香港", "中国澳门", "中国台湾")))


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
