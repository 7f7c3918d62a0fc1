"""Our own error types. Backends translate their failures into these at the boundary,
so the CLI can print one clear line and pick an exit code instead of a traceback."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base of every error the CLI reports as one line. `exit_code` is what `kg` exits with."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(KgError):
    """A file or value the user gave us cannot be used (empty, binary, undecodable, missing).

    `subject` names the input (file, directory, pattern) when there is one, for a batch's summary."""

    def __init__(self, message: str, *, subject: str | None = None, exit_code: int | None = None) -> None:
        super().__init__(message, exit_code=exit_code)
        self.subject = subject


class SetupError(KgError):
    """Something the install step provides is missing: Java, the HanLP jar, the Neo4j jars.

    Exits 4: 1 is a bad input, 2 is click's code for a usage error, 3 a backend failure."""

    exit_code = 4


class BackendError(KgError):
    """A backend (HanLP JVM, Neo4j server) failed or cannot be reached."""

    exit_code = 3


class FactError(KgError, ValueError):
    """A fact violates the fact contract (bad type, dangling id, evidence outside the text)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a streaming run (kg.stream): the complete chunks are kept in `partial`, and a
    run with resume goes on from them."""

    def __init__(self, partial: Path, articles: int, stage: str) -> None:
        super().__init__(f"interrupted while {stage}: {articles} articles kept in {partial}")
        self.partial = partial
        self.articles = articles
        self.stage = stage
