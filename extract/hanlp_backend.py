"""HanLP 1.x portable, in-process through JPype, behind the small `Tagger` protocol.

One JVM per process (JPype cannot restart it, and it does not survive fork), so the tagger is a
process-wide singleton made on first use. JVM and jar failures become SetupError/BackendError here.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from extract import lexicon
from extract.text import CHUNK_CUTS, bounded_spans
from extract.tokens import Token, Tokens
from kg.config import hanlp_jar, install_hint
from kg.errors import BackendError, SetupError


class Tagger(Protocol):
    """Segments Chinese text into tokens with part-of-speech natures and offsets."""

    def tokens(self, text: str) -> Tokens: ...

    def tokens_ahead(self, texts: Iterable[str], ahead: int = 32) -> Iterator[Tokens]: ...

    def core_nature(self, word: str) -> str | None: ...

    def to_simplified(self, text: str) -> str: ...


_TERM_RE = re.compile(r"(.+?)/([A-Za-z][A-Za-z0-9]*)(?:, |$)", re.DOTALL)

#: HanLP allocates little and lives as long as the process: the serial collector costs less
#: CPU than G1's background threads, which matters on two cores.
JVM_OPTIONS: tuple[str, ...] = ("-XX:+UseSerialGC",)
#: In worker processes the cores are shared with the other workers: compile with C1 only, so
#: the JIT does not take a core the workers need (measured: 101% CPU instead of 123%).
WORKER_JVM_OPTIONS: tuple[str, ...] = (*JVM_OPTIONS, "-XX:TieredStopAtLevel=1")

#: The most characters HanLP reads in one call. A longer text is segmented (and converted) in
#: pieces cut after a line break, a sentence end or a clause mark where there is one, so one call's
#: time and memory stay bounded; an article this long is rare (the longest gold article has 977).
MAX_HANLP_CHARS = 4096

_lock = threading.Lock()


def hanlp_chunks(text: str, limit: int = MAX_HANLP_CHARS) -> list[str]:
    """`text` in consecutive pieces of at most `limit` characters, as HanLP is given them."""
    if len(text) <= limit:
        return [text]
    return [text[s:e] for s, e in bounded_spans(text, 0, len(text), limit, CHUNK_CUTS)]


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
                raise SetupError(f"the HanLP jar is missing ({jar}): {install_hint()}")
            try:
                # interrupt=False: Ctrl-C goes to Python (KeyboardInterrupt), so a streaming run keeps
                # its finished chunks; JPype's default handler would shut the JVM down under it.
                jpype.startJVM(*jvm_options, classpath=[str(jar)], convertStrings=True, interrupt=False)
            except (OSError, RuntimeError, jpype.JVMNotFoundException) as exc:
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
        self._submit: Any = None
        self._convert: Any = None
        self._core: Any = None
        self._core_cache: dict[str, str | None] = {}

    def tokens(self, text: str) -> Tokens:
        """The segmentation of `text` (in pieces of at most MAX_HANLP_CHARS); its words
        concatenate back to `text` exactly."""
        words: list[str] = []
        natures: list[str] = []
        for chunk in hanlp_chunks(text) if text else []:
            try:
                # One string across the bridge instead of two attribute reads per term: ~15x cheaper.
                flat = str(self._segment.seg(chunk).toString())
            except Exception as exc:  # a Java exception from inside HanLP
                raise BackendError(f"HanLP failed on a text of {len(chunk)} characters: {exc}") from None
            self._parse(chunk, flat, words, natures)
        return Tokens(words, natures, self.core_nature)

    def tokens_ahead(self, texts: Iterable[str], ahead: int = 32) -> Iterator[Tokens]:
        """The segmentation of each text, in order, with HanLP running up to `ahead` texts in
        advance on a JVM thread while the caller applies its rules to earlier ones.

        JPype keeps the GIL during a Java call, so a Python thread could not overlap them; the
        JVM thread runs Java only (a method handle as a Function), never Python. `ahead=0`
        segments in the calling thread, a few texts at a time: HanLP runs ~10% faster in short
        runs than alternating with the rules text by text (measured)."""
        if ahead <= 0:
            it = iter(texts)
            while batch := [self.tokens(text) for text in islice(it, 8)]:
                yield from batch
            return
        submit = self._submitter()

        def submitted(text: str) -> list[tuple[str, Any]]:
            return [(chunk, submit(chunk)) for chunk in hanlp_chunks(text)] if text else []

        queue: deque[list[tuple[str, Any]]] = deque()
        it = iter(texts)
        for text in it:
            queue.append(submitted(text))
            if len(queue) >= ahead:
                break
        while queue:
            futures = queue.popleft()
            following = next(it, None)
            if following is not None:
                queue.append(submitted(following))
            words: list[str] = []
            natures: list[str] = []
            for chunk, future in futures:
                try:
                    flat = str(future.join())
                except Exception as exc:  # HanLP's exception, wrapped in a CompletionException
                    cause = exc.getCause() if hasattr(exc, "getCause") else exc
                    raise BackendError(f"HanLP failed on a text of {len(chunk)} characters: {cause}") from None
                self._parse(chunk, flat, words, natures)
            yield Tokens(words, natures, self.core_nature)

    def _submitter(self) -> Any:
        """text -> CompletableFuture of seg(text).toString(), run on a one-thread JVM pool."""
        if self._submit is None:
            import jpype

            jclass = jpype.JClass
            handles, method_type = jclass("java.lang.invoke.MethodHandles"), jclass("java.lang.invoke.MethodType")
            string, term_list = jclass("java.lang.String"), jclass("java.util.List")
            lookup = handles.publicLookup()
            seg = lookup.findVirtual(
                jclass("com.hankcs.hanlp.seg.Segment"), "seg", method_type.methodType(term_list, string)
            ).bindTo(self._segment)
            to_string = lookup.findVirtual(jclass("java.lang.Object"), "toString", method_type.methodType(string))
            handle = handles.filterReturnValue(seg, to_string.asType(method_type.methodType(string, term_list)))
            function = jclass("java.lang.invoke.MethodHandleProxies").asInterfaceInstance(
                jclass("java.util.function.Function"), handle
            )
            pool = jclass("java.util.concurrent.ForkJoinPool")(1)  # daemon threads: never hold up exit
            completed = jclass("java.util.concurrent.CompletableFuture").completedFuture
            self._submit = lambda text: completed(text).thenApplyAsync(function, pool)
        return self._submit

    def _parse(self, text: str, flat: str, words: list[str], natures: list[str]) -> None:
        """Append the words and natures of HanLP's printed term list `flat` for `text`."""
        pairs = _TERM_RE.findall(flat[1:-1])
        chunk_words, chunk_natures = zip(*pairs) if pairs else ((), ())
        if pairs and "".join(chunk_words) == text:
            words.extend(chunk_words)
            natures.extend(chunk_natures)
            return
        # A word with "/" or ", " in it: read the terms one by one.
        for term in self._segment.seg(text):
            words.append(str(term.word))
            natures.append(str(term.nature))

    def core_nature(self, word: str) -> str | None:
        """The most frequent nature of `word` in HanLP's core dictionary, or None if it is not
        there (cached: rules ask about the few name-like tokens of each article)."""
        if word not in self._core_cache:
            import jpype

            if self._core is None:
                self._core = jpype.JClass("com.hankcs.hanlp.dictionary.CoreDictionary")
            attribute = self._core.get(word)
            self._core_cache[word] = str(attribute.nature[0]) if attribute is not None else None
        return self._core_cache[word]

    def to_simplified(self, text: str) -> str:
        """HanLP's traditional-to-simplified conversion (phrase-aware: 乾隆 stays 乾隆), in pieces
        of at most MAX_HANLP_CHARS."""
        if self._convert is None:
            import jpype

            self._convert = jpype.JClass("com.hankcs.hanlp.HanLP").convertToSimplifiedChinese
        return "".join(str(self._convert(chunk)) for chunk in hanlp_chunks(text))

    def tag(self, text: str) -> list[Token]:
        """Tokens of `text` as (word, nature, start, end) tuples."""
        return list(self.tokens(text))


