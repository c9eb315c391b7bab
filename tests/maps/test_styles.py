"""Style tables and ``style_for`` without a browser (``maps/styles.py``)."""

from __future__ import annotations

import pytest

from geo.i18n.labels import MISSING, VALUE_LABELS, label
from geo.model.collections import COLLECTIONS
from maps.capacity import occupancy_colour
from maps.styles import CRAFT_COLOURS, SEVERITY_COLOURS, STYLE_TABLES, legend, style_for


def village(**props: object) -> dict[str, object]:
    return {"type": "Feature", "properties": {"name": "x", **props}, "geometry": None}


@pytest.mark.parametrize(("collection", "field", "colours"), [
    ("villages", "craft_group", CRAFT_COLOURS),
    ("pollution_sources", "severity", SEVERITY_COLOURS),
])
def test_every_coded_value_has_its_own_colour(collection: str, field: str, colours: dict[str, str]) -> None:
    enum = COLLECTIONS[collection].field(field).enum or ()
    assert set(colours) == set(enum)
    fills = {style_for(collection, {"properties": {field: v}})["fillColor"] for v in enum}
    assert len(fills) == len(enum)


def test_every_coded_value_in_a_rule_has_a_label_in_both_languages() -> None:
    for cid, table in STYLE_TABLES.items():
        for rule in table["rules"]:
            for value in rule.get("match", {}):
                assert value in VALUE_LABELS[rule["key"]], (cid, value)
                assert label(rule["key"], value, "vi") != label(rule["key"], value, "en")


def test_village_colour_follows_craft_group_and_falls_back_for_unknown() -> None:
    assert style_for("villages", village(craft_group="metal"))["fillColor"] == "#b03a2e"
    assert style_for("villages", village(craft_group="textile"))["fillColor"] == "#8e24aa"
    assert style_for("villages", village(craft_group="nonsense"))["fillColor"] == STYLE_TABLES["villages"][
        "base"]["fillColor"]
    assert style_for("villages", village())["radius"] == 8


def test_cluster_outline_by_stage_and_fill_by_occupancy() -> None:
    planned = style_for("clusters", {"status": "planned", "occupancy": 0.0})
    full = style_for("clusters", {"status": "operating", "occupancy": 0.9})
    assert planned["dashArray"] and "dashArray" not in full
    assert planned["fillColor"] == "#1a9850" and full["fillColor"] == "#d73027"
    assert style_for("clusters", {"occupancy": 0.5})["fillColor"] == "#fdae61"
    # No rule computes a share from the declared areas: occupancy comes from the capacity service only.
    unknown = style_for("clusters", {"status": "operating", "leased_area_ha": 9, "industrial_area_ha": 10})
    assert unknown["fillColor"] == "#9e9e9e"


@pytest.mark.parametrize("occupancy", [None, 0.0, 0.49, 0.5, 0.79, 0.8, 1.0])
def test_both_cluster_maps_colour_one_occupancy_alike(occupancy: float | None) -> None:
    assert style_for("clusters", {"occupancy": occupancy})["fillColor"] == occupancy_colour(occupancy)


def test_one_missing_value_rule() -> None:
    assert label("status", None, "vi") == MISSING
    assert label("budget_total_vnd", None, "en") == "Budget unknown"  # a legend's own words for no value
    assert label("status", "nonsense", "en") == "nonsense"
    assert label("precision", "surveyed", "en") == "Surveyed"  # the pages' short group names


@pytest.mark.parametrize(("budget", "radius"), [
    (None, 4), (100_000_000, 5), (500_000_000, 7), (999_999_999, 7), (4_000_000_000, 10), (5_000_000_000, 14),
    (80_000_000_000, 14),
])
def test_project_radius_grows_with_budget(budget: int | None, radius: int) -> None:
    assert style_for("projects", {"budget_total_vnd": budget})["radius"] == radius


def test_a_missing_budget_is_drawn_dashed() -> None:
    assert "dashArray" in style_for("projects", {"budget_total_vnd": None})
    assert "dashArray" not in style_for("projects", {"budget_total_vnd": 1})


def test_plot_status_colours_differ() -> None:
    enum = COLLECTIONS["cluster_plots"].field("status").enum or ()
    assert len({style_for("cluster_plots", {"status": s})["fillColor"] for s in enum}) == len(enum)


def test_style_for_does_not_share_state_between_calls() -> None:
    first = style_for("villages", village(craft_group="metal"))
    first["fillColor"] = "changed"
    assert style_for("villages", village(craft_group="metal"))["fillColor"] == "#b03a2e"
    assert STYLE_TABLES["villages"]["base"]["fillColor"] != "changed"


def test_legend_rows_match_the_styles_drawn() -> None:
    rows = legend("pollution_sources", "en")
    labels = [r["label"] for r in rows]
    assert labels[:2] == ["Serious", "High"]
    serious = style_for("pollution_sources", {"severity": "serious"})
    assert rows[0]["style"]["fillColor"] == serious["fillColor"]
    budget = [r["label"] for r in legend("projects", "vi")]
    # Money in legends is geo.i18n.money's writing.
    assert budget == ["< 500 triệu đồng", "500 triệu đồng – 1 tỷ đồng", "1 tỷ đồng – 5 tỷ đồng", "≥ 5 tỷ đồng",
                      "Chưa rõ kinh phí"]
    assert [r["label"] for r in legend("clusters", "en")][5:9] == ["< 50 %", "50 % – 80 %", "≥ 80 %",
                                                                     "No leasing figures"]


def test_every_collection_has_a_table_and_a_legend() -> None:
    for cid in COLLECTIONS:
        assert legend(cid, "vi"), cid
        assert style_for(cid, {})
