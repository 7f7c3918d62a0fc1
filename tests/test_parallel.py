"""Extraction in worker processes: same output as one process, and a dead worker is survived."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.jsonl import facts_to_dict
from kg.parallel import CRASH_MARKER_ENV
from kg.pipeline import extract_paths

pytestmark = pytest.mark.hanlp


def test_two_workers_give_the_single_worker_output(examples_dir: Path, seed_path: Path) -> None:
    paths = [str(examples_dir), str(seed_path)]
    one = extract_paths(paths, date="2024-05-13")
    two = extract_paths(paths, date="2024-05-13", workers=2)
    assert [facts_to_dict(f) for f in two.facts] == [facts_to_dict(f) for f in one.facts]


def test_a_dead_worker_is_reported_and_the_batch_goes_on(
    tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doomed = tmp_path / "doomed.txt"
    doomed.write_text("本报讯 昨日，云岭街道召开崩溃测试会议，市领导甲某参加会议。", encoding="utf-8")
    monkeypatch.setenv(CRASH_MARKER_ENV, "崩溃测试")
    messages: list[str] = []
    result = extract_paths([str(examples_dir), str(doomed)], workers=2, report=messages.append)
    assert len(result.facts) == 7  # every example article survives
    assert not any("崩溃测试" in f.article.text for f in result.facts)
    assert len(messages) == 1 and "doomed.txt" in messages[0] and "lost" in messages[0]


def test_facts_survive_the_trip_from_a_worker(seed_facts: list) -> None:
    from kg import wire

    back = wire.loads(wire.dumps(seed_facts))
    assert back == seed_facts
    for facts in back:
        for rel in facts.relations:
            ev = rel.evidence
            assert facts.article.text[ev.start : ev.end] == ev.sentence
            assert dict(rel.properties) == dict(
                next(r for r in seed_facts if r.article.id == facts.article.id)
                .relations[facts.relations.index(rel)]
                .properties
            )


def test_segmenting_ahead_changes_nothing(examples_dir: Path, seed_path: Path) -> None:
    from extract.hanlp_backend import get_tagger
    from kg.pipeline import extract_articles, read_articles

    articles, _ = read_articles([str(examples_dir), str(seed_path)])
    texts = [a.text for a in articles] + ["", "市委书记林海峰主持会议。"]
    tagger = get_tagger()
    ahead = list(tagger.tokens_ahead(texts, ahead=3))
    assert [list(t) for t in ahead] == [list(tagger.tokens(t)) for t in texts]
    assert extract_articles(articles, ahead=0) == extract_articles(articles, ahead=4)
