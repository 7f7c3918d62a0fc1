"""How big a map can an analyst open? Times `viz.render` and Chromium's time-to-interactive.

Synthetic graphs of 1k, 5k and 20k nodes (about 3 edges per node, preferential attachment so a
few hubs exist, as in real news graphs) are rendered, opened from file:// in headless Chromium
with the network off, and timed until `window.kgMap.ready` (layout settled, physics off) and then
until the page has answered a real hover and a real click on a node (time to interactive). Peak
memory is the Python process's max RSS (generate + render) and Chromium's summed PSS (all its
processes) sampled while the page loads and is used.

    .venv/bin/python bench/bench_map.py [--sizes 1000 5000 20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import networkx as nx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viz import render  # noqa: E402
from viz.browser import MapBrowser, MapPage, launch_chromium  # noqa: E402

TYPES = [("Person", 0.55), ("Organization", 0.17), ("Place", 0.12), ("Event", 0.11), ("Agreement", 0.05)]
RELATIONS = {
    ("Person", "Event"): ["ATTENDED", "CHAIRED"],
    ("Person", "Place"): ["VISITED"],
    ("Person", "Organization"): ["HOLDS_POSITION"],
    ("Person", "Person"): ["MET", "ACCOMPANIED"],
    ("Organization", "Organization"): ["SIGNED_AGREEMENT"],
    ("Place", "Place"): ["SIGNED_AGREEMENT"],
    ("Organization", "Agreement"): ["PARTY_TO"],
    ("Place", "Agreement"): ["PARTY_TO"],
}
SUFFIX = {"Organization": "局", "Place": "县", "Event": "会议", "Agreement": "协议"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "建国明华伟芳军平海峰志强文杰静丽勇涛斌磊鹏辉洋霞敏刚宇"


def synthetic_graph(n_nodes: int, edges_per_node: float = 3.0, seed: int = 42) -> nx.MultiDiGraph:
    """A MultiDiGraph in kg.graph's shape with typed nodes, typed dated edges and evidence text."""
    rng = random.Random(seed)
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    kinds = [t for t, _ in TYPES]
    weights = [w for _, w in TYPES]
    for i in range(n_nodes):
        kind = rng.choices(kinds, weights)[0]
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        if kind != "Person":
            name = f"{name}{SUFFIX[kind]}{i}"
        g.add_node(
            f"n{i}",
            type=kind,
            name=name,
            titles=["书记"] if kind == "Person" and i % 7 == 0 else [],
            aliases=[],
            articles=[f"a{i % 500}"],
        )
    targets: list[str] = []  # each node repeated once per edge end: preferential attachment
    nodes = list(g.nodes)
    n_edges = int(n_nodes * edges_per_node)
    for j in range(n_edges):
        u = nodes[j % n_nodes] if j < n_nodes else rng.choice(nodes)
        v = rng.choice(targets) if targets and rng.random() < 0.7 else rng.choice(nodes)
        if u == v:
            continue
        pair = (g.nodes[u]["type"], g.nodes[v]["type"])
        rel = rng.choice(RELATIONS.get(pair) or RELATIONS.get(pair[::-1]) or ["MET"])
        day = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentence = f"{g.nodes[u]['name']}与{g.nodes[v]['name']}在会上共同研究部署了下一阶段的重点工作。"
        g.add_edge(
            u,
            v,
            key=f"{rel}|{j}",
            type=rel,
            article_id=f"a{j % 500}",
            article_title=f"第{j % 500}篇报道",
            date=day,
            sentence=sentence,
            start=0,
            end=len(sentence),
        )
        targets.extend((u, v))
    return g


