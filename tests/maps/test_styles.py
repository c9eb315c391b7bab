"""Style tables and ``style_for`` without a browser (``maps/styles.py``)."""

from __future__ import annotations

import pytest

from geo.model.collections import COLLECTIONS
from maps.i18n import VALUE_LABELS, value_label
from maps.styles import CRAFT_COLOURS, SEVERITY_COLOURS, STYLE_TABLES, derived, legend, style_for


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
                assert value_label(rule["key"], value, "vi") != value_label(rule["key"], value, "en")


def test_village_colour_follows_craft_group_and_falls_back_for_unknown() -> None:
    assert style_for("villages", village(craft_group="metal"))["fillColor"] == "#b03a2e"
    assert style_for("villages", village(craft_group="textile"))["fillColor"] == "#8e24aa"
    assert style_for("villages", village(craft_group="nonsense"))["fillColor"] == STYLE_TABLES["villages"][
        "base"]["fillColor"]
    assert style_for("villages", village())["radius"] == 8


def test_cluster_outline_by_stage_and_fill_by_leased_share() -> None:
    planned = style_for("clusters", {"status": "planned", "leased_area_ha": 0, "industrial_area_ha": 10})
    full = style_for("clusters", {"status": "operating", "leased_area_ha": 9, "industrial_area_ha": 10})
    assert planned["dashArray"] and "dashArray" not in full
    assert planned["fillColor"] == "#e3f2fd" and full["fillColor"] == "#1565c0"
    # The planned area stands in when the industrial land is not known.
    half = style_for("clusters", {"status": "operating", "leased_area_ha": 6, "planned_area_ha": 10})
    assert half["fillColor"] == "#42a5f5"
    unknown = style_for("clusters", {"status": "operating", "planned_area_ha": 10})
    assert unknown["fillColor"] == "#ffffff"


@pytest.mark.parametrize(("props", "share"), [
    ({"leased_area_ha": 5, "industrial_area_ha": 20}, 0.25),
    ({"leased_area_ha": 5, "industrial_area_ha": None, "planned_area_ha": 10}, 0.5),
    ({"leased_area_ha": 5, "industrial_area_ha": 0, "planned_area_ha": 0}, None),
    ({"leased_area_ha": None, "industrial_area_ha": 10}, None),
])
def test_leased_share(props: dict[str, float | None], share: float | None) -> None:
    assert derived("leased_share", props) == share


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
    assert budget == ["< 0.5 tỷ", "0.5 tỷ – 1 tỷ", "1 tỷ – 5 tỷ", "≥ 5 tỷ", "Chưa rõ kinh phí"]
    assert [r["label"] for r in legend("clusters", "en")][5:9] == ["< 25 %", "25 % – 50 %", "50 % – 75 %",
                                                                     "≥ 75 %"]


def test_every_collection_has_a_table_and_a_legend() -> None:
    for cid in COLLECTIONS:
        assert legend(cid, "vi"), cid
        assert style_for(cid, {})
