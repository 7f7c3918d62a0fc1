"""GEXF 1.3 for Gephi, with dates, so Gephi's timeline plays the archive.

networkx writes GEXF 1.1 and 1.2draft only, so this module writes 1.3 itself, from the same
networkx graph the map and GraphML use (kg.graph.to_networkx). A node lives from its first_seen
to its last_seen date, an edge on its relation's date. Gephi reads attributes named `start` and
`end` as time, so the evidence offsets are written as `start_char` and `end_char` here.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date as Date
from pathlib import Path
from typing import Any, Final

import networkx as nx

from kg.errors import InputError

GEXF_NS: Final = "http://gexf.net/1.3"
XSI_NS: Final = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION: Final = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"

#: Graph attributes renamed on the way out: Gephi takes start/end for time intervals.
RENAMED: Final = {"start": "start_char", "end": "end_char"}
#: Node attributes that become the node's label and time interval instead of attvalues.
_NODE_SPECIAL: Final = frozenset({"name", "label", "first_seen", "last_seen"})
_EDGE_SPECIAL: Final = frozenset({"label"})

# XML 1.0 forbids most control characters, even escaped; OCR text can carry them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def write_gexf(g: nx.MultiDiGraph, path: Path, *, description: str = "新闻知识图谱") -> Path:
    """Write `g` as a GEXF 1.3 file at `path` (a dynamic graph with date intervals) and return the path."""
    path = Path(path)
    data = gexf_bytes(g, description=description)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the GEXF file ({exc.strerror})") from None
    return path


def gexf_bytes(g: nx.MultiDiGraph, *, description: str = "新闻知识图谱") -> bytes:
    """The GEXF 1.3 document of `g`, UTF-8 encoded."""
    root = ET.Element(
        "gexf", {"xmlns": GEXF_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": SCHEMA_LOCATION, "version": "1.3"}
    )
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": Date.today().isoformat()})
    ET.SubElement(meta, "creator").text = "newskg"
    ET.SubElement(meta, "description").text = _clean(description)

    node_rows = [(str(n), d) for n, d in g.nodes(data=True)]
    edge_rows = [(str(u), str(v), d) for u, v, d in g.edges(data=True)]
    node_keys = _attribute_types(d for _, d in node_rows if True)
    node_keys = {k: t for k, t in node_keys.items() if k not in _NODE_SPECIAL}
    edge_keys = {
        RENAMED.get(k, k): t for k, t in _attribute_types(d for _, _, d in edge_rows).items() if k not in _EDGE_SPECIAL
    }

    graph = ET.SubElement(
        root,
        "graph",
        {
            "defaultedgetype": "directed",
            "mode": "dynamic",
            "timeformat": "date",
            "timerepresentation": "interval",
            "idtype": "string",
        },
    )
    node_ids = _declare(graph, "node", node_keys)
    edge_ids = _declare(graph, "edge", edge_keys)

    nodes = ET.SubElement(graph, "nodes", {"count": str(len(node_rows))})
    for node_id, data in node_rows:
        attrs = {"id": _clean(node_id), "label": _clean(str(data.get("name") or node_id))}
        first, last = _iso(data.get("first_seen")), _iso(data.get("last_seen"))
        if first and last:
            attrs["start"], attrs["end"] = min(first, last), max(first, last)
        element = ET.SubElement(nodes, "node", attrs)
        _attvalues(element, {k: v for k, v in data.items() if k in node_keys}, node_ids)

    edges = ET.SubElement(graph, "edges", {"count": str(len(edge_rows))})
    for i, (source, target, data) in enumerate(edge_rows):
        rel_type = str(data.get("type") or "")
        attrs = {"id": str(i), "source": _clean(source), "target": _clean(target), "label": _clean(rel_type)}
        if rel_type:
            attrs["kind"] = _clean(rel_type)  # parallel relations of different types stay apart in Gephi
        day = _iso(data.get("date"))
        if day:
            attrs["start"] = attrs["end"] = day
        element = ET.SubElement(edges, "edge", attrs)
        renamed = {RENAMED.get(k, k): v for k, v in data.items() if k not in _EDGE_SPECIAL}
        _attvalues(element, renamed, edge_ids)

    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _declare(graph: ET.Element, kind: str, keys: dict[str, str]) -> dict[str, str]:
    """<attributes class=kind> with one <attribute> per key; key -> attribute id."""
    block = ET.SubElement(graph, "attributes", {"class": kind, "mode": "static"})
    ids: dict[str, str] = {}
    for i, (key, gexf_type) in enumerate(keys.items()):
        ids[key] = f"{kind[0]}{i}"
        ET.SubElement(block, "attribute", {"id": ids[key], "title": _clean(key), "type": gexf_type})
    return ids


def _attvalues(element: ET.Element, data: dict[str, Any], ids: dict[str, str]) -> None:
    values = [(ids[k], _text(v)) for k, v in data.items() if k in ids and v is not None and _text(v) != ""]
    if values:
        block = ET.SubElement(element, "attvalues")
        for key_id, value in values:
            ET.SubElement(block, "attvalue", {"for": key_id, "value": value})


def _attribute_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each key's GEXF type over all rows: boolean, long or double when every value is one, else string."""
    seen: dict[str, set[str]] = {}
    for data in rows:
        for key, value in data.items():
            if value is not None:
                seen.setdefault(key, set()).add(_kind(value))
    out: dict[str, str] = {}
    for key, kinds in seen.items():
        if kinds == {"boolean"}:
            out[key] = "boolean"
        elif kinds == {"long"}:
            out[key] = "long"
        elif kinds <= {"long", "double"}:
            out[key] = "double"
        else:
            out[key] = "string"
    return out


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set, frozenset)):
        return _clean(";".join(str(x) for x in value))
    return _clean(str(value))


def _iso(value: Any) -> str | None:
    """A YYYY-MM-DD date that really exists, else None (a relation without a date has no interval)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        Date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
