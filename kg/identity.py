"""Who is who: a person is a name plus the jurisdiction they serve.

- A mention's *scope* is read from its titles and the bodies its HOLDS_POSITION relations point
  at (南屿市副市长 → 南屿市, 海澄区委书记 → 海澄区, 县长 at 东陵县政府 → 东陵县); a county's or
  district's office wins over a township's, and a township's over a city's. A title with no unit
  (市委书记, 市长) scopes to the paper's home city: scope "" until the corpus has decided its home.
- `jurisdiction(scope, home)` is the unit's full name; the person's id is
  `Person:<name>@<jurisdiction>` (`Person:<name>` when there is neither scope nor home).
- A mention with no title at all joins the one titled person of that name in the article's city
  (the home city, or a unit not printed with another city); with none it is the home city's, with
  several it stays apart (`Person:<name>`, jurisdiction unknown).
- Careers that move are never merged by guesswork: an analyst's merges file (`read_merges`) joins
  two ids, and `MergePlan` says which id each one becomes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import HOLDS_POSITION, PERSON, Entity, Facts

#: A unit's name at the start of a title or body, and what may follow it there.
_SCOPE = re.compile(
    r"^([\u4e00-\u9fff]{2,8}?(?:自治县|自治州|街道|县|区|市|镇|乡|旗|州|盟))"
    r"(?=委|党|政府|人民政府|人大|政协|纪委|监委|副|长|常委|书记|主任)"
)
#: Units that are parts of a city, not jurisdictions of their own (开发区管委会主任).
_NOT_JURISDICTION = ("开发区", "园区", "新区", "工业区", "示范区", "保税区", "景区", "度假区", "社区")
_COUNTY = ("自治县", "县", "区", "旗")
_TOWN = ("街道", "镇", "乡")
_UNKNOWN = "?"
#: A county's or township's office printed without its unit (县长, 区委书记, 镇党委书记).
_BARE_LOWER = re.compile(r"^(?:副)?(?:县|区|镇|乡|旗)(?:委|党委|长|政府|人大|政协|纪委)")
_BARE_CITY = re.compile(r"^(?:副)?市(?:委|长|政府|人大|政协|纪委)")

Report = Callable[[str], None]


def _ignore(message: str) -> None:
    pass


def unit_of(text: str) -> str | None:
    """The administrative unit a title or body names at its start (海澄区委书记 → 海澄区), if any."""
    m = _SCOPE.match(text)
    if not m or m.group(1).endswith(_NOT_JURISDICTION):
        return None
    return m.group(1)


def _rank(unit: str) -> int:
    if unit.endswith(_COUNTY):
        return 0
    if unit.endswith(_TOWN):
        return 1
    return 2


@dataclass(frozen=True, slots=True)
class Scope:
    """Where one mention serves, as printed: `unit` ("" = the home city) and the city-level unit
    printed beside it (南屿市 for 南屿市委常委、海澄区委书记; "" if none). `lower`: only a county's
    or township's office with no unit (县长 in a city paper): which county is decided like a
    title-less mention, among the namesakes who serve a county or township."""

    unit: str
    city: str = ""
    lower: bool = False


def mention_scopes(facts: Facts) -> dict[str, Scope | None]:
    """Per Person entity id of one article: its scope, or None when it has no title at all."""
    units: dict[str, list[str]] = {}
    names = {e.id: e.name for e in facts.entities}
    for r in facts.relations:
        if r.type == HOLDS_POSITION and r.tail in names:
            units.setdefault(r.head, []).append(names[r.tail])
    out: dict[str, Scope | None] = {}
    for e in facts.entities:
        if e.type != PERSON:
            continue
        held = units.get(e.id, [])
        if not e.titles and not held:
            out[e.id] = None
            continue
        found = [u for u in (unit_of(t) for t in (*held, *e.titles)) if u]
        if not found:
            offices = (*held, *e.titles)
            lower = any(_BARE_LOWER.match(t) for t in offices) and not any(_BARE_CITY.match(t) for t in offices)
            out[e.id] = Scope("", lower=lower)
            continue
        best = min(found, key=_rank)  # stable: the first printed of the best rank
        cities = [u for u in found if _rank(u) == 2 and u != best]
        out[e.id] = Scope(best, cities[0] if cities else "")
    return out


def home_unit(home: str) -> str:
    """The home's full name: a county paper's home is the county, else the city (青川 → 青川市)."""
    if not home:
        return ""
    return home if home.endswith(("县", "区", "州", "旗", "盟", "市")) else home + "市"


def jurisdiction(unit: str, home: str) -> str:
    """The full name of a scope's unit ("" is the home city)."""
    return unit or home_unit(home)


def person_id(name: str, where: str) -> str:
    """`Person:<name>@<jurisdiction>`, or `Person:<name>` when the jurisdiction is unknown."""
    return f"{PERSON}:{name}@{where}" if where and where != _UNKNOWN else f"{PERSON}:{name}"


def untitled_jurisdiction(candidates: Mapping[str, str], home: str, *, lower: bool = False) -> str:
    """Where a title-less mention serves: the one candidate in the article's city, else the home
    city when there is none, else unknown. `candidates`: jurisdiction → the city printed with it.
    `lower`: the mention holds a county's or township's office, so only such candidates count."""
    here = home_unit(home)
    local = [
        j
        for j, city in candidates.items()
        if (not city or city == here) and (j == here or _rank(j) < 2) and (not lower or j != here)
    ]
    if len(local) == 1:
        return local[0]
    if not local:
        return here
    return _UNKNOWN


# ---------------------------------------------------------------------------------------------
# Merges: an analyst's file of ids that are one person (careers that move).


