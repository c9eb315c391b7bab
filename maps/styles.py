"""How each layer looks: one style table per collection, read by Python and by the browser.

A table is ``{"base": {...}, "rules": [...]}``. A rule reads one key of the feature (a property, or
a derived value such as ``leased_share``) and either *matches* it against a dict of values or
places it between *breaks* (``[[upper, style], …, [None, style]]``, first ``value < upper`` wins).
The result is ``base`` updated by every rule's style, in order. ``style_for`` here and ``styleFor``
in ``maps/templates/craftmap.js`` apply the same table, so what the tests check is what is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from maps.i18n import value_label

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
LEASED_BREAKS: list[list[Any]] = [
    [0.25, {"fillColor": "#e3f2fd"}],
    [0.5, {"fillColor": "#90caf9"}],
    [0.75, {"fillColor": "#42a5f5"}],
    [None, {"fillColor": "#1565c0"}],
]
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
            {"key": "leased_share", "breaks": LEASED_BREAKS, "missing": {"fillColor": "#ffffff"}},
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


def derived(key: str, properties: Mapping[str, Any]) -> Any:
    """A property, or a value computed from several (mirrored by ``derived`` in craftmap.js)."""
    if key == "leased_share":
        leased = properties.get("leased_area_ha")
        total = properties.get("industrial_area_ha") or properties.get("planned_area_ha")
        if leased is None or not total:
            return None
        return float(leased) / float(total)
    return properties.get(key)


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


def style_for(collection_id: str, feature: Mapping[str, Any]) -> Style:
    """The Leaflet style of a GeoJSON feature (or a bare properties mapping) of a collection."""
    table = STYLE_TABLES[collection_id]
    props = feature.get("properties", feature) if "properties" in feature else feature
    style: Style = dict(table["base"])
    for rule in table["rules"]:
        style.update(apply_rule(rule, derived(rule["key"], props or {})))
    return style


def _break_label(lower: float | None, upper: float | None, key: str, lang: str) -> str:
    def fmt(v: float) -> str:
        if key == "leased_share":
            return f"{round(v * 100)} %"
        return f"{v / 1e9:g} {'tỷ' if lang == 'vi' else 'bn'}"

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
