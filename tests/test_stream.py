"""Streaming extraction (kg.stream): the same bytes as the in-memory pipeline, chunk by chunk, and
a run cut short by Ctrl-C goes on with --resume to the same output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.config import PROJECT_ROOT
from kg.errors import Interrupted
from kg.jsonl import read_jsonl, write_jsonl
from kg.pipeline import extract_paths
from kg.stream import extract_to, partial_path, read_frames

pytestmark = pytest.mark.hanlp

GOLD = PROJECT_ROOT / "tests" / "gold"


def _in_memory(paths: list[str], out: Path, **options: object) -> bytes:
    write_jsonl(extract_paths(paths, **options).facts, out)  # type: ignore[arg-type]
    return out.read_bytes()


@pytest.mark.parametrize("name", ["examples", "gold"])
def test_streamed_output_is_byte_identical_to_the_in_memory_pipeline(
    tmp_path: Path, examples_dir: Path, seed_path: Path, name: str
) -> None:
    # The gold texts of every set as one corpus: its home city and careers are inferred across all.
    paths = [str(examples_dir), str(seed_path)] if name == "examples" else [str(GOLD / "dev"), str(GOLD / "real")]
    expected = _in_memory(paths, tmp_path / "memory.jsonl")
    result = extract_to(paths, tmp_path / "stream.jsonl", chunk=3)  # many chunks, a short last one
    assert (tmp_path / "stream.jsonl").read_bytes() == expected
    assert result.articles == expected.count(b"\n") and result.articles > 6
    assert not partial_path(tmp_path / "stream.jsonl").exists()
    written = list(read_jsonl(tmp_path / "stream.jsonl"))
    assert sum(len(f.relations) for f in written) == sum(result.relations.values())


def test_a_fixed_date_and_home_city_stream_as_they_did(tmp_path: Path, examples_dir: Path) -> None:
    options = {"date": "2023-02-01", "home_city": "南屿"}
    expected = _in_memory([str(examples_dir)], tmp_path / "memory.jsonl", **options)
    extract_to([str(examples_dir)], tmp_path / "stream.jsonl", chunk=2, **options)  # type: ignore[arg-type]
    assert (tmp_path / "stream.jsonl").read_bytes() == expected


def test_an_interrupted_run_resumes_to_the_same_output(tmp_path: Path, examples_dir: Path, seed_path: Path) -> None:
    paths = [str(examples_dir), str(seed_path)]
    fresh = tmp_path / "fresh.jsonl"
    extract_to(paths, fresh, chunk=2)
    out = tmp_path / "cut.jsonl"
    seen: list[int] = []

    def ctrl_c_after_five(stage: str, done: int, total: int) -> None:
        seen.append(done)
        if stage == "extracting" and done == 5:
            raise KeyboardInterrupt  # as SIGINT would, in the middle of the third chunk

    with pytest.raises(Interrupted) as caught:
        extract_to(paths, out, chunk=2, progress=ctrl_c_after_five)
    assert caught.value.articles == 5 and caught.value.stage == "extracting"
    assert not out.exists()
    kept = [f.article.id for chunk in read_frames(partial_path(out)) for f in chunk]
    assert len(kept) == 5  # two whole chunks and the article finished before Ctrl-C
    # A frame cut short (the process killed while writing) is dropped on resume.
    with partial_path(out).open("ab") as fh:
        fh.write(b"\x10\x00\x00\x00abc")
    result = extract_to(paths, out, chunk=2, resume=True)
    assert result.resumed == 5 and result.articles == fresh.read_bytes().count(b"\n")
    assert out.read_bytes() == fresh.read_bytes()
    assert not partial_path(out).exists()


def test_resume_without_a_partial_run_says_so_and_starts_over(tmp_path: Path, examples_dir: Path) -> None:
    notes: list[str] = []
    result = extract_to([str(examples_dir)], tmp_path / "f.jsonl", resume=True, report=notes.append)
    assert result.resumed == 0 and result.articles == 7
    assert len(notes) == 1 and "f.jsonl.partial" in notes[0] and "from the start" in notes[0]


def test_nothing_readable_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = extract_to([str(empty)], tmp_path / "f.jsonl")
    assert result.articles == 0 and result.failed == [str(empty)]
    assert not (tmp_path / "f.jsonl").exists() and not partial_path(tmp_path / "f.jsonl").exists()


#: The same string hashing in every run: resolve's inferred home city breaks ties between places
#: in set order (kg.resolve.CorpusStats.add), so two processes may differ where counts tie.
_ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, timeout=600, env=_ENV
    )


def test_sigint_keeps_the_complete_chunks_and_resume_finishes(tmp_path: Path) -> None:
    from bench.corpus import generate

    generate(700, tmp_path / "corpus")  # chunks of 256: the first lands within seconds
    out = tmp_path / "facts.jsonl"
    spill = partial_path(out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "extract", "corpus", "-o", "facts.jsonl"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_ENV,
    )
    deadline = time.monotonic() + 300
    while not (spill.exists() and spill.stat().st_size > 0) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before a chunk was spilled"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "--resume" in err and "facts.jsonl.partial" in err and "Traceback" not in err
    assert not out.exists()
    kept = sum(len(chunk) for chunk in read_frames(spill))
    assert 256 <= kept < 700

    resumed = _kg("extract", "corpus", "-o", "facts.jsonl", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed {kept:,} articles" in resumed.stdout.replace("\n", " ")
    assert not spill.exists()
    fresh = _kg("extract", "corpus", "-o", "fresh.jsonl", cwd=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert out.read_bytes() == (tmp_path / "fresh.jsonl").read_bytes()
    assert out.read_bytes().count(b"\n") == 700


@pytest.mark.skipif(os.cpu_count() == 1, reason="workers need a second core to be worth testing")
def test_two_workers_stream_the_same_bytes(tmp_path: Path, examples_dir: Path, seed_path: Path) -> None:
    paths = [str(examples_dir), str(seed_path)]
    extract_to(paths, tmp_path / "one.jsonl", chunk=3)
    extract_to(paths, tmp_path / "two.jsonl", chunk=3, workers=2)
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_a_bad_date_fails_before_anything_is_kept(tmp_path: Path, examples_dir: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="June 5th"):
        extract_to([str(examples_dir)], tmp_path / "f.jsonl", date="June 5th")
    assert not partial_path(tmp_path / "f.jsonl").exists() and not (tmp_path / "f.jsonl").exists()


def test_the_progress_estimate_counts_the_files_discover_reads(tmp_path: Path) -> None:
    from extract.reading import discover
    from kg.stream import count_inputs

    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.TXT", "a/b/three", "a/notes.md", "a/.hidden.txt", "a/scan.pdf", "top.txt"):
        (tmp_path / name).write_text("某日报讯 内容", encoding="utf-8")
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "elsewhere").symlink_to(tmp_path / "a" / "b", target_is_directory=True)
    args = [str(tmp_path / "a"), str(tmp_path / "top.txt"), str(tmp_path / "*.txt"), str(tmp_path / "missing")]
    found = [p for p in discover(args) if not isinstance(p, Exception)]
    assert len(found) == 5  # the folder's four text files (two.TXT once) and top.txt once
    # The estimate skips discover's de-duplication: top.txt named twice counts twice.
    assert count_inputs(args) == len(found) + 1
    assert count_inputs([str(tmp_path / "a")]) == 4