@dataclass(frozen=True, slots=True)
class MergeRow:
    """One row of a merges file: `id_b` is the same person as `id_a`."""

    name: str
    id_a: str
    id_b: str


def _as_id(name: str, value: str) -> str:
    """A merges cell as an id: a full id (Person:王伟@云岫县) or the jurisdiction alone (云岫县)."""
    value = value.strip()
    if value.startswith(f"{PERSON}:"):
        return value
    return person_id(name, value)


def read_merges(path: Path, *, report: Report = _ignore) -> list[MergeRow]:
    """The rows of a merges CSV (columns name,id_a,id_b; an id may be given as its jurisdiction).
    A bad row is reported in one line naming the file and row, and the rest goes on; a missing
    or unreadable file is an InputError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the merges file ({exc.__class__.__name__})", subject=str(path)) from None
    rows: list[MergeRow] = []
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or [h.strip() for h in header[:3]] != ["name", "id_a", "id_b"]:
        raise InputError(f"{path}: a merges file starts with the header name,id_a,id_b", subject=str(path))
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        problem = _row_problem(cells)
        if problem is None:
            name = cells[0].strip()
            row = MergeRow(name, _as_id(name, cells[1]), _as_id(name, cells[2]))
            if row.id_a == row.id_b:
                problem = "id_a and id_b are the same id"
            elif not all(i.removeprefix(f"{PERSON}:").split("@")[0] == name for i in (row.id_a, row.id_b)):
                problem = f"an id does not belong to {name}"
            else:
                rows.append(row)
                continue
        report(f"{path}: row {number}: {problem}; row skipped")
    return rows


def _row_problem(cells: Sequence[str]) -> str | None:
    if len(cells) != 3:
        return f"{len(cells)} columns, not 3 (name,id_a,id_b)"
    if not all(c.strip() for c in cells):
        return "an empty cell"
    return None


class MergePlan:
    """Which id each merged id becomes: every group of ids joined by the rows (also through chains:
    a=b, b=c) becomes its smallest id_a, the first row's first id."""

    def __init__(self, rows: Iterable[MergeRow] = ()) -> None:
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        order: dict[str, int] = {}
        for row in rows:
            for i in (row.id_a, row.id_b):
                order.setdefault(i, len(order))
            ra, rb = root(row.id_a), root(row.id_b)
            if ra != rb:
                keep, drop = (ra, rb) if order[ra] <= order[rb] else (rb, ra)
                parent[drop] = keep
        self.target: dict[str, str] = {i: root(i) for i in parent}
        groups: dict[str, list[str]] = {}
        for i, r in self.target.items():
            groups.setdefault(r, []).append(i)
        self.merged_from: dict[str, tuple[str, ...]] = {r: tuple(sorted(ids)) for r, ids in groups.items()}

    def __bool__(self) -> bool:
        return bool(self.target)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MergePlan) and self.target == other.target

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.target.items())))

    def of(self, entity_id: str) -> str:
        """The id this id becomes (itself when no row names it)."""
        return self.target.get(entity_id, entity_id)

    def group(self, entity_id: str) -> tuple[str, ...]:
        """The ids joined into this (target) id."""
        return self.merged_from.get(entity_id, ())


def renamed_person(
    e: Entity,
    new_id: str,
    where: str,
    natural: str | None = None,
    merged_from: tuple[str, ...] = (),
    career: tuple[tuple[str, ...], list[str], list[str]] | None = None,
) -> Entity:
    """A Person entity under its resolved id, with its jurisdiction (and, when a merge renamed it,
    the id it had before: `natural_id`, and the ids joined into it: `merged_from`); `career`: the
    person's titles across the corpus with when each was first and last printed."""
    props = dict(e.properties)
    titles = e.titles
    if career is not None:
        titles = career[0]
        props["titles_first_seen"] = list(career[1])
        props["titles_last_seen"] = list(career[2])
    if where and where != _UNKNOWN:
        props["jurisdiction"] = where
    if natural and natural != new_id:
        props["natural_id"] = natural
    if merged_from:
        props["merged_from"] = list(merged_from)
    return Entity(new_id, e.type, e.name, titles, e.aliases, props)


def apply_merges(facts: Facts, plan: MergePlan) -> Facts:
    """One article's facts with its people under the ids these merges give them: a person a merge
    renamed earlier (its `natural_id`) and no longer merged gets its own id back. A new Facts."""
    from dataclasses import replace

    from kg.model import repoint

    new_by_old: dict[str, Entity] = {}
    out: dict[str, Entity] = {}
    changed = False
    for e in facts.entities:
        new = e
        if e.type == PERSON:
            natural = str(e.properties.get("natural_id") or e.id)
            target = plan.of(natural)
            base_props = {k: v for k, v in e.properties.items() if k not in ("natural_id", "merged_from")}
            where = target.partition("@")[2] or str(base_props.get("jurisdiction", ""))
            base = Entity(e.id, e.type, e.name, e.titles, e.aliases, base_props)
            new = renamed_person(base, target, where, natural=natural, merged_from=plan.group(target))
            changed = changed or new != e or dict(new.properties) != dict(e.properties)
        if new.id in out:
            old = out[new.id]
            new = replace(
                old,
                titles=tuple(dict.fromkeys(old.titles + new.titles)),
                aliases=tuple(dict.fromkeys(old.aliases + new.aliases)),
            )
        out[new.id] = new
        new_by_old[e.id] = new
    if not changed:
        return facts
    return Facts(
        article=facts.article, entities=tuple(out.values()), relations=tuple(repoint(facts.relations, new_by_old))
    )
