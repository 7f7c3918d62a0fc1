"""News knowledge-graph builder: Chinese city newspapers in, a traceable knowledge graph out."""

__version__ = "0.1.0"
