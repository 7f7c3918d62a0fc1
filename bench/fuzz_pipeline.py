"""A larger fuzz run of the properties in tests/test_properties.py (hypothesis, same strategies):
reading bytes, normalize_chars, sentence cuts, page splitting, and extraction with the real HanLP.

    .venv/bin/python -m bench.fuzz_pipeline [--examples 5000] [--extract-examples 400]

Counts what each property met (decoded / refused with one line / any other exception), how many
strings normalize_chars changes on a second pass (today's and, from git, main's before the fix),
and extraction's worst time per 1,000 characters. Prints one table, writes bench/results/fuzz.json.

What it found, --examples 5000 --extract-examples 400 (about a minute on 2 cores):

- before the fix, normalize_chars changed 14 of 10,000 strings on a second pass (`),x`, `)? !.`,
  `\n(,(`: a mark at the text's edge counted as next to Chinese, and a mark made full-width
  turned its neighbour only on the next pass); now none;
- decode returned '' for a file holding only a UTF-8 BOM (now: "file is empty");
- bytes: 3,883 decoded, 1,117 refused with one line, 0 other exceptions;
- 5,000 pages split and cut into sentences, 400 extracted with HanLP (25,074 characters, 1,228
  relations): every evidence at its offsets, before and after resolve; 0 exceptions.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.layout import split_page
from extract.reading import decode
from extract.text import MAX_SENTENCE_CHARS, normalize_chars, sentences
from kg.errors import InputError
from tests.strategies import page_bytes, page_text
from tests.test_properties import _articles, _check_offsets

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
#: The commit before normalize_chars was made idempotent, to count what the fix changed.
BEFORE_FIX = "62b3d84"


def _run(examples: int, strategy: st.SearchStrategy[Any], body: Callable[[Any], str]) -> tuple[Counter[str], float]:
    """Feed `examples` draws to `body`, which returns an outcome name; exceptions are outcomes too."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value: Any) -> None:
        try:
            outcome = body(value)
        except AssertionError:
            outcome = "property violated"
            first.setdefault(outcome, f"{value!r:.200}\n{traceback.format_exc(limit=3)}")
        except Exception as exc:  # noqa: BLE001 - counted, that is the point
            outcome = f"exception {type(exc).__name__}"
            first.setdefault(outcome, f"{value!r:.200}\n{traceback.format_exc(limit=3)}")
        counts[outcome] += 1

    began = time.perf_counter()
    run()
    for outcome, example in first.items():
        print(f"first {outcome}:\n{example}", file=sys.stderr)
    return counts, time.perf_counter() - began


def _normalize_before_fix() -> Callable[[str], str] | None:
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE_FIX}:extract/text.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as fh:
        fh.write(source)
    spec = importlib.util.spec_from_file_location("text_before_fix", fh.name)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.normalize_chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="draws per property without HanLP")
    parser.add_argument("--extract-examples", type=int, default=400, help="pages extracted with the real HanLP")
    args = parser.parse_args()
    rows: dict[str, dict[str, Any]] = {}

    def decoding(data: bytes) -> str:
        try:
            text = decode(data, "in.txt")
        except InputError as exc:
            assert str(exc).startswith("in.txt: ") and "\n" not in str(exc)
            return "refused, one line"
        assert "\x00" not in text
        return "decoded"

    counts, seconds = _run(args.examples, page_bytes, decoding)
    rows["decode bytes"] = {"examples": sum(counts.values()), "outcomes": dict(counts), "seconds": seconds}

    before = _normalize_before_fix()
    for name, strategy in (("normalize_chars, page-like", page_text), ("normalize_chars, any text", st.text())):

        def normalizing(text: str) -> str:
            once = normalize_chars(text)
            assert normalize_chars(once) == once
            old = (
                ""
                if before is None
                else ("; before the fix: changes on a 2nd pass" if before(before(text)) != before(text) else "")
            )
            return "idempotent" + old

        counts, seconds = _run(args.examples, strategy, normalizing)
        rows[name] = {"examples": sum(counts.values()), "outcomes": dict(counts), "seconds": seconds}

    def splitting(text: str) -> str:
        page = normalize_chars(text)
        for start, end in sentences(page):
            assert 0 <= start < end <= len(page) and end - start <= MAX_SENTENCE_CHARS
        found = split_page(page)
        assert sum(len(pa.body.replace(" ", "")) for pa in found) <= len(page.replace(" ", ""))
        return f"{min(len(found), 3)}{'+' if len(found) >= 3 else ''} articles"

    counts, seconds = _run(args.examples, st.lists(page_text, max_size=4).map("\n\n".join), splitting)
    rows["sentences + split_page"] = {"examples": sum(counts.values()), "outcomes": dict(counts), "seconds": seconds}

    from extract.extractor import extract
    from extract.hanlp_backend import get_tagger
    from kg.resolve import resolve

    tagger = get_tagger()
    worst = {"ms_per_1000_chars": 0.0, "chars": 0}
    totals: Counter[str] = Counter()

    def extracting(text: str) -> str:
        began = time.perf_counter()
        articles = _articles(text)
        facts = [extract(a, tagger) for a in articles]
        for f in facts:
            _check_offsets(f)
        for f in resolve(facts):
            _check_offsets(f)
        seconds = time.perf_counter() - began
        chars = sum(len(a.text) for a in articles)
        totals["chars"] += chars
        totals["relations"] += sum(len(f.relations) for f in facts)
        if chars >= 200 and seconds * 1e6 / chars > worst["ms_per_1000_chars"]:
            worst.update(ms_per_1000_chars=seconds * 1e6 / chars, chars=chars)
        return "offsets hold" if facts else "no article"

    counts, seconds = _run(
        args.extract_examples, st.lists(page_text, min_size=1, max_size=6).map("\n\n".join), extracting
    )
    rows["extract + resolve (HanLP)"] = {
        "examples": sum(counts.values()),
        "outcomes": dict(counts),
        "seconds": seconds,
        "characters": totals["chars"],
        "relations": totals["relations"],
        "worst": worst,
    }

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fuzz.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    from rich.console import Console
    from rich.table import Table

    table = Table(title="fuzz run (hypothesis)", title_justify="left")
    for column in ("property", "examples", "outcomes", "seconds"):
        table.add_column(column)
    for name, row in rows.items():
        outcomes = ", ".join(f"{k}: {v:,}" for k, v in sorted(row["outcomes"].items()))
        table.add_row(name, f"{row['examples']:,}", outcomes, f"{row['seconds']:.1f}")
    Console().print(table)
    ext = rows["extract + resolve (HanLP)"]
    print(
        f"extraction: {ext['characters']:,} characters, {ext['relations']:,} relations; worst "
        f"{ext['worst']['ms_per_1000_chars']:.1f} ms per 1,000 characters (a page of {ext['worst']['chars']})"
    )


if __name__ == "__main__":
    main()
