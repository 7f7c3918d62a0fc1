"""Checking where output goes before the work starts, and writing files atomically.

A command that would fail only at the end (an `-o` naming a directory, a `--out` naming a file, a
folder we may not write) fails first, with one line naming the path, and leaves nothing behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import InputError


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_output_file(path: Path, what: str = "the output") -> Path:
    """`path` can be written as a file: not a directory, its folder creatable and writable.

    Creates the parent folder if needed and probes it with the temporary name the atomic write uses
    (removed again); InputError naming the path otherwise.
    """
    if path.is_dir():
        raise InputError(f"{path}: is a directory, but {what} names a file to write")
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("a", encoding="utf-8"):
            pass
        tmp.unlink()
    except OSError as exc:
        raise InputError(f"{path}: cannot write {what} there ({_reason(exc)})") from None
    return path


def check_output_dir(path: Path, what: str = "the output") -> Path:
    """`path` is (or can be made) a writable directory; InputError naming it otherwise."""
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: exists and is not a directory, but {what} names a directory to write into")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot create {what} there ({_reason(exc)})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise InputError(f"{path}: cannot write into this directory ({what}; permission denied)")
    return path


@contextmanager
def open_atomic(path: Path, mode: str = "w") -> Iterator[IO[str]]:
    """A file that appears at `path` only when the block finishes; on any error the temporary
    file is removed and `path` is left as it was. OSError from the filesystem becomes InputError."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fh = tmp.open(mode, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({_reason(exc)})") from None
    try:
        with fh:
            yield fh
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({_reason(exc)})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, write: Callable[[IO[str]], None]) -> Path:
    """Call `write` on a temporary file that replaces `path` when it succeeds."""
    with open_atomic(path) as fh:
        write(fh)
    return path
