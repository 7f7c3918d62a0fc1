"""`kg report`: the numbers of its charts, and the page in the real Chromium (offline, charts drawn)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.analysis import analyze
from kg.graph import to_networkx
from kg.jsonl import write_jsonl
from tests.test_analysis import broker_facts, cooperation_facts
from tests.test_neo4j_cli import kg
from viz.browser import MapBrowser
from viz.report import agreements_per_year, cooperation_totals, meetings_per_month

READY = "window.kgReport && window.kgReport.ready === true"


def test_report_numbers() -> None:
    """Each side's two meetings fall in March, 桥's three in April; agreements by year and the
    matrix (symmetric, summed over years) as the cooperation facts state them."""
    g = to_networkx(broker_facts() + cooperation_facts())
    assert meetings_per_month(g) == [("2024-03", 6), ("2024-04", 3)]
    result = analyze(g)
    assert agreements_per_year(result) == [("2023", 2), ("2024", 2)]
    names, matrix = cooperation_totals(result)
    assert names == ["丙乡", "乙县", "乙镇", "甲县", "甲镇"]
    at = lambda a, b: matrix[names.index(a)][names.index(b)]  # noqa: E731
    assert at("甲镇", "乙镇") == at("乙镇", "甲镇") == 2 and at("甲县", "乙县") == 1 and at("丙乡", "甲县") == 0


@pytest.mark.browser
def test_report_renders_offline(tmp_path: Path, map_browser: MapBrowser) -> None:
    write_jsonl(broker_facts() + cooperation_facts(), tmp_path / "facts.jsonl")
    out = tmp_path / "report.html"
    result = kg("report", str(tmp_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = map_browser.open(out, ready=READY)
    assert not page.problems, page.problems
    for chart in ("meetings", "people", "cooperation", "agreements"):
        assert page.eval(f"document.querySelectorAll('#chart-{chart} svg.main-svg').length") > 0, chart
    assert page.eval("document.querySelectorAll('#chart-meetings .bars .point').length") == 2
    assert page.eval("document.querySelectorAll('#chart-people .bars .point').length") == 13
    assert page.eval("document.querySelectorAll('#chart-cooperation .hm, #chart-cooperation image').length") > 0
    text = page.eval("document.querySelector('#people table').innerText")
    assert "东一" in text and "桥" in text
    assert "甲县人民政府" not in page.eval("document.body.innerText")  # localities, not parties


def test_report_errors_are_one_line(tmp_path: Path) -> None:
    result = kg("report", "-o", str(tmp_path / "r.html"))
    assert result.returncode != 0 and "give exactly one source" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
