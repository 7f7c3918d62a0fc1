"""The HTML relationship map: `render(graph, path)` writes one self-contained, offline page."""

from viz.page import DEFAULT_TITLE, LARGE_MAP_EDGES, LARGE_MAP_NODES, is_large, render, render_html

__all__ = ["render", "render_html", "is_large", "DEFAULT_TITLE", "LARGE_MAP_NODES", "LARGE_MAP_EDGES"]
