"""Gold annotations for `kg eval`: loading and validating `*.gold.json` files.

The format and the annotation guidelines are documented in tests/gold/README.md. A gold file is
checked when it is loaded, so a typo in a name shows up as one clear error naming the file,
instead of as a silent miss in the scores.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from kg.config import seeds_dir
from kg.errors import InputError
from kg.schema import PERSON, SIGNED_AGREEMENT, Schema, active

GOLD_SUFFIX = ".gold.json"
SEED_PREFIX = "@seed/"


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One annotated relation; `agreement` only for SIGNED_AGREEMENT."""

    type: str
    head: str
    tail: str
    agreement: str | None = None


@dataclass(frozen=True, slots=True)
class GoldFile:
    """The annotations of one text file (the union of its articles)."""

    path: Path
    text_path: Path
    entities: Mapping[str, tuple[str, ...]]
    relations: tuple[GoldRelation, ...]
    date: str | None = None
    home_city: str | None = None
    titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Short name for reports: the gold file's name without its suffix."""
        return self.path.name.removesuffix(GOLD_SUFFIX)

    def type_of(self, name: str) -> str:
        """The entity type a name is listed under (KeyError if it is not listed)."""
        for etype, names in self.entities.items():
            if name in names:
                return etype
        raise KeyError(name)


def find_gold_files(root: Path) -> list[Path]:
    """Every `*.gold.json` under `root`, sorted; InputError if there is none."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"{root}: no such gold folder")
    found = sorted(root.rglob(f"*{GOLD_SUFFIX}"))
    if not found:
        raise InputError(f"{root}: no *{GOLD_SUFFIX} files")
    return found


def resolve_text_path(ref: str, root: Path, gold_path: Path | None = None) -> Path:
    """Where a gold file's `text` points: `@seed/<file>` in the shared seeds folder, else under the
    gold folder (or, for a gold file given on its own, under the nearest folder that has it)."""
    if ref.startswith(SEED_PREFIX):
        return seeds_dir() / ref.removeprefix(SEED_PREFIX)
    candidate = root / ref
    if not candidate.exists() and gold_path is not None:
        for folder in gold_path.resolve().parents:
            if (folder / ref).is_file():
                return folder / ref
    return candidate


def load_gold_file(path: Path, root: Path, schema: Schema | None = None) -> GoldFile:
    """Read and validate one gold file against `schema` (the active one by default): entity lists
    under its gold keys, relations of its scored types with allowed head and tail types.
    InputError naming the file on any problem."""
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid UTF-8 JSON ({exc})") from None
    try:
        return _parse(obj, path, root, schema or active())
    except _Bad as exc:
        raise InputError(f"{path}: {exc}") from None


def load_gold_dir(root: Path, report: Callable[[str], None] | None = None) -> list[GoldFile]:
    """All valid gold files under root. A bad one is reported (or raised, without `report`)."""
    base = root if root.is_dir() else root.parent
    loaded: list[GoldFile] = []
    for path in find_gold_files(root):
        try:
            loaded.append(load_gold_file(path, base))
        except InputError as exc:
            if report is None:
                raise
            report(str(exc))
    return loaded


class _Bad(Exception):
    pass


def _strings(obj: object, key: str) -> tuple[str, ...]:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f'"{key}" must be a list of non-empty strings')
    if len(set(value)) != len(value):
        raise _Bad(f'"{key}" lists a name twice')
    return tuple(value)


def _parse(obj: object, path: Path, root: Path, schema: Schema) -> GoldFile:
    if not isinstance(obj, dict):
        raise _Bad("a gold file is one JSON object")
    ref = obj.get("text")
    if not isinstance(ref, str) or not ref:
        raise _Bad('"text" must name the annotated file')
    text_path = resolve_text_path(ref, root, path)
    if not text_path.is_file():
        raise _Bad(f"the annotated text {text_path} does not exist")
    entities = {etype: _strings(obj, key) for key, etype in schema.gold_keys().items()}
    seen: dict[str, str] = {}
    for etype, names in entities.items():
        for name in names:
            if name in seen:
                raise _Bad(f"{name!r} is listed as both {seen[name]} and {etype}")
            seen[name] = etype
    relations = tuple(_relation(r, seen, schema) for r in _list(obj, "relations"))
    titles_obj = obj.get("titles", {})
    if not isinstance(titles_obj, dict):
        raise _Bad('"titles" must map persons to lists of titles')
    for person, titles in titles_obj.items():
        if seen.get(person) != PERSON:
            raise _Bad(f"titles given for {person!r}, who is not in persons")
        if not isinstance(titles, list):
            raise _Bad(f"titles of {person!r} must be a list")
    date = obj.get("date")
    if date is not None and not (isinstance(date, str) and len(date) == 10 and date[4] == "-"):
        raise _Bad(f'"date" {date!r} is not YYYY-MM-DD')
    home_city = obj.get("home_city")
    if home_city is not None and not isinstance(home_city, str):
        raise _Bad('"home_city" must be a string')
    return GoldFile(
        path=path,
        text_path=text_path,
        entities=MappingProxyType(entities),
        relations=relations,
        date=date,
        home_city=home_city,
        titles=MappingProxyType({p: tuple(t) for p, t in titles_obj.items()}),
    )


def _list(obj: dict, key: str) -> list:
    value = obj.get(key)
    if not isinstance(value, list):
        raise _Bad(f'"{key}" must be a list')
    return value


def _relation(r: object, types: Mapping[str, str], schema: Schema) -> GoldRelation:
    if not isinstance(r, dict):
        raise _Bad(f"relation {r!r} is not an object")
    rtype, head, tail = r.get("type"), r.get("head"), r.get("tail")
    scored = schema.scored_relations()
    shape = schema.relation(rtype) if isinstance(rtype, str) and rtype in scored else None
    if shape is None:
        raise _Bad(f"relation type {rtype!r} is not one of {', '.join(sorted(scored))}")
    for end, name, allowed in (("head", head, shape.heads), ("tail", tail, shape.tails)):
        if not isinstance(name, str) or name not in types:
            raise _Bad(f"{rtype} {end} {name!r} is not in the entity lists")
        if types[name] not in allowed:
            raise _Bad(f"{rtype} {end} {name!r} is a {types[name]}, expected {' or '.join(sorted(allowed))}")
    agreement = r.get("agreement")
    if rtype == SIGNED_AGREEMENT and not (isinstance(agreement, str) and agreement):
        raise _Bad(f'SIGNED_AGREEMENT {head}–{tail} needs its "agreement" name')
    assert isinstance(head, str) and isinstance(tail, str)  # checked against the entity lists above
    return GoldRelation(type=shape.name, head=head, tail=tail, agreement=agreement)
