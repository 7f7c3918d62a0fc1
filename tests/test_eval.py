"""`kg eval`: the metric functions on hand-built facts, the gold set's own health, and the
real pipeline measured against the gold set with thresholds (issue 5's targets)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.config import PROJECT_ROOT, seeds_dir
from kg.errors import InputError
from kg.evaluate import (
    COATTENDANCE,
    Mention,
    Score,
    evaluate,
    evaluate_dir,
    normalize,
    same_name,
    score_file,
    total,
)
from kg.gold import GoldFile, GoldRelation, find_gold_files, load_gold_dir
from kg.model import (
    ATTENDED,
    CHAIRED,
    EVENT,
    ORGANIZATION,
    PERSON,
    PLACE,
    SIGNED_AGREEMENT,
    VISITED,
    Article,
    Entity,
    Evidence,
    Facts,
    Relation,
)

GOLD_DIR = PROJECT_ROOT / "tests" / "gold"

#: The one table of minimum F1 on the gold set (issue 5's targets; the lead sets final numbers).
THRESHOLDS: dict[str, float] = {
    PERSON: 0.95,
    ATTENDED: 0.85,
    CHAIRED: 0.85,
    SIGNED_AGREEMENT: 0.90,
    VISITED: 0.80,
    COATTENDANCE: 0.85,
}


# ---------------------------------------------------------------- hand-built facts


def _facts(
    entities: list[tuple[str, str, tuple[str, ...]]],
    relations: list[tuple[str, str, str]],
    properties: dict[tuple[str, str, str], dict[str, str]] | None = None,
) -> Facts:
    """Facts of one article from (type, name, aliases) and (type, head name, tail name)."""
    text = "。".join(name for _, name, _ in entities) + "。"
    article = Article(id="a1", title="", text=text, source="t.txt")
    ents = [Entity(id=f"e{i}", type=t, name=n, aliases=a) for i, (t, n, a) in enumerate(entities)]
    ids = {e.name: e.id for e in ents}
    evidence = Evidence(article_id="a1", sentence=text[:2], start=0, end=2)
    rels = [
        Relation(
            type=t, head=ids[h], tail=ids[tl], evidence=evidence, properties=(properties or {}).get((t, h, tl), {})
        )
        for t, h, tl in relations
    ]
    return Facts(article=article, entities=tuple(ents), relations=tuple(rels))


def _gold(persons=(), organizations=(), places=(), events=(), relations=()) -> GoldFile:  # type: ignore[no-untyped-def]
    return GoldFile(
        path=Path("t.gold.json"),
        text_path=Path("t.txt"),
        entities={
            PERSON: tuple(persons),
            ORGANIZATION: tuple(organizations),
            PLACE: tuple(places),
            EVENT: tuple(events),
        },
        relations=tuple(GoldRelation(*r) for r in relations),
    )


def test_person_counts_give_exact_precision_recall_f1() -> None:
    gold = _gold(persons=["林海峰", "苏文博", "周立民", "陈嘉禾"])
    pred = _facts([(PERSON, "林海峰", ()), (PERSON, "苏文博", ()), (PERSON, "强调", ())], [])
    s = score_file(gold, [pred]).scores[PERSON]
    assert (s.tp, s.fp, s.fn) == (2, 1, 2)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_score_of_nothing_is_perfect_and_of_only_misses_is_zero() -> None:
    assert Score().f1 == 1.0
    assert Score(tp=0, fp=0, fn=3).f1 == 0.0


def test_alias_place_prefix_and_event_containment_match() -> None:
    assert same_name("王振宇", Mention.of("王书记", ["王振宇"]), PERSON)
    assert not same_name("王振", Mention.of("王振宇"), PERSON)
    assert same_name("峰源乡", Mention.of("莲都区峰源乡"), PLACE)
    assert same_name("莲都区", Mention.of("莲都"), PLACE)
    assert not same_name("石门镇", Mention.of("白沙乡"), PLACE)
    assert same_name("溪口镇", Mention.of("临溪区溪口镇危化品仓储区"), PLACE)
    assert not same_name("产业园", Mention.of("临溪区数字经济产业园区"), PLACE)
    assert same_name("艾尔肯·吐尔逊", Mention.of("艾尔肯•吐尔逊"), PERSON)
    assert same_name("全市经济工作会议", Mention.of("经济工作会议"), EVENT)
    assert not same_name("全市经济工作会议", Mention.of("座谈会"), EVENT)


def test_normalize_folds_full_width_quotes_and_dashes() -> None:
    assert normalize("乡镇（街道） 结对协议") == normalize("乡镇(街道)结对协议")
    assert normalize("“山海协作”产业发展平台") == "山海协作产业发展平台"
    assert normalize("义乌—莲都") == normalize("义乌-莲都")


def test_signed_pairs_are_unordered_and_cross_pairs_are_false_positives() -> None:
    gold = _gold(
        places=["石门镇", "云岭街道", "鹭洲镇", "潮音乡"],
        relations=[
            (SIGNED_AGREEMENT, "石门镇", "鹭洲镇", "结对协议"),
            (SIGNED_AGREEMENT, "云岭街道", "潮音乡", "结对协议"),
        ],
    )
    pred = _facts(
        [(PLACE, "鹭洲镇", ()), (PLACE, "石门镇", ()), (PLACE, "海澄区潮音乡", ()), (PLACE, "云岭街道", ())],
        [(SIGNED_AGREEMENT, "鹭洲镇", "石门镇"), (SIGNED_AGREEMENT, "石门镇", "海澄区潮音乡")],
        {(SIGNED_AGREEMENT, "鹭洲镇", "石门镇"): {"agreement": "乡镇结对协议"}},
    )
    result = score_file(gold, [pred])
    s = result.scores[SIGNED_AGREEMENT]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert result.misses[SIGNED_AGREEMENT] == ["云岭街道 → 潮音乡"]
    assert result.scores["Agreement"].tp == 1


def test_coattendance_pairs_come_from_attended_and_chaired() -> None:
    gold = _gold(
        persons=["甲一", "乙二", "丙三"],
        events=["全市大会"],
        relations=[
            (CHAIRED, "甲一", "全市大会"),
            (ATTENDED, "乙二", "全市大会"),
            (ATTENDED, "丙三", "全市大会"),
        ],
    )
    pred = _facts(
        [(PERSON, "甲一", ()), (PERSON, "乙二", ()), (PERSON, "丁四", ()), (EVENT, "全市大会", ())],
        [(ATTENDED, "甲一", "全市大会"), (ATTENDED, "乙二", "全市大会"), (ATTENDED, "丁四", "全市大会")],
    )
    result = score_file(gold, [pred])
    s = result.scores[COATTENDANCE]
    assert (s.tp, s.fp, s.fn) == (1, 2, 2)
    assert (result.scores[ATTENDED].tp, result.scores[ATTENDED].fp) == (1, 2)  # the chair is not ATTENDED
    assert result.scores[CHAIRED].fn == 1


def test_visited_and_micro_average_over_files() -> None:
    gold = _gold(persons=["林海峰"], places=["石门镇"], relations=[(VISITED, "林海峰", "石门镇")])
    hit = _facts([(PERSON, "林海峰", ()), (PLACE, "东陵县石门镇", ())], [(VISITED, "林海峰", "东陵县石门镇")])
    report = evaluate([gold, gold], extract=lambda g: [hit] if g is gold else [])
    assert report.totals[VISITED].tp == 2
    two = total([score_file(gold, [hit]), score_file(gold, [])])
    assert (two[VISITED].tp, two[VISITED].fn) == (1, 1)
    assert two[VISITED].f1 == pytest.approx(2 / 3)


# ---------------------------------------------------------------- the gold set's health


def test_every_gold_file_parses_and_every_text_has_gold() -> None:
    golds = load_gold_dir(GOLD_DIR)  # raises on the first bad file
    assert len([g for g in golds if "dev" in g.path.parts]) >= 25
    annotated = {g.text_path.resolve() for g in golds}
    texts = {p.resolve() for p in (GOLD_DIR / "dev").glob("*.txt")}
    assert texts - annotated == set(), "text files without a gold file"
    assert any(g.text_path.parent == seeds_dir() for g in golds), "the seed page has no gold"


def test_gold_names_are_in_their_text() -> None:
    """Every person and event is printed in full (line breaks removed); relation ends are listed entities."""
    for gold in load_gold_dir(GOLD_DIR):
        text = re.sub(r"\s+", "", gold.text_path.read_text(encoding="utf-8"))
        for person in gold.entities[PERSON]:
            assert person in text, f"{gold.name}: {person} is not in the text"
        for event in gold.entities["Event"]:  # an event is named as printed
            assert normalize(event) in normalize(text), f"{gold.name}: {event} is not in the text"
        listed = {n for names in gold.entities.values() for n in names}
        for r in gold.relations:
            assert {r.head, r.tail} <= listed, f"{gold.name}: {r}"
            if r.agreement:
                assert normalize(r.agreement) in normalize(text), f"{gold.name}: {r.agreement}"


def test_no_sentence_of_the_seed_page_is_in_our_texts() -> None:
    """Examples and gold may share names with the seed page, never its wording."""
    seed = seeds_dir() / "000_d54358a44c71c9bc.txt"
    if not seed.is_file():
        pytest.skip(f"the sample page is missing: {seed}")
    gold = next(g for g in load_gold_dir(GOLD_DIR) if g.text_path == seed)
    names = {n for names in gold.entities.values() for n in names}
    names |= {r.agreement for r in gold.relations if r.agreement}
    names |= {t for titles in gold.titles.values() for t in titles}
    flat = re.sub(r"\s+", "", seed.read_text(encoding="utf-8"))
    width = 10
    grams = {flat[i : i + width] for i in range(len(flat) - width)}
    for root in (PROJECT_ROOT / "examples", GOLD_DIR):
        for path in sorted(root.rglob("*")):
            if path.suffix not in {".txt", ".json", ".md"}:
                continue
            body = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
            for name in sorted(names, key=len, reverse=True):
                body = body.replace(name, "\x00")
            hits = [body[i : i + width] for i in range(len(body) - width) if body[i : i + width] in grams]
            assert not hits, f"{path} repeats the seed page: {hits[0]}"


def test_a_bad_gold_file_is_named_and_the_rest_are_scored(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("本报讯 市长苏文博出席会议。", encoding="utf-8")
    good = {"text": "a.txt", "persons": ["苏文博"], "organizations": [], "places": [], "events": [], "relations": []}
    bad = dict(good, relations=[{"type": "ATTENDED", "head": "苏文博", "tail": "无名会议"}])
    (tmp_path / "good.gold.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad.gold.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken.gold.json").write_text("{not json", encoding="utf-8")
    report = evaluate_dir(tmp_path, extract=lambda g: [], report=lambda m: None)
    assert [f.name for f in report.files] == ["good"]
    assert len(report.errors) == 2
    assert any("bad.gold.json" in e and "无名会议" in e for e in report.errors)
    assert any("broken.gold.json" in e for e in report.errors)
    assert find_gold_files(tmp_path)[0].name == "bad.gold.json"


# ---------------------------------------------------------------- the CLI and the real pipeline


def test_eval_help() -> None:
    result = CliRunner().invoke(app, ["eval", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for word in ("GOLD", "--json", "--show-errors", "precision"):
        assert word.lower() in result.output.lower()


def test_cli_eval_without_usable_gold_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "a.gold.json").write_text('{"text": "missing.txt"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "a.gold.json" in result.stderr and "missing.txt" in result.stderr
    missing = CliRunner().invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert isinstance(missing.exception, InputError)  # kg.cli.main prints it as one line


@pytest.mark.hanlp
def test_cli_eval_names_a_bad_gold_file_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("本报讯 昨日，市长苏文博主持召开全市安全生产工作会议。", encoding="utf-8")
    good = {
        "text": "a.txt",
        "persons": ["苏文博"],
        "organizations": [],
        "places": [],
        "events": ["全市安全生产工作会议"],
        "relations": [{"type": "CHAIRED", "head": "苏文博", "tail": "全市安全生产工作会议"}],
    }
    (tmp_path / "good.gold.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad.gold.json").write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(tmp_path), "--json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "bad.gold.json" in result.stderr
    report = json.loads(result.stdout)
    assert [f["name"] for f in report["files"]] == ["good"]
    assert report["totals"][PERSON]["tp"] == 1


def _fictional(root: Path) -> list[GoldFile]:
    """The gold files under root that are ours and fictional: everything but the real-structure set."""
    return [g for g in load_gold_dir(root) if "real" not in g.path.relative_to(root).parts]


@pytest.mark.hanlp
def test_quality_on_the_gold_set_meets_the_thresholds() -> None:
    report = evaluate(_fictional(GOLD_DIR))
    assert not report.errors
    low = {
        row: round(report.totals[row].f1, 3) for row, minimum in THRESHOLDS.items() if report.totals[row].f1 < minimum
    }
    assert not low, f"F1 below threshold {THRESHOLDS}: {low}"


#: Floors for the held-out set (tests/heldout), a little below its first score (Person 0.910,
#: ATTENDED 0.698, CHAIRED 0.947, SIGNED_AGREEMENT 0.960, VISITED 0.800, co-attendance 0.729):
#: a guard against regressions, not a target to tune for.
HELDOUT_FLOORS: dict[str, float] = {
    PERSON: 0.88,
    ATTENDED: 0.65,
    CHAIRED: 0.90,
    SIGNED_AGREEMENT: 0.90,
    VISITED: 0.75,
    COATTENDANCE: 0.68,
}


@pytest.mark.hanlp
def test_quality_on_the_held_out_set_does_not_regress() -> None:
    report = evaluate(_fictional(PROJECT_ROOT / "tests" / "heldout"))
    assert not report.errors
    assert len(report.files) == 12
    low = {
        row: round(report.totals[row].f1, 3) for row, floor in HELDOUT_FLOORS.items() if report.totals[row].f1 < floor
    }
    assert not low, f"held-out F1 below its floor {HELDOUT_FLOORS}: {low}"


#: Floors for the real-structure sets (tests/gold/real: developed on; tests/heldout/real: never
#: tuned on), a little below their first scores before any tuning (README, "Real text"): guards
#: against regressions while the rules are brought to issue 10's targets, not the targets.
REAL_FLOORS: dict[str, dict[str, float]] = {
    "gold": {
        PERSON: 0.93,
        ORGANIZATION: 0.65,
        PLACE: 0.67,
        ATTENDED: 0.72,
        CHAIRED: 0.80,
        VISITED: 0.56,
        COATTENDANCE: 0.80,
    },
    "heldout": {PERSON: 0.84, ORGANIZATION: 0.55, PLACE: 0.67, ATTENDED: 0.70, VISITED: 0.57},
}


@pytest.mark.hanlp
@pytest.mark.parametrize("kind", sorted(REAL_FLOORS))
def test_quality_on_the_real_structure_sets_does_not_regress(kind: str) -> None:
    root = PROJECT_ROOT / "tests" / kind / "real"
    report = evaluate_dir(root)
    assert not report.errors
    assert len(report.files) == len(list(root.glob("*.txt")))
    floors = REAL_FLOORS[kind]
    low = {row: round(report.totals[row].f1, 3) for row, floor in floors.items() if report.totals[row].f1 < floor}
    assert not low, f"{root}: F1 below its floor {floors}: {low}"


def test_real_structure_gold_is_sound() -> None:
    """Every real-structure text has its gold, persons are printed in it, relation ends are listed."""
    for kind in ("gold", "heldout"):
        root = PROJECT_ROOT / "tests" / kind / "real"
        golds = load_gold_dir(root)
        assert {g.text_path.resolve() for g in golds} == {p.resolve() for p in root.glob("*.txt")}
        for gold in golds:
            text = re.sub(r"\s+", "", gold.text_path.read_text(encoding="utf-8"))
            listed = {n for names in gold.entities.values() for n in names}
            for person in gold.entities[PERSON]:
                assert person in text, f"{gold.name}: {person} is not in the text"
            for r in gold.relations:
                assert {r.head, r.tail} <= listed, f"{gold.name}: {r}"


def test_per_rule_scores_credit_the_rule_that_found_each_relation() -> None:
    gold = _gold(
        persons=["林海峰", "苏文博"],
        places=["石门镇", "鹭洲镇"],
        relations=[
            (VISITED, "林海峰", "石门镇"),
            (VISITED, "苏文博", "石门镇"),
            (VISITED, "林海峰", "鹭洲镇"),
        ],
    )
    pred = _facts(
        [(PERSON, "林海峰", ()), (PERSON, "苏文博", ()), (PLACE, "石门镇", ()), (PLACE, "白沙乡", ())],
        [(VISITED, "林海峰", "石门镇"), (VISITED, "苏文博", "石门镇"), (VISITED, "林海峰", "白沙乡")],
        {
            (VISITED, "林海峰", "石门镇"): {"rule": "visit.verb"},
            (VISITED, "苏文博", "石门镇"): {"rule": "visit.pronoun"},
            (VISITED, "林海峰", "白沙乡"): {"rule": "visit.verb"},
        },
    )
    report = evaluate([gold], extract=lambda g: [pred])
    verb, pronoun = report.rules["VISITED visit.verb"], report.rules["VISITED visit.pronoun"]
    assert (verb.tp, verb.fp, verb.fn) == (1, 1, 2)
    assert (pronoun.tp, pronoun.fp, pronoun.fn) == (1, 0, 2)
    assert report.as_dict()["rules"]["VISITED visit.verb"]["precision"] == 0.5
