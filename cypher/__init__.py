"""The analysts' Cypher library: one `.cypher` file per query, values always as parameters.

Each file starts with a one-line `// description`; its parameters are the `$names` in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kg.errors import InputError

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True)
class Query:
    """A library query: its name, one-line description, Cypher text and required parameters."""

    name: str
    description: str
    text: str
    parameters: tuple[str, ...]

    def bind(self, params: dict[str, Any]) -> dict[str, Any]:
        """The parameters to send; InputError naming the first one that is missing."""
        for name in self.parameters:
            if name not in params:
                raise InputError(f"query {self.name} needs the parameter {name}: add -p {name}=VALUE")
        return {k: v for k, v in params.items() if k in self.parameters}


def _files() -> dict[str, Any]:
    root = resources.files(__name__)
    return {f.name[: -len(".cypher")]: f for f in root.iterdir() if f.name.endswith(".cypher")}


def list_queries() -> list[Query]:
    """Every query of the library, sorted by name."""
    return [load_query(name) for name in sorted(_files())]


def load_query(name: str) -> Query:
    """The query called `name`; InputError listing the available names if there is none."""
    files = _files()
    if name not in files:
        raise InputError(f"unknown query {name!r}; available: {', '.join(sorted(files))}")
    text = files[name].read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    description = first[2:].strip() if first.startswith("//") else ""
    return Query(name=name, description=description, text=text, parameters=required_parameters(text))


def required_parameters(text: str) -> tuple[str, ...]:
    """The `$name` parameters of a Cypher text, in order of first use (comments and strings skipped)."""
    code = _STRING.sub("''", text)
    code = "\n".join(line.split("//", 1)[0] for line in code.splitlines())
    seen: dict[str, None] = {}
    for match in _PARAMETER.finditer(code):
        seen.setdefault(match.group(1), None)
    return tuple(seen)


__all__ = ["Query", "list_queries", "load_query", "required_parameters"]
