"""Site search numbers, exactly: the ranking score worked out by hand, hectares in every check's sentence, the
1 m² slack, adjacency at 5 m, the Hải Phòng extent's edge, the largest area allowed, and the answer's keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shapely

from geo.analysis import capacity
from geo.analysis import site_search as ss
from geo.model.collections import CLUSTER_PLOTS, CLUSTERS
from geo.model.errors import InvalidParameter
from geo.model.feature import Feature
from geo.records.validate import parse_feature
from geo.store.gpkg.store import GpkgStore
from tests.support.capacity import MD_X, MD_Y, READY, build_store, cluster, plot, relocation_layout
from tests.support.records import MY_DONG

ORIGIN = ss.point_origin(*MY_DONG)
HERE = "20.93895 N, 106.63284 E"


def bal(cid: str, dx: float, plots: list[dict[str, Any]] | None = None, **props: Any) -> capacity.Balance:
    """Cluster ``cid``: a 400 m square starting ``dx`` m east of Mỹ Đồng (EPSG:3405), with its plots."""
    c = parse_feature(CLUSTERS, cluster(cid, MD_X + dx, MD_Y, **{**READY, **props}))
    return capacity.balance_of(c, [parse_feature(CLUSTER_PLOTS, p) for p in plots or []])


def free(pid: str, cid: str, dx: float, w: float = 100.0, h: float = 100.0, **props: Any) -> dict[str, Any]:
    return plot(pid, cid, "free", MD_X + dx, MD_Y, w, h, **props)


def req(area_m2: float, industry: str | None = "casting", max_km: float | None = None) -> ss.SiteRequest:
    return ss.SiteRequest(area_m2, industry, ORIGIN, max_km)


def checks(a: ss.Assessment) -> dict[str, tuple[str, str, str]]:
    return {c.name: (c.outcome, c.code, c.detail()) for c in a.checks}


# -- the score -------------------------------------------------------------------------------------------

def test_score_without_a_distance_limit() -> None:
    # 1 km away: proximity 1 / (1 + 1/10) = 0.909; 1 ha free for 0.5 ha: room 1 / (0.5 × 4) = 0.5; every check
    # passes: certainty 1; total 0.5 × 0.90909 + 0.25 × 0.5 + 0.25 × 1 = 0.8295 → 0.83
    a = ss.assess(bal("near", 1_000, [free("n", "near", 1_000)]), req(5_000))
    assert a.score == {"proximity": 0.909, "room": 0.5, "certainty": 1.0, "total": 0.83}
    assert (a.category, a.distance_km) == ("fits", 1.0)


def test_score_with_a_limit_unknowns_and_no_free_figure() -> None:
    # 1 of 4 km: proximity 0.75; free land unknown: room 0; 2 of 6 checks pass: certainty 0.333;
    # total 0.375 + 0 + 0.0833 = 0.458
    b = bal("c2", 1_000, planned_area_ha=30.0, outline="nominal_marker", status="planned", wastewater_treatment=None)
    a = ss.assess(b, req(50_000, max_km=4.0))
    assert a.score == {"proximity": 0.75, "room": 0.0, "certainty": 0.333, "total": 0.458}
    assert a.category == "possible_if_confirmed"


def test_room_is_capped_at_one_and_distance_beyond_the_limit_scores_zero() -> None:
    # 8 ha free for 1 ha: 8 / 4 = 2, capped at 1; 6 km against a 5 km limit: proximity 0 (never negative)
    plots = [free(f"p{i}", "far", 6_000 + 100 * i, 100, 200) for i in range(4)]
    a = ss.assess(bal("far", 6_000, plots), req(10_000, max_km=5.0))
    assert a.score["room"] == 1.0 and a.score["proximity"] == 0.0
    assert a.distance_km == 6.0 and a.category == "excluded"
    assert checks(a)["distance"] == ("fail", "distance.measured", f"6.00 km from {HERE} (> 5 km).")


def test_illustrative_passes_do_not_count_as_certain() -> None:
    a = ss.assess(bal("c", 1_000, [free("p", "c", 1_000, illustrative=True, location_precision="illustrative")]),
                  req(5_000))
    assert a.score["certainty"] == 0.667  # 4 of 6: both land checks passed only on illustrative plots
    assert a.category == "possible_if_confirmed"


# -- land in hectares ---------------------------------------------------------------------------------------

def test_land_checks_say_hectares() -> None:
    a = ss.assess(bal("near", 1_000, [free("n", "near", 1_000)]), req(5_000))
    found = checks(a)
    assert found["land_total"] == ("pass", "land_total.pass",
                                   "1.00 ha free (computed from plots) ≥ 0.50 ha needed.")
    assert found["land_piece"] == ("pass", "land_piece.plot", "Free plot n has 1.00 ha.")
    assert a.as_dict()["largest_free_unit"] == {"plots": ["n"], "area_ha": 1.0, "illustrative": False}


@pytest.mark.parametrize(("need", "outcome"), [(10_000.0, "pass"), (10_000.9, "pass"), (10_002.0, "fail")])
def test_one_square_metre_of_slack(need: float, outcome: str) -> None:
    a = ss.assess(bal("c", 1_000, [free("p", "c", 1_000)]), req(need))
    assert checks(a)["land_total"][0] == outcome and checks(a)["land_piece"][0] == outcome


def test_adjacent_plots_make_a_group_and_the_sentence_names_them() -> None:
    plots = [free("a", "c", 1_000, 50, 100), free("b", "c", 1_054, 50, 100), free("c", "c", 1_300, 60, 100)]
    a = ss.assess(bal("c", 1_000, plots), req(9_000))
    assert [(u.plot_ids, round(u.area_m2)) for u in a.units] == [(("a", "b"), 10_000), (("c",), 6_000)]
    assert checks(a)["land_piece"] == ("pass", "land_piece.group", "Adjacent free plots a + b have 1.00 ha together.")
    a = ss.assess(bal("c", 1_000, plots), req(12_000))
    assert checks(a)["land_piece"] == ("fail", "land_piece.fail",
                                       "No free plot or group of adjacent free plots is big enough (largest 1.00 "
                                       "ha).")
    assert checks(a)["land_total"] == ("pass", "land_total.pass",
                                       "1.60 ha free (computed from plots) ≥ 1.20 ha needed.")


@pytest.mark.parametrize(("gap", "units"), [(4.99, {("a", "b")}), (5.01, {("a",), ("b",)})])
def test_adjacency_is_five_metres(gap: float, units: set[tuple[str, ...]]) -> None:
    b = bal("c", 1_000, [free("a", "c", 1_000, 50, 100), free("b", "c", 1_050 + gap, 50, 100)])
    assert {u.plot_ids for u in ss.free_units(b.plots)} == units


def test_adjacency_is_transitive_and_ties_go_to_the_first_plot_id() -> None:
    plots = [free("z", "c", 1_000, 50, 100), free("m", "c", 1_050, 50, 100), free("a", "c", 1_100, 50, 100),
             free("q", "c", 1_300, 100, 100), plot("l", "c", "leased", MD_X + 1_150, MD_Y)]
    b = bal("c", 1_000, plots)
    units = ss.free_units(b.plots)
    assert [u.plot_ids for u in units] == [("a", "m", "z"), ("q",)]
    assert [u.as_dict()["area_ha"] for u in units] == [1.5, 1.0]
    def square(pid: str, x: float) -> capacity.Plot:
        return capacity.Plot(Feature(pid, None, {"status": "free"}), 100.0, shapely.box(x, 0, x + 10, 10))

    assert [u.plot_ids for u in ss.free_units([square("y", 0), square("x", 100)])] == [("x",), ("y",)]


def test_unknown_free_land_against_the_whole_cluster() -> None:
    small = bal("s", 1_000, planned_area_ha=3.0)
    assert checks(ss.assess(small, req(50_000)))["land_total"] == (
        "fail", "land_total.whole_too_small",
        "The whole cluster is 3 ha (free land unknown), less than the 5.00 ha needed.")
    assert checks(ss.assess(small, req(30_000)))["land_total"][0] == "unknown"  # exactly as large as needed
    outline_only = bal("o", 1_000)  # 16 ha outline, no planned figure
    assert checks(ss.assess(outline_only, req(170_000)))["land_total"][1] == "land_total.whole_too_small"
    assert checks(ss.assess(outline_only, req(150_000)))["land_total"] == (
        "unknown", "land_total.unknown", "Free land is unknown (no plots, no declared leased figure).")


# -- the other checks ----------------------------------------------------------------------------------------

def test_industry_wastewater_and_readiness_sentences() -> None:
    b = bal("c", 1_000, [free("p", "c", 1_000), plot("w", "c", "infrastructure", MD_X + 1_200, MD_Y,
                                                     infrastructure="trạm xử lý nước thải")],
            wastewater_treatment=None, status="planned", status_date="2024-01-01")
    found = checks(ss.assess(b, req(5_000)))
    assert found["industry"] == ("pass", "industry.pass", "'casting' is allowed (đúc kim loại).")
    assert found["wastewater"][0:2] == ("unknown", "wastewater.unknown")
    assert "plot w" in found["wastewater"][2]
    assert found["readiness"] == ("unknown", "readiness.not_ready",
                                  "Status planned as of 2024-01-01: the land may not be ready.")
    other = checks(ss.assess(bal("d", 1_000, allowed_industries=["đóng tàu", "cơ khí"]), req(5_000)))
    assert other["industry"] == ("fail", "industry.fail",
                                 "'casting' is not among the allowed industries (đóng tàu, cơ khí).")
    unknown_need = checks(ss.assess(bal("e", 1_000, wastewater_treatment=None, allowed_industries=[]),
                                    req(5_000, industry="làm đồ chơi")))
    assert unknown_need["industry"][0:2] == ("unknown", "industry.unknown")
    assert unknown_need["wastewater"][0:2] == ("unknown", "wastewater.need_unknown")
    no_industry = ss.assess(bal("f", 1_000, status=None), req(5_000, industry=None))
    assert [c.name for c in no_industry.checks] == ["land_total", "land_piece", "distance", "readiness"]
    assert checks(no_industry)["readiness"] == ("unknown", "readiness.unknown",
                                                "Status not recorded: whether the land is ready is unknown.")
    assert checks(ss.assess(bal("g", 1_000, status="completed_phase"), req(5_000)))["readiness"][0] == "pass"


def test_wastewater_present_passes_even_when_the_need_is_unknown() -> None:
    found = checks(ss.assess(bal("c", 1_000), req(5_000, industry="làm đồ chơi")))
    assert found["wastewater"] == ("pass", "wastewater.pass", "Central wastewater treatment is present.")


# -- parameters ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lon", "lat"), [(106.10, 20.00), (107.85, 21.30), (106.10, 21.30), (107.85, 20.00)])
def test_a_point_on_the_extent_edge_is_an_origin(lon: float, lat: float) -> None:
    origin = ss.point_origin(lon, lat)
    assert origin.as_dict() == {"village": None, "label": f"{lat:.5f} N, {lon:.5f} E", "lon": lon, "lat": lat}


@pytest.mark.parametrize(("lon", "lat"), [(106.0999, 20.5), (107.8501, 20.5), (106.5, 19.9999), (106.5, 21.3001),
                                          (float("inf"), 20.5), (106.5, float("nan"))])
def test_a_point_past_the_edge_is_refused(lon: float, lat: float) -> None:
    with pytest.raises(InvalidParameter, match=r"is not in Hải Phòng \(106.1–107.85 E, 20.0–21.3 N\); give lon first"):
        ss.point_origin(lon, lat)


def test_area_limits() -> None:
    assert ss.area_m2(10_000.0, None) == 100_000_000.0  # the largest area allowed, 10,000 ha
    assert ss.area_m2(None, 0.5) == 0.5
    with pytest.raises(InvalidParameter, match=r"^The area must not exceed 10000 ha\.$"):
        ss.area_m2(None, 100_000_001.0)
    with pytest.raises(InvalidParameter, match=r"^Give exactly one of area_ha and area_m2\.$"):
        ss.area_m2(None, None)
    with pytest.raises(InvalidParameter, match=r"^The area must be a number greater than 0\.$"):
        ss.area_m2(None, 0.0)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_max_km_must_be_positive(bad: float) -> None:
    with pytest.raises(InvalidParameter, match=r"^max_km must be a number greater than 0\.$"):
        ss.check_max_km(bad)


def test_max_km_passes_through() -> None:
    assert ss.check_max_km(None) is None and ss.check_max_km(0.001) == 0.001


def test_request_as_dict() -> None:
    r = ss.SiteRequest(12_345.678, "đúc", ORIGIN, 7.5)
    assert r.as_dict() == {"area_m2": 12_345.68, "area_ha": 1.2346, "industry": "đúc", "industry_groups": ["casting"],
                           "needs_wastewater_treatment": True,
                           "origin": {"village": None, "label": HERE, "lon": 106.63284, "lat": 20.93895},
                           "max_km": 7.5}
    assert ss.SiteRequest(1.0, None, ORIGIN).as_dict()["needs_wastewater_treatment"] is None


# -- ranking and the whole answer ------------------------------------------------------------------------------

def test_rank_orders_category_score_distance_id() -> None:
    a = ss.assess(bal("a", 3_000, [free("pa", "a", 3_000)]), req(5_000))
    b = ss.assess(bal("b", 1_000, [free("pb", "b", 1_000)]), req(5_000))
    c = ss.assess(bal("c", 500, [free("pc", "c", 500)], wastewater_treatment=None), req(5_000))
    d = ss.assess(bal("d", 500, [free("pd", "d", 500)], status="planned"), req(5_000))
    assert (a.score["total"], b.score["total"]) == (0.76, 0.83)  # 3 km: 0.5 / 1.3 + 0.375 = 0.7596
    assert [x.balance.id for x in ss.rank([a, b, c, d])] == ["b", "a", "c", "d"]
    assert c.score == d.score and c.distance_km == d.distance_km  # ties go to the id


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpkgStore]:
    tmp: Path = tmp_path_factory.mktemp("ss")
    store = build_store(tmp, [cluster("near", MD_X + 1_000, MD_Y, **READY),
                              cluster("ships", MD_X + 2_000, MD_Y, **{**READY, "allowed_industries": ["đóng tàu"]})],
                        [plot("n", "near", "free", MD_X + 1_000, MD_Y)])
    yield store
    store.close()


def test_search_answer(two: GpkgStore) -> None:
    r = ss.SiteRequest(5_000.0, "casting", ss.village_origin(two, "my-dong"), None)
    answer = ss.search(two, r, "en")
    assert list(answer) == ["request", "policy", "candidates", "fits", "possible_if_confirmed", "excluded", "summary"]
    assert answer["request"]["origin"] == {"village": "my-dong", "label": "Làng nghề đúc Mỹ Đồng", "lon": 106.63284,
                                           "lat": 20.93895}
    (top,) = answer["candidates"]
    assert list(top) == ["rank", "cluster_id", "name", "district_name", "category", "distance_km", "score",
                         "free_ha", "free_basis", "free_illustrative", "largest_free_unit", "checks", "reasons",
                         "to_confirm"]
    assert (top["rank"], top["cluster_id"], top["free_ha"], top["distance_km"]) == (1, "near", 1.0, 1.0)
    assert all(list(c) == ["check", "code", "outcome", "detail", "illustrative"] for c in top["checks"])
    assert (answer["fits"], answer["possible_if_confirmed"]) == (["near"], [])
    assert [e["cluster_id"] for e in answer["excluded"]] == ["ships"]
    assert answer["summary"] == ("Looking for 0.50 ha of casting from Làng nghề đúc Mỹ Đồng. 1 cluster(s) fit on "
                                 "confirmed data: Cụm near. 1 excluded.")
    vi = ss.search(two, r, "vi")
    assert vi["summary"] == ("Tìm 0,50 ha đất cho ngành casting, xuất phát từ Làng nghề đúc Mỹ Đồng. 1 cụm phù hợp "
                             "theo số liệu đã xác nhận: Cụm near. 1 cụm bị loại.")


def test_summary_of_possible_clusters_without_an_industry() -> None:
    r = req(5_000, industry=None)
    a = ss.assess(bal("c", 1_000, [free("p", "c", 1_000)], wastewater_treatment=None, status="planned"), r)
    assert ss.summary(r, [a], []) == (
        f"Looking for 0.50 ha from {HERE}. 0 cluster(s) fit on confirmed data. 1 could if confirmed; the best is "
        "Cụm c (1.0 km), to confirm: Status planned: the land may not be ready. 0 excluded.")
    assert ss.summary(r, [a], [], "vi") == (
        f"Tìm 0,50 ha đất, xuất phát từ {HERE}. 0 cụm phù hợp theo số liệu đã xác nhận. 1 cụm có thể phù hợp nếu "
        "được xác nhận; tốt nhất là Cụm c (1,0 km), cần xác nhận: Tình trạng: quy hoạch; đất có thể chưa sẵn sàng. "
        "0 cụm bị loại.")


def test_summary_when_nothing_can_take_it() -> None:
    x = ss.assess(bal("x", 1_000, allowed_industries=["đóng tàu"]), req(5_000))
    assert ss.summary(req(5_000), [], [x], "vi") == (
        f"Tìm 0,50 ha đất cho ngành casting, xuất phát từ {HERE}. 0 cụm phù hợp theo số liệu đã xác nhận. Không cụm "
        "nào đáp ứng được; lý do của từng cụm được liệt kê trong mục 'excluded'. 1 cụm bị loại.")


def test_wastewater_hint_names_an_illustrative_site() -> None:
    b = bal("c", 1_000, [free("p", "c", 1_000),
                         plot("w", "c", "infrastructure", MD_X + 1_200, MD_Y, infrastructure="xử lý nước thải",
                              illustrative=True, location_precision="illustrative")], wastewater_treatment=None)
    found = checks(ss.assess(b, req(5_000)))
    assert found["wastewater"][2] == ("'casting' needs central wastewater treatment; whether the cluster has it is "
                                      "not recorded; illustrative plot w shows a treatment site.")


def test_search_words_every_sentence_in_the_language_asked(two: GpkgStore) -> None:
    r = ss.SiteRequest(5_000.0, "casting", ss.village_origin(two, "my-dong"), None)
    vi = ss.search(two, r, "vi")
    assert vi["candidates"][0]["checks"][3]["detail"] == "Cụm đã có hệ thống xử lý nước thải tập trung."
    assert vi["excluded"][0]["reasons"] == ["Ngành 'casting' không thuộc danh mục ngành nghề được phép (đóng tàu)."]


# -- boundaries, defaults and the language of every part --------------------------------------------------------

def test_the_whole_cluster_against_the_need_at_the_slack() -> None:
    # 3 ha = 30,000 m²; with 1 m² of slack it is "too small" only below 30,001 m² needed − 1
    small = bal("s", 1_000, planned_area_ha=3.0)
    assert checks(ss.assess(small, req(30_001.0)))["land_total"][0] == "unknown"
    assert checks(ss.assess(small, req(30_001.5)))["land_total"][0] == "fail"


def test_a_single_plot_at_the_slack_is_named_as_a_plot() -> None:
    b = bal("c", 1_000, [free("p", "c", 1_000)])
    area = ss.free_units(b.plots)[0].area_m2  # the plot as measured in EPSG:3405, 1 ha to within a rounding
    assert round(area) == 10_000
    assert checks(ss.assess(b, req(area + 1.0)))["land_piece"][:2] == ("pass", "land_piece.plot")
    assert checks(ss.assess(b, req(10_000.9)))["land_piece"][:2] == ("pass", "land_piece.plot")


def test_what_to_confirm_is_what_is_unknown_or_passed_on_illustrative_records() -> None:
    ill = {"illustrative": True, "location_precision": "illustrative"}
    a = ss.assess(bal("c", 1_000, [free("p", "c", 1_000, **ill)]), req(5_000))
    assert a.to_confirm() == ["1.00 ha free (illustrative plots) ≥ 0.50 ha needed.",
                              "Illustrative free plot p has 1.00 ha."]
    failed = ss.assess(bal("c", 1_000, [free("p", "c", 1_000, **ill)]), req(20_000))
    assert [c.illustrative for c in failed.checks if c.outcome == "fail"] == [True, False]
    assert failed.to_confirm() == []
    assert failed.reasons() == ["1.00 ha free (illustrative plots) < 2.00 ha needed.",
                                "No free plot or group of adjacent free plots is big enough (largest 1.00 ha)."]


def test_english_is_the_default_of_every_part() -> None:
    a = ss.assess(bal("c", 1_000, [free("p", "c", 1_000)], allowed_industries=["đóng tàu"]), req(5_000))
    (industry,) = [c for c in a.checks if c.name == "industry"]
    sentence = "'casting' is not among the allowed industries (đóng tàu)."
    assert (industry.detail(), industry.as_dict()["detail"], a.reasons(), a.as_dict()["reasons"]) == (
        sentence, sentence, [sentence], [sentence])
    assert ss.summary(req(5_000), [], [a]) == (
        f"Looking for 0.50 ha of casting from {HERE}. 0 cluster(s) fit on confirmed data. No cluster can take it; "
        "the reasons for each are listed under 'excluded'. 1 excluded.")


def test_an_origin_is_given_to_six_decimals() -> None:
    assert ss.point_origin(106.1234567, 20.7654321).as_dict() == {
        "village": None, "label": "20.76543 N, 106.12346 E", "lon": 106.123457, "lat": 20.765432}


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpkgStore]:
    clusters, plots = relocation_layout()
    store = build_store(tmp_path_factory.mktemp("layout"), clusters, plots)
    yield store
    store.close()


def test_a_search_in_english_words_candidates_and_excluded_in_english(layout: GpkgStore) -> None:
    # shipbuilding: 'ships' fits; 'near' (1 km) and 'far' (5 km) are excluded, listed by id (near ranks first: it is
    # closer), each with its reasons; 6000 m²: near's pieces (0.5 and 0.3 ha) are too small as well
    r = ss.SiteRequest(6_000.0, "đóng tàu", ss.village_origin(layout, "my-dong"), None)
    answer = ss.search(layout, r)
    assert [(c["cluster_id"], c["category"]) for c in answer["candidates"]] == [("ships", "fits")]
    assert answer["candidates"][0]["checks"][0]["detail"] == "1.00 ha free (computed from plots) ≥ 0.60 ha needed."
    assert [(e["cluster_id"], e["reasons"]) for e in answer["excluded"]] == [
        ("far", ["'đóng tàu' is not among the allowed industries (đúc kim loại)."]),
        ("near", ["No free plot or group of adjacent free plots is big enough (largest 0.50 ha).",
                  "'đóng tàu' is not among the allowed industries (đúc kim loại)."])]
    assert answer["summary"].endswith("2 excluded.")


def test_no_central_treatment_fails_an_industry_that_needs_it() -> None:
    found = checks(ss.assess(bal("c", 1_000, wastewater_treatment=False), req(5_000)))
    assert found["wastewater"] == ("fail", "wastewater.fail",
                                   "'casting' needs central wastewater treatment; the cluster has none.")


def test_a_group_at_the_slack() -> None:
    b = bal("c", 1_000, [free("a", "c", 1_000, 50, 100), free("b", "c", 1_050, 50, 100)])
    (group,) = ss.free_units(b.plots)
    assert (group.plot_ids, round(group.area_m2)) == (("a", "b"), 10_000)
    for need in (group.area_m2 + 1.0, 10_000.5):
        assert checks(ss.assess(b, req(need)))["land_piece"][:2] == ("pass", "land_piece.group")
    assert checks(ss.assess(b, req(10_001.5)))["land_piece"][:2] == ("fail", "land_piece.fail")


def test_a_cluster_exactly_at_the_distance_limit_is_within_it() -> None:
    a = ss.assess(bal("near", 1_000, [free("n", "near", 1_000)]), req(5_000, max_km=1.0))
    assert checks(a)["distance"] == ("pass", "distance.measured", f"1.00 km from {HERE} (≤ 1 km).")
    assert (a.category, a.score["proximity"]) == ("fits", 0.0)


def test_a_cluster_without_a_location() -> None:
    # a store requires a cluster's outline, but ``assess`` is pure and takes any record
    b = capacity.balance_of(Feature("x", None, {**READY, "name": "Cụm x"}), [])
    a = ss.assess(b, req(5_000))
    assert checks(a)["distance"] == ("unknown", "distance.unknown", "The cluster has no location.")
    assert (a.distance_km, a.score["proximity"], a.category) == (None, 0.0, "possible_if_confirmed")
