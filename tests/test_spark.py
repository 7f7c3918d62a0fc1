"""`kg spark extract` and `kg spark load` in local mode: real PySpark, the real HanLP in each Python
worker, the real Neo4j. The facts must be `kg extract`'s, byte for byte, and the graph `kg load`'s."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import reduce
from pathlib import Path

import neo4j
import pytest

from kg.config import PROJECT_ROOT
from kg.jsonl import read_jsonl
from kg.resolve import CorpusStats, Resolution
from loaders.neo4j_connection import Neo4jSettings
from tests.fixtures_neo4j import graph_counts

pytestmark = [pytest.mark.spark, pytest.mark.hanlp]


def kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real console script in a new process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=300,
    )


def parts(directory: Path) -> list[Path]:
    return sorted(directory.glob("part-*"))


def joined(directory: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in parts(directory))


@pytest.fixture(scope="session")
def inputs(examples_dir: Path, seed_path: Path) -> list[str]:
    return [str(examples_dir), str(seed_path)]  # the seed page is read where it lies, never copied


@pytest.fixture(scope="session")
def cli_facts(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "facts.jsonl"
    result = kg("extract", *inputs, "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def spark_facts(
    inputs: list[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("spark") / "facts"
    result = kg("spark", "extract", *inputs, "-o", str(out))  # local[2], 2 partitions
    assert result.returncode == 0, result.stderr
    return out, result


def test_spark_extract_writes_kg_extracts_facts(
    spark_facts: tuple[Path, subprocess.CompletedProcess[str]], cli_facts: Path
) -> None:
    out, result = spark_facts
    assert [p.name for p in parts(out)] == ["part-00000", "part-00001"]
    assert all(p.stat().st_size > 0 for p in parts(out)), "both partitions hold articles"
    expected = cli_facts.read_text(encoding="utf-8")
    assert len(expected.splitlines()) >= 10
    assert joined(out) == expected  # same facts, same order, same bytes
    assert result.stderr.strip() == "", result.stderr  # Spark's own output goes to its log file
    assert "articles" in result.stdout and str(len(expected.splitlines())) in result.stdout


def test_bad_inputs_duplicates_and_other_partitionings(tmp_path: Path, examples_dir: Path, seed_path: Path) -> None:
    """One line per bad input, an article printed twice kept once at its first printing, and the
    same facts as `kg extract` with three partitions on one core."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    again = examples_dir / "20240602_nanyu_visit.txt"
    args = [
        str(bad / "empty.txt"),
        str(seed_path),
        str(bad / "binary.txt"),
        str(examples_dir),
        str(again),
        str(tmp_path / "missing.txt"),
    ]
    reference = tmp_path / "cli.jsonl"
    cli = kg("extract", *args, "-o", str(reference))
    assert cli.returncode == 1, cli.stderr  # something named failed: the rest written, exit 1
    out = tmp_path / "spark"
    result = kg("spark", "extract", *args, "-o", str(out), "--master", "local[1]", "--partitions", "3")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert sum(name in line for line in warnings) == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: 3 inputs could not be read") and all(
        n in last for n in ("empty.txt", "binary.txt", "missing.txt")
    ), last
    assert len(parts(out)) == 3
    assert joined(out) == reference.read_text(encoding="utf-8")
    sources = [json.loads(line)["article"]["source"] for line in joined(out).splitlines()]
    assert sum(s.endswith("20240602_nanyu_visit.txt") for s in sources) == 1


def test_corpus_stats_merged_in_order_equal_one_pass(cli_facts: Path) -> None:
    facts = list(read_jsonl(cli_facts))
    whole = CorpusStats.of(facts)
    for cut in ([3], [1, 5, 9], list(range(1, len(facts)))):
        bounds = [0, *cut, len(facts)]
        pieces = [CorpusStats.of(facts[a:b]) for a, b in zip(bounds, bounds[1:])]
        merged = reduce(lambda x, y: x.merge(y), pieces)
        assert merged == whole
        assert list(merged.place_articles) == list(whole.place_articles)  # insertion order: ties break alike
        assert Resolution.of(merged) == Resolution.of(whole)
    assert Resolution.of(whole).home  # the corpus has a home city to resolve 市委 to


