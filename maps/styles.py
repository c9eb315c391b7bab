"""How each layer looks: one style table per collection, read by Python and by the browser.

A table is ``{"base": {...}, "rules": [...]}``. A rule reads one property of the feature and either
*matches* it against a dict of values or places it between *breaks* (``[[upper, style], …,
[None, style]]``, first ``value < upper`` wins). The result is ``base`` updated by every rule's
style, in order. The browser receives these tables as data (``styleFor`` in
``maps/static/core/style.js`` applies them; ``tests/js`` checks it against ``style_for`` here).

No rule computes a value: a cluster's ``occupancy`` is the capacity service's figure
(``geo.analysis.capacity``, leased / leasable), which the map joins to its features before styling.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.i18n.labels import label as value_label
from geo.i18n.money import format_vnd

Style = dict[str, Any]

CRAFT_COLOURS: dict[str, str] = {
    "metal": "#b03a2e", "wood_stone": "#8d6e63", "rattan_bamboo": "#7cb342", "textile": "#8e24aa",
    "food": "#f9a825", "recycling": "#00897b", "pottery_materials": "#ef6c00", "puppetry": "#d81b60",
    "mixed": "#546e7a",
}
SEVERITY_COLOURS: dict[str, str] = {
    "serious": "#7f0000", "high": "#d32f2f", "moderate": "#f57c00", "low": "#fbc02d", "unknown": "#9e9e9e",
}
PLOT_COLOURS: dict[str, str] = {
    # ColorBrewer Dark2, readable by most colour-blind readers; the capacity map and charts use these too.
    "leased": "#d95f02", "free": "#1b9e77", "reserved": "#7570b3", "infrastructure": "#8c8c8c",
}
# Cluster outline by stage: planned-like stages are dashed, working ones solid.
CLUSTER_STATUS_STYLES: dict[str, Style] = {
    "planned": {"color": "#5c6bc0", "dashArray": "6 4"},
    "established": {"color": "#3949ab", "dashArray": "6 4"},
    "under_construction": {"color": "#ef6c00", "dashArray": "2 4"},
    "operating": {"color": "#1a237e"},
    "completed_phase": {"color": "#1a237e"},
}
# Occupancy (leased / leasable, from geo.analysis.capacity): room below half, filling up, nearly full.
OCCUPANCY_BREAKS: list[list[Any]] = [
    [0.5, {"fillColor": "#1a9850"}],
    [0.8, {"fillColor": "#fdae61"}],
    [None, {"fillColor": "#d73027"}],
]
OCCUPANCY_UNKNOWN: Style = {"fillColor": "#9e9e9e"}
BUDGET_BREAKS: list[list[Any]] = [
    [500_000_000, {"radius": 5}],
    [1_000_000_000, {"radius": 7}],
    [5_000_000_000, {"radius": 10}],
    [None, {"radius": 14}],
]

STYLE_TABLES: dict[str, dict[str, Any]] = {
    "admin_units": {
        "base": {"color": "#607d8b", "weight": 1, "fill": True, "fillColor": "#eceff1", "fillOpacity": 0.25,
                 "interactive": True},
        "rules": [{"key": "level", "match": {"district": {"color": "#37474f", "weight": 2.5, "fillOpacity": 0.0},
                                             "commune": {"dashArray": "3 3"}}},
                  # an assembled outline is never drawn like an official one
                  {"key": "outline_method", "match": {"exact": {"dashArray": "1 0", "color": "#455a64"},
                                                      "approximate": {"dashArray": "8 5", "color": "#8d6e63"}}}],
    },
    "villages": {
        "base": {"radius": 8, "color": "#ffffff", "weight": 2, "fillOpacity": 0.95, "fillColor": "#546e7a"},
        "rules": [{"key": "craft_group", "match": {k: {"fillColor": v} for k, v in CRAFT_COLOURS.items()}}],
    },
    "clusters": {
        "base": {"color": "#1a237e", "weight": 2, "fillColor": "#bbdefb", "fillOpacity": 0.55},
        "rules": [
            {"key": "status", "match": CLUSTER_STATUS_STYLES},
            {"key": "occupancy", "breaks": OCCUPANCY_BREAKS, "missing": OCCUPANCY_UNKNOWN},
        ],
    },
    "cluster_plots": {
        "base": {"color": "#424242", "weight": 1, "fillOpacity": 0.6, "fillColor": "#bdbdbd"},
        "rules": [{"key": "status", "match": {k: {"fillColor": v} for k, v in PLOT_COLOURS.items()}}],
    },
    "facilities": {
        "base": {"radius": 5, "color": "#004d40", "weight": 1, "fillColor": "#26a69a", "fillOpacity": 0.9},
        "rules": [],
    },
    "pollution_sources": {
        "base": {"radius": 7, "color": "#212121", "weight": 1, "fillOpacity": 0.9, "fillColor": "#9e9e9e"},
        "rules": [{"key": "severity", "match": {k: {"fillColor": v} for k, v in SEVERITY_COLOURS.items()}}],
    },
    "projects": {
        # A thick ring, so projects read apart from the filled village and pollution dots.
        "base": {"radius": 5, "color": "#311b92", "weight": 3, "fillColor": "#b39ddb", "fillOpacity": 0.15},
        "rules": [{"key": "budget_total_vnd", "breaks": BUDGET_BREAKS, "missing": {"radius": 4,
                                                                                    "dashArray": "2 2"}}],
    },
}


def apply_rule(rule: Mapping[str, Any], value: Any) -> Style:
    """The style a rule gives to one value (empty when nothing applies)."""
    if value is None:
        return dict(rule.get("missing", {}))
    if "match" in rule:
        return dict(rule["match"].get(str(value), {}))
    if not isinstance(value, int | float) or isinstance(value, bool):
        return dict(rule.get("missing", {}))
    for upper, style in rule["breaks"]:
        if upper is None or value < upper:
            return dict(style)
    return {}


def occupancy_fill(occupancy: float | None) -> str:
    """The fill of a cluster with this occupancy, on every map that shows it."""
    return str(apply_rule({"breaks": OCCUPANCY_BREAKS, "missing": OCCUPANCY_UNKNOWN}, occupancy)["fillColor"])


def style_for(collection_id: str, feature: Mapping[str, Any]) -> Style:
    """The Leaflet style of a GeoJSON feature (or a bare properties mapping) of a collection."""
    table = STYLE_TABLES[collection_id]
    props = feature.get("properties", feature) if "properties" in feature else feature
    style: Style = dict(table["base"])
    for rule in table["rules"]:
        style.update(apply_rule(rule, (props or {}).get(rule["key"])))
    return style


def _break_label(lower: float | None, upper: float | None, key: str, lang: str) -> str:
    def fmt(v: float) -> str:
        if key == "occupancy":
            return f"{round(v * 100)} %"
        return format_vnd(int(v), lang)

    if lower is None:
        return f"< {fmt(upper)}" if upper is not None else ""
    if upper is None:
        return f"≥ {fmt(lower)}"
    return f"{fmt(lower)} – {fmt(upper)}"


def legend(collection_id: str, lang: str) -> list[dict[str, Any]]:
    """Legend rows ``{"label", "style"}``: one per value or class of each rule, in table order."""
    table = STYLE_TABLES[collection_id]
    rows: list[dict[str, Any]] = []
    for rule in table["rules"]:
        key = rule["key"]
        if "match" in rule:
            for value, style in rule["match"].items():
                rows.append({"label": value_label(key, value, lang), "style": {**table["base"], **style}})
        else:
            lower = None
            for upper, style in rule["breaks"]:
                rows.append({"label": _break_label(lower, upper, key, lang), "style": {**table["base"], **style}})
                lower = upper
        if "missing" in rule:
            rows.append({"label": value_label(key, None, lang), "style": {**table["base"], **rule["missing"]}})
    if not rows:
        rows.append({"label": "", "style": dict(table["base"])})
    return rows
