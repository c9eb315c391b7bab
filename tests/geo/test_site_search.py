"""Site search: industry synonyms, adjacency of free plots, each check, ranking, empty answers, real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.analysis import site_search as ss
from geo.analysis.industries import groups_of, match, needs_wastewater
from geo.model.errors import FeatureNotFound, InvalidParameter
from geo.store.gpkg.store import GpkgStore
from tests.support.capacity import KB_X, KB_Y, MD_X, MD_Y, build_store, cluster, plot
from tests.support.records import MY_DONG

READY = {"status": "operating", "wastewater_treatment": True, "allowed_industries": ["đúc kim loại"]}


@pytest.mark.parametrize(("term", "group"), [
    ("casting", "casting"), ("Đúc", "casting"), ("duc", "casting"), ("đúc kim loại", "casting"),
    ("gia công cơ khí", "mechanical"), ("mechanical", "mechanical"), ("rèn", "forging"), ("thêu ren", "textile"),
    ("đóng mới, sửa chữa tàu thủy", "shipbuilding"), ("tái chế phế liệu", "recycling"),
])
def test_industry_groups(term: str, group: str) -> None:
    assert group in groups_of(term)


def test_forging_is_not_lace() -> None:
    assert "forging" not in groups_of("thêu ren")
    assert "textile" not in groups_of("rèn")


def test_industry_match_and_wastewater_needs() -> None:
    assert match("casting", ["đúc kim loại", "gia công cơ khí"]).matched == ("đúc kim loại",)
    assert match("casting", ["cơ khí", "điện tử"]).allowed is False
    assert match("casting", []).allowed is None and match("casting", None).allowed is None
    assert needs_wastewater("casting") is True and needs_wastewater("nhuộm") is True
    assert needs_wastewater("cơ khí") is False
    assert needs_wastewater("làm đồ chơi") is None


@pytest.mark.parametrize(("area_ha", "area_m2", "expected"), [
    (0.5, None, 5000.0), (None, 250.0, 250.0),
])
def test_area_parameters(area_ha: float | None, area_m2: float | None, expected: float) -> None:
    assert ss.area_m2(area_ha, area_m2) == expected


@pytest.mark.parametrize(("area_ha", "area_m2"), [
    (None, None), (1.0, 100.0), (-1.0, None), (0.0, None), (None, -5.0), (float("nan"), None),
    (float("inf"), None), (1e9, None),
])
def test_bad_area_parameters(area_ha: float | None, area_m2: float | None) -> None:
    with pytest.raises(InvalidParameter):
        ss.area_m2(area_ha, area_m2)


@pytest.mark.parametrize(("lon", "lat"), [(MY_DONG[1], MY_DONG[0]), (105.85, 21.03), (float("nan"), 20.9)])
def test_point_origin_must_be_in_hai_phong(lon: float, lat: float) -> None:
    with pytest.raises(InvalidParameter):
        ss.point_origin(lon, lat)


def _req(store: GpkgStore, area_m2: float, industry: str | None = "casting",
         max_km: float | None = None) -> ss.SiteRequest:
    return ss.SiteRequest(area_m2, industry, ss.village_origin(store, "my-dong"), max_km)


def test_unknown_village(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **READY)], [])
    with pytest.raises(FeatureNotFound, match="No village"):
        ss.village_origin(store, "nowhere")


def test_adjacent_free_plots_make_one_piece(tmp_path: Path) -> None:
    # two 0.5 ha free plots sharing an edge, a third 0.5 ha one 30 m away
    plots = [plot("a", "c1", "free", KB_X, KB_Y, 50, 100), plot("b", "c1", "free", KB_X + 50, KB_Y, 50, 100),
             plot("c", "c1", "free", KB_X + 130, KB_Y, 50, 100)]
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **READY)], plots)
    result = ss.search(store, _req(store, 9_000))
    assert result["fits"] == ["c1"]
    piece = next(c for c in result["candidates"][0]["checks"] if c["check"] == "land_piece")
    assert piece["outcome"] == "pass" and "a + b" in piece["detail"]
    # 1.2 ha: 1.5 ha free in total, but no single piece is that big
    result = ss.search(store, _req(store, 12_000))
    assert result["candidates"] == []
    assert any("No free plot or group" in r for r in result["excluded"][0]["reasons"])


def test_every_check_passing_on_real_data_fits(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **READY)], [plot("p", "c1", "free", KB_X, KB_Y)])
    result = ss.search(store, _req(store, 5_000))
    top = result["candidates"][0]
    assert top["category"] == "fits" and top["to_confirm"] == [] and top["reasons"] == []
    assert {c["check"] for c in top["checks"]} == {"land_total", "land_piece", "industry", "wastewater", "distance",
                                                   "readiness"}
    assert 0 < top["score"]["total"] <= 1


@pytest.mark.parametrize(("changes", "category", "check"), [
    ({"wastewater_treatment": None}, "possible_if_confirmed", "wastewater"),
    ({"wastewater_treatment": False}, "excluded", "wastewater"),
    ({"allowed_industries": []}, "possible_if_confirmed", "industry"),
    ({"allowed_industries": ["đóng tàu"]}, "excluded", "industry"),
    ({"status": "planned"}, "possible_if_confirmed", "readiness"),
])
def test_each_check_decides_the_category(tmp_path: Path, changes: dict[str, object], category: str,
                                         check: str) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **{**READY, **changes})],
                        [plot("p", "c1", "free", KB_X, KB_Y)])
    result = ss.search(store, _req(store, 5_000))
    entry = (result["candidates"] or result["excluded"])[0]
    assert entry["category"] == category
    outcome = next(c["outcome"] for c in entry["checks"] if c["check"] == check)
    assert outcome == ("fail" if category == "excluded" else "unknown")


def test_mechanical_work_needs_no_wastewater_check(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **{**READY, "wastewater_treatment": False,
                                                                "allowed_industries": ["cơ khí"]})],
                        [plot("p", "c1", "free", KB_X, KB_Y)])
    result = ss.search(store, _req(store, 5_000, industry="mechanical"))
    assert result["fits"] == ["c1"]


def test_illustrative_free_land_needs_confirmation(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **READY)],
                        [plot("p", "c1", "free", KB_X, KB_Y, illustrative=True, location_precision="illustrative")])
    result = ss.search(store, _req(store, 5_000))
    assert result["possible_if_confirmed"] == ["c1"]
    assert any("illustrative" in t for t in result["candidates"][0]["to_confirm"])


def test_distance_limit_and_ranking(tmp_path: Path) -> None:
    clusters = [cluster("near", MD_X + 1_000, MD_Y, **READY), cluster("far", MD_X + 8_000, MD_Y, **READY)]
    plots = [plot("n", "near", "free", MD_X + 1_000, MD_Y), plot("f", "far", "free", MD_X + 8_000, MD_Y)]
    store = build_store(tmp_path, clusters, plots)
    result = ss.search(store, _req(store, 5_000))
    assert result["fits"] == ["near", "far"]
    near = result["candidates"][0]
    assert near["distance_km"] == 1.0  # the outline starts 1,000 m east of the village, in EPSG:3405
    limited = ss.search(store, _req(store, 5_000, max_km=5))
    assert limited["fits"] == ["near"]
    assert "> 5 km" in limited["excluded"][0]["reasons"][0]


def test_nothing_fits_is_an_explained_empty_answer(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, **READY)], [plot("p", "c1", "free", KB_X, KB_Y)])
    result = ss.search(store, _req(store, 50 * 10_000))
    assert result["candidates"] == [] and result["fits"] == [] and result["possible_if_confirmed"] == []
    assert result["excluded"][0]["reasons"]
    assert "No cluster can take it" in result["summary"]


# -- shipped data ----------------------------------------------------------------------------------

def test_real_my_dong_casting_half_hectare(real_store_path: Path) -> None:
    store = GpkgStore(real_store_path)
    req = ss.SiteRequest(ss.area_m2(0.5, None), "casting", ss.village_origin(store, "v-my-dong"), None)
    result = ss.search(store, req)
    top_two = [c["cluster_id"] for c in result["candidates"][:2]]
    assert sorted(top_two) == ["c-kien-bai", "c-my-dong"]
    for c in result["candidates"][:2]:
        assert c["category"] == "possible_if_confirmed"  # free land only from illustrative plots
        assert c["free_illustrative"] is True
        assert any("wastewater" in t for t in c["to_confirm"])
    excluded = {e["cluster_id"]: e for e in result["excluded"]}
    assert "c-an-hong" in excluded and "not among the allowed industries" in excluded["c-an-hong"]["reasons"][0]
    assert len(result["candidates"]) + len(result["excluded"]) == 22  # 12 of old Hải Phòng, 10 of old Hải Dương
    store.close()


def test_unknown_free_land_fails_when_the_whole_cluster_is_too_small(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("small", KB_X, KB_Y, planned_area_ha=3.0, **READY),
                                   cluster("unsized", KB_X + 1_000, KB_Y, outline="nominal_marker", **READY)], [])
    result = ss.search(store, _req(store, 5 * 10_000))
    assert result["possible_if_confirmed"] == ["unsized"]
    assert "whole cluster is 3 ha" in result["excluded"][0]["reasons"][0]
