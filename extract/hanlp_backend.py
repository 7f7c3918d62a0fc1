"""HanLP 1.x portable, in-process through JPype, behind the small `Tagger` protocol.

One JVM per process (JPype cannot restart it, and it does not survive fork), so the tagger is a
process-wide singleton made on first use. JVM and jar failures become SetupError/BackendError here.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple, Protocol

from extract import lexicon
from kg.config import hanlp_jar
from kg.errors import BackendError, SetupError


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


class Tagger(Protocol):
    """Segments Chinese text into tokens with part-of-speech natures and offsets."""

    def tokens(self, text: str) -> Tokens: ...


_TERM_RE = re.compile(r"(.+?)/([A-Za-z][A-Za-z0-9]*)(?:, |$)", re.DOTALL)

#: HanLP allocates little and lives as long as the process: the serial collector costs less
#: CPU than G1's background threads, which matters on two cores.
JVM_OPTIONS: tuple[str, ...] = ("-XX:+UseSerialGC",)
#: In worker processes the cores are shared with the other workers: compile with C1 only, so
#: the JIT does not take a core the workers need (measured: 101% CPU instead of 123%).
WORKER_JVM_OPTIONS: tuple[str, ...] = (*JVM_OPTIONS, "-XX:TieredStopAtLevel=1")

_lock = threading.Lock()
_instance: HanLPTagger | None = None


class HanLPTagger:
    """Viterbi segmentation with person, place and organization recognition, offsets on."""

    def __init__(self, jar: Path | None = None, jvm_options: tuple[str, ...] = JVM_OPTIONS) -> None:
        import jpype

        jar = jar or hanlp_jar()
        if not jpype.isJVMStarted():
            if shutil.which("java") is None and not _java_home_ok():
                raise SetupError("Java is missing: install OpenJDK 17 (apt-get install openjdk-17-jre-headless)")
            if not jar.is_file():
                raise SetupError(f"the HanLP jar is missing ({jar}): run `bash dev.sh install`")
            try:
                jpype.startJVM(*jvm_options, classpath=[str(jar)], convertStrings=True)
            except (OSError, RuntimeError, jpype.JVMNotFoundException) as exc:  # type: ignore[attr-defined]
                raise SetupError(f"cannot start the JVM for HanLP: {exc}") from None
        try:
            hanlp = jpype.JClass("com.hankcs.hanlp.HanLP")
            custom = jpype.JClass("com.hankcs.hanlp.dictionary.CustomDictionary")
        except TypeError:
            raise SetupError(f"HanLP classes not found: is {jar} on the JVM classpath?") from None
        _load_lexicon(custom)
        self._segment = (
            hanlp.newSegment()
            .enableNameRecognize(True)
            .enablePlaceRecognize(True)
            .enableOrganizationRecognize(True)
            .enableOffset(True)
        )

    def tokens(self, text: str) -> Tokens:
        """The segmentation of `text`; its words concatenate back to `text` exactly."""
        if not text:
            return Tokens([], [])
        try:
            terms = self._segment.seg(text)
        except Exception as exc:  # a Java exception from inside HanLP
            raise BackendError(f"HanLP failed on a text of {len(text)} characters: {exc}") from None
        # One string across the bridge instead of two attribute reads per term: ~15x cheaper.
        pairs = _TERM_RE.findall(str(terms.toString())[1:-1])
        words, natures = (list(column) for column in zip(*pairs)) if pairs else ([], [])
        if "".join(words) != text:  # a word with "/" or ", " in it: read the terms one by one
            words = [str(t.word) for t in terms]
            natures = [str(t.nature) for t in terms]
        return Tokens(words, natures)

    def tag(self, text: str) -> list[Token]:
        """Tokens of `text` as (word, nature, start, end) tuples."""
        return list(self.tokens(text))


def _java_home_ok() -> bool:
    import os

    home = os.environ.get("JAVA_HOME")
    return bool(home) and Path(home, "bin", "java").exists()


def _load_lexicon(custom: object) -> None:
    """Our titles as nnt; meeting, agreement and admin words as nouns, so segmentation keeps them whole."""
    for word in lexicon.words("titles"):
        custom.insert(word, "nnt 2000")  # type: ignore[attr-defined]
    for word in lexicon.words("domain_terms"):
        custom.insert(word, "nz 1000")  # type: ignore[attr-defined]
    for name in ("meeting_words", "agreement_words"):
        for word in lexicon.words(name):
            if len(word) > 1:
                custom.add(word, "n 500")  # type: ignore[attr-defined]


def get_tagger(jvm_options: tuple[str, ...] = JVM_OPTIONS) -> HanLPTagger:
    """The process-wide HanLP tagger, started on first use (JVM options apply to that first use)."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = HanLPTagger(jvm_options=jvm_options)
        return _instance
