"""Write the relationship map: one self-contained HTML file that works from file:// offline.

vis-network's JavaScript and CSS come from the installed pyvis package and are inlined; the page
itself is our own jinja2 template (viz/templates/map.html), not pyvis's, because pyvis's
"in_line" output still links bootstrap from a CDN. The template escapes what it is given (the
title) and embeds the data with `tojson` (viz.payload.script_json: nothing in it can close its
<script>); the inlined CSS and JS are marked safe, having been checked for closing tags. A Content-Security-Policy forbids every network request, so a stray
URL in any asset fails loudly in the browser instead of leaking a request.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.errors import SetupError
from viz.layout import layout_positions
from viz.payload import build_payload, script_json

VIS_VERSION: Final = "9.1.2"
DEFAULT_TITLE: Final = "关系图谱"

#: Above this many nodes a browser gets sluggish; the CLI warns and suggests --focus.
LARGE_MAP_NODES: Final = 3000
LARGE_MAP_EDGES: Final = 10000

#: From this size on, the layout is computed here (viz.layout) and the page starts with physics
#: off; smaller maps settle in the browser as before (vis physics up to 200 nodes, kgLayout above).
PRECOMPUTED_LAYOUT_NODES: Final = 1500
PRECOMPUTED_LAYOUT_EDGES: Final = 4000


def render(graph: nx.MultiDiGraph, path: Path, *, title: str = DEFAULT_TITLE) -> Path:
    """Write `graph` as an interactive HTML map at `path` and return the path.

    The file holds everything it needs (vis-network, styles, data), so it can be mailed to a
    colleague and opened with the network off.
    """
    from kg.outputs import check_output_file, open_atomic

    page = render_html(graph, title=title)
    path = check_output_file(Path(path), "the map")
    with open_atomic(path) as fh:
        fh.write(page)
    return path


def render_html(graph: nx.MultiDiGraph, *, title: str = DEFAULT_TITLE) -> str:
    """The map's HTML as a string (what `render` writes)."""
    vis_js, vis_css = vis_assets()
    positions = precomputed_positions(graph)
    return (
        _environment()
        .get_template("map.html")
        .render(
            title=title,
            payload=build_payload(graph, title=title, positions=positions),
            vis_css=Markup(vis_css),
            map_css=Markup(_template("map.css")),
            vis_js=Markup(vis_js),
            # the two helpers map.js calls share one <script>: the in-browser layout, the edge layer
            layout_js=Markup(_template("layout.js") + "\n" + _template("edges.js")),
            map_js=Markup(_template("map.js")),
        )
    )


def precomputed_positions(graph: nx.MultiDiGraph) -> dict[Any, tuple[float, float]] | None:
    """Positions for a map drawn with physics off from the start, or None for one that settles in the browser.

    Past PRECOMPUTED_LAYOUT_NODES nodes or PRECOMPUTED_LAYOUT_EDGES edges: the nodes' own x/y
    when every node has them, else viz.layout's.
    """
    if graph.number_of_nodes() <= PRECOMPUTED_LAYOUT_NODES and graph.number_of_edges() <= PRECOMPUTED_LAYOUT_EDGES:
        return None
    if all("x" in d and "y" in d for _, d in graph.nodes(data=True)):
        return {node: (float(d["x"]), float(d["y"])) for node, d in graph.nodes(data=True)}
    return layout_positions(graph)


def is_large(graph: nx.MultiDiGraph) -> bool:
    """True when a map of `graph` is bigger than a browser handles comfortably."""
    return graph.number_of_nodes() > LARGE_MAP_NODES or graph.number_of_edges() > LARGE_MAP_EDGES


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and its CSS, read from the installed pyvis package."""
    try:
        base = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise SetupError(f"vis-network {VIS_VERSION} not found in the pyvis package ({exc}); reinstall pyvis") from None
    # Inlined code must not be able to close its own element.
    if re.search(r"</script|<!--", js, re.IGNORECASE) or re.search(r"</style", css, re.IGNORECASE):
        raise SetupError("vis-network assets contain a closing tag and cannot be inlined")
    return js, css


def _tojson(value: Any, **_: Any) -> str:
    return script_json(value)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("viz", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    # `tojson` with our own dumps: compact, Chinese kept as text, U+2028/2029 escaped too.
    env.policies["json.dumps_function"] = _tojson
    env.policies["json.dumps_kwargs"] = {}
    return env


@cache
def _template(name: str) -> str:
    return (resources.files("viz") / "templates" / name).read_text(encoding="utf-8")
