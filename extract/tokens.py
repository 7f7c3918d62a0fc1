"""HanLP's segmentation of one text, as the rules read it: words with natures and offsets."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple


class Token(NamedTuple):
    """A word with its HanLP nature (nr person, ns place, nt organization, …) and its [start, end)."""

    word: str
    nature: str
    start: int
    end: int


class Tokens:
    """One text's segmentation as parallel columns (words, natures, starts, ends).

    Rules look at a few tokens of a few natures, so the columns are kept as plain lists and
    tokens are looked up by nature or offset, instead of building an object per token (that
    cost more than HanLP's own segmentation)."""

    __slots__ = ("words", "natures", "starts", "ends", "_by_nature", "_at_end", "_at_start")

    def __init__(self, words: list[str], natures: list[str]) -> None:
        self.words = words
        self.natures = natures
        self.ends = list(accumulate(map(len, words)))
        self.starts = [0, *self.ends[:-1]] if words else []
        self._by_nature: dict[str, list[int]] | None = None
        self._at_end: dict[int, int] | None = None
        self._at_start: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i: int) -> Token:
        return Token(self.words[i], self.natures[i], self.starts[i], self.ends[i])

    def __iter__(self) -> Iterator[Token]:
        return map(Token._make, zip(self.words, self.natures, self.starts, self.ends))

    def with_nature(self, *prefixes: str) -> list[int]:
        """Indices, in text order, of the tokens whose nature starts with one of `prefixes`."""
        if self._by_nature is None:
            by: dict[str, list[int]] = {}
            for i, nature in enumerate(self.natures):
                by.setdefault(nature, []).append(i)
            self._by_nature = by
        found = [i for nature, where in self._by_nature.items() if nature.startswith(prefixes) for i in where]
        found.sort()
        return found

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
