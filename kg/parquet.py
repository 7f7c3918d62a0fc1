"""Facts as Parquet: the fact contract in columns, one row per article, for archives.

The shape (README, "Facts as Parquet"), read directly by DuckDB, Spark, pandas and polars:

- `id`, `title`, `date`, `source`, `text` (strings), `byline` (list of strings): the article;
- `entities`: list of struct {id, type, name, titles: list, aliases: list, properties: JSON text};
- `relations`: list of struct {type, head, tail, properties: JSON text, article, sentence, start, end}.

Properties stay JSON text because their keys differ from one entity or relation to the next; every
other field is typed. Rows are written a chunk at a time (one row group per chunk), so memory stays
bounded; the file appears when the last chunk is written. Needs pyarrow (`pip install newskg[parquet]`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from kg.errors import InputError, SetupError
from kg.jsonl import facts_from_dict, facts_to_dict
from kg.model import Facts


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]  # noqa: F401
    except ModuleNotFoundError:
        raise SetupError(
            "Parquet needs pyarrow: pip install 'newskg[parquet]' (or .venv/bin/pip install pyarrow)"
        ) from None
    return pyarrow


def is_parquet(path: Path) -> bool:
    """Whether a facts path names Parquet (by its suffix)."""
    return path.suffix.lower() in (".parquet", ".pq")


def schema() -> Any:
    """The Arrow schema of a facts Parquet file."""
    pa = _pyarrow()
    text, texts = pa.string(), pa.list_(pa.string())
    entity = pa.struct(
        [("id", text), ("type", text), ("name", text), ("titles", texts), ("aliases", texts), ("properties", text)]
    )
    relation = pa.struct(
        [
            ("type", text),
            ("head", text),
            ("tail", text),
            ("properties", text),
            ("article", text),
            ("sentence", text),
            ("start", pa.int32()),
            ("end", pa.int32()),
        ]
    )
    return pa.schema(
        [
            ("id", text),
            ("title", text),
            ("date", text),
            ("source", text),
            ("byline", texts),
            ("text", text),
            ("entities", pa.list_(entity)),
            ("relations", pa.list_(relation)),
        ]
    )


def _row(facts: Facts) -> dict[str, Any]:
    d = facts_to_dict(facts)
    a = d["article"]
    dumps = json.dumps
    return {
        **a,
        "entities": [
            {
                "id": e["id"],
                "type": e["type"],
                "name": e["name"],
                "titles": e.get("titles", []),
                "aliases": e.get("aliases", []),
                "properties": dumps(e.get("properties", {}), ensure_ascii=False),
            }
            for e in d["entities"]
        ],
        "relations": [
            {
                "type": r["type"],
                "head": r["head"],
                "tail": r["tail"],
                "properties": dumps(r["properties"], ensure_ascii=False),
                **r["evidence"],
            }
            for r in d["relations"]
        ],
    }


def _facts(row: dict[str, Any]) -> Facts:
    loads = json.loads
    obj = {
        "article": {k: row[k] for k in ("id", "title", "date", "source", "byline", "text")},
        "entities": [{**e, "properties": loads(e["properties"])} for e in row["entities"]],
        "relations": [
            {
                "type": r["type"],
                "head": r["head"],
                "tail": r["tail"],
                "properties": loads(r["properties"]),
                "evidence": {k: r[k] for k in ("article", "sentence", "start", "end")},
            }
            for r in row["relations"]
        ],
    }
    return facts_from_dict(obj)


class ParquetFactsWriter:
    """Writes chunks of facts as row groups to `path` (through `path`.tmp, renamed on close)."""

    def __init__(self, path: Path) -> None:
        pa = _pyarrow()
        self.path = path
        self._tmp = path.with_name(path.name + ".tmp")
        self._schema = schema()
        self._pa = pa
        try:
            self._writer = pa.parquet.ParquetWriter(str(self._tmp), self._schema, compression="zstd")
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc})") from None

    def write(self, chunk: Sequence[Facts]) -> None:
        """One row group of these articles."""
        if chunk:
            table = self._pa.Table.from_pylist([_row(f) for f in chunk], schema=self._schema)
            self._writer.write_table(table)

    def __enter__(self) -> ParquetFactsWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._writer.close()
        if kind is None:
            self._tmp.replace(self.path)
        else:
            self._tmp.unlink(missing_ok=True)


def write_parquet(items: Sequence[Facts], path: Path, *, chunk: int = 1024) -> int:
    """Write facts to a Parquet file; the number written."""
    with ParquetFactsWriter(path) as writer:
        for i in range(0, len(items), chunk):
            writer.write(items[i : i + chunk])
    return len(items)


def read_parquet(path: Path) -> Iterator[Facts]:
    """The facts of a Parquet facts file, one article at a time (a row group at a time in memory)."""
    pa = _pyarrow()
    try:
        file = pa.parquet.ParquetFile(str(path))
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    missing = {"id", "entities", "relations"} - set(file.schema_arrow.names)
    if missing:
        raise InputError(f"{path}: not a facts Parquet file (no column {', '.join(sorted(missing))})")
    for group in range(file.num_row_groups):
        for row in file.read_row_group(group).to_pylist():
            yield _facts(row)


def count_parquet(path: Path) -> int:
    """Rows (articles) in a Parquet facts file, from its footer."""
    pa = _pyarrow()
    try:
        return int(pa.parquet.ParquetFile(str(path)).metadata.num_rows)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
