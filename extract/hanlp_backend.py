"""HanLP 1.x portable, in-process through JPype, behind the small `Tagger` protocol.

One JVM per process (JPype cannot restart it, and it does not survive fork), so the tagger is a
process-wide singleton made on first use. JVM and jar failures become SetupError/BackendError here.
"""

from __future__ import annotations

import re
import shutil
from itertools import accumulate
import threading
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


class Tagger(Protocol):
    """Segments Chinese text into tokens with part-of-speech natures and offsets."""

    def tag(self, text: str) -> list[Token]: ...


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

    def tag(self, text: str) -> list[Token]:
        """Tokens of `text`; their words concatenate back to `text` exactly."""
        if not text:
            return []
        try:
            terms = self._segment.seg(text)
        except Exception as exc:  # a Java exception from inside HanLP
            raise BackendError(f"HanLP failed on a text of {len(text)} characters: {exc}") from None
        # One string across the bridge instead of two attribute reads per term: ~15x cheaper.
        flat = str(terms.toString())[1:-1]
        pairs = _TERM_RE.findall(flat)
        if "".join(w for w, _ in pairs) != text:
            pairs = [(str(t.word), str(t.nature)) for t in terms]
        ends = list(accumulate(len(w) for w, _ in pairs))
        starts = [0, *ends[:-1]]
        make = Token._make
        return [make((w, n, s, e)) for (w, n), s, e in zip(pairs, starts, ends)]


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
