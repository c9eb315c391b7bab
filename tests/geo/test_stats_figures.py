"""Money per year, sector, component and place, worked out by hand on records built in memory: unpublished
figures counted apart (never as 0), lower bounds carried, a project placed only when every clue agrees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import shapely

from geo.analysis import stats
from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.records.loader import load
from geo.store.gpkg.store import GpkgStore
from tests.support.records import write_dataset

BN = 1_000_000_000


def project(fid: str, geometry: Any = None, **props: Any) -> Feature:
    return Feature(fid, geometry, props)


def sums(groups: dict[str | None, stats.Sum]) -> dict[str | None, tuple[int, int, int, bool]]:
    return {k: (s.amount, s.count, s.published, s.more_than) for k, s in groups.items()}


def test_sum_counts_unpublished_apart() -> None:
    s = stats.Sum()
    s.add(5 * BN)
    s.add(None, "more_than")  # an unknown lower bound says nothing about the sum
    s.add(2 * BN, "about")
    assert (s.amount, s.count, s.published, s.unpublished, s.more_than) == (7 * BN, 3, 2, 1, False)
    s.add(0, "more_than")
    assert (s.amount, s.count, s.published, s.unpublished, s.more_than) == (7 * BN, 4, 3, 1, True)


@pytest.mark.parametrize(("props", "expected"), [
    ({"budget_total_vnd": 5 * BN, "budget_public_vnd": 1, "budget_counterpart_vnd": 1}, 5 * BN),
    ({"budget_total_vnd": 0, "budget_public_vnd": 7}, 0),  # a published 0 is a figure
    ({"budget_public_vnd": 4 * BN, "budget_counterpart_vnd": BN}, 5 * BN),
    ({"budget_public_vnd": 700_000_000}, 700_000_000),
    ({"budget_counterpart_vnd": 300_000_000}, 300_000_000),
    ({"budget_public_vnd": 0}, 0),
    ({}, None),
])
def test_amount(props: dict[str, Any], expected: int | None) -> None:
    assert stats.amount(props) == expected


PROJECTS = [
    project("a", budget_total_vnd=5 * BN, budget_public_vnd=4 * BN, budget_counterpart_vnd=BN, year_start=2019,
            year_end=2020, sector="đúc", programme="national",
            components=[{"kind": "machinery", "budget_vnd": 3 * BN}, {"kind": "training", "budget_vnd": None}]),
    project("b", budget_total_vnd=3_865_000_000, budget_qualifier="more_than", year_start=2017, sector="Đúc",
            programme="local", components=[{"kind": "training", "budget_vnd": 200_000_000}, {"budget_vnd": 1}]),
    project("c", budget_public_vnd=700_000_000, year_start=2019, sector="", programme="local"),
    project("d", year_start=None, sector="may mặc"),
]


def test_totals() -> None:
    t = stats.totals(PROJECTS)
    assert (t.money.amount, t.money.count, t.money.published, t.money.more_than) == (
        5 * BN + 3_865_000_000 + 700_000_000, 4, 3, True)
    assert (t.public.amount, t.public.count, t.public.published) == (4 * BN + 700_000_000, 4, 2)
    assert (t.public.more_than, t.counterpart.more_than) == (False, False)  # b's bound covers no published share
    shares = stats.totals([project("x", budget_public_vnd=5, budget_counterpart_vnd=2, budget_qualifier="more_than")])
    assert (shares.public.more_than, shares.counterpart.more_than, shares.money.amount) == (True, True, 7)
    assert (t.counterpart.amount, t.counterpart.published, t.counterpart.unpublished) == (BN, 1, 3)


def test_by_year_sector_programme_component() -> None:
    assert sums(stats.by_year(PROJECTS)) == {
        "2017": (3_865_000_000, 1, 1, True), "2019": (5_700_000_000, 2, 2, False), None: (0, 1, 0, False)}
    assert list(stats.by_year(PROJECTS)) == ["2017", "2019", None]
    assert sums(stats.by_field(PROJECTS, "sector")) == {
        "may mặc": (0, 1, 0, False), "Đúc": (3_865_000_000, 1, 1, True), "đúc": (5 * BN, 1, 1, False),
        None: (700_000_000, 1, 1, False)}
    assert sums(stats.by_field(PROJECTS, "programme")) == {
        "local": (4_565_000_000, 2, 2, True), "national": (5 * BN, 1, 1, False), None: (0, 1, 0, False)}
    assert sums(stats.by_component(PROJECTS)) == {
        "machinery": (3 * BN, 1, 1, False), "training": (200_000_000, 2, 1, True), None: (1, 1, 1, True)}
    assert list(stats.by_component(PROJECTS)) == ["machinery", "training", None]
    odd = [project("e", components=[{"kind": "a"}, {"kind": ""}, {"kind": None}])]
    assert list(stats.by_component(odd)) == ["", "a", None]  # an empty kind sorts first, a missing one last


def test_group_money_counts_a_project_under_each_key() -> None:
    groups = stats.group_money(PROJECTS[:2], lambda f: ["x", "y"] if f.id == "a" else ["y"])
    assert sums(groups) == {"x": (5 * BN, 1, 1, False), "y": (8_865_000_000, 2, 2, True)}
    assert list(stats.group_money(PROJECTS[:1], lambda f: ["b", None, ""])) == ["", "b", None]


# -- places ----------------------------------------------------------------------------------------------

def unit(uid: str, level: str, box: tuple[float, float, float, float], **props: Any) -> Feature:
    return Feature(uid, shapely.box(*box), {"level": level, **props})


def places() -> stats.Places:
    d1 = unit("d1", "district", (106.0, 20.0, 106.5, 21.0), name="Huyện Thủy Nguyên")
    d2 = unit("d2", "district", (106.5, 20.0, 107.0, 21.0), name="Quận Kiến An", district_name="Kiến An")
    c1 = unit("c1", "commune", (106.0, 20.0, 106.2, 20.5), district_code="d1")
    c2 = unit("c2", "commune", (106.2, 20.0, 106.5, 20.5), district_code="d1")
    c3 = unit("c3", "commune", (106.5, 20.0, 107.0, 20.5), district_code="d2")
    p = stats.Places(
        districts={"d1": d1, "d2": d2}, communes={"c1": c1, "c2": c2, "c3": c3},
        villages={"v1": Feature("v1", None, {"commune_id": "c1", "name": "Làng Một"}),
                  "v3": Feature("v3", None, {"commune_id": "c3"})},
        clusters={"k1": Feature("k1", None, {"commune_ids": ["c2"], "district_name": "huyện thủy nguyên",
                                             "name": "Cụm Một"}),
                  "k2": Feature("k2", None, {"commune_ids": [], "district_name": "Kiến An", "name": "Cụm Hai"})},
        facilities={"f1": Feature("f1", None, {"village_id": "v1", "cluster_id": None}),
                    "f2": Feature("f2", None, {"village_id": None, "cluster_id": "k2"})},
        pollution_sources={"s3": Feature("s3", None, {"commune_id": "c3"})})
    p.district_by_name.update({"huyen thuy nguyen": "d1", "quan kien an": "d2", "kien an": "d2"})
    return p


@pytest.mark.parametrize(("props", "geometry", "communes", "district", "commune"), [
    ({"village_ids": ["v1"]}, None, {"c1"}, "d1", "c1"),
    ({"facility_ids": ["f1"]}, None, {"c1"}, "d1", "c1"),
    ({"cluster_ids": ["k1"]}, None, {"c2"}, "d1", "c2"),
    ({"village_ids": ["v1"], "cluster_ids": ["k1"]}, None, {"c1", "c2"}, "d1", None),  # one district, 2 communes
    ({"village_ids": ["v1", "v3"]}, None, {"c1", "c3"}, None, None),  # two districts: never split
    ({"pollution_source_ids": ["s3"]}, None, {"c3"}, "d2", "c3"),
    ({"district_names": ["Kiến An"]}, None, set(), "d2", None),
    ({"district_names": ["Toàn thành phố"]}, None, set(), None, None),  # a name found nowhere
    ({"village_ids": ["v1"], "district_names": ["Kiến An"]}, None, {"c1"}, None, None),
    ({}, shapely.Point(106.1, 20.2), {"c1"}, "d1", "c1"),  # the geometry only when links say nothing
    ({"village_ids": ["v1"]}, shapely.Point(106.8, 20.2), {"c1"}, "d1", "c1"),
    ({"village_ids": ["ghost"]}, None, set(), None, None),
    ({"cluster_ids": ["k2"]}, None, set(), "d2", None),  # a cluster known only by its district name
    ({"facility_ids": ["f2"]}, None, set(), "d2", None),
    ({"village_ids": ["v1"], "district_names": ["Toàn thành phố"]}, None, {"c1"}, None, None),
    ({}, None, set(), None, None),
])
def test_place(props: dict[str, Any], geometry: Any, communes: set[str], district: str | None,
               commune: str | None) -> None:
    where = stats.place(project("p", geometry, **props), places())
    assert (set(where.communes), where.district, where.commune) == (communes, district, commune)


def test_money_by_area_lists_every_unit_and_what_cannot_be_placed() -> None:
    projects = [project("a", budget_total_vnd=5 * BN, village_ids=["v1"]),
                project("b", budget_total_vnd=2 * BN, budget_qualifier="more_than", cluster_ids=["k1"]),
                project("c", budget_total_vnd=BN, village_ids=["v1", "v3"]),
                project("d", district_names=["Kiến An"])]
    by_district = stats.money_by_area(projects, places(), "district")
    assert sums(by_district.by_unit) == {"d1": (7 * BN, 2, 2, True), "d2": (0, 1, 0, False)}
    assert (by_district.unattributed.amount, by_district.unattributed_ids, by_district.total) == (BN, ["c"], 8 * BN)
    by_commune = stats.money_by_area(projects, places(), "commune")
    assert sums(by_commune.by_unit) == {"c1": (5 * BN, 1, 1, False), "c2": (2 * BN, 1, 1, True),
                                        "c3": (0, 0, 0, False)}
    assert by_commune.unattributed_ids == ["c", "d"] and by_commune.total == 8 * BN


# -- filters -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "start", "end", "active"), [
    (2018, 2019, 2020, False), (2019, 2019, 2020, True), (2020, 2019, 2020, True), (2021, 2019, 2020, False),
    (2019, 2019, None, True), (2020, 2019, None, False), (2019, None, 2020, False),
])
def test_year_filter_includes_both_ends(year: int, start: int | None, end: int | None, active: bool) -> None:
    p = project("p", year_start=start, year_end=end)
    assert stats.matches(p, stats.ProjectFilter(year=year), places()) is active


def test_filters_each_and_together() -> None:
    ps = places()
    flt = stats.ProjectFilter
    p = project("p", programme="local", sector="Đúc kim loại", village_ids=["v1"], cluster_ids=["k1"],
                components=[{"kind": "training"}], year_start=2019)
    for f, ok in [(flt(programme="local"), True), (flt(programme="national"), False),
                  (flt(sector="duc kim loai"), True), (flt(sector="đúc"), False), (flt(site="k1"), True),
                  (flt(site="v1"), True), (flt(site="v3"), False), (flt(component="training"), True),
                  (flt(component="machinery"), False), (flt(district="d1"), True), (flt(district="d2"), False),
                  (flt(year=2019, district="d1", site="v1"), True), (flt(year=2019, district="d2"), False)]:
        assert stats.matches(p, f, ps) is ok, f
    assert not flt().active and flt(year=0).active
    assert stats.filter_projects([p], flt(), ps) == [p]
    assert stats.filter_projects([p], flt(programme="national"), ps) == []
    assert stats.filter_projects([p], flt(district="d1"), ps) == [p]


def test_filter_options() -> None:
    ps = places()
    projects = [project("a", year_start=2019, year_end=2021, programme="national", sector="đúc",
                        village_ids=["v1", "ghost"], cluster_ids=["k1"], components=[{"kind": "training"}, {}]),
                project("b", year_start=2017, programme="local", sector="Cơ khí", village_ids=["v3"],
                        components=[{"kind": "brand"}]),
                project("c", year_start=None, sector="Ánh sáng")]
    opts = stats.filter_options(projects, ps)
    assert opts.years == [2017, 2019, 2020, 2021]
    assert opts.programmes == ["local", "national"]
    assert opts.sectors == ["Ánh sáng", "Cơ khí", "đúc"]  # by folded text, not by code point
    assert opts.districts == [("d1", "Huyện Thủy Nguyên"), ("d2", "Quận Kiến An")]  # by folded name: h < q
    assert opts.sites == [("k1", "Cụm Một"), ("v1", "Làng Một"), ("v3", "v3")]
    assert opts.components == ["brand", "training"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpkgStore]:
    tmp = tmp_path_factory.mktemp("stats")
    s = GpkgStore(tmp / "s.gpkg")
    load(write_dataset(tmp / "data"), s)
    yield s
    s.close()


def test_places_from_a_store(tiny: GpkgStore) -> None:
    p = stats.Places.from_store(tiny)
    assert (list(p.districts), list(p.communes)) == (["311"], ["11521"])
    assert (list(p.villages), list(p.clusters), list(p.facilities), list(p.pollution_sources)) == (
        ["my-dong"], ["kien-bai"], ["f-1"], ["ps-my-dong"])
    assert p.district_by_name == {"huyen thuy nguyen": "311"}
    assert stats.place(tiny.read_all(COLLECTIONS["projects"])[0], p).commune == "11521"


def test_read_all_public_and_private_fields(tiny: GpkgStore) -> None:
    public = tiny.read_all(COLLECTIONS["villages"])
    assert [f.id for f in public] == ["my-dong"] and "contact_phone" not in public[0].properties
    private = tiny.read_all(COLLECTIONS["villages"], include_private=True)
    assert private[0].properties["contact_phone"] == "0000 000 000"
