"""Money and counts of funded projects per district, commune, year, sector, programme and component.

Rules the public pages rely on:

* An unpublished figure (``None``) is never counted as 0: every :class:`Sum` says how many records
  it covers and how many had no published figure, and whether any figure is a lower bound
  ("more than").
* A project's money goes to a district (or commune) only when everything known about its place
  (linked villages, clusters, facilities and pollution sources, its ``district_names``, else its
  geometry) points to exactly one unit. Otherwise it is reported as "not attributable to one
  district" — never split between units by a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import shapely

from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.spatial.text import fold
from geo.store.base import Store
from geo.store.cache import cached


# -- sums ------------------------------------------------------------------------------------
@dataclass
class Sum:
    """A sum of published figures and what it leaves out."""

    amount: int = 0
    count: int = 0
    published: int = 0
    more_than: bool = False

    @property
    def unpublished(self) -> int:
        return self.count - self.published

    def add(self, value: int | None, qualifier: str | None = None) -> None:
        self.count += 1
        if value is not None:
            self.amount += int(value)
            self.published += 1
            self.more_than = self.more_than or qualifier == "more_than"


def amount(project: dict[str, Any]) -> int | None:
    """A project's money: its published total, else the sum of its published parts, else ``None``."""
    if project.get("budget_total_vnd") is not None:
        return int(project["budget_total_vnd"])
    parts = [project.get("budget_public_vnd"), project.get("budget_counterpart_vnd")]
    known = [int(p) for p in parts if p is not None]
    return sum(known) if known else None


@dataclass
class Totals:
    """Money of a list of projects: all of it, the public share and the counterpart share."""

    money: Sum = field(default_factory=Sum)
    public: Sum = field(default_factory=Sum)
    counterpart: Sum = field(default_factory=Sum)


def totals(projects: Iterable[Feature]) -> Totals:
    out = Totals()
    for f in projects:
        p, q = f.properties, f.properties.get("budget_qualifier")
        out.money.add(amount(p), q)
        out.public.add(p.get("budget_public_vnd"), q)
        out.counterpart.add(p.get("budget_counterpart_vnd"), q)
    return out


def group_money(projects: Iterable[Feature], key: Callable[[Feature], Iterable[str | None]]) -> dict[
        str | None, Sum]:
    """Money per key; a project with several keys (e.g. components) is counted under each."""
    out: dict[str | None, Sum] = defaultdict(Sum)
    for f in projects:
        for k in key(f):
            out[k].add(amount(f.properties), f.properties.get("budget_qualifier"))
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))


def by_year(projects: Iterable[Feature]) -> dict[str | None, Sum]:
    """Money by start year (a 2019-2020 project counts once, in 2019)."""
    return group_money(projects, lambda f: [None if f.properties.get("year_start") is None
                                            else str(f.properties["year_start"])])


def by_field(projects: Iterable[Feature], name: str) -> dict[str | None, Sum]:
    """Money by a text field such as ``sector`` or ``programme``."""
    return group_money(projects, lambda f: [f.properties.get(name) or None])


def by_component(projects: Iterable[Feature]) -> dict[str | None, Sum]:
    """Component budgets by kind; a component without a published budget is counted as unpublished."""
    out: dict[str | None, Sum] = defaultdict(Sum)
    for f in projects:
        for c in f.properties.get("components") or []:
            out[c.get("kind")].add(c.get("budget_vnd"), f.properties.get("budget_qualifier"))
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or "")))


