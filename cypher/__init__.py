"""The analysts' Cypher library: one `.cypher` file per query, values always as parameters.

Each file starts with a one-line `// description`; its parameters are the `$names` in the text.
A parameter may be optional, declared in a comment line with its default and, if it takes only
some values, which: `// optional $level = '' (one of: township, county, city, province)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from kg.errors import InputError

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
#: A parameter the query converts to a number: its value must be one.
_NUMERIC = re.compile(r"\b(toInteger|toFloat)\s*\(\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*\)", re.IGNORECASE)
_WHOLE = re.compile(r"\s*[+-]?\d+\s*")
_REAL = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")
_OPTIONAL = re.compile(
    r"^//\s*optional\s+\$([A-Za-z_][A-Za-z0-9_]*)\s*=\s*'([^']*)'(?:\s*\(one of:\s*([^)]*)\))?", re.M
)
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True)
class Query:
    """A library query: its name, one-line description, Cypher text and required parameters."""

    name: str
    description: str
    text: str
    parameters: tuple[str, ...]
    #: Optional parameters: name → (default, allowed values or () for any).
    optional: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def bind(self, params: dict[str, Any]) -> dict[str, Any]:
        """The parameters to send; InputError naming the first one missing or out of its values, or a
        value that is not the number the query converts it to (`toInteger($limit)` needs a whole number)."""
        for name in self.parameters:
            if name not in params:
                raise InputError(f"query {self.name} needs the parameter {name}: add -p {name}=VALUE")
        check_numeric_parameters(self.text, params, f"query {self.name}")
        bound = {k: v for k, v in params.items() if k in self.parameters or k in self.optional}
        for name, (default, allowed) in self.optional.items():
            value = bound.setdefault(name, default)
            if allowed and value not in allowed and value != default:
                raise InputError(f"query {self.name}: {name}={value!r} is not one of {', '.join(allowed)}")
        return bound


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
    optional = {
        m.group(1): (m.group(2), tuple(v.strip() for v in (m.group(3) or "").split(",") if v.strip()))
        for m in _OPTIONAL.finditer(text)
    }
    required = tuple(p for p in required_parameters(text) if p not in optional)
    return Query(name=name, description=description, text=text, parameters=required, optional=optional)


def check_numeric_parameters(text: str, params: dict[str, Any], label: str = "the query") -> None:
    """InputError when a parameter the Cypher converts with toInteger/toFloat is not such a number
    (the server would only say `null` in a Java class's name); a `limit` must also be 0 or more."""
    for match in _NUMERIC.finditer(_code(text)):
        name, value = match.group(2), params.get(match.group(2))
        whole = match.group(1).lower() == "tointeger"
        if not isinstance(value, str):
            continue
        if not (_WHOLE if whole else _REAL).fullmatch(value):
            kind = "a whole number" if whole else "a number"
            raise InputError(f"{label}: the parameter {name} must be {kind}, not {value!r}")
        if whole and name.lower() == "limit" and int(value) < 0:
            raise InputError(f"{label}: the parameter {name} must be 0 or more, not {value!r}")


def _code(text: str) -> str:
    """Cypher text with string literals emptied and // comments removed."""
    code = _STRING.sub("''", text)
    return "\n".join(line.split("//", 1)[0] for line in code.splitlines())


def required_parameters(text: str) -> tuple[str, ...]:
    """The `$name` parameters of a Cypher text, in order of first use (comments and strings skipped)."""
    seen: dict[str, None] = {}
    for match in _PARAMETER.finditer(_code(text)):
        seen.setdefault(match.group(1), None)
    return tuple(seen)


__all__ = ["Query", "check_numeric_parameters", "list_queries", "load_query", "required_parameters"]
