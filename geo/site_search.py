"""Site search: which clusters can take a workshop of a given area and industry, near a given origin.

Each cluster gets the same checks, each ``pass``, ``fail`` or ``unknown``:

- ``land_total``: the cluster's free land (from plots, or derived from declared figures) ≥ the area;
- ``land_piece``: when plots exist, one free plot, or a group of adjacent free plots, ≥ the area
  (plots are adjacent when they touch, or are less than ``ADJACENT_M`` apart, in EPSG:3405);
- ``industry``: the industry is in the cluster's allowed list (folded synonyms, ``geo.industries``);
  an empty list is ``unknown``, not a pass;
- ``wastewater``: central treatment is present when the industry needs it; ``null`` is ``unknown``;
- ``distance``: straight line from the origin to the nearest point of the outline, in EPSG:3405,
  ≤ ``max_km``;
- ``readiness``: the cluster is operating or has completed a phase; planned or still being built is
  ``unknown`` (the land may not be ready).

How "unknown" is treated (``POLICY``): a cluster *fits* when every check passes on real data. When no
check fails but some are unknown, or pass only thanks to illustrative records, it is *possible if
confirmed*, listed with what to confirm. Any failed check excludes it, with every reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo import crs
from geo.capacity import READY_STATUSES, Balance, Plot, balances, wastewater
from geo.errors import FeatureNotFound, InvalidParameter
from geo.industries import groups_of, match, needs_wastewater
from geo.layers import VILLAGES
from geo.store.base import Store

Outcome = Literal["pass", "fail", "unknown"]
Category = Literal["fits", "possible_if_confirmed", "excluded"]

ADJACENT_M = 5.0  # plots closer than this (a drawn boundary, a fence) count as one piece of land
AREA_EPS_M2 = 1.0  # areas measured after reprojection are compared with 1 m² of slack
MAX_AREA_HA = 10_000.0
POLICY = ("A cluster fits when every check passes on real (non-illustrative) data. When no check fails but some "
          "are unknown (nobody published the figure) or pass only on illustrative records, it is listed under "
          "possible_if_confirmed with what to confirm. Any failed check excludes it; every reason is listed. "
          "Distances are straight lines in EPSG:3405 to the nearest point of the cluster outline; outlines and "
          "village points are approximate (about 1–2 km).")
WEIGHTS = {"proximity": 0.5, "room": 0.25, "certainty": 0.25}


@dataclass(frozen=True)
class Origin:
    """Where the workshop comes from: a village or a point, in CRS84 and in EPSG:3405."""

    point: Point
    metric: BaseGeometry
    label: str
    village_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"village": self.village_id, "label": self.label, "lon": round(self.point.x, 6),
                "lat": round(self.point.y, 6)}


def village_origin(store: Store, village_id: str) -> Origin:
    """The village's point, or ``FeatureNotFound`` (404)."""
    try:
        village = store.get(VILLAGES, village_id)
    except FeatureNotFound:
        raise FeatureNotFound(f"No village '{village_id}'.") from None
    if village.geometry is None or village.geometry.is_empty:
        raise InvalidParameter(f"Village '{village_id}' has no location.")
    point = village.geometry.centroid
    return Origin(point, crs.to_metric([point])[0], str(village.properties.get("name")), village_id)


def point_origin(lon: float, lat: float) -> Origin:
    """A point given as lon, lat (CRS84); it must lie in Hải Phòng (catches swapped coordinates)."""
    minx, miny, maxx, maxy = crs.HAIPHONG_BBOX
    if not (math.isfinite(lon) and math.isfinite(lat) and minx <= lon <= maxx and miny <= lat <= maxy):
        raise InvalidParameter(f"lon {lon}, lat {lat} is not in Hải Phòng ({minx}–{maxx} E, {miny}–{maxy} N); "
                               "give lon first.")
    point = Point(lon, lat)
    return Origin(point, crs.to_metric([point])[0], f"{lat:.5f} N, {lon:.5f} E")


