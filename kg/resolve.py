"""`resolve(facts) -> facts`: one node per real thing across a corpus.

- 市委, 市政府, 市…领导小组 (a title's organization without a city) get the home city's name,
  given with --home-city or inferred as the place most articles mention.
- A place printed with and without its unit (临溪, 临溪区) becomes one node, the short form an alias.
- A person is a name plus the jurisdiction they serve (kg/identity.py): Person:林海峰@青川市.
  Titles found in different articles are gathered on every copy of that person so each article's
  node carries what the corpus knows, with the dates each title was first and last printed
  (properties titles_first_seen / titles_last_seen). An analyst's merges (MergePlan) join two ids.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from kg.divisions import code_entities
from kg.identity import (
    MergePlan,
    MergeRow,
    Scope,
    home_unit,
    jurisdiction,
    mention_scopes,
    person_id,
    renamed_person,
    untitled_jurisdiction,
)
from kg.memory import collector_skips_finished_facts
from kg.model import ORGANIZATION, PERSON, PLACE, Entity, Facts, repoint

_UNIT = re.compile(r"(?:自治县|市|区|县|镇|乡|街道)$")
_TOWN = re.compile(r"(?:镇|乡|街道|社区|村)$")
_HOME_SCOPED = re.compile(r"^(?:市)(?!场)")
_COUNTY_UNITS = frozenset("县区旗州盟")
#: What follows the home's name where it stands alone (梅溪已进入…, 感谢梅溪县的支持), not inside a
#: longer name (梅溪日报讯, 梅溪县委书记, 梅溪经济开发区).
_ALONE_AFTER = re.compile(r"(?:县|市|区|州|旗)?(?:[^\u4e00-\u9fff]|$|的|和|与|及|在|是|将|已|要|等|人民|期间|以来)")
_BODY = re.compile(r"(?:委|党委|党工委|政府|人民政府|人大常委会|人大|政协|纪委|纪委监委)(?:办公室|党组)?")


@dataclass
class CorpusStats:
    """What resolution needs to know about a whole corpus, in memory proportional to the number of
    distinct names, not of articles. Gathered article by article (`add`), or per part of a corpus
    and then merged in corpus order (`merge`: a Spark partition's stats after the one before), with
    the same result as one pass over all of it."""

    articles: int = 0
    #: Per city-level place name, the articles that mention it (first mention first).
    place_articles: Counter[str] = field(default_factory=Counter)
    #: Cities the paper names in titles (南屿市委常委): not its own.
    foreign: set[str] = field(default_factory=set)
    #: Per "X日报讯" lead, the articles that open with it.
    leads: Counter[str] = field(default_factory=Counter)
    place_names: set[str] = field(default_factory=set)
    #: Per (name, printed unit: "" for the home city), their titles in order of first printing.
    titles: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: Per (name, unit, title), the first and last date an article printed it.
    spans: dict[tuple[str, str, str], tuple[str, str]] = field(default_factory=dict)
    #: Per name, the units its titled mentions serve, each with the city printed beside it ("" none).
    units: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: Iterable[Facts]) -> CorpusStats:
        """The statistics of these articles, in order."""
        stats = cls()
        for f in facts:
            stats.add(f)
        return stats

    def add(self, f: Facts) -> None:
        """Count one more article (the next in corpus order)."""
        self.articles += 1
        # In order of first mention, not a set: Counter.most_common breaks ties by insertion
        # order, so a set's hash order made the home city depend on PYTHONHASHSEED.
        names: dict[str, None] = {}
        scopes = mention_scopes(f)
        for e in f.entities:
            if e.type == PLACE:
                self.place_names.add(e.name)
                if not _TOWN.search(e.name) and not e.name.endswith(("区", "县")):
                    names.setdefault(_UNIT.sub("", e.name) if e.name.endswith("市") else e.name)
            elif e.type == PERSON:
                for t in e.titles:
                    if m := re.match(r"^(.{2,3}?)市(?:委|政府|人大|政协)", t):
                        self.foreign.add(m.group(1))
                scope = scopes[e.id]
                if scope is None or scope.lower:
                    continue  # no title, or 县长 of no county: decided against the titled namesakes
                self.units.setdefault(e.name, {}).setdefault(scope.unit, scope.city)
                known = self.titles.setdefault((e.name, scope.unit), [])
                known.extend(t for t in e.titles if t not in known)
                if f.article.date:
                    for t in e.titles:
                        self._saw((e.name, scope.unit, t), f.article.date, f.article.date)
        self.place_articles.update(n for n in names if len(n) >= 2)
        # "澜州日报讯" names the paper, and so its city, outright.
        lead = re.search(r"([\u4e00-\u9fff]{2,3})日报讯", f.article.text[:200])
        if lead:
            self.leads[lead.group(1)] += 1

    def _saw(self, key: tuple[str, str, str], first: str, last: str) -> None:
        span = self.spans.get(key)
        self.spans[key] = (min(span[0], first), max(span[1], last)) if span else (first, last)

    def merge(self, later: CorpusStats) -> CorpusStats:
        """Add the statistics of the articles that follow these (in place; returns self)."""
        self.articles += later.articles
        self.place_articles.update(later.place_articles)
        self.foreign |= later.foreign
        self.leads.update(later.leads)
        self.place_names |= later.place_names
        for key, titles in later.titles.items():
            known = self.titles.setdefault(key, [])
            known.extend(t for t in titles if t not in known)
        for key3, (first, last) in later.spans.items():
            self._saw(key3, first, last)
        for name, units in later.units.items():
            mine = self.units.setdefault(name, {})
            for unit, city in units.items():
                mine.setdefault(unit, city)
        return self

    def to_json(self) -> str:
        """The statistics as JSON (a graph keeps them, so a later load resolves against them)."""
        return json.dumps(
            {
                "articles": self.articles,
                "place_articles": dict(self.place_articles),
                "foreign": sorted(self.foreign),
                "leads": dict(self.leads),
                "place_names": sorted(self.place_names),
                "titles": [[n, u, ts] for (n, u), ts in self.titles.items()],
                "spans": [[n, u, t, f, la] for (n, u, t), (f, la) in self.spans.items()],
                "units": self.units,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> CorpusStats:
        """Statistics written by `to_json`."""
        d = json.loads(text)
        return cls(
            articles=d["articles"],
            place_articles=Counter(d["place_articles"]),
            foreign=set(d["foreign"]),
            leads=Counter(d["leads"]),
            place_names=set(d["place_names"]),
            titles={(n, u): list(ts) for n, u, ts in d["titles"]},
            spans={(n, u, t): (f, la) for n, u, t, f, la in d["spans"]},
            units={n: dict(us) for n, us in d["units"].items()},
        )

    def home_city(self) -> str | None:
        """The place the most articles mention (a city paper mentions its city everywhere), leaving
        out cities the paper names in titles: a paper writes its own as plain 市委."""
        df = Counter(self.place_articles)
        for city in self.foreign:
            df.pop(city, None)
        for city, count in self.leads.items():
            df[city] += 100 * count
        if not df:
            return None
        name, count = df.most_common(1)[0]
        return name if count >= 2 or self.articles == 1 else None


def infer_home_city(facts: Sequence[Facts]) -> str | None:
    """The paper's home city inferred from these articles (CorpusStats.home_city)."""
    return CorpusStats.of(facts).home_city()


Career = tuple[tuple[str, ...], list[str], list[str]]


@dataclass(frozen=True)
class Resolution:
    """The corpus-level decisions, applied to one article at a time (`apply`)."""

    home: str
    canonical_place: dict[str, str]
    #: Per person id (after merges): titles, and when each was first and last printed.
    careers: dict[str, Career]
    #: Per name: each jurisdiction its titled mentions serve → the city printed with it ("" none).
    candidates: dict[str, dict[str, str]] = field(default_factory=dict)
    merges: MergePlan = field(default_factory=MergePlan)
    #: Per (name, lower): where its title-less mentions serve (the same for every article).
    _untitled: dict[tuple[str, bool], str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(
        cls, stats: CorpusStats, *, home_city: str | None = None, merges: Sequence[MergeRow] | MergePlan = ()
    ) -> Resolution:
        """Decide from a corpus's statistics: its home city, canonical places, people (an analyst's
        merges join the ids they name)."""
        home = (home_city or stats.home_city() or "").removesuffix("市")
        names = stats.place_names
        canonical_place: dict[str, str] = {}
        for name in names:
            for unit in ("区", "县", "市", "镇", "乡", "街道"):
                if name + unit in names and not _UNIT.search(name):
                    canonical_place[name] = name + unit
                    break
        plan = merges if isinstance(merges, MergePlan) else MergePlan(merges)
        here = home_unit(home)
        candidates: dict[str, dict[str, str]] = {}
        for name, units in stats.units.items():
            mine = candidates.setdefault(name, {})
            for unit, city in units.items():
                mine.setdefault(jurisdiction(unit, home) if unit != here else here, "" if city == here else city)
        # Per person, once: the titles with when each was first and last printed in this corpus.
        gathered: dict[str, dict[str, tuple[str, str]]] = {}
        for (name, unit), known in stats.titles.items():
            pid = plan.of(person_id(name, jurisdiction(unit, home)))
            mine2 = gathered.setdefault(pid, {})
            for t in known:
                first, last = stats.spans.get((name, unit, t), ("", ""))
                if t in mine2:
                    f0, l0 = mine2[t]
                    first = min(x for x in (f0, first) if x) if (f0 or first) else ""
                    last = max(l0, last)
                mine2[t] = (first, last)
        careers = {
            pid: (tuple(ts), [s[0] for s in ts.values()], [s[1] for s in ts.values()])
            for pid, ts in gathered.items()
            if ts
        }
        return cls(home, canonical_place, careers, candidates, plan)

    def apply(self, facts: Facts) -> Facts:
        """One article's facts with canonical names and ids; a new Facts. Places get their official
        code, level and parent chain (kg/divisions.py)."""
        entities, renamed = _rewrite(facts, self)
        coded, by_rewritten = code_entities(entities, home=self.home)
        # One repoint for both steps: relations go straight to the entities their ends became.
        new_by_old = {old: by_rewritten[new.id] for old, new in renamed.items()}
        return Facts(article=facts.article, entities=coded, relations=tuple(repoint(facts.relations, new_by_old)))

    def person(self, e: Entity, scope: Scope | None) -> Entity:
        """A Person entity under its id: name and jurisdiction, then the analyst's merges."""
        if scope is None or scope.lower:
            key = (e.name, scope is not None)
            where = self._untitled.get(key) or self._untitled.setdefault(
                key, untitled_jurisdiction(self.candidates.get(e.name, {}), self.home, lower=key[1])
            )
        else:
            where = jurisdiction(scope.unit, self.home)
        natural = person_id(e.name, where)
        target = self.merges.of(natural)
        if target != natural:
            where = target.partition("@")[2]
        career = self.careers.get(target)
        # A career's dates run parallel to its titles: when each was first and last printed.
        return renamed_person(e, target, where, natural=natural, merged_from=self.merges.group(target), career=career)


def resolve(facts: Sequence[Facts], *, home_city: str | None = None, merges: Sequence[MergeRow] = ()) -> list[Facts]:
    """Canonical names and ids across the corpus; returns new Facts, never mutates its input.
    Two passes: the corpus's statistics first, then each article rewritten by them."""
    if not facts:
        return []
    resolution = Resolution.of(CorpusStats.of(facts), home_city=home_city, merges=merges)
    with collector_skips_finished_facts():
        return [resolution.apply(f) for f in facts]


def _rewrite(facts: Facts, res: Resolution) -> tuple[tuple[Entity, ...], dict[str, Entity]]:
    """An article's entities under their canonical names and ids, and per old id the entity it
    became (none for an entity with no meaning here: 我市 without a home city)."""
    home, canonical_place = res.home, res.canonical_place
    scopes = mention_scopes(facts)
    new_by_old: dict[str, Entity] = {}
    merged: dict[str, Entity] = {}
    for e in facts.entities:
        new = e
        if e.type == PLACE and e.name == "我市":
            if not home:
                continue
            # A county or district paper's 我县/我区 is the unit itself, not a city of its name.
            here = home if home.endswith(("县", "区", "州", "旗", "盟")) else home + "市"
            new = _renamed(e, here)
            printed = _printed_form(here, facts)
            if printed != here:  # a traditional page prints 穆溪縣: the name as printed, 穆溪县 an alias
                new = replace(new, name=printed, aliases=tuple(dict.fromkeys((*new.aliases, here))))
        elif e.type == ORGANIZATION and home and (scoped := _home_scoped(e, home)):
            new = _renamed(e, scoped)
            body = scoped[len(home) :] if scoped.startswith(home) else ""
            place = _printed_form(home, facts)
            if body and place != home and len(e.name) >= len(body):  # 縣委 on a traditional page: 穆溪縣委
                printed = place + e.name[len(e.name) - len(body) :]
                new = replace(new, name=printed, aliases=tuple(dict.fromkeys((*new.aliases, scoped))))
        elif e.type == PLACE and e.name in canonical_place:
            new = _renamed(e, canonical_place[e.name])
        elif e.type == PERSON:
            new = res.person(e, scopes.get(e.id))
        if new.id in merged:
            old = merged[new.id]
            new = Entity(
                old.id, old.type, old.name, old.titles, tuple(dict.fromkeys(old.aliases + new.aliases)), old.properties
            )
        merged[new.id] = new
        new_by_old[e.id] = new
    here = _home_place(facts.article.text, home, merged)
    if here is not None:
        merged[here.id] = here
    return tuple(merged.values()), new_by_old


def _home_place(text: str, home: str, entities: dict[str, Entity]) -> Entity | None:
    """The paper's home place, when the article prints its name (梅溪县, or the short 梅溪 as in
    梅溪已进入…) but no mention of it became a Place: inside a body's name, as a short form."""
    if len(home) < 2:
        return None
    full = home if home.endswith(("县", "区", "州", "旗", "盟", "市")) else home + "市"
    stem = _UNIT.sub("", full)
    if any(e.type == PLACE and (e.name in (full, stem) or full in e.aliases) for e in entities.values()):
        return None
    if len(stem) < 2 or not any(_ALONE_AFTER.match(text, m.end()) for m in re.finditer(re.escape(stem), text)):
        return None  # named only inside longer names: its paper (梅溪日报讯), a body, a title, a park
    return Entity(id=f"{PLACE}:{full}", type=PLACE, name=full, aliases=(stem,) if stem != full else ())


def _printed_form(name: str, facts: Facts) -> str:
    """How a traditional page prints a simplified name: its characters mapped back through the
    printed and simplified forms of the article's own entities (縣委 / 县委 gives 縣 for 县), and
    found in the text (穆溪縣); the name itself when the page does not print it so."""
    back: dict[str, set[str]] = {}
    for e in facts.entities:
        for alias in e.aliases:
            if len(alias) == len(e.name) and alias != e.name:
                for printed, simple in zip(e.name, alias):
                    if printed != simple:
                        back.setdefault(simple, set()).add(printed)
    if not any(c in back for c in name):
        return name
    pattern = "".join(f"[{re.escape(c)}{''.join(sorted(back.get(c, ())))}]" for c in name)
    m = re.search(pattern, facts.article.text)
    return m.group(0) if m else name


def _home_scoped(e: Entity, home: str) -> str | None:
    """The name of a body written with its unit only, in the home place: 市委 → 青川市委 in a city
    paper, 县委 (or 縣委) → 穆溪县委 in a county's; 我市代表团 → 青川市代表团."""
    if _HOME_SCOPED.match(e.name):
        return home + e.name
    if re.match("我(?:市|县|区|州|旗)[\u4e00-\u9fff]{2,}", e.name):  # 我区党政代表团 → 碧塘区党政代表团
        return (home if home.endswith(("市", "县", "区", "州", "旗", "盟")) else home + "市") + e.name[2:]
    unit = home[-1:]
    if unit in _COUNTY_UNITS:
        for form in (e.name, *e.aliases):
            if form.startswith(unit) and _BODY.fullmatch(form[1:]):
                return home + form[1:]
    return None


def _renamed(e: Entity, name: str) -> Entity:
    # The id is made from the simplified name, also where the page prints traditional forms (縣委).
    scope = e.id.split("|", 1)[1] if "|" in e.id else ""
    new_id = f"{e.type}:{name}" + (f"|{scope}" if scope else "")
    aliases = tuple(dict.fromkeys((*e.aliases, e.name)))
    return Entity(new_id, e.type, name, e.titles, aliases, e.properties)
