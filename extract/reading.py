"""Finding input files and decoding them: UTF-8 (with or without BOM) and GB18030/GBK.

Every failure is an InputError that names the file, so a batch can report it and go on.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from kg.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})


def discover(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Expand files, directories (recursively, text files only) and glob patterns, in a stable order.

    Yields an InputError in place of an argument that names nothing readable.
    """
    seen: set[Path] = set()
    for raw in paths:
        candidates: list[Path]
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not candidates:
                yield InputError(f"{raw}: directory holds no text files (*.txt)")
                continue
        elif path.is_file():
            candidates = [path]
        elif glob.has_magic(raw):
            candidates = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not candidates:
                yield InputError(f"{raw}: pattern matches no file")
                continue
        else:
            yield InputError(f"{raw}: no such file or directory")
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def decode(data: bytes, name: str) -> str:
    """Bytes of a newspaper text file to str, or InputError saying why it is not text."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text) and _cjk_share(text) > 0.2:
        return text
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8",):
        guess = str(best)
        if _looks_like_text(guess) and _cjk_share(guess) > 0.2:
            return guess
    raise InputError(f"{name}: cannot decode as UTF-8 or GB18030 (not a Chinese text file?)")


def read_text(path: Path) -> str:
    """Read and decode one file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(data, str(path))


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls <= max(2, len(text) // 200)


def _cjk_share(text: str) -> float:
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    return sum(1 for ch in chars if "\u4e00" <= ch <= "\u9fff") / len(chars)