def area_m2(area_ha: float | None, area_m2: float | None) -> float:
    """Exactly one of the two, finite and > 0, as square metres."""
    if (area_ha is None) == (area_m2 is None):
        raise InvalidParameter("Give exactly one of area_ha and area_m2.")
    value = area_ha * 10_000 if area_ha is not None else area_m2
    assert value is not None
    if not math.isfinite(value) or value <= 0:
        raise InvalidParameter("The area must be a number greater than 0.")
    if value > MAX_AREA_HA * 10_000:
        raise InvalidParameter(f"The area must not exceed {MAX_AREA_HA:g} ha.")
    return float(value)


def check_max_km(max_km: float | None) -> float | None:
    if max_km is not None and (not math.isfinite(max_km) or max_km <= 0):
        raise InvalidParameter("max_km must be a number greater than 0.")
    return max_km


@dataclass(frozen=True)
class SiteRequest:
    """What is looked for: area in m², industry (free text, any language), origin, distance limit."""

    area_m2: float
    industry: str | None
    origin: Origin
    max_km: float | None = None

    def as_dict(self) -> dict[str, Any]:
        wastewater = needs_wastewater(self.industry) if self.industry else None
        return {"area_m2": round(self.area_m2, 2), "area_ha": round(self.area_m2 / 10_000, 4),
                "industry": self.industry, "industry_groups": sorted(groups_of(self.industry)),
                "needs_wastewater_treatment": wastewater, "origin": self.origin.as_dict(), "max_km": self.max_km}


@dataclass(frozen=True)
class Check:
    """One rule applied to one cluster; ``illustrative`` when it passed only on illustrative records."""

    name: str
    outcome: Outcome
    detail: str
    illustrative: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"check": self.name, "outcome": self.outcome, "detail": self.detail,
                "illustrative": self.illustrative}


@dataclass(frozen=True)
class FreeUnit:
    """Free land that can hold one workshop: a free plot, or adjacent free plots together."""

    plot_ids: tuple[str, ...]
    area_m2: float
    illustrative: bool

    def as_dict(self) -> dict[str, Any]:
        return {"plots": list(self.plot_ids), "area_ha": round(self.area_m2 / 10_000, 4),
                "illustrative": self.illustrative}


