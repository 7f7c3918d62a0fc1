"""Finding input files and decoding them: UTF-8 (with or without BOM), UTF-16/UTF-32 (with a BOM,
or UTF-16 recognised by its NUL bytes), and GB18030/GBK.

Every failure is an InputError that names the file, so a batch can report it and go on.
"""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from extract.text import is_han
from kg.errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})


def _ignore(message: str) -> None:
    pass


def discover(paths: Iterable[str], report: Callable[[str], None] = _ignore) -> Iterator[Path | InputError]:
    """Expand files, directories (recursively, text files only) and glob patterns, in a stable order.

    Yields an InputError in place of an argument that names nothing readable. Inside a directory,
    symlinked folders are followed once; a symlink loop or a broken link is named through `report`
    and skipped.
    """
    seen: set[Path] = set()
    for raw in paths:
        candidates: list[Path]
        path = Path(raw)
        if path.is_dir():
            candidates = _text_files(path, report)
            if not candidates:
                yield InputError(f"{raw}: directory holds no text files (*.txt)", subject=raw)
                continue
        elif path.is_file():
            candidates = [path]
        elif glob.has_magic(raw):
            candidates = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not candidates:
                yield InputError(f"{raw}: pattern matches no file", subject=raw)
                continue
        elif path.is_symlink():
            yield InputError(f"{raw}: {_link_problem(path)}", subject=raw)
            continue
        else:
            yield InputError(f"{raw}: no such file or directory", subject=raw)
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def _link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop (the link leads back to itself)"
        return f"broken symlink (its target: {exc.strerror})"
    return "symlink to something that is not a file"


def _text_files(root: Path, report: Callable[[str], None]) -> list[Path]:
    """Text files under `root` (hidden names skipped), following symlinked folders that do not lead
    back into a folder being walked; such loops and broken links are reported once each."""
    found: list[Path] = []
    walked: set[Path] = set()

    def walk(directory: Path, ancestors: tuple[Path, ...]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            report(f"{directory}: cannot list this folder ({exc.strerror}); skipped")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = directory / entry.name
            if entry.is_symlink():
                try:
                    os.stat(path)
                except OSError:
                    if path.suffix.lower() in TEXT_SUFFIXES or path.suffix == "":
                        report(f"{path}: {_link_problem(path)}; skipped")
                    continue
                if path.is_dir():
                    target = path.resolve()
                    if target in ancestors:
                        report(f"{path}: symlink loop (leads back to {target}); skipped")
                        continue
                    if target not in walked:
                        walked.add(target)
                        walk(path, (*ancestors, target))
                    continue
            elif entry.is_dir(follow_symlinks=False):
                target = path.resolve()
                walked.add(target)
                walk(path, (*ancestors, target))
                continue
            if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
                found.append(path)

    top = root.resolve()
    walked.add(top)
    walk(root, (top,))
    return sorted(found)


#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, name: str) -> str:
    """Bytes of a newspaper text file to str, or InputError saying why it is not text.

    A byte-order mark decides the encoding; UTF-16 without one is tried when the file has NUL bytes
    (LE or BE, whichever reads as Chinese). Any other NUL, anywhere in the file, makes it binary.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but is not "
                    f"{encoding.upper()} (bad bytes at offset {exc.start + len(bom)})"
                ) from None
            return _checked(text, name)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _checked(text, name)
        raise InputError(f"{name}: binary file (contains NUL bytes, the first at byte {data.index(0)}), not text")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text) and _cjk_share(text) > 0.2:
        return _checked(text, name)
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8",):
        guess = str(best)
        if _looks_like_text(guess) and _cjk_share(guess) > 0.2:
            return _checked(guess, name)
    raise InputError(f"{name}: cannot decode as UTF-8, UTF-16 or GB18030 (not a Chinese text file?)")


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{name}: binary file (contains NUL characters, the first at character {nul}), not text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 without a byte-order mark (LE or BE, whichever reads as Chinese), or None.

    Bytes that are UTF-8 once their NULs are dropped are a UTF-8 file with NUL bytes in it (UTF-16
    Chinese is practically never valid UTF-8), and so not UTF-16."""
    if len(data) % 2:
        return None
    try:
        data.replace(b"\x00", b"").decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or not _looks_like_text(text):
            continue
        share = _cjk_share(text)
        if share > 0.2 and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


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
    return sum(1 for ch in chars if is_han(ch)) / len(chars)
