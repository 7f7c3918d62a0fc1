"""Facts as Parquet (kg.parquet): what is read back is what was written, and pandas reads the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.jsonl import read_jsonl
from kg.parquet import count_parquet, read_parquet, write_parquet
from kg.stream import count_facts, extract_to, iter_facts_file

pytestmark = pytest.mark.hanlp


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path, seed_path: Path) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("parquet")
    paths = [str(examples_dir), str(seed_path)]
    extract_to(paths, root / "facts.jsonl")
    extract_to(paths, root / "facts.parquet", chunk=3)  # several row groups
    return root / "facts.jsonl", root / "facts.parquet"


def test_parquet_reads_back_the_same_facts_as_json_lines(both: tuple[Path, Path], tmp_path: Path) -> None:
    jsonl, parquet = both
    expected = list(read_jsonl(jsonl))
    assert list(read_parquet(parquet)) == expected
    assert count_parquet(parquet) == count_facts(parquet) == count_facts(jsonl) == len(expected)
    assert list(iter_facts_file(parquet)) == expected
    again = tmp_path / "again.parquet"
    write_parquet(expected, again, chunk=2)
    assert list(read_parquet(again)) == expected
    assert parquet.stat().st_size < jsonl.stat().st_size  # columnar and compressed


def test_pandas_reads_the_parquet_facts(both: tuple[Path, Path]) -> None:
    import pandas as pd

    jsonl, parquet = both
    expected = list(read_jsonl(jsonl))
    frame = pd.read_parquet(parquet)
    assert list(frame.columns) == ["id", "title", "date", "source", "byline", "text", "entities", "relations"]
    assert list(frame["id"]) == [f.article.id for f in expected]
    first = expected[0]
    assert [e["name"] for e in frame["entities"][0]] == [e.name for e in first.entities]
    assert [(r["type"], r["start"]) for r in frame["relations"][0]] == [
        (r.type, r.evidence.start) for r in first.relations
    ]


def test_a_file_that_is_not_parquet_facts_is_named(tmp_path: Path, both: tuple[Path, Path]) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError, match="bad.parquet"):
        list(read_parquet(bad))
    import pandas as pd

    other = tmp_path / "other.parquet"
    pd.DataFrame({"x": [1]}).to_parquet(other)
    with pytest.raises(InputError, match="not a facts Parquet file"):
        list(read_parquet(other))


def test_the_api_and_the_map_read_parquet_facts(both: tuple[Path, Path], tmp_path: Path) -> None:
    import kg
    from kg.cli_map import _graph_from_facts

    jsonl, parquet = both
    assert kg.read_facts(parquet) == kg.read_facts(jsonl)
    from_parquet, _ = _graph_from_facts(parquet)
    from_jsonl, _ = _graph_from_facts(jsonl)
    assert sorted(from_parquet.nodes) == sorted(from_jsonl.nodes) and from_parquet.size() == from_jsonl.size() > 0
