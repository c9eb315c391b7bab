"""Land balance of industrial clusters: how much land each has, leased, reserved, free; and how we know.

Every figure carries its ``basis``:

- ``declared``: a number a source published (the cluster record's ``*_area_ha``);
- ``computed_from_plots``: the sum of the cluster's plot areas, measured in EPSG:3405;
- ``computed_from_outline``: the area of the cluster's outline, measured in EPSG:3405;
- ``derived_from_declared``: arithmetic on declared figures (free = industrial − leased);
- ``unknown``: nobody published it and nothing measures it. The value is then ``None``, never 0.

and ``illustrative`` when it comes from records made up to show the capability. Where a cluster has
plots, leased / reserved / infrastructure / free come from the plots; otherwise from declared figures.
Disagreements (declared total against the plots or a surveyed outline, beyond ``TOLERANCE``) are
flagged, and so is an outline that was drawn from the declared figure and therefore confirms nothing.

Leasable land = leased + free + reserved plots (reserved land is industrial land held for a tenant,
so it still counts as leasable); without plots, the declared industrial land. Occupancy = leased /
leasable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.analysis.industries import match as industry_match
from geo.i18n.messages import Text, say, text
from geo.model.collections import CLUSTER_PLOTS, CLUSTER_STATUSES, CLUSTERS
from geo.model.errors import FeatureNotFound, InvalidParameter
from geo.model.feature import Feature
from geo.spatial import crs
from geo.spatial.text import fold
from geo.store.base import Store
from geo.store.cache import cached

Basis = Literal["declared", "computed_from_plots", "computed_from_outline", "derived_from_declared", "unknown"]

TOLERANCE = 0.05  # 5 %: declared and measured totals further apart are flagged
FIGURES = ("planned", "developed", "industrial", "leasable", "leased", "reserved", "infrastructure", "free",
           "plotted", "outline")
DECLARED_FIELDS = ("planned_area_ha", "developed_area_ha", "industrial_area_ha", "leased_area_ha",
                   "wastewater_treatment", "status", "allowed_industries")
READY_STATUSES = ("operating", "completed_phase")
BASIS_NAMES = ("declared", "computed_from_plots", "computed_from_outline", "derived_from_declared", "unknown")


def bases(lang: str = "en") -> dict[str, str]:
    """What each basis means, in the reader's language."""
    return {name: say(f"basis.{name}", lang) for name in BASIS_NAMES}


BASES: dict[str, str] = bases("en")


@dataclass(frozen=True)
class Figure:
    """One number of the balance (ha, or a ratio for occupancy) with where it comes from."""

    value: float | None
    basis: Basis
    illustrative: bool = False
    date: str | None = None
    sources: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "basis": self.basis, "illustrative": self.illustrative, "date": self.date,
                "sources": list(self.sources)}


UNKNOWN = Figure(None, "unknown")


@dataclass(frozen=True)
class Flag:
    """Something an officer should know before trusting a figure; ``code`` is stable, ``text`` is the
    sentence (template and numbers) put into words by :meth:`message` in the reader's language."""

    code: str
    text: Text

    def message(self, lang: str = "en") -> str:
        return self.text.render(lang)


def _flag(code: str, variant: str = "", **params: Any) -> Flag:
    return Flag(code, text(code + variant, **params))


@dataclass(frozen=True)
class Plot:
    """A cluster plot with its area measured in EPSG:3405 and its metric geometry for adjacency."""

    feature: Feature
    area_m2: float
    metric: BaseGeometry

    @property
    def id(self) -> str:
        return self.feature.id

    @property
    def status(self) -> str:
        return str(self.feature.properties.get("status"))

    @property
    def illustrative(self) -> bool:
        return bool(self.feature.properties.get("illustrative"))