def test_user_errors_are_one_line(tmp_path: Path, examples_dir: Path) -> None:
    def one_line(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert result.returncode == code, result.stderr
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert all(w in lines[0] for w in words), lines[0]

    out = tmp_path / "out"
    one_line(
        kg("spark", "extract", str(examples_dir), "-o", str(out), "--master", "nowhere://x"),
        1,
        "--master",
        "nowhere://x",
    )
    one_line(kg("spark", "extract", str(tmp_path / "nothing.txt"), "-o", str(out)), 1, "nothing.txt")
    no_java = {"PATH": str(Path(sys.executable).parent), "JAVA_HOME": ""}
    one_line(kg("spark", "extract", str(examples_dir), "-o", str(out), env=no_java), 4, "Java")  # SetupError
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.md").write_text("keep", encoding="utf-8")
    one_line(kg("spark", "extract", str(examples_dir), "-o", str(tmp_path / "mine")), 1, "notes.md")
    assert (tmp_path / "mine" / "notes.md").read_text(encoding="utf-8") == "keep"
    one_line(kg("spark", "extract", str(examples_dir), "--conf", "novalue"), 1, "novalue")
    one_line(
        kg("spark", "load", str(tmp_path / "nofacts"), "--uri", "bolt://127.0.0.1:1", "--password", "x"), 1, "nofacts"
    )
    one_line(kg("spark", "load", str(examples_dir), "--partitions", "9"), 1, "--partitions")
    assert not out.exists()


def test_nothing_readable_leaves_the_output_alone(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00000").write_text("earlier\n", encoding="utf-8")
    result = kg("spark", "extract", str(tmp_path / "empty.txt"), "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr and "no article" in result.stderr
    assert (out / "part-00000").read_text(encoding="utf-8") == "earlier\n"


def fingerprint(driver: neo4j.Driver) -> list[str]:
    """Every node and relationship with its properties, as sorted JSON. Unlike
    fixtures_neo4j.graph_fingerprint, lists whose order only says which article a writer met first
    (aliases, titles with their dates) are sorted: concurrent partitions may meet them in any order."""
    items: list[str] = []
    for record in driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p").records:
        p = dict(record["p"])
        p["aliases"] = sorted(p.get("aliases") or [])
        titles = p.pop("titles", None) or []
        first = p.pop("titles_first_seen", None) or [""] * len(titles)
        last = p.pop("titles_last_seen", None) or [""] * len(titles)
        p["titles"] = sorted(zip(titles, first, last))
        items.append(json.dumps([sorted(record["labels"]), p], ensure_ascii=False, sort_keys=True, default=str))
    for record in driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p"
    ).records:
        items.append(
            json.dumps(
                [record["t"], record["a"], record["b"], dict(record["p"])],
                ensure_ascii=False,
                sort_keys=True,
                default=str,
            )
        )
    return sorted(items)


@pytest.mark.neo4j
def test_spark_load_makes_kg_loads_graph(
    empty_graph: neo4j.Driver,
    neo4j_server_settings: Neo4jSettings,
    cli_facts: Path,
    spark_facts: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    auth = ["--uri", neo4j_server_settings.uri, "--password", neo4j_server_settings.password or ""]
    result = kg("load", "--facts", str(cli_facts), *auth)
    assert result.returncode == 0, result.stderr
    expected_counts, expected = graph_counts(empty_graph), fingerprint(empty_graph)
    assert expected_counts[0] > 100 and expected_counts[1] > 200

    with empty_graph.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        session.run("DROP CONSTRAINT entity_id IF EXISTS").consume()  # the Spark load must create it first
    assert graph_counts(empty_graph) == (0, 0)
    out, _ = spark_facts
    result = kg("spark", "load", str(out), "--partitions", "2", *auth)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
    assert graph_counts(empty_graph) == expected_counts
    assert fingerprint(empty_graph) == expected
    names = {r["name"] for r in empty_graph.execute_query("SHOW CONSTRAINTS YIELD name").records}
    assert "entity_id" in names

    again = kg("spark", "load", str(out), "--partitions", "4", *auth)  # idempotent from 4 writers
    assert again.returncode == 0, again.stderr
    # Not the fingerprint: the writer keeps an entity's free properties from the first article of
    # a batch that names it (Organization:义乌市政府's source=title is in one article only), so other
    # batches can add one on a reload. Reported to the writer's owner; nodes and edges stay put.
    assert graph_counts(empty_graph) == expected_counts
    assert "4 partitions" in again.stdout
