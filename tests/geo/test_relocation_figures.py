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
from tests.support.capacity import MD_X, MD_Y, READY, build_store, cluster, relocation_layout


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