def free_units(plots: Sequence[Plot]) -> list[FreeUnit]:
    """Free plots merged into groups of adjacent plots, largest first (ties: first plot id)."""
    free = sorted((p for p in plots if p.status == "free"), key=lambda p: p.id)
    parent = list(range(len(free)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(free):
        for j in range(i + 1, len(free)):
            if not a.metric.is_empty and shapely.distance(a.metric, free[j].metric) <= ADJACENT_M:
                parent[root(j)] = root(i)
    groups: dict[int, list[Plot]] = {}
    for i, p in enumerate(free):
        groups.setdefault(root(i), []).append(p)
    units = [FreeUnit(tuple(p.id for p in g), sum(p.area_m2 for p in g), any(p.illustrative for p in g))
             for g in groups.values()]
    return sorted(units, key=lambda u: (-u.area_m2, u.plot_ids))


@dataclass(frozen=True)
class Assessment:
    """A cluster judged against a request: checks, category, distance, score."""

    balance: Balance
    checks: tuple[Check, ...]
    distance_km: float | None
    units: tuple[FreeUnit, ...]
    category: Category
    score: dict[str, float]

    def to_confirm(self) -> list[str]:
        return [c.detail for c in self.checks if c.outcome == "unknown" or (c.outcome == "pass" and c.illustrative)]

    def as_dict(self) -> dict[str, Any]:
        b = self.balance
        free = b.figures["free"]
        return {"cluster_id": b.id, "name": b.prop("name"), "district_name": b.prop("district_name"),
                "category": self.category, "distance_km": self.distance_km, "score": self.score,
                "free_ha": free.value, "free_basis": free.basis, "free_illustrative": free.illustrative,
                "largest_free_unit": self.units[0].as_dict() if self.units else None,
                "checks": [c.as_dict() for c in self.checks],
                "reasons": [c.detail for c in self.checks if c.outcome == "fail"],
                "to_confirm": self.to_confirm()}


def _ha(m2: float) -> str:
    return f"{m2 / 10_000:.2f} ha"


def _land_checks(b: Balance, units: Sequence[FreeUnit], need: float) -> list[Check]:
    free = b.figures["free"]
    whole = b.figures["planned"].value or b.figures["outline"].value
    if free.value is None and whole is not None and whole * 10_000 < need - AREA_EPS_M2:
        total = Check("land_total", "fail", f"The whole cluster is {whole:g} ha (free land unknown), "
                      f"less than the {_ha(need)} needed.")
    elif free.value is None:
        total = Check("land_total", "unknown", "Free land is unknown (no plots, no declared leased figure).")
    else:
        ok = free.value * 10_000 >= need - AREA_EPS_M2
        source = "illustrative plots" if free.illustrative else free.basis.replace("_", " ")
        total = Check("land_total", "pass" if ok else "fail",
                      f"{free.value:.2f} ha free ({source}) {'≥' if ok else '<'} {_ha(need)} needed.",
                      free.illustrative)
    if not b.plots:
        return [total, Check("land_piece", "unknown", "No plot data: whether one piece of "
                             f"{_ha(need)} is free is not known.")]
    single = max((p for p in b.free_plots()), key=lambda p: p.area_m2, default=None)
    if single is not None and single.area_m2 >= need - AREA_EPS_M2:
        kind = "illustrative free plot" if single.illustrative else "Free plot"
        piece = Check("land_piece", "pass", f"{kind.capitalize()} {single.id} has {_ha(single.area_m2)}.",
                      single.illustrative)
    elif units and units[0].area_m2 >= need - AREA_EPS_M2:
        kind = "illustrative adjacent free plots" if units[0].illustrative else "Adjacent free plots"
        piece = Check("land_piece", "pass", f"{kind.capitalize()} {' + '.join(units[0].plot_ids)} have "
                      f"{_ha(units[0].area_m2)} together.", units[0].illustrative)
    else:
        largest = _ha(units[0].area_m2) if units else "0 ha"
        piece = Check("land_piece", "fail", f"No free plot or group of adjacent free plots is big enough "
                      f"(largest {largest}).")
    return [total, piece]


def _industry_checks(b: Balance, industry: str | None) -> list[Check]:
    if not industry:
        return []
    m = match(industry, b.prop("allowed_industries"))
    if m.allowed is None:
        out = [Check("industry", "unknown", "The allowed industries are not recorded.")]
    elif m.allowed:
        out = [Check("industry", "pass", f"'{industry}' is allowed ({', '.join(m.matched)}).")]
    else:
        out = [Check("industry", "fail", f"'{industry}' is not among the allowed industries "
                     f"({', '.join(b.prop('allowed_industries'))}).")]
    need = needs_wastewater(industry)
    present = b.prop("wastewater_treatment")
    if need is False:
        return out
    if present is True:
        return [*out, Check("wastewater", "pass", "Central wastewater treatment is present.")]
    if need is None:
        return [*out, Check("wastewater", "unknown", f"Whether '{industry}' needs wastewater treatment is not "
                            "in the industry table, and the cluster has none recorded.")]
    if present is False:
        return [*out, Check("wastewater", "fail", f"'{industry}' needs central wastewater treatment; the cluster "
                            "has none.")]
    return [*out, Check("wastewater", "unknown", f"'{industry}' needs central wastewater treatment; whether the "
                        f"cluster has it is not recorded{_wastewater_hint(b)}.")]


def _wastewater_hint(b: Balance) -> str:
    info = wastewater(b)
    if not info["plots"]:
        return ""
    kind = "illustrative plot" if info["illustrative"] else "plot"
    return f"; {kind} {', '.join(info['plots'])} shows a treatment site"


def _place_checks(b: Balance, req: SiteRequest) -> tuple[list[Check], float | None]:
    out = []
    geom = b.cluster.geometry
    distance = None
    if geom is None or geom.is_empty:
        out.append(Check("distance", "unknown", "The cluster has no location."))
    else:
        distance = round(float(shapely.distance(req.origin.metric, crs.to_metric([geom])[0])) / 1000, 2)
        ok = req.max_km is None or distance <= req.max_km
        limit = "no limit" if req.max_km is None else f"{'≤' if ok else '>'} {req.max_km:g} km"
        out.append(Check("distance", "pass" if ok else "fail", f"{distance:.2f} km from {req.origin.label} "
                         f"({limit})."))
    status = b.prop("status")
    if status in READY_STATUSES:
        out.append(Check("readiness", "pass", f"Status {status}."))
    elif status:
        when = f" as of {b.prop('status_date')}" if b.prop("status_date") else ""
        out.append(Check("readiness", "unknown", f"Status {status}{when}: the land may not be ready."))
    else:
        out.append(Check("readiness", "unknown", "Status not recorded: whether the land is ready is unknown."))
    return out, distance


def _category(checks: Sequence[Check]) -> Category:
    if any(c.outcome == "fail" for c in checks):
        return "excluded"
    if all(c.outcome == "pass" and not c.illustrative for c in checks):
        return "fits"
    return "possible_if_confirmed"


def _score(b: Balance, checks: Sequence[Check], distance: float | None, req: SiteRequest) -> dict[str, float]:
    """Components in 0..1 and their weighted sum: closer, more room to spare, more checks certain."""
    if distance is None:
        proximity = 0.0
    elif req.max_km:
        proximity = max(0.0, 1 - distance / req.max_km)
    else:
        proximity = 1 / (1 + distance / 10)
    free = b.figures["free"].value
    room = 0.0 if free is None else min(1.0, free * 10_000 / (req.area_m2 * 4))
    certainty = sum(c.outcome == "pass" and not c.illustrative for c in checks) / len(checks)
    parts = {"proximity": proximity, "room": room, "certainty": certainty}
    out = {k: round(v, 3) for k, v in parts.items()}
    out["total"] = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 3)
    return out


def assess(b: Balance, req: SiteRequest) -> Assessment:
    """Every check for one cluster (pure)."""
    units = free_units(b.plots)
    place, distance = _place_checks(b, req)
    checks = (*_land_checks(b, units, req.area_m2), *_industry_checks(b, req.industry), *place)
    return Assessment(b, checks, distance, tuple(units), _category(checks), _score(b, checks, distance, req))


def rank(assessments: Sequence[Assessment]) -> list[Assessment]:
    """Fits first, then possible; within each by score, then distance, then id (deterministic)."""
    order = {"fits": 0, "possible_if_confirmed": 1, "excluded": 2}
    return sorted(assessments, key=lambda a: (order[a.category], -a.score["total"],
                                              math.inf if a.distance_km is None else a.distance_km, a.balance.id))


def search(store: Store, req: SiteRequest) -> dict[str, Any]:
    """The ranked, explained answer to a site search (an empty list of candidates is an answer too)."""
    ranked = rank([assess(b, req) for b in balances(store)])
    candidates = [a for a in ranked if a.category != "excluded"]
    excluded = [a for a in ranked if a.category == "excluded"]
    return {
        "request": req.as_dict(),
        "policy": POLICY,
        "candidates": [{"rank": i, **a.as_dict()} for i, a in enumerate(candidates, start=1)],
        "fits": [a.balance.id for a in candidates if a.category == "fits"],
        "possible_if_confirmed": [a.balance.id for a in candidates if a.category == "possible_if_confirmed"],
        "excluded": [a.as_dict() for a in sorted(excluded, key=lambda a: a.balance.id)],
        "summary": summary(req, candidates, excluded),
    }


def summary(req: SiteRequest, candidates: Sequence[Assessment], excluded: Sequence[Assessment]) -> str:
    """One paragraph an officer can read aloud."""
    what = f"{_ha(req.area_m2)}{f' of {req.industry}' if req.industry else ''} from {req.origin.label}"
    fits = [a for a in candidates if a.category == "fits"]
    possible = [a for a in candidates if a.category == "possible_if_confirmed"]
    parts = [f"Looking for {what}{f' within {req.max_km:g} km' if req.max_km else ''}."]
    parts.append(f"{len(fits)} cluster(s) fit on confirmed data" + (
        f": {', '.join(str(a.balance.prop('name')) for a in fits)}." if fits else "."))
    if possible:
        top = possible[0]
        parts.append(f"{len(possible)} could if confirmed; the best is {top.balance.prop('name')} "
                     f"({top.distance_km} km), to confirm: {'; '.join(t.rstrip('.') for t in top.to_confirm())}.")
    if not candidates:
        parts.append("No cluster can take it; the reasons for each are listed under 'excluded'.")
    parts.append(f"{len(excluded)} excluded.")
    return " ".join(parts)