def overlap_default(processes: int = 1) -> int:
    """How far HanLP may run ahead of the rules: only when a core is left over for its thread."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 32 if cores > processes else 0


def _java_home_ok() -> bool:
    import os

    home = os.environ.get("JAVA_HOME")
    return bool(home) and Path(home or "", "bin", "java").exists()


#: The verb lexicons (lexicon/verbs_<family>.txt) whose words get the nature v<family>.
VERB_FAMILIES: tuple[str, ...] = ("chair", "attend", "accompany", "visit", "sign", "meet", "speak")


def _load_lexicon(custom: object) -> None:
    """Our titles as nnt; meeting, agreement and admin words as nouns, so segmentation keeps them whole."""
    for word in lexicon.words("titles"):
        custom.insert(word, "nnt 2000")  # type: ignore[attr-defined]
    for word in lexicon.words("domain_terms"):
        custom.insert(word, "nz 1000")  # type: ignore[attr-defined]
    # The rules' verbs with natures of our own (vchair, vvisit …), so HanLP keeps each one whole
    # and a name before it ends where the verb starts (王丽陪同 → 王丽 / 陪同).
    for family in VERB_FAMILIES:
        for word in lexicon.words(f"verbs_{family}"):
            if len(word) > 1:
                custom.insert(word, f"v{family} 1000")  # type: ignore[attr-defined]
    for name in ("meeting_words", "agreement_words"):
        for word in lexicon.words(name):
            if len(word) > 1:
                custom.add(word, "n 500")  # type: ignore[attr-defined]


def get_tagger(jvm_options: tuple[str, ...] = JVM_OPTIONS, jar: Path | None = None) -> HanLPTagger:
    """The process-wide HanLP tagger, started on first use (JVM options and `jar`, default
    kg.config.hanlp_jar(), apply to that first use)."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = HanLPTagger(jar, jvm_options=jvm_options)
        return _instance
