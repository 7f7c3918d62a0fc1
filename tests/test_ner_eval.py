"""`kg eval --ner`: the BIO reader and the per-sentence set scorer, on our own tiny corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.ner_eval import NerSentence, read_bio_dir, score, spans_from_bio


def _write(folder: Path, rows: list[tuple[str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "sentences.txt").write_text("\n".join(" ".join(t) for t, _ in rows) + "\n", encoding="utf-8")
    (folder / "tags.txt").write_text("\n".join(tags for _, tags in rows) + "\n", encoding="utf-8")
    return folder


def test_spans_from_bio_reads_runs_and_stray_inside_tags() -> None:
    chars = list("林海峰到澜州市")
    tags = ["B-PER", "I-PER", "I-PER", "O", "I-LOC", "I-LOC", "I-LOC"]
    assert spans_from_bio(chars, tags) == {("PER", "林海峰"), ("LOC", "澜州市")}
    assert spans_from_bio(list("甲乙"), ["B-PER", "B-PER"]) == {("PER", "甲"), ("PER", "乙")}


def test_score_counts_sets_per_sentence_and_type() -> None:
    sentences = [NerSentence("x", frozenset({("PER", "林海峰"), ("LOC", "澜州")})), NerSentence("y", frozenset())]
    report = score("t", [{("PER", "林海峰"), ("ORG", "澜州")}, {("LOC", "岫川")}], sentences)
    assert (report.by_type["PER"].tp, report.by_type["LOC"].fn, report.by_type["LOC"].fp) == (1, 1, 1)
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (1, 2, 1)


def test_reader_names_the_bad_line(tmp_path: Path) -> None:
    folder = _write(tmp_path / "bad", [("林海峰", "B-PER I-PER I-PER"), ("到澜州", "O B-LOC")])
    with pytest.raises(InputError, match="line 2"):
        read_bio_dir(folder)


def test_cli_scores_ours_next_to_hanlp_and_jieba(tmp_path: Path) -> None:
    folder = _write(
        tmp_path / "mini",
        [
            (
                "澜州市市长林海峰昨天到岫川县考察。",
                "B-LOC I-LOC I-LOC O O B-PER I-PER I-PER O O O B-LOC I-LOC I-LOC O O O",
            ),
            ("今天天气晴朗。", "O O O O O O O"),
        ],
    )
    result = CliRunner().invoke(app, ["eval", "--ner", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    import json

    reports = {r["system"]: r for r in json.loads(result.stdout)}
    assert set(reports) == {"ours", "hanlp", "jieba"}
    assert reports["ours"]["types"]["PER"]["tp"] == 1


def test_cli_names_a_folder_without_the_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--ner", str(tmp_path)])
    assert result.exit_code == 1
    assert "sentences.txt" in result.output and "Traceback" not in result.output


MSRA_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "msra-dev"


@pytest.mark.hanlp
@pytest.mark.skipif(
    not (MSRA_DEV / "sentences.txt").is_file(), reason="the shared MSRA corpus is not beside the repository"
)
def test_on_the_real_msra_sentences_we_beat_hanlps_own_recognizers() -> None:
    """The shared MSRA development split (3,000 real sentences), read from ../shared: our
    persons, organizations and places score above HanLP's own recognizers, and not below the
    floor measured when this test was written (0.591; the second half, never tuned on, 0.588)."""
    from kg.ner_eval import evaluate_ner

    reports = {r.system: r for r in evaluate_ner(MSRA_DEV, systems=("ours", "hanlp"))}
    ours, hanlp = reports["ours"].micro.f1, reports["hanlp"].micro.f1
    assert ours > hanlp, (ours, hanlp)
    assert ours >= 0.58
    assert reports["ours"].by_type["PER"].f1 > reports["hanlp"].by_type["PER"].f1
