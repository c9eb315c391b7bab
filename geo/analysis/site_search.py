"""Site search: which clusters can take a workshop of a given area and industry, near a given origin.

Each cluster gets the same checks, each ``pass``, ``fail`` or ``unknown``:

- ``land_total``: the cluster's free land (from plots, or derived from declared figures) ≥ the area;
- ``land_piece``: when plots exist, one free plot, or a group of adjacent free plots, ≥ the area
  (plots are adjacent when they touch, or are less than ``ADJACENT_M`` apart, in EPSG:3405);
- ``industry``: the industry is in the cluster's allowed list (folded synonyms, ``geo.analysis.industries``);
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

from geo.analysis.capacity import READY_STATUSES, Balance, Plot, balances, wastewater
from geo.analysis.industries import groups_of, match, needs_wastewater
from geo.i18n.messages import Text, say, status_text, text
from geo.model.collections import VILLAGES
from geo.model.errors import FeatureNotFound, InvalidParameter
from geo.spatial import crs
from geo.store.base import Store

Outcome = Literal["pass", "fail", "unknown"]
Category = Literal["fits", "possible_if_confirmed", "excluded"]

ADJACENT_M = 5.0  # plots closer than this (a drawn boundary, a fence) count as one piece of land
AREA_EPS_M2 = 1.0  # areas measured after reprojection are compared with 1 m² of slack
MAX_AREA_HA = 10_000.0
POLICY = say("policy")  # the English text; ``say("policy", lang)`` in another language
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
    """One rule applied to one cluster; ``illustrative`` when it passed only on illustrative records.
    ``text.key`` is the stable code of the finding (``land_total.unknown``); :meth:`detail` words it."""

    name: str
    outcome: Outcome
    text: Text
    illustrative: bool = False

    @property
    def code(self) -> str:
        return self.text.key

    def detail(self, lang: str = "en") -> str:
        return self.text.render(lang)

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"check": self.name, "code": self.code, "outcome": self.outcome, "detail": self.detail(lang),
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

    def to_confirm(self, lang: str = "en") -> list[str]:
        return [c.detail(lang) for c in self.checks
                if c.outcome == "unknown" or (c.outcome == "pass" and c.illustrative)]

    def reasons(self, lang: str = "en") -> list[str]:
        return [c.detail(lang) for c in self.checks if c.outcome == "fail"]

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        b = self.balance
        free = b.figures["free"]
        return {"cluster_id": b.id, "name": b.prop("name"), "district_name": b.prop("district_name"),
                "category": self.category, "distance_km": self.distance_km, "score": self.score,
                "free_ha": free.value, "free_basis": free.basis, "free_illustrative": free.illustrative,
                "largest_free_unit": self.units[0].as_dict() if self.units else None,
                "checks": [c.as_dict(lang) for c in self.checks],
                "reasons": self.reasons(lang), "to_confirm": self.to_confirm(lang)}


def _ha(m2: float) -> float:
    return m2 / 10_000


def _land_checks(b: Balance, units: Sequence[FreeUnit], need: float) -> list[Check]:
    free = b.figures["free"]
    whole = b.figures["planned"].value or b.figures["outline"].value
    if free.value is None and whole is not None and whole * 10_000 < need - AREA_EPS_M2:
        total = Check("land_total", "fail", text("land_total.whole_too_small", whole=whole, need=_ha(need)))
    elif free.value is None:
        total = Check("land_total", "unknown", text("land_total.unknown"))
    else:
        ok = free.value * 10_000 >= need - AREA_EPS_M2
        source = text("source.illustrative_plots" if free.illustrative else f"basis_short.{free.basis}")
        total = Check("land_total", "pass" if ok else "fail",
                      text(f"land_total.{'pass' if ok else 'fail'}", free=free.value, source=source, need=_ha(need)),
                      free.illustrative)
    if not b.plots:
        return [total, Check("land_piece", "unknown", text("land_piece.no_plots", need=_ha(need)))]
    single = max((p for p in b.free_plots()), key=lambda p: p.area_m2, default=None)
    if single is not None and single.area_m2 >= need - AREA_EPS_M2:
        key = "land_piece.plot_illustrative" if single.illustrative else "land_piece.plot"
        piece = Check("land_piece", "pass", text(key, plot=single.id, area=_ha(single.area_m2)), single.illustrative)
    elif units and units[0].area_m2 >= need - AREA_EPS_M2:
        key = "land_piece.group_illustrative" if units[0].illustrative else "land_piece.group"
        piece = Check("land_piece", "pass", text(key, plots=" + ".join(units[0].plot_ids),
                                                 area=_ha(units[0].area_m2)), units[0].illustrative)
    else:
        largest = _ha(units[0].area_m2) if units else 0.0
        piece = Check("land_piece", "fail", text("land_piece.fail", largest=largest))
    return [total, piece]


def _industry_checks(b: Balance, industry: str | None) -> list[Check]:
    if not industry:
        return []
    m = match(industry, b.prop("allowed_industries"))
    if m.allowed is None:
        out = [Check("industry", "unknown", text("industry.unknown"))]
    elif m.allowed:
        out = [Check("industry", "pass", text("industry.pass", industry=industry, matched=", ".join(m.matched)))]
    else:
        out = [Check("industry", "fail", text("industry.fail", industry=industry,
                                              allowed=", ".join(b.prop("allowed_industries"))))]
    need = needs_wastewater(industry)
    present = b.prop("wastewater_treatment")
    if need is False:
        return out
    if present is True:
        return [*out, Check("wastewater", "pass", text("wastewater.pass"))]
    if need is None:
        return [*out, Check("wastewater", "unknown", text("wastewater.need_unknown", industry=industry))]
    if present is False:
        return [*out, Check("wastewater", "fail", text("wastewater.fail", industry=industry))]
    return [*out, Check("wastewater", "unknown", text("wastewater.unknown", industry=industry,
                                                      hint=_wastewater_hint(b)))]


def _wastewater_hint(b: Balance) -> Text | str:
    info = wastewater(b)
    if not info["plots"]:
        return ""
    key = "wastewater.hint.illustrative" if info["illustrative"] else "wastewater.hint.plot"
    return text(key, plots=", ".join(info["plots"]))


def _place_checks(b: Balance, req: SiteRequest) -> tuple[list[Check], float | None]:
    out = []
    geom = b.cluster.geometry
    distance = None
    if geom is None or geom.is_empty:
        out.append(Check("distance", "unknown", text("distance.unknown")))
    else:
        distance = round(float(shapely.distance(req.origin.metric, crs.to_metric([geom])[0])) / 1000, 2)
        ok = req.max_km is None or distance <= req.max_km
        limit = (text("distance.no_limit") if req.max_km is None
                 else text("distance.within" if ok else "distance.beyond", max_km=req.max_km))
        out.append(Check("distance", "pass" if ok else "fail",
                         text("distance.measured", distance=distance, origin=req.origin.label, limit=limit)))
    status = b.prop("status")
    if status in READY_STATUSES:
        out.append(Check("readiness", "pass", text("readiness.pass", status=status_text(status))))
    elif status:
        when = text("readiness.as_of", date=b.prop("status_date")) if b.prop("status_date") else ""
        out.append(Check("readiness", "unknown", text("readiness.not_ready", status=status_text(status), when=when)))
    else:
        out.append(Check("readiness", "unknown", text("readiness.unknown")))
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


def search(store: Store, req: SiteRequest, lang: str = "en") -> dict[str, Any]:
    """The ranked, explained answer to a site search (an empty list of candidates is an answer too);
    the sentences in ``lang``."""
    ranked = rank([assess(b, req) for b in balances(store)])
    candidates = [a for a in ranked if a.category != "excluded"]
    excluded = [a for a in ranked if a.category == "excluded"]
    return {
        "request": req.as_dict(),
        "policy": say("policy", lang),
        "candidates": [{"rank": i, **a.as_dict(lang)} for i, a in enumerate(candidates, start=1)],
        "fits": [a.balance.id for a in candidates if a.category == "fits"],
        "possible_if_confirmed": [a.balance.id for a in candidates if a.category == "possible_if_confirmed"],
        "excluded": [a.as_dict(lang) for a in sorted(excluded, key=lambda a: a.balance.id)],
        "summary": summary(req, candidates, excluded, lang),
    }


def summary(req: SiteRequest, candidates: Sequence[Assessment], excluded: Sequence[Assessment],
            lang: str = "en") -> str:
    """One paragraph an officer can read aloud."""
    fits = [a for a in candidates if a.category == "fits"]
    possible = [a for a in candidates if a.category == "possible_if_confirmed"]
    industry = text("summary.of_industry", industry=req.industry) if req.industry else ""
    within = text("summary.within", max_km=req.max_km) if req.max_km else ""
    parts = [say("summary.looking", lang, need=_ha(req.area_m2), industry=industry, origin=req.origin.label,
                 within=within)]
    names = ", ".join(str(a.balance.prop("name")) for a in fits)
    parts.append(say("summary.fits" if fits else "summary.fits_none", lang, n=len(fits), names=names))
    if possible:
        top = possible[0]
        parts.append(say("summary.possible", lang, n=len(possible), name=top.balance.prop("name"),
                         km=top.distance_km, confirm="; ".join(t.rstrip(".") for t in top.to_confirm(lang))))
    if not candidates:
        parts.append(say("summary.none", lang))
    parts.append(say("summary.excluded", lang, n=len(excluded)))
    return " ".join(parts)
