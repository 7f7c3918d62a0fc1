"""The map's time slider in the real Chromium: moving it back hides later relations and events."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import to_networkx
from tests.test_analysis import meetings
from viz import render
from viz.browser import MapBrowser

pytestmark = pytest.mark.browser


def test_the_time_slider_hides_later_edges(tmp_path: Path, map_browser: MapBrowser) -> None:
    g = to_networkx(
        [
            meetings("a", "2024-01-02", {"一月会": ["甲", "乙"]}),
            meetings("b", "2024-02-03", {"二月会": ["乙", "丙", "丁"]}),
            meetings("c", "2024-03-04", {"三月会": ["丁", "甲"]}),
        ]
    )
    page = map_browser.open(render(g, tmp_path / "map.html", title="时间轴"))
    assert page.problems == []
    days = sorted({d["date"] for _, _, d in g.edges(data=True)})
    assert page.eval("kgMap.timelineDays()") == days
    total = g.number_of_edges()
    assert page.eval("kgMap.visibleEdgeCount()") == total

    # Drag the slider to its first day, as a user would (an input event on the range control).
    page.page.locator("#timeline").fill("0")
    first = sum(1 for _, _, d in g.edges(data=True) if d["date"] <= days[0])
    assert page.eval("kgMap.visibleEdgeCount()") == first < total
    assert page.eval("document.getElementById('timeline-date').textContent") == days[0]
    shown = page.eval("kgMap.network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.label)")
    assert "一月会" in shown and "二月会" not in shown and "三月会" not in shown
    assert page.eval("kgMap.timeline(1)") == days[1]
    assert page.eval("kgMap.visibleEdgeCount()") == sum(1 for _, _, d in g.edges(data=True) if d["date"] <= days[1])
    # Its right end shows everything again.
    assert page.eval(f"kgMap.timeline({len(days)})") == ""
    assert page.eval("kgMap.visibleEdgeCount()") == total
    assert page.problems == []
