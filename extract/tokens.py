"""HanLP's segmentation of one text, as the rules read it: words with natures and offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import NamedTuple


class Token(NamedTuple):
    """A word with its HanLP nature (nr person, ns place, nt organization, …) and its [start, end)."""

    word: str
    nature: str
    start: int
    end: int


class _NatureCodes(dict[str, str]):
    """Each distinct nature gets one character, so a text's natures become one string that a
    regular expression scans in C."""

    def __missing__(self, nature: str) -> str:
        code = self[nature] = chr(0x4E00 + len(self))  # any characters would do; these never clash
        return code


_CODES = _NatureCodes()
_SCANNERS: dict[tuple[tuple[str, ...], int], re.Pattern[str]] = {}


def _scanner(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """A character class of the codes of every nature seen so far that starts with `prefixes`."""
    key = (prefixes, len(_CODES))
    if key not in _SCANNERS:
        codes = "".join(code for nature, code in list(_CODES.items()) if nature.startswith(prefixes))
        _SCANNERS[key] = re.compile(f"[{codes}]" if codes else "(?!)")
    return _SCANNERS[key]


class Tokens:
    """One text's segmentation as parallel columns (words, natures, starts, ends).

    Rules look at a few tokens of a few natures, so the columns are kept as plain lists and
    tokens are looked up by nature or offset, instead of building an object per token (that
    cost more than HanLP's own segmentation)."""

    __slots__ = ("words", "natures", "starts", "ends", "core", "_codes", "_at_end", "_at_start")

    def __init__(self, words: list[str], natures: list[str], core: Callable[[str], str | None] | None = None) -> None:
        self.words = words
        self.natures = natures
        #: The nature a word has in the segmenter's own dictionary (HanLP's CoreDictionary, built
        #: from the People's Daily), or None: 美国 → ns, 江泽民 → nr; a recognized guess has none.
        self.core = core
        self.ends = list(accumulate(map(len, words)))
        self.starts = [0, *self.ends[:-1]] if words else []
        self._codes: str | None = None
        self._at_end: dict[int, int] | None = None
        self._at_start: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Token:
        return Token(self.words[i], self.natures[i], self.starts[i], self.ends[i])

    def __iter__(self) -> Iterator[Token]:
        return map(Token._make, zip(self.words, self.natures, self.starts, self.ends))

    def known_as(self, i: int, *prefixes: str) -> bool:
        """Whether token i is a dictionary word whose most frequent nature starts with a prefix."""
        nature = self.core(self.words[i]) if self.core is not None else None
        return nature is not None and nature.startswith(prefixes)

    def with_nature(self, *prefixes: str) -> list[int]:
        """Indices, in text order, of the tokens whose nature starts with one of `prefixes`."""
        if self._codes is None:
            self._codes = "".join(map(_CODES.__getitem__, self.natures))
        return [m.start() for m in _scanner(prefixes).finditer(self._codes)]

    def ending_at(self) -> dict[int, int]:
        """{end offset: token index}."""
        if self._at_end is None:
            self._at_end = dict(zip(self.ends, range(len(self.ends))))
        return self._at_end

    def starting_at(self) -> dict[int, int]:
        """{start offset: token index}."""
        if self._at_start is None:
            self._at_start = dict(zip(self.starts, range(len(self.starts))))
        return self._at_start
