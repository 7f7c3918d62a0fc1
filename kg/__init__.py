"""News knowledge-graph builder: Chinese city newspapers in, a traceable knowledge graph out.

The Python API (see kg.api and the README's notebook section)::

    import kg
    facts = kg.extract_texts(["本报讯 …"], date="2024-05-13", home_city="青川")
    frames = kg.to_dataframes(facts)
    kg.map(kg.to_networkx(facts))
"""

from importlib import metadata as _metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.api import (
        Frames,
        Map,
        Progress,
        analyze,
        annotate,
        extract_paths,
        extract_texts,
        load_neo4j,
        map,
        read_facts,
        to_dataframes,
        to_networkx,
        write_gexf,
        write_graphml,
    )
from kg.errors import InputError, KgError
from kg.model import Article, Entity, Evidence, Facts, Relation

try:  # the one version source is pyproject.toml, read back from the installed metadata
    __version__ = _metadata.version("newskg")
except _metadata.PackageNotFoundError:  # imported from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "Entity",
    "Evidence",
    "Facts",
    "Frames",
    "InputError",
    "KgError",
    "Map",
    "Progress",
    "Relation",
    "analyze",
    "annotate",
    "extract_paths",
    "extract_texts",
    "load_neo4j",
    "map",
    "read_facts",
    "to_dataframes",
    "to_networkx",
    "write_gexf",
    "write_graphml",
]


_API = frozenset(__all__) - {"Article", "Entity", "Evidence", "Facts", "InputError", "KgError", "Relation"}


def __getattr__(name: str) -> Any:
    """The API is imported on first use, so that `import extract…` (which needs kg.errors and
    kg.model) does not pull the whole pipeline in while extract itself is half-imported."""
    if name in _API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
