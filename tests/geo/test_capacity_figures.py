"""The land balance's numbers, exactly: hectares from plots drawn in EPSG:3405 metres (100 m × 100 m = 1 ha,
so every expected value here is worked out by hand), the 5 % tolerance at its boundary, tenants by sector,
wastewater, figure history, and the whole ``GET /capacity/{id}`` answer key by key."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from geo.analysis import capacity
from geo.model.collections import CLUSTER_PLOTS, CLUSTERS
from geo.model.errors import FeatureNotFound, InvalidParameter
from geo.model.feature import Feature
from geo.records.validate import parse_feature
from tests.support.capacity import KB_X, KB_Y, build_store, cluster, plot

FIGURE_KEYS = ["value", "basis", "illustrative", "date", "sources"]


def codes(b: capacity.Balance) -> list[str]:
    return [f.code for f in b.flags]


def one(plots: list[dict[str, Any]] | None = None, size: float = 400.0, **props: Any) -> capacity.Balance:
    """The balance of cluster c1 (a ``size`` m square) and its plots, from the records alone (no store)."""
    c = parse_feature(CLUSTERS, cluster("c1", KB_X, KB_Y, size, **props))
    return capacity.balance_of(c, [parse_feature(CLUSTER_PLOTS, p) for p in plots or []])


# -- declared figures -------------------------------------------------------------------------------

def test_declared_figures_and_derived_free_land() -> None:
    b = one(planned_area_ha=16.0, developed_area_ha=12.5, industrial_area_ha=10.0, leased_area_ha=4.0,
            status_date="2020-05-01", sources=["src-test"], outline="nominal_marker")
    figs = {name: (f.value, f.basis) for name, f in b.figures.items()}
    assert figs == {"planned": (16.0, "declared"), "developed": (12.5, "declared"), "industrial": (10.0, "declared"),
                    "leasable": (10.0, "declared"), "leased": (4.0, "declared"), "reserved": (None, "unknown"),
                    "infrastructure": (None, "unknown"), "free": (6.0, "derived_from_declared"),
                    "plotted": (None, "unknown"), "outline": (None, "unknown")}
    assert b.figures["free"].as_dict() == {"value": 6.0, "basis": "derived_from_declared", "illustrative": False,
                                           "date": "2020-05-01", "sources": ["src-test"]}
    assert b.occupancy.as_dict() == {"value": 0.4, "basis": "derived_from_declared", "illustrative": False,
                                     "date": "2020-05-01", "sources": ["src-test"]}
    assert b.computed_from == "declared" and b.plots == ()


def test_declared_figures_keep_four_decimals() -> None:
    b = one(planned_area_ha=11.123456, industrial_area_ha=3.0, leased_area_ha=1.0, outline="nominal_marker")
    assert b.figures["planned"].value == 11.1235
    assert b.occupancy.value == 0.3333  # 1 of 3 ha
    assert b.figures["free"].value == 2.0


def test_leased_above_industrial_leaves_zero_free_and_is_flagged() -> None:
    b = one(industrial_area_ha=20.0, leased_area_ha=21.1, outline="nominal_marker", illustrative=True)
    assert (b.figures["free"].value, b.figures["free"].illustrative) == (0.0, True)
    assert codes(b) == ["outline_nominal", "leased_exceeds_industrial"]
    assert b.flags[1].message() == "Declared leased area 21.1 ha exceeds the declared industrial land 20 ha."


def test_leased_within_five_percent_of_industrial_is_not_flagged() -> None:
    # 21 = 20 × 1.05 exactly: the tolerance includes its boundary
    b = one(industrial_area_ha=20.0, leased_area_ha=21.0, outline="nominal_marker")
    assert codes(b) == ["outline_nominal"]


def test_no_industrial_land_means_unknown_free_land_and_occupancy() -> None:
    b = one(leased_area_ha=4.0, outline="nominal_marker")
    assert b.figures["free"] == capacity.UNKNOWN and b.occupancy == capacity.UNKNOWN
    assert codes(b) == ["outline_nominal", "free_unknown"]
    b = one(industrial_area_ha=0.0, leased_area_ha=0.0, outline="nominal_marker")
    assert b.figures["free"].value == 0.0 and b.occupancy == capacity.UNKNOWN  # 0 of 0 ha is no ratio


# -- the outline and the 5 % tolerance ------------------------------------------------------------------

SIDE_21_HA = math.sqrt(210_000)  # a square of 21 ha


@pytest.mark.parametrize(("planned", "flagged"), [
    (20.0, False),  # 21 against 20: exactly 5 % off, inside the tolerance
    (19.99, True),
    (22.0, False),  # 21 against 22: 4.5 % off
    (22.2, True),
])
def test_outline_tolerance_boundary(planned: float, flagged: bool) -> None:
    b = one(size=SIDE_21_HA, planned_area_ha=planned)
    assert b.figures["outline"].as_dict() == {"value": 21.0, "basis": "computed_from_outline",
                                              "illustrative": False, "date": None, "sources": ["src-test"]}
    assert codes(b) == (["outline_disagrees", "free_unknown"] if flagged else ["free_unknown"])
    if flagged:
        assert b.flags[0].message() == (f"Declared planned area {planned:g} ha, surveyed outline measures 21.00 ha "
                                        "(EPSG:3405).")


def test_outline_sized_to_declared_without_a_planned_area() -> None:
    b = one(outline="sized_to_declared_area")
    assert codes(b) == ["outline_sized_to_declared", "free_unknown"]
    assert b.flags[0].message() == ("The outline was drawn to the declared area; measuring it (16.00 ha) cannot "
                                    "confirm that figure.")


@pytest.mark.parametrize(("plots", "flag"), [
    ([("p", 300, 700)], None),  # 21 ha of plots against 20 declared: exactly 5 % over
    ([("p", 300, 700), ("q", 10, 10)], "plots_exceed_declared"),  # 21.01 ha
    ([("p", 100, 1_900)], None),  # 19 ha: exactly 5 % short
    ([("p", 100, 1_899)], "plots_below_declared"),  # 18.99 ha
])
def test_plots_against_planned_at_the_tolerance(plots: list[tuple[str, float, float]],
                                                flag: str | None) -> None:
    drawn = [plot(pid, "c1", "free", KB_X + 1_000 * i, KB_Y, w, h) for i, (pid, w, h) in enumerate(plots)]
    b = one(drawn, planned_area_ha=20.0, outline="nominal_marker")
    assert b.figures["plotted"].value == round(sum(w * h for _, w, h in plots) / 10_000, 4)
    expected = ["outline_nominal"] + ([flag] if flag else [])
    assert codes(b) == expected
    if flag == "plots_exceed_declared":
        assert b.flags[1].message() == ("The plots add up to 21.01 ha, more than the declared planned area of 20 ha: "
                                        "one of the two is wrong.")


@pytest.mark.parametrize(("declared", "flagged"), [(20.0, False), (20.5, False), (19.99, True), (22.2, True)])
def test_leased_plots_against_declared_leased(declared: float, flagged: bool) -> None:
    b = one([plot("p", "c1", "leased", KB_X, KB_Y, 300, 700)], leased_area_ha=declared,
            outline="nominal_marker")
    assert b.figures["leased"].value == 21.0
    assert ("leased_disagrees" in codes(b)) is flagged


# -- plots -------------------------------------------------------------------------------------------------

def test_plot_figures_dates_and_sources() -> None:
    plots = [plot("p1", "c1", "leased", KB_X, KB_Y, status_date="2021-03-01"),
             plot("p2", "c1", "free", KB_X + 100, KB_Y, 200, 100, status_date="2022-07-15"),
             plot("p3", "c1", "reserved", KB_X, KB_Y + 100, 50, 100)]
    b = one(plots, planned_area_ha=3.5)
    leased = b.figures["leased"]
    assert (leased.value, leased.date, leased.sources) == (1.0, "2022-07-15", ("src-test",))  # the newest plot date
    assert b.figures["leasable"].value == 3.5  # leased 1 + free 2 + reserved 0.5
    assert b.figures["plotted"].value == 3.5
    assert b.figures["infrastructure"].value == 0.0
    assert b.occupancy.value == 0.2857  # 1 / 3.5, four decimals
    assert b.occupancy.date == "2022-07-15"
    assert [p.id for p in b.free_plots()] == ["p2"]


def test_a_plot_without_geometry_counts_its_stored_area() -> None:
    f = Feature("p", None, {"status": "free", "area_ha": 0.75})
    g = Feature("q", None, {"status": "free", "area_ha": None})
    measured = capacity.measured_plots([f, g])
    assert [(p.id, p.area_m2, p.metric.is_empty) for p in measured] == [("p", 7_500.0, True), ("q", 0.0, True)]
    assert capacity.measured_plots([]) == []


def test_tenants_by_sector_sums_leased_hectares() -> None:
    plots = [plot("p1", "c1", "leased", KB_X, KB_Y, tenant="Công ty A", industry="đúc"),
             plot("p2", "c1", "leased", KB_X + 100, KB_Y, 50, 100, tenant="Công ty A", industry="đúc"),
             plot("p3", "c1", "leased", KB_X + 200, KB_Y, 200, 100, tenant="Công ty B", industry="cơ khí",
                  illustrative=True, location_precision="illustrative"),
             plot("p4", "c1", "leased", KB_X, KB_Y + 100, 50, 100, industry=None),
             plot("p5", "c1", "leased", KB_X + 100, KB_Y + 100, 50, 100, tenant="Công ty C", industry="bao bì"),
             plot("p6", "c1", "free", KB_X + 200, KB_Y + 100, industry="đúc", tenant="Không")]
    b = one(plots)
    assert capacity.tenants_by_sector(b) == [
        {"sector": "cơ khí", "tenants": ["Công ty B"], "plots": 1, "leased_ha": 2.0, "illustrative": True},
        {"sector": "đúc", "tenants": ["Công ty A"], "plots": 2, "leased_ha": 1.5, "illustrative": False},
        {"sector": "bao bì", "tenants": ["Công ty C"], "plots": 1, "leased_ha": 0.5, "illustrative": False},
        {"sector": "unknown", "tenants": [], "plots": 1, "leased_ha": 0.5, "illustrative": False},
    ]


@pytest.mark.parametrize(("declared", "status", "note"), [
    (True, "present", None), (False, "absent", None), (None, "unknown", "Not recorded for this cluster."),
])
def test_wastewater_declared(declared: bool | None, status: str, note: str | None) -> None:
    b = one([plot("p", "c1", "infrastructure", KB_X, KB_Y, infrastructure="Trạm biến áp")],
            wastewater_treatment=declared)
    assert capacity.wastewater(b) == {"declared": declared, "status": status, "plots": [], "illustrative": False,
                                      "note": note}


@pytest.mark.parametrize(("illustrative", "en", "vi"), [
    (False, "Not recorded for this cluster. A plot is marked as a treatment site.",
     "Chưa có thông tin cho cụm này. Có một lô được đánh dấu là khu xử lý nước thải."),
    (True, "Not recorded for this cluster. Only illustrative plots show a treatment site.",
     "Chưa có thông tin cho cụm này. Chỉ có lô minh họa thể hiện khu xử lý nước thải."),
])
def test_wastewater_sites_from_plots(illustrative: bool, en: str, vi: str) -> None:
    plots = [plot("w1", "c1", "infrastructure", KB_X, KB_Y, infrastructure="Trạm xử lý NƯỚC THẢI tập trung",
                  illustrative=illustrative),
             plot("w2", "c1", "infrastructure", KB_X + 100, KB_Y, infrastructure="Wastewater plant",
                  illustrative=illustrative),
             plot("w3", "c1", "leased", KB_X + 200, KB_Y, infrastructure="nước thải")]
    b = one(plots)
    assert capacity.wastewater(b) == {"declared": None, "status": "unknown", "plots": ["w1", "w2"],
                                      "illustrative": illustrative, "note": en}
    assert capacity.wastewater(b, "vi")["note"] == vi


# -- history and the detail answer ------------------------------------------------------------------------

def test_figure_history_entries(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, leased_area_ha=2.0, status="planned")], [])
    for changes in ({"leased_area_ha": 3.5, "status": "operating"}, {"notes": "only a note"},
                    {"allowed_industries": ["đúc kim loại"]}):
        current = store.get(CLUSTERS, "c1", include_private=True)
        store.replace(CLUSTERS, Feature(current.id, current.geometry, {**current.properties, **changes},
                                        current.version), current.version, "steward")
    history = capacity.figure_history(store, "c1")
    assert [sorted(h) for h in history] == [["action", "at", "changes", "version"]] * 2
    assert [(h["version"], h["changes"]) for h in history] == [
        (2, {"leased_area_ha": {"before": 2.0, "after": 3.5}, "status": {"before": "planned", "after": "operating"}}),
        (4, {"allowed_industries": {"before": None, "after": ["đúc kim loại"]}}),
    ]
    assert history[0]["at"] <= history[1]["at"]


def test_plot_dict() -> None:
    b = one([plot("p1", "c1", "leased", KB_X, KB_Y, 50, 100, tenant="A", industry="đúc",
                            declared_area_ha=0.6, status_date="2021-01-02", sources=["src-test"])])
    assert capacity.plot_dict(b.plots[0]) == {
        "id": "p1", "name": "Lô p1", "status": "leased", "area_ha": 0.5, "declared_area_ha": 0.6, "tenant": "A",
        "industry": "đúc", "infrastructure": None, "status_date": "2021-01-02", "illustrative": False,
        "sources": ["src-test"]}


def test_detail_answer(tmp_path: Path) -> None:
    plots = [plot("p1", "c1", "leased", KB_X, KB_Y, tenant="A", industry="đúc"),
             plot("p2", "c1", "infrastructure", KB_X + 100, KB_Y, 100, 50, infrastructure="xử lý nước thải")]
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, planned_area_ha=16.0, phase="1", notes="ghi chú",
                                           allowed_industries=["đúc kim loại"], status_date="2020-01-01")], plots)
    b, body = capacity.detail(store, "c1", "vi")
    assert b.id == "c1"
    assert sorted(body) == sorted(["id", "name", "kind", "district_name", "phase", "status", "status_date",
                                   "illustrative", "outline", "allowed_industries", "wastewater_treatment",
                                   "sources", "computed_from", "plot_count", "figures", "occupancy", "flags",
                                   "notes", "plots", "tenants_by_sector", "infrastructure", "history"])
    assert {k: body[k] for k in ("id", "name", "kind", "district_name", "phase", "status", "status_date",
                                 "illustrative", "outline", "allowed_industries", "wastewater_treatment",
                                 "sources", "computed_from", "plot_count", "notes", "history")} == {
        "id": "c1", "name": "Cụm c1", "kind": "cum_cong_nghiep", "district_name": "Huyện Thủy Nguyên", "phase": "1",
        "status": "operating", "status_date": "2020-01-01", "illustrative": False, "outline": "surveyed",
        "allowed_industries": ["đúc kim loại"], "wastewater_treatment": None, "sources": ["src-test"],
        "computed_from": "plots", "plot_count": 2, "notes": "ghi chú", "history": []}
    assert list(body["figures"]) == list(capacity.FIGURES)
    assert all(list(f) == FIGURE_KEYS for f in body["figures"].values())
    assert {k: f["value"] for k, f in body["figures"].items()} == {
        "planned": 16.0, "developed": None, "industrial": None, "leasable": 1.0, "leased": 1.0, "reserved": 0.0,
        "infrastructure": 0.5, "free": 0.0, "plotted": 1.5, "outline": 16.0}
    assert body["occupancy"]["value"] == 1.0
    assert [f["code"] for f in body["flags"]] == ["plots_below_declared"]
    assert body["flags"][0]["message"] == ("Các lô chỉ phủ 1,50 ha trong 16 ha đã công bố; phần còn lại chưa có "
                                           "dữ liệu lô.")
    assert [p["id"] for p in body["plots"]] == ["p1", "p2"] and body["plots"][1]["area_ha"] == 0.5
    assert body["tenants_by_sector"] == [{"sector": "đúc", "tenants": ["A"], "plots": 1, "leased_ha": 1.0,
                                          "illustrative": False}]
    assert body["infrastructure"] == {"wastewater": {"declared": None, "status": "unknown", "plots": ["p2"],
                                                     "illustrative": False,
                                                     "note": "Chưa có thông tin cho cụm này. Có một lô được đánh "
                                                             "dấu là khu xử lý nước thải."}}
    with pytest.raises(FeatureNotFound, match="No cluster 'c2'"):
        capacity.detail(store, "c2")


def test_balances_sorted_by_district_then_name(tmp_path: Path) -> None:
    clusters = [cluster("z", KB_X, KB_Y, name="Ánh", district_name="Huyện Thủy Nguyên"),
                cluster("a", KB_X + 1_000, KB_Y, name="Bình", district_name="Huyện An Lão"),
                cluster("m", KB_X + 2_000, KB_Y, name="Ánh", district_name="huyện an lão"),
                cluster("b", KB_X + 3_000, KB_Y, name="Ánh", district_name="Huyện An Lão")]
    store = build_store(tmp_path, clusters, [plot("p", "a", "free", KB_X + 1_000, KB_Y)])
    balances = capacity.balances(store)
    assert [b.id for b in balances] == ["b", "m", "a", "z"]
    assert [len(b.plots) for b in balances] == [0, 0, 1, 0]
    assert [b.id for b in capacity.balances(store, district="AN LAO", status="operating")] == ["b", "m", "a"]
    assert capacity.balances(store, status="planned") == []


def test_small_declared_areas_use_their_own_five_percent() -> None:
    # 0.54 ha of leased plots against 0.5 declared: 0.04 ha apart, more than 5 % of 0.5 (0.025)
    b = one([plot("p", "c1", "leased", KB_X, KB_Y, 54, 100)], leased_area_ha=0.5, outline="nominal_marker")
    assert codes(b) == ["outline_nominal", "leased_disagrees"]
    assert b.flags[1].message() == "Declared leased area 0.5 ha, leased plots 0.54 ha."
    assert one([plot("p", "c1", "leased", KB_X, KB_Y, 52, 100)], leased_area_ha=0.5,
               outline="nominal_marker").flags[1:] == ()


def test_derived_free_land_keeps_decimals_and_the_record_marks() -> None:
    b = one(industrial_area_ha=1.0, leased_area_ha=0.4, illustrative=True, wastewater_treatment=True)
    assert b.figures["free"].value == 0.6
    assert (b.figures["free"].illustrative, b.figures["outline"].illustrative) == (True, True)
    body = b.as_dict()
    assert (body["illustrative"], body["wastewater_treatment"], body["figures"]["outline"]["illustrative"]) == (
        True, True, True)


def test_occupancy_from_plots_says_so() -> None:
    b = one([plot("p", "c1", "leased", KB_X, KB_Y), plot("q", "c1", "free", KB_X + 100, KB_Y)],
            industrial_area_ha=10.0)
    assert (b.occupancy.value, b.occupancy.basis) == (0.5, "computed_from_plots")


def test_tenants_skip_plots_that_are_not_leased_wherever_they_sort() -> None:
    # 33.333 m × 100 m = 0.33333 ha: leased hectares keep four decimals
    b = one([plot("a-free", "c1", "free", KB_X, KB_Y, industry="đúc"),
             plot("b", "c1", "leased", KB_X + 100, KB_Y, 33.333, 100, industry="đúc")])
    assert capacity.tenants_by_sector(b) == [
        {"sector": "đúc", "tenants": [], "plots": 1, "leased_ha": 0.3333, "illustrative": False}]


def test_plot_dict_of_a_hectare() -> None:
    b = one([plot("w", "c1", "infrastructure", KB_X, KB_Y, infrastructure="trạm điện")])
    d = capacity.plot_dict(b.plots[0])
    assert (d["area_ha"], d["infrastructure"], d["tenant"]) == (1.0, "trạm điện", None)


def test_status_filter_names_the_choices(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y)], [])
    with pytest.raises(InvalidParameter) as info:
        capacity.balances(store, status="finished")
    assert info.value.detail == ("status must be one of planned, established, under_construction, operating, "
                                 "completed_phase, got 'finished'.")


def test_bases_in_both_languages() -> None:
    assert capacity.bases() == capacity.BASES
    assert capacity.BASES["unknown"] == "not published and not measurable: null, never 0"
    assert capacity.bases("vi")["derived_from_declared"] == (
        "tính từ các số liệu công bố (còn trống = đất công nghiệp − đã cho thuê)")
    assert list(capacity.bases("vi")) == list(capacity.BASIS_NAMES)