# -- places ----------------------------------------------------------------------------------
@dataclass
class Places:
    """What is needed to say where a project is: admin units and the records projects link to."""

    districts: dict[str, Feature]
    communes: dict[str, Feature]
    villages: dict[str, Feature]
    clusters: dict[str, Feature]
    facilities: dict[str, Feature]
    pollution_sources: dict[str, Feature]
    district_by_name: dict[str, str] = field(default_factory=dict)
    today: dict[str, Feature] = field(default_factory=dict)  # units from 1 July 2025, by official code

    @classmethod
    def from_store(cls, store: Store) -> Places:
        """The places of the store's current data, read once per data version (shared: do not mutate)."""
        return cached(store, ("places",), lambda: cls._read(store))

    @classmethod
    def _read(cls, store: Store) -> Places:
        units = store.read_all(COLLECTIONS["admin_units"])

        def index(cid: str) -> dict[str, Feature]:
            return {f.id: f for f in store.read_all(COLLECTIONS[cid])}

        districts = {u.id: u for u in units if u.properties.get("level") == "district"}
        old = [u for u in units if u.properties.get("level") == "commune" and not u.properties.get("valid_from")]
        places = cls(districts=districts, communes={u.id: u for u in old},
                     villages=index("villages"), clusters=index("clusters"), facilities=index("facilities"),
                     pollution_sources=index("pollution_sources"),
                     today={u.properties.get("gso_code") or u.id: u for u in units if u.properties.get("valid_from")})
        for d in districts.values():
            for name in (d.properties.get("name"), d.properties.get("district_name")):
                if name:
                    places.district_by_name[fold(name)] = d.id
        return places

    def district_of_commune(self, commune_id: str | None) -> str | None:
        commune = self.communes.get(commune_id or "")
        return None if commune is None else commune.properties.get("district_code")

    def communes_at(self, geometry: shapely.Geometry | None) -> set[str]:
        """Communes containing any part of a geometry (used only when links say nothing)."""
        if geometry is None or geometry.is_empty:
            return set()
        return {cid for cid, c in self.communes.items()
                if c.geometry is not None and c.geometry.intersects(geometry)}


@dataclass(frozen=True)
class Placement:
    """The units a project's place evidence points to; ``unmatched`` holds names found nowhere."""

    communes: frozenset[str]
    districts: frozenset[str]
    unmatched: tuple[str, ...] = ()

    @property
    def district(self) -> str | None:
        return next(iter(self.districts)) if len(self.districts) == 1 and not self.unmatched else None

    @property
    def commune(self) -> str | None:
        return next(iter(self.communes)) if len(self.communes) == 1 and self.district else None


def _linked_communes(p: dict[str, Any], places: Places) -> tuple[set[str], set[str]]:
    communes: set[str] = set()
    districts: set[str] = set()

    def village(vid: str | None) -> None:
        v = places.villages.get(vid or "")
        if v is not None and v.properties.get("commune_id"):
            communes.add(v.properties["commune_id"])

    def cluster(cid: str | None) -> None:
        c = places.clusters.get(cid or "")
        if c is None:
            return
        communes.update(c.properties.get("commune_ids") or [])
        did = places.district_by_name.get(fold(c.properties.get("district_name")))
        if did:
            districts.add(did)

    for vid in p.get("village_ids") or []:
        village(vid)
    for cid in p.get("cluster_ids") or []:
        cluster(cid)
    for fid in p.get("facility_ids") or []:
        fac = places.facilities.get(fid)
        if fac is not None:
            village(fac.properties.get("village_id"))
            cluster(fac.properties.get("cluster_id"))
    for sid in p.get("pollution_source_ids") or []:
        src = places.pollution_sources.get(sid)
        if src is not None and src.properties.get("commune_id"):
            communes.add(src.properties["commune_id"])
    return communes, districts


def place(project: Feature, places: Places) -> Placement:
    """Where a project is, from its links first, its district names, and its geometry last."""
    p = project.properties
    communes, districts = _linked_communes(p, places)
    if not communes and not districts:
        communes = places.communes_at(project.geometry)
    districts |= {d for d in (places.district_of_commune(c) for c in communes) if d}
    unmatched = []
    for name in p.get("district_names") or []:
        did = places.district_by_name.get(fold(name))
        if did:
            districts.add(did)
        else:
            unmatched.append(name)
    return Placement(frozenset(communes), frozenset(districts), tuple(unmatched))