def _sample_rss(proc: psutil.Process, stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        total = 0
        for p in [proc, *proc.children(recursive=True)]:
            try:  # PSS shares pages fairly between Chromium's processes; RSS would count them twice
                total += p.memory_full_info().pss
            except (psutil.Error, AttributeError):
                pass
        peak[0] = max(peak[0], total)
        time.sleep(0.2)


def bench(sizes: list[int], keep: Path | None) -> list[dict[str, float]]:
    """Render and open one map per size; returns one row of measurements per size."""
    from playwright.sync_api import sync_playwright

    rows = []
    out_dir = keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            browser_proc = _browser_process()
            for n in sizes:
                g = synthetic_graph(n)
                path = out_dir / f"map_{n}.html"
                t = time.perf_counter()
                render(g, path, title=f"bench {n}")
                render_s = time.perf_counter() - t
                peak, stop = [0], threading.Event()
                sampler = threading.Thread(target=_sample_rss, args=(browser_proc, stop, peak), daemon=True)
                sampler.start()
                opener = MapBrowser(browser)
                try:
                    cpu0 = _cpu_seconds(browser_proc)
                    t = time.perf_counter()
                    page = opener.open(path, timeout_ms=180_000)
                    ready_s = time.perf_counter() - t
                    answers = _answer_input(page)
                    tti_s = answers["answered"] - t
                    tti_cpu_s = _cpu_seconds(browser_proc) - cpu0
                    info = page.eval(
                        "({it: kgMap.layoutIterations, n: kgMap.nodeCount, m: kgMap.edgeCount, t: kgMap.timings})"
                    )
                    frame_ms = page.eval(
                        "new Promise(r => { const n = kgMap.network, t = performance.now();"
                        " n.once('afterDrawing', () => r(performance.now() - t)); n.moveTo({scale: n.getScale() * 1.3}); })"
                    )
                    t = time.perf_counter()
                    page.eval("kgMap.filterRelation('MET', false)")
                    filter_s = time.perf_counter() - t
                    t = time.perf_counter()
                    found = page.eval("name => kgMap.search(name)", answers["search_name"])
                    page.page.wait_for_function("() => kgMap.panelText() !== ''")
                    search_s = time.perf_counter() - t
                    problems = page.problems
                finally:
                    opener.close()
                    stop.set()
                    sampler.join()
                if found != answers["search_name"]:
                    problems.append(f"search found {found!r}, not {answers['search_name']!r}")
                rows.append(
                    {
                        "nodes": info["n"],
                        "edges": info["m"],
                        "html_mb": path.stat().st_size / 1e6,
                        "render_s": render_s,
                        "ready_s": ready_s,
                        "hover_s": answers["hover_s"],
                        "click_s": answers["click_s"],
                        "tti_s": tti_s,
                        "tti_cpu_s": tti_cpu_s,
                        "layout_iter": info["it"],
                        "layout_s": info["t"]["layout"] / 1000,
                        "vis_s": info["t"]["network"] / 1000,
                        "draw_s": info["t"]["firstDraw"] / 1000,
                        "frame_s": frame_ms / 1000,
                        "filter_s": filter_s,
                        "search_s": search_s,
                        "chromium_mb": peak[0] / 1e6,
                        "problems": len(problems),
                    }
                )
        finally:
            browser.close()
    return rows


# Two well-connected nodes and where they are on screen (DOM pixels of the page).
_TARGETS = """() => {
  const n = kgMap.network, r = document.getElementById('network').getBoundingClientRect();
  const byDeg = JSON.parse(document.getElementById('kg-data').textContent).nodes.sort((a, b) => b.deg - a.deg);
  const out = [];
  for (const d of byDeg) {  // the best connected ones that no other node covers on screen
    const p = n.canvasToDOM(n.getPositions([d.id])[d.id]);
    if (p.x < 200 || p.y < 0 || p.x > r.width || p.y > r.height || n.getNodeAt(p) !== d.id) continue;
    out.push({label: d.label, x: p.x + r.left, y: p.y + r.top});
    if (out.length === 2) break;
  }
  return out;
}"""


def _answer_input(page: MapPage) -> dict[str, Any]:
    """Right after ready, as a user would: hover one node until its panel shows, then click another
    until it is selected and pinned. Returns the seconds each took, when the click was answered
    (perf_counter) and a name to search for."""
    first, second = page.eval(_TARGETS)
    t = time.perf_counter()
    page.page.mouse.move(first["x"], first["y"])
    page.page.wait_for_function("() => kgMap.panelText() !== ''", timeout=60_000)
    hover_s = time.perf_counter() - t
    page.page.mouse.move(1, 1)  # off the node: its hover panel closes
    t = time.perf_counter()
    page.page.mouse.click(second["x"], second["y"])
    # Nodes overlap in a 20k hairball: whichever node vis finds under the pointer counts.
    page.page.wait_for_function(
        "() => kgMap.selectedNode() !== null && kgMap.panelText().includes(kgMap.selectedNode())", timeout=60_000
    )
    answered = time.perf_counter()
    page.eval("kgMap.reset()")
    return {"hover_s": hover_s, "click_s": answered - t, "answered": answered, "search_name": first["label"]}


def _cpu_seconds(browser_proc: psutil.Process) -> float:
    """CPU seconds used so far by Chromium's processes: on a shared machine, the part of a wall-clock
    time that is the map's own work."""
    total = 0.0
    for p in [browser_proc, *browser_proc.children(recursive=True)]:
        try:
            c = p.cpu_times()
            total += c.user + c.system
        except psutil.Error:
            pass
    return total


def _browser_process() -> psutil.Process:
    """The chromium process Playwright started (a child of its driver, which is our child)."""
    me = psutil.Process()
    for p in me.children(recursive=True):
        try:
            if "chromium" in p.name() and "--type=" not in " ".join(p.cmdline()):
                return p
        except psutil.Error:
            continue
    return me


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000], help="node counts")
    parser.add_argument("--keep", type=Path, help="keep the generated maps in this folder")
    args = parser.parse_args()
    rows = bench(args.sizes, args.keep)
    py_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    head = (
        "nodes",
        "edges",
        "html_mb",
        "render_s",
        "ready_s",
        "hover_s",
        "click_s",
        "tti_s",
        "tti_cpu_s",
        "layout_s",
        "vis_s",
        "draw_s",
        "layout_iter",
        "frame_s",
        "filter_s",
        "search_s",
        "chromium_mb",
        "problems",
    )
    print(" | ".join(f"{h:>8}" for h in head))
    for row in rows:
        print(" | ".join(f"{row[h]:>8.2f}" if isinstance(row[h], float) else f"{row[h]:>8}" for h in head))
    print("ready_s: file:// load until window.kgMap.ready (layout settled, first frame drawn), of which")
    print("layout_s (kgLayout / vis physics; 0 when laid out in Python), vis_s (vis.Network set-up), draw_s")
    print("(fit and first frame); then a real mouse hover on a node until its panel shows (hover_s) and a")
    print("click on another until it is selected and pinned (click_s); tti_s: load until that click is answered.")
    print("tti_cpu_s: CPU seconds Chromium's processes used meanwhile (the machine's load does not inflate it).")
    print("frame_s: one zoom redraw after; filter_s / search_s: hide all MET edges / search a name + highlight")
    print(f"python peak RSS (generate + render, all sizes): {py_peak_mb:.0f} MB")
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "map.json").write_text(
        json.dumps({"rows": rows, "python_peak_mb": py_peak_mb}, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
