"""Relocation counts worked out by hand: ⌊piece / workshop⌋ per free piece, the land left, the order of clusters,
what does not fit, the limits of the parameters, and the answer's keys.

The store: 'near' (1 km east of Mỹ Đồng) has free plots of 0.5 ha and 0.3 ha, 'far' (5 km) one of 1 ha,
'decl' (3 km) no plots but 1.0 ha industrial land of which 0.4 ha leased (0.6 ha free, derived), 'blank' (2 km)
no figures at all, 'ships' (2 km north) allows only shipbuilding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from geo.analysis.relocation import MAX_WORKSHOP_M2, MAX_WORKSHOPS, relocate
from geo.model.errors import InvalidParameter
from geo.store.gpkg.store import GpkgStore
from tests.support.capacity import MD_X, MD_Y, READY, build_store, cluster, plot, relocation_layout
from tests.support.records import MY_DONG, feature


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpkgStore]:
    clusters, plots = relocation_layout()
    clusters += [cluster("decl", MD_X + 3_000, MD_Y, **{**READY, "industrial_area_ha": 1.0, "leased_area_ha": 0.4,
                                                       "outline": "nominal_marker"}),
                 cluster("blank", MD_X + 2_000, MD_Y, **{**READY, "outline": "nominal_marker"})]
    s = build_store(tmp_path_factory.mktemp("relocation"), clusters, plots)
    yield s
    s.close()


def rows(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(r["cluster_id"], r["category"], r["workshops"], r["free_before_ha"], r["used_ha"], r["free_after_ha"],
             r["note"]) for r in result["clusters"]]


def test_workshops_of_1500_m2(store: GpkgStore) -> None:
    # near: ⌊5000 / 1500⌋ = 3 in n-big (500 m² left), ⌊3000 / 1500⌋ = 2 in n-small; far: ⌊10000 / 1500⌋ = 6
    # (1000 m² left); decl: ⌊6000 / 1500⌋ = 4; 15 in all, so 1 of 16 does not fit
    result = relocate(store, "my-dong", 16, 1_500)
    assert result["assigned"] == 15
    assert [(a["cluster_id"], a["workshops"], a["first"], a["last"], a["area_ha"]) for a in result["assignments"]] == [
        ("near", 5, 1, 5, 0.75), ("far", 6, 6, 11, 0.9), ("decl", 4, 12, 15, 0.6)]
    assert result["assignments"][0]["pieces"] == [
        {"plots": ["n-big"], "workshops": 3, "used_ha": 0.45, "left_ha": 0.05, "illustrative": False},
        {"plots": ["n-small"], "workshops": 2, "used_ha": 0.3, "left_ha": 0.0, "illustrative": False}]
    assert result["assignments"][2]["pieces"] == [
        {"plots": [], "workshops": 4, "used_ha": 0.6, "left_ha": 0.0, "illustrative": False}]
    assert rows(result) == [
        ("near", "fits", 5, 0.8, 0.75, 0.05, None),
        ("far", "fits", 6, 1.0, 0.9, 0.1, None),
        ("blank", "possible_if_confirmed", 0, None, 0.0, None,
         "Free land unknown: nothing assigned here until it is confirmed."),
        ("decl", "possible_if_confirmed", 4, 0.6, 0.6, 0.0, None),
    ]
    assert result["unassigned"] == {"workshops": 1, "first": 16, "last": 16,
                                    "reason": "The eligible clusters have no more free land of a known size for a "
                                              "workshop of this area."}
    assert result["excluded"] == [{"cluster_id": "ships", "name": "Cụm ships",
                                   "reasons": ["'đúc kim loại' is not among the allowed industries (đóng tàu)."]}]


def test_everything_fits_and_the_summary_says_so(store: GpkgStore) -> None:
    result = relocate(store, "my-dong", 9, 1_000)
    assert [(a["cluster_id"], a["workshops"]) for a in result["assignments"]] == [("near", 8), ("far", 1)]
    assert result["unassigned"] == {"workshops": 0, "first": None, "last": None, "reason": None}
    assert result["summary"] == ("9 workshop(s) of 1000 m² from Làng nghề đúc Mỹ Đồng: 8 to Cụm near (1.0 km, fits); "
                                 "1 to Cụm far (5.0 km, fits); all fit.")
    assert [r["free_after_ha"] for r in result["clusters"]] == [0.0, 0.9, None, 0.6]


def test_what_is_left_and_what_depends_on_confirmation(store: GpkgStore) -> None:
    result = relocate(store, "my-dong", 30, 1_000)
    # 5 + 3 near, 10 far, 6 decl = 24
    assert (result["assigned"], result["unassigned"]["workshops"], result["unassigned"]["first"]) == (24, 6, 25)
    assert result["summary"].endswith("6 do not fit. Assignments to clusters marked 'possible if confirmed' depend "
                                      "on the figures listed in 'to_confirm'.")
    assert result["assignments"][2]["to_confirm"] == [
        "No plot data: whether one piece of 0.10 ha is free is not known."]


def test_a_distance_limit_narrows_the_clusters(store: GpkgStore) -> None:
    result = relocate(store, "my-dong", 30, 1_000, max_km=4)
    assert [a["cluster_id"] for a in result["assignments"]] == ["near", "decl"]
    assert result["assigned"] == 14
    assert [e["cluster_id"] for e in result["excluded"]] == ["far", "ships"]
    assert result["request"]["max_km"] == 4


def test_request_echo_and_industry_source(store: GpkgStore) -> None:
    result = relocate(store, "my-dong", 1, 250.5, industry="casting", lang="vi")
    assert {k: result["request"][k] for k in ("village", "workshops", "workshop_m2", "industry", "industry_from",
                                              "area_m2", "area_ha")} == {
        "village": "my-dong", "workshops": 1, "workshop_m2": 250.5, "industry": "casting", "industry_from": "request",
        "area_m2": 250.5, "area_ha": 0.025}
    assert list(result) == ["request", "order", "policy", "assigned", "assignments", "clusters", "unassigned",
                            "excluded", "summary"]
    assert result["summary"] == ("1 cơ sở, mỗi cơ sở 250,5 m², từ Làng nghề đúc Mỹ Đồng: 1 vào Cụm near (1,0 km, "
                                 "phù hợp); tất cả đều bố trí được.")
    assert result["order"].startswith("Các cụm phù hợp theo số liệu đã xác nhận được xếp trước, sau đó")
    assert result["policy"].startswith("Một cụm phù hợp khi mọi điều kiện đều đạt trên số liệu thực")


WORKSHOPS_MESSAGE = "workshops must be a whole number from 1 to 100000."
AREA_MESSAGE = "workshop_m2 must be greater than 0 and at most 1e+06."


@pytest.mark.parametrize(("workshops", "m2", "message"), [
    (MAX_WORKSHOPS, 1.0, None), (MAX_WORKSHOPS + 1, 1.0, WORKSHOPS_MESSAGE), (0, 1.0, WORKSHOPS_MESSAGE),
    (1, MAX_WORKSHOP_M2, None), (1, MAX_WORKSHOP_M2 + 0.5, AREA_MESSAGE), (1, float("inf"), AREA_MESSAGE),
    (1, 0.0, AREA_MESSAGE),
])
def test_parameter_limits_are_inclusive(store: GpkgStore, workshops: int, m2: float, message: str | None) -> None:
    if message is None:
        assert relocate(store, "my-dong", workshops, m2)["request"]["workshops"] == workshops
        return
    with pytest.raises(InvalidParameter) as info:
        relocate(store, "my-dong", workshops, m2)
    assert info.value.detail == message


def test_cluster_rows_and_the_last_piece_filled_only_as_needed(store: GpkgStore) -> None:
    result = relocate(store, "my-dong", 6, 1_000, industry="casting")
    assert result["request"]["industry_from"] == "request"
    (near,) = result["assignments"]
    assert [(p["plots"], p["workshops"]) for p in near["pieces"]] == [(["n-big"], 5), (["n-small"], 1)]
    assert result["clusters"][0] == {"cluster_id": "near", "name": "Cụm near", "category": "fits", "distance_km": 1.0,
                                     "free_before_ha": 0.8, "free_basis": "computed_from_plots",
                                     "illustrative": False, "workshops": 6, "used_ha": 0.6, "free_after_ha": 0.2,
                                     "note": None}
    assert relocate(store, "my-dong", 1, 1_000)["request"]["industry_from"] == "village's first craft"


def test_nothing_eligible_is_said_in_the_language_asked(store: GpkgStore) -> None:
    result = relocate(store, "my-dong", 3, 1_000, max_km=0.5, lang="vi")
    assert result["assigned"] == 0 and result["assignments"] == [] and result["clusters"] == []
    assert result["unassigned"]["workshops"] == 3
    assert result["unassigned"]["reason"] == "Không cụm nào đạt các điều kiện kiểm tra."
    assert relocate(store, "my-dong", 3, 1_000, max_km=0.5)["unassigned"]["reason"] == "No cluster passed the checks."


def test_a_piece_exactly_the_size_of_a_workshop(store: GpkgStore) -> None:
    # 6000 m²: near's pieces (5000 and 3000 m²) are too small, so the site search excludes it; far's 1 ha takes
    # workshop 1 (4000 m² left); decl's 0.6 ha (6000 m²) is exactly one workshop but is not needed, so no note
    result = relocate(store, "my-dong", 1, 6_000)
    assert rows(result) == [
        ("far", "fits", 1, 1.0, 0.6, 0.4, None),
        ("blank", "possible_if_confirmed", 0, None, 0.0, None,
         "Free land unknown: nothing assigned here until it is confirmed."),
        ("decl", "possible_if_confirmed", 0, 0.6, 0.0, 0.6, None),
    ]
    assert [e["cluster_id"] for e in result["excluded"]] == ["near", "ships"]
    two = relocate(store, "my-dong", 2, 6_000)
    assert [(r["cluster_id"], r["workshops"], r["free_after_ha"]) for r in two["clusters"]] == [
        ("far", 1, 0.4), ("blank", 0, None), ("decl", 1, 0.0)]
    assert [(a["cluster_id"], a["first"], a["last"]) for a in two["assignments"]] == [("far", 1, 1), ("decl", 2, 2)]


def test_hectares_are_rounded_to_four_decimals(store: GpkgStore) -> None:
    # 1234.56 m² = 0.123456 ha → 0.1235; n-big keeps 5000 − 1234.56 = 3765.44 m² → 0.3765 ha; near keeps
    # 0.8 − 0.123456 = 0.676544 ha → 0.6765
    result = relocate(store, "my-dong", 1, 1_234.56)
    (near,) = result["assignments"]
    assert near["area_ha"] == 0.1235
    assert near["pieces"] == [{"plots": ["n-big"], "workshops": 1, "used_ha": 0.1235, "left_ha": 0.3765,
                               "illustrative": False}]
    assert (result["clusters"][0]["used_ha"], result["clusters"][0]["free_after_ha"]) == (0.1235, 0.6765)


@pytest.fixture(scope="module")
def ties(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpkgStore]:
    """Four clusters 1 km from Mỹ Đồng. East and west fit: east has two free plots of 0.5 ha apart (1 ha free),
    west one of 0.8 ha. North and south are possible if confirmed: north has no plots and 12 − 2 = 10 ha free
    derived from its declared figures, south (planned) one free plot of 250 m × 400.02 m = 100,005 m², dot no plots
    and 1 − 0.4 = 0.6 ha free, blank no figures at all."""
    big = {**READY, "outline": "nominal_marker"}
    clusters = [cluster("east", MD_X + 1_000, MD_Y, **READY), cluster("west", MD_X - 1_400, MD_Y, **READY),
                cluster("north", MD_X, MD_Y + 1_000, **{**big, "industrial_area_ha": 12.0, "leased_area_ha": 2.0}),
                cluster("south", MD_X, MD_Y - 1_400, **{**READY, "status": "planned"}),
                cluster("dot", MD_X - 400, MD_Y + 1_000, **{**big, "industrial_area_ha": 1.0, "leased_area_ha": 0.4}),
                cluster("blank", MD_X - 400, MD_Y - 1_400, **big)]
    plots = [plot("e-1", "east", "free", MD_X + 1_000, MD_Y, 50, 100),
             plot("e-2", "east", "free", MD_X + 1_200, MD_Y, 50, 100),
             plot("w-1", "west", "free", MD_X - 1_400, MD_Y, 80, 100),
             plot("s-1", "south", "free", MD_X, MD_Y - 1_400, 250, 400.02)]
    no_craft = feature("villages", "no-craft", {"type": "Point", "coordinates": list(MY_DONG)},
                       name="Làng chưa rõ nghề", commune_id="11521", crafts=[], craft_group="metal")
    s = build_store(tmp_path_factory.mktemp("ties"), clusters, plots, [no_craft])
    yield s
    s.close()


def test_at_the_same_distance_the_largest_free_piece_goes_first(ties: GpkgStore) -> None:
    # fits before possible; at 1.0 km each: west's 0.8 ha piece before east's 0.5 ha ones (though east has more
    # free land in all), south's 100,005 m² plot before north's declared 100,000 m², dot's 6000 m² before blank's
    # unknown free land (no piece at all)
    result = relocate(ties, "my-dong", 1, 1_000)
    assert [(r["cluster_id"], r["category"], r["distance_km"], r["workshops"]) for r in result["clusters"]] == [
        ("west", "fits", 1.0, 1), ("east", "fits", 1.0, 0), ("south", "possible_if_confirmed", 1.0, 0),
        ("north", "possible_if_confirmed", 1.0, 0), ("dot", "possible_if_confirmed", 1.0, 0),
        ("blank", "possible_if_confirmed", 1.0, 0)]
    assert [r["free_before_ha"] for r in result["clusters"]] == [0.8, 1.0, 10.0005, 10.0, 0.6, None]


def test_a_village_without_a_craft_asks_for_no_industry(ties: GpkgStore) -> None:
    result = relocate(ties, "no-craft", 1, 1_000)
    assert {k: result["request"][k] for k in ("village", "industry", "industry_from")} == {
        "village": "no-craft", "industry": None, "industry_from": "none"}
    assert result["assignments"][0]["cluster_id"] == "west"


def test_a_piece_within_the_slack_of_a_workshop_is_not_too_small(store: GpkgStore) -> None:
    # 6000.5 m²: far's 1 ha takes the one workshop; decl's 6000 m² would hold one (1 m² of slack, as the site search
    # allows), so it is not called too small though nothing is placed there
    result = relocate(store, "my-dong", 1, 6_000.5)
    assert rows(result)[-1] == ("decl", "possible_if_confirmed", 0, 0.6, 0.0, 0.6, None)
    assert relocate(store, "my-dong", 2, 6_000.5)["clusters"][-1]["workshops"] == 1
