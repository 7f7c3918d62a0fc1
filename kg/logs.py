"""Where log records go when `kg` runs: the library and the libraries it drives log; this decides
what the user sees. Our own warnings are one `warning:` line each. Other libraries' records (the
Neo4j driver's retries and connection notes, Python warnings) are shown only with KG_LOG=debug, so
they never print on top of the one line that says what failed."""

from __future__ import annotations

import logging
import os

from rich.text import Text

from kg.errors import InputError

#: Environment variable with the level to show: debug, info, warning (default) or error.
LEVEL_ENV = "KG_LOG"
#: Top-level packages whose records are ours.
OUR_PACKAGES = frozenset({"kg", "extract", "loaders", "viz", "cypher", "bench", "__main__"})
_STYLES = {
    logging.ERROR: ("error:", "red"),
    logging.WARNING: ("warning:", "yellow"),
    logging.INFO: ("info:", "cyan"),
    logging.DEBUG: ("debug:", "dim"),
}


def is_ours(record: logging.LogRecord) -> bool:
    """Whether a record comes from our own packages (not the driver, JPype, py.warnings …)."""
    return record.name.split(".")[0] in OUR_PACKAGES


class ConsoleHandler(logging.Handler):
    """One line per record on the error console; other libraries' records count as debug."""

    def filter(self, record: logging.LogRecord) -> bool:
        level = record.levelno if is_ours(record) else logging.DEBUG
        return level >= self.level and super().filter(record)

    def emit(self, record: logging.LogRecord) -> None:
        from kg.summary import err_console

        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log call must not stop the run
            self.handleError(record)
            return
        ours = is_ours(record)
        level = max((lv for lv in _STYLES if lv <= record.levelno), default=logging.DEBUG) if ours else logging.DEBUG
        word, style = _STYLES[level]
        origin = "" if ours else f"{record.name}: "
        err_console.print(Text.assemble((word, style), " ", origin + message), highlight=False, soft_wrap=True)


def level_from_env() -> int:
    """The level named by KG_LOG (default warning); InputError for a name that is not a level."""
    name = os.environ.get(LEVEL_ENV, "warning").strip().upper() or "WARNING"
    level = logging.getLevelName(name)
    if not isinstance(level, int):
        raise InputError(f"{LEVEL_ENV}={os.environ.get(LEVEL_ENV)!r} is not a log level (debug, info, warning, error)")
    return level


def setup_logging(level: int | None = None) -> ConsoleHandler:
    """Route every log record (and Python warnings) through one ConsoleHandler at `level`."""
    level = level_from_env() if level is None else level
    handler = ConsoleHandler(level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, ConsoleHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return handler
