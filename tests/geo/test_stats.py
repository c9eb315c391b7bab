from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shapely

from geo.analysis import stats
from geo.model.collections import COLLECTIONS
from geo.model.errors import InvalidParameter
from geo.records.loader import load
from geo.spatial import proximity
from geo.store.gpkg.store import GpkgStore
from tests.support.records import MY_DONG, feature, tiny_records, write_dataset

PILOT = 5_000_000_000
CITY = 3_865_000_000


def budget_records() -> dict[str, list[dict]]:
    records = tiny_records()
    pilot, unknown = records["projects"]
    pilot["properties"].update(budget_total_vnd=PILOT, budget_public_vnd=4_000_000_000,
                               budget_counterpart_vnd=1_000_000_000, budget_qualifier="exact", sector="đúc",
                               components=[{"kind": "machinery", "description": "máy", "budget_vnd": 3_000_000_000},
                                           {"kind": "training", "description": "lớp", "budget_vnd": None}])
    unknown["properties"].update(year_start=2021, year_end=2021, sector="may mặc")
    records["projects"].append(feature(
        "projects", "p-plan", None, title="Kế hoạch 2017", programme="national_and_local", kind="plan",
        year_start=2017, year_end=2017, budget_total_vnd=CITY, budget_qualifier="more_than",
        district_names=["Toàn thành phố"], location_precision="unknown"))
    records["projects"].append(feature(
        "projects", "p-named", None, title="Đề án theo huyện", programme="local", kind="project",
        year_start=2018, budget_public_vnd=700_000_000, district_names=["Huyện Thủy Nguyên"],
        location_precision="unknown"))
    return records


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GpkgStore]:
    s = GpkgStore(tmp_path / "s.gpkg")
    load(write_dataset(tmp_path / "data", budget_records()), s)
    yield s
    s.close()


def test_totals_leave_unpublished_out_and_flag_lower_bounds(store: GpkgStore) -> None:
    projects = store.read_all(COLLECTIONS["projects"])
    t = stats.totals(projects)
    assert t.money.amount == PILOT + CITY + 700_000_000
    assert (t.money.count, t.money.published, t.money.unpublished) == (4, 3, 1)
    assert t.money.more_than
    assert t.public.amount == 4_000_000_000 + 700_000_000
    assert t.public.published == 2
    assert t.counterpart.amount == 1_000_000_000
    assert not stats.totals([p for p in projects if p.id == "p-pilot"]).money.more_than


def test_money_by_district_is_never_split(store: GpkgStore) -> None:
    projects = store.read_all(COLLECTIONS["projects"])
    places = stats.Places.from_store(store)
    districts = stats.money_by_area(projects, places, "district")
    assert districts.by_unit["311"].amount == PILOT + 700_000_000
    assert sorted(districts.unattributed_ids) == ["p-plan", "p-unknown-place"]
    assert districts.unattributed.amount == CITY
    assert districts.total == stats.totals(projects).money.amount
    communes = stats.money_by_area(projects, places, "commune")
    assert communes.by_unit["11521"].amount == PILOT  # the district-only project has no commune
    assert communes.total == districts.total


def test_year_sector_component_groupings(store: GpkgStore) -> None:
    projects = store.read_all(COLLECTIONS["projects"])
    years = stats.by_year(projects)
    assert years["2019"].amount == PILOT
    assert years["2017"].more_than
    assert stats.by_field(projects, "sector")["may mặc"].unpublished == 1
    components = stats.by_component(projects)
    assert components["machinery"].amount == 3_000_000_000
    assert components["training"].unpublished == 1


@pytest.mark.parametrize(("flt", "expected"), [
    (stats.ProjectFilter(), {"p-pilot", "p-unknown-place", "p-plan", "p-named"}),
    (stats.ProjectFilter(year=2020), {"p-pilot"}),
    (stats.ProjectFilter(programme="local"), {"p-unknown-place", "p-named"}),
    (stats.ProjectFilter(sector="Đúc"), {"p-pilot"}),
    (stats.ProjectFilter(district="311"), {"p-pilot", "p-named"}),
    (stats.ProjectFilter(site="kien-bai"), {"p-pilot"}),
    (stats.ProjectFilter(component="machinery"), {"p-pilot"}),
    (stats.ProjectFilter(year=2017, programme="local"), set()),
])
def test_filters_narrow(store: GpkgStore, flt: stats.ProjectFilter, expected: set[str]) -> None:
    places = stats.Places.from_store(store)
    got = stats.filter_projects(store.read_all(COLLECTIONS["projects"]), flt, places)
    assert {f.id for f in got} == expected


def test_filter_options(store: GpkgStore) -> None:
    opts = stats.filter_options(store.read_all(COLLECTIONS["projects"]), stats.Places.from_store(store))
    assert opts.years == [2017, 2018, 2019, 2020, 2021]
    assert ("my-dong", "Làng nghề đúc Mỹ Đồng") in opts.sites
    assert opts.components == ["machinery", "training"]


def test_within_distance_in_metres(store: GpkgStore) -> None:
    villages = store.read_all(COLLECTIONS["villages"])
    units = store.read_all(COLLECTIONS["admin_units"])
    source = shapely.Point(MY_DONG[0] + 0.01, MY_DONG[1])  # about 1.04 km east
    assert proximity.within(source, villages, 900) == []
    (hit,) = proximity.within(source, villages, 1200)
    assert 1000 < hit.distance_m < 1100
    inside = proximity.within(shapely.Point(*MY_DONG), units, 1)
    assert {n.feature.id for n in inside} == {"311", "11521"}
    assert all(n.distance_m == 0 for n in inside)


@pytest.mark.parametrize("bad", [0, -1, 51, float("nan")])
def test_distance_bounds(bad: float) -> None:
    with pytest.raises(InvalidParameter):
        proximity.check_distance_km(bad)