@dataclass
class AreaMoney:
    """Money per admin unit, plus what could not be placed in exactly one unit."""

    by_unit: dict[str, Sum]
    unattributed: Sum
    unattributed_ids: list[str]

    @property
    def total(self) -> int:
        return sum(s.amount for s in self.by_unit.values()) + self.unattributed.amount


def _today(project: Feature) -> str | None:
    """The project's unit of today when placement found exactly one (``geo.records.placement``)."""
    codes = project.properties.get("current_unit") or []
    return codes[0] if len(codes) == 1 else None


def money_by_area(projects: Sequence[Feature], places: Places, level: str) -> AreaMoney:
    """Money per district or commune at the time of the projects (``level="district"``/``"commune"``) or per
    unit of today (``"today"``), every unit listed (zero when none)."""
    units = {"district": places.districts, "commune": places.communes, "today": places.today}[level]
    out = AreaMoney({uid: Sum() for uid in units}, Sum(), [])
    for f in projects:
        where = place(f, places)
        uid = where.district if level == "district" else where.commune if level == "commune" else _today(f)
        target = out.by_unit.get(uid) if uid else None
        value, qualifier = amount(f.properties), f.properties.get("budget_qualifier")
        if target is None:
            out.unattributed.add(value, qualifier)
            out.unattributed_ids.append(f.id)
        else:
            target.add(value, qualifier)
    return out


# -- filters ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProjectFilter:
    """The filters of ``/transparency``; ``site`` is a village or cluster id, ``district`` a district id."""

    year: int | None = None
    programme: str | None = None
    sector: str | None = None
    district: str | None = None
    site: str | None = None
    component: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in vars(self).values())


def _active_in(p: dict[str, Any], year: int) -> bool:
    start = p.get("year_start")
    if start is None:
        return False
    end = p.get("year_end") or start
    return bool(start <= year <= end)


def matches(project: Feature, flt: ProjectFilter, places: Places) -> bool:
    """Whether a project passes every filter that is set."""
    p = project.properties
    checks = (
        flt.year is None or _active_in(p, flt.year),
        flt.programme is None or p.get("programme") == flt.programme,
        flt.sector is None or fold(p.get("sector")) == fold(flt.sector),
        flt.site is None or flt.site in (p.get("village_ids") or []) + (p.get("cluster_ids") or []),
        flt.component is None or any(c.get("kind") == flt.component for c in p.get("components") or []),
        flt.district is None or flt.district in place(project, places).districts,
    )
    return all(checks)


def filter_projects(projects: Iterable[Feature], flt: ProjectFilter, places: Places) -> list[Feature]:
    return [f for f in projects if matches(f, flt, places)] if flt.active else list(projects)


@dataclass(frozen=True)
class FilterOptions:
    """The choices offered by the filter form, drawn from the data."""

    years: list[int]
    programmes: list[str]
    sectors: list[str]
    districts: list[tuple[str, str]]
    sites: list[tuple[str, str]]
    components: list[str]


def filter_options(projects: Sequence[Feature], places: Places) -> FilterOptions:
    years: set[int] = set()
    sites: dict[str, str] = {}
    for f in projects:
        p = f.properties
        if p.get("year_start") is not None:
            years.update(range(p["year_start"], (p.get("year_end") or p["year_start"]) + 1))
        for vid in p.get("village_ids") or []:
            if vid in places.villages:
                sites[vid] = places.villages[vid].properties.get("name") or vid
        for cid in p.get("cluster_ids") or []:
            if cid in places.clusters:
                sites[cid] = places.clusters[cid].properties.get("name") or cid
    return FilterOptions(
        years=sorted(years),
        programmes=sorted({f.properties["programme"] for f in projects if f.properties.get("programme")}),
        sectors=sorted({f.properties["sector"] for f in projects if f.properties.get("sector")}, key=fold),
        districts=sorted(((d.id, d.properties.get("name") or d.id) for d in places.districts.values()),
                         key=lambda t: fold(t[1])),
        sites=sorted(sites.items(), key=lambda t: fold(t[1])),
        components=sorted({c.get("kind") for f in projects for c in f.properties.get("components") or []
                           if c.get("kind")}),
    )
