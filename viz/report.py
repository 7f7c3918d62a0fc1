"""`kg report`: one offline HTML file an analyst can forward, with charts and their tables.

The numbers come from kg.analysis (pure functions over the facts graph); the page is a jinja2
template with plotly's JavaScript inlined (the `plotly` package ships it: nothing is fetched when
the page opens, from file:// or as a mail attachment). Each chart has its table beside it, so the
numbers survive printing and copy-paste.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.analysis import Analysis
from kg.model import ATTENDED, CHAIRED, EVENT

TOP_PEOPLE = 15


@dataclass(frozen=True)
class Chart:
    """One chart: its id, heading, plotly figure (as JSON text) and the table it draws."""

    id: str
    heading: str
    figure: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def meetings_per_month(g: nx.MultiDiGraph) -> list[tuple[str, int]]:
    """(YYYY-MM, events) for every month with an attended or chaired event, by the event's earliest date."""
    first: dict[str, str] = {}
    for _, event, data in g.edges(data=True):
        date = str(data.get("date") or "")
        if data.get("type") in (ATTENDED, CHAIRED) and g.nodes[event].get("type") == EVENT and len(date) >= 7:
            if event not in first or date < first[event]:
                first[event] = date
    return sorted(Counter(d[:7] for d in first.values()).items())


def agreements_per_year(result: Analysis) -> list[tuple[str, int]]:
    """(year, agreements between localities) summed over the pairs of the cooperation matrix."""
    years: Counter[str] = Counter()
    for cell in result.cooperation:
        years[cell.year or "?"] += cell.agreements
    return sorted(years.items())


def cooperation_totals(result: Analysis) -> tuple[list[str], list[list[int]]]:
    """Localities (sorted) and the symmetric matrix of agreements between them over all years."""
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for cell in result.cooperation:
        pairs[(cell.locality_a, cell.locality_b)] += cell.agreements
    names = sorted({n for pair in pairs for n in pair})
    index = {n: i for i, n in enumerate(names)}
    matrix = [[0] * len(names) for _ in names]
    for (a, b), n in pairs.items():
        matrix[index[a]][index[b]] = matrix[index[b]][index[a]] = n
    return names, matrix


def _figure(data: list[dict[str, Any]], x_title: str = "", y_title: str = "") -> str:
    layout = {
        "margin": {"l": 60, "r": 20, "t": 10, "b": 60},
        "height": 360,
        "xaxis": {"title": {"text": x_title}, "automargin": True},
        "yaxis": {"title": {"text": y_title}, "automargin": True},
        "font": {"family": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"},
    }
    return json.dumps({"data": data, "layout": layout}, ensure_ascii=False)


def report_charts(g: nx.MultiDiGraph, result: Analysis) -> list[Chart]:
    """The four charts of the report, each with its table."""
    months = meetings_per_month(g)
    people = [p for p in result.people][:TOP_PEOPLE]
    names, matrix = cooperation_totals(result)
    years = agreements_per_year(result)
    return [
        Chart(
            "meetings",
            "每月会议 · Meetings per month",
            _figure([{"type": "bar", "x": [m for m, _ in months], "y": [n for _, n in months]}], "月份", "会议"),
            ("month", "events"),
            tuple(months),
        ),
        Chart(
            "people",
            "联系最广的人 · Most connected people",
            _figure(
                [
                    {
                        "type": "bar",
                        "orientation": "h",
                        "y": [p.name for p in reversed(people)],
                        "x": [p.degree for p in reversed(people)],
                    }
                ],
                "共同出席的人数",
                "",
            ),
            ("name", "degree", "events", "betweenness", "community"),
            tuple((p.name, p.degree, p.events, round(p.betweenness, 4), p.community) for p in people),
        ),
        Chart(
            "cooperation",
            "协作矩阵 · Cooperation matrix",
            _figure([{"type": "heatmap", "x": names, "y": names, "z": matrix, "colorscale": "Blues"}]),
            ("locality_a", "locality_b", "year", "agreements", "names"),
            tuple((c.locality_a, c.locality_b, c.year, c.agreements, "、".join(c.names)) for c in result.cooperation),
        ),
        Chart(
            "agreements",
            "协议数量 · Agreements over time",
            _figure(
                [{"type": "scatter", "mode": "lines+markers", "x": [y for y, _ in years], "y": [n for _, n in years]}],
                "年份",
                "协议",
            ),
            ("year", "agreements"),
            tuple(years),
        ),
    ]


def render_report(g: nx.MultiDiGraph, result: Analysis, path: Path, *, title: str = "新闻知识图谱报告") -> Path:
    """Write the report page to `path` (atomically) and return it."""
    from jinja2 import Environment, select_autoescape
    from plotly.offline import get_plotlyjs  # type: ignore[import-untyped]

    from kg.outputs import write_text_atomic

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(resources.files("viz").joinpath("templates/report.html").read_text(encoding="utf-8"))
    charts = report_charts(g, result)
    page = template.render(
        title=title,
        charts=charts,
        plotly_js=get_plotlyjs(),
        figures={c.id: c.figure for c in charts},
        counts={
            "people": len(result.people),
            "communities": len(result.communities),
            "agreements": sum(c.agreements for c in result.cooperation),
        },
    )

    def write(fh: IO[str]) -> None:
        fh.write(page)

    return write_text_atomic(Path(path), write)