@dataclass(frozen=True)
class Balance:
    """The land balance of one cluster: figures, occupancy, flags, and the records it was built from."""

    cluster: Feature
    figures: dict[str, Figure]
    occupancy: Figure
    computed_from: Literal["plots", "declared"]
    flags: tuple[Flag, ...]
    plots: tuple[Plot, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.cluster.id

    def prop(self, name: str) -> Any:
        return self.cluster.properties.get(name)

    def free_plots(self) -> list[Plot]:
        return [p for p in self.plots if p.status == "free"]

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """The balance as the API and CSV show it (plots left out: the detail view adds them); flag
        messages in ``lang``."""
        p = self.cluster.properties
        return {
            "id": self.id, "name": p.get("name"), "kind": p.get("kind"), "district_name": p.get("district_name"),
            "phase": p.get("phase"), "status": p.get("status"), "status_date": p.get("status_date"),
            "illustrative": bool(p.get("illustrative")), "outline": p.get("outline"),
            "allowed_industries": list(p.get("allowed_industries") or []),
            "wastewater_treatment": p.get("wastewater_treatment"), "sources": list(p.get("sources") or []),
            "computed_from": self.computed_from, "plot_count": len(self.plots),
            "figures": {name: f.as_dict() for name, f in self.figures.items()},
            "occupancy": self.occupancy.as_dict(),
            "flags": [{"code": f.code, "message": f.message(lang)} for f in self.flags],
            "notes": p.get("notes"),
        }


# -- reading ------------------------------------------------------------------------------------

def measured_plots(features: Sequence[Feature]) -> list[Plot]:
    """Plots with metric areas; a plot without geometry falls back to its stored ``area_ha``."""
    metric = crs.to_metric([f.geometry for f in features]) if features else np.array([], dtype=object)
    out = []
    for f, g in zip(features, metric, strict=True):
        if g is None or g.is_empty:
            stored = f.properties.get("area_ha") or 0.0
            out.append(Plot(f, float(stored) * 10_000, shapely.Point()))
        else:
            out.append(Plot(f, float(shapely.area(g)), g))
    return out


def read_plots(store: Store, cluster_id: str | None = None) -> dict[str, list[Feature]]:
    """Plots grouped by cluster id (one query)."""
    out: dict[str, list[Feature]] = {}
    for f in store.read_all(CLUSTER_PLOTS):
        if cluster_id is None or f.properties.get("cluster_id") == cluster_id:
            out.setdefault(str(f.properties.get("cluster_id")), []).append(f)
    return out


def balances(store: Store, district: str | None = None, status: str | None = None,
             sector: str | None = None) -> list[Balance]:
    """Every cluster's balance, filtered; ``district`` and ``sector`` match accent-insensitively.

    The balances are computed once per data version of the store (``geo.store.cache``) and filtered here.
    """
    if status is not None and status not in CLUSTER_STATUSES:
        raise InvalidParameter(f"status must be one of {', '.join(CLUSTER_STATUSES)}, got '{status}'.")
    out = []
    for b in cached(store, ("capacity-balances",), lambda: _all_balances(store)):
        p = b.cluster.properties
        if district and fold(district) not in fold(p.get("district_name")):
            continue
        if status and p.get("status") != status:
            continue
        if sector and not industry_match(sector, p.get("allowed_industries")).allowed:
            continue
        out.append(b)
    return out


def _all_balances(store: Store) -> list[Balance]:
    plots = read_plots(store)
    out = [balance_of(c, plots.get(c.id, [])) for c in store.read_all(CLUSTERS)]
    return sorted(out, key=lambda b: (fold(b.prop("district_name")), fold(b.prop("name")), b.id))


def balance(store: Store, cluster_id: str) -> Balance:
    """One cluster's balance, or ``FeatureNotFound``."""
    try:
        cluster = store.get(CLUSTERS, cluster_id)
    except FeatureNotFound:
        raise FeatureNotFound(f"No cluster '{cluster_id}'.") from None
    return balance_of(cluster, read_plots(store, cluster_id).get(cluster_id, []))


# -- computing ----------------------------------------------------------------------------------

def _declared(cluster: Feature, name: str) -> Figure:
    value = cluster.properties.get(name)
    if value is None:
        return UNKNOWN
    return Figure(round(float(value), 4), "declared", bool(cluster.properties.get("illustrative")),
                  cluster.properties.get("status_date"), tuple(cluster.properties.get("sources") or ()))


def _from_plots(plots: Sequence[Plot], statuses: tuple[str, ...]) -> Figure:
    """Sum of the plots in ``statuses``. It is illustrative when one of the plots it adds up is, and cites
    their sources (a sum of no plot: those of all the cluster's plots, whose statuses say it is 0); the
    date is the newest of all the cluster's plots (the day the plot statuses were last known)."""
    chosen = [p for p in plots if p.status in statuses]
    basis = chosen or plots
    dates = [d for p in plots if (d := p.feature.properties.get("status_date"))]
    sources = sorted({s for p in basis for s in (p.feature.properties.get("sources") or ())})
    return Figure(round(sum(p.area_m2 for p in chosen) / 10_000, 4), "computed_from_plots",
                  any(p.illustrative for p in basis), max(dates) if dates else None, tuple(sources))


def _outline(cluster: Feature) -> Figure:
    kind = cluster.properties.get("outline")
    measured = crs.area_ha(cluster.geometry) if cluster.geometry is not None else None
    if measured is None or kind == "nominal_marker":
        return UNKNOWN
    return Figure(measured, "computed_from_outline", bool(cluster.properties.get("illustrative")), None,
                  tuple(cluster.properties.get("sources") or ()))


def _ratio(part: Figure, whole: Figure) -> Figure:
    if part.value is None or not whole.value:
        return UNKNOWN
    basis: Basis = ("computed_from_plots" if "computed_from_plots" in (part.basis, whole.basis)
                    else "derived_from_declared")
    return Figure(round(part.value / whole.value, 4), basis, part.illustrative or whole.illustrative,
                  part.date or whole.date, tuple(sorted({*part.sources, *whole.sources})))


def balance_of(cluster: Feature, plot_features: Sequence[Feature]) -> Balance:
    """The balance of one cluster from its record and its plots (pure: no store access)."""
    plots = tuple(sorted(measured_plots(plot_features), key=lambda p: p.id))
    figs = {name: _declared(cluster, f"{name}_area_ha") for name in ("planned", "developed", "industrial")}
    figs["outline"] = _outline(cluster)
    if plots:
        for status in ("leased", "reserved", "infrastructure", "free"):
            figs[status] = _from_plots(plots, (status,))
        figs["leasable"] = _from_plots(plots, ("leased", "free", "reserved"))
        figs["plotted"] = _from_plots(plots, ("leased", "free", "reserved", "infrastructure"))
    else:
        figs.update(_declared_split(cluster, figs["industrial"]))
    figs = {name: figs.get(name, UNKNOWN) for name in FIGURES}
    return Balance(cluster, figs, _ratio(figs["leased"], figs["leasable"]), "plots" if plots else "declared",
                   tuple(_flags(cluster, figs, plots)), plots)


def _declared_split(cluster: Feature, industrial: Figure) -> dict[str, Figure]:
    leased = _declared(cluster, "leased_area_ha")
    out = {"leased": leased, "leasable": industrial, "reserved": UNKNOWN, "infrastructure": UNKNOWN,
           "plotted": UNKNOWN, "free": UNKNOWN}
    if leased.value is not None and industrial.value is not None:
        out["free"] = Figure(round(max(industrial.value - leased.value, 0.0), 4), "derived_from_declared",
                             leased.illustrative or industrial.illustrative, leased.date, leased.sources)
    return out


def _off(a: float, b: float) -> bool:
    return abs(a - b) > TOLERANCE * max(abs(b), 1e-9)


def _flags(cluster: Feature, figs: dict[str, Figure], plots: Sequence[Plot]) -> list[Flag]:
    out = _outline_flags(cluster, figs)
    planned, plotted = figs["planned"].value, figs["plotted"].value
    if plots and planned is not None and plotted is not None:
        if plotted > planned * (1 + TOLERANCE):
            out.append(_flag("plots_exceed_declared", plotted=plotted, planned=planned))
        elif plotted < planned * (1 - TOLERANCE):
            out.append(_flag("plots_below_declared", plotted=plotted, planned=planned))
    declared_leased = cluster.properties.get("leased_area_ha")
    if plots and declared_leased is not None and figs["leased"].value is not None and _off(
            figs["leased"].value, float(declared_leased)):
        out.append(_flag("leased_disagrees", declared=float(declared_leased), leased=figs["leased"].value))
    industrial = cluster.properties.get("industrial_area_ha")
    if declared_leased is not None and industrial is not None and declared_leased > industrial * (1 + TOLERANCE):
        out.append(_flag("leased_exceeds_industrial", leased=float(declared_leased), industrial=float(industrial)))
    if plots and any(p.illustrative for p in plots):
        out.append(_flag("illustrative_plots"))
    if figs["free"].value is None:
        out.append(_flag("free_unknown"))
    return out


def _outline_flags(cluster: Feature, figs: dict[str, Figure]) -> list[Flag]:
    kind, outline = cluster.properties.get("outline"), figs["outline"].value
    # the build sizes an outline to the planned area, else to the developed one (Kiền Bái's phase 1)
    planned = figs["planned"].value if figs["planned"].value is not None else figs["developed"].value
    if kind == "nominal_marker":
        return [_flag("outline_nominal")]
    if kind == "sized_to_declared_area":
        measured = outline if outline is not None else "?"
        if planned is None:
            return [_flag("outline_sized_to_declared", ".no_planned", outline=measured)]
        return [_flag("outline_sized_to_declared", planned=planned, outline=measured)]
    if planned is not None and outline is not None and _off(outline, planned):
        return [_flag("outline_disagrees", planned=planned, outline=outline)]
    return []


# -- details ------------------------------------------------------------------------------------

def tenants_by_sector(b: Balance) -> list[dict[str, Any]]:
    """Leased plots grouped by their industry: tenants, plot count and leased hectares."""
    groups: dict[str, dict[str, Any]] = {}
    for p in b.plots:
        if p.status != "leased":
            continue
        sector = p.feature.properties.get("industry") or "unknown"
        g = groups.setdefault(sector, {"sector": sector, "tenants": [], "plots": 0, "leased_ha": 0.0,
                                       "illustrative": False})
        tenant = p.feature.properties.get("tenant")
        if tenant and tenant not in g["tenants"]:
            g["tenants"].append(tenant)
        g["plots"] += 1
        g["leased_ha"] = round(g["leased_ha"] + p.area_m2 / 10_000, 4)
        g["illustrative"] = g["illustrative"] or p.illustrative
    return sorted(groups.values(), key=lambda g: (-g["leased_ha"], fold(g["sector"])))


def wastewater(b: Balance, lang: str = "en") -> dict[str, Any]:
    """Central wastewater treatment: the declared flag, and what plots say (which may be illustrative);
    the ``note`` in ``lang``."""
    declared = b.prop("wastewater_treatment")
    plots = [p for p in b.plots if p.status == "infrastructure"
             and any(w in fold(p.feature.properties.get("infrastructure")) for w in ("nuoc thai", "wastewater"))]
    note = None
    if declared is None:
        variant = "" if not plots else (".illustrative_site" if all(p.illustrative for p in plots) else ".site")
        note = say("wastewater.not_recorded" + variant, lang)
    return {"declared": declared, "status": {True: "present", False: "absent", None: "unknown"}[declared],
            "plots": [p.id for p in plots], "illustrative": bool(plots) and all(p.illustrative for p in plots),
            "note": note}


def figure_history(store: Store, cluster_id: str) -> list[dict[str, Any]]:
    """Every audited change of the cluster's declared figures, oldest first (empty for loaded data)."""
    out = []
    for entry in store.history(CLUSTERS, cluster_id):
        before = (entry.before or {}).get("properties") or {}
        after = (entry.after or {}).get("properties") or {}
        changes = {name: {"before": before.get(name), "after": after.get(name)} for name in DECLARED_FIELDS
                   if before.get(name) != after.get(name)}
        if changes:
            out.append({"at": entry.at, "action": entry.action, "version": entry.version, "changes": changes})
    return out


def plot_dict(p: Plot) -> dict[str, Any]:
    """A plot as the detail view lists it, with its metric area."""
    props = p.feature.properties
    return {"id": p.id, "name": props.get("name"), "status": p.status, "area_ha": round(p.area_m2 / 10_000, 4),
            "declared_area_ha": props.get("declared_area_ha"), "tenant": props.get("tenant"),
            "industry": props.get("industry"), "infrastructure": props.get("infrastructure"),
            "status_date": props.get("status_date"), "illustrative": p.illustrative,
            "sources": list(props.get("sources") or [])}


def detail(store: Store, cluster_id: str, lang: str = "en") -> tuple[Balance, dict[str, Any]]:
    """``GET /capacity/{id}``: the balance, its plots, tenants by sector, infrastructure and history."""
    b = balance(store, cluster_id)
    return b, {**b.as_dict(lang), "plots": [plot_dict(p) for p in b.plots], "tenants_by_sector": tenants_by_sector(b),
               "infrastructure": {"wastewater": wastewater(b, lang)}, "history": figure_history(store, cluster_id)}
