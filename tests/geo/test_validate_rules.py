"""Record rules one at a time, on ``parse_feature`` directly: boundaries (text length, minimums, the Hải Phòng
extent's edge), NaN and NUL, multi-part geometries with a bad first part, PUT bodies without an id, and the
exact problem list and message a data steward reads."""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

import pytest

from geo.model.collections import COLLECTIONS
from geo.model.errors import InvalidFeature
from geo.records.validate import MAX_TEXT, check_extent, check_links, parse_feature, parse_geometry
from tests.support.records import BOWTIE, MY_DONG, tiny_records

VILLAGES, CLUSTERS, PROJECTS = COLLECTIONS["villages"], COLLECTIONS["clusters"], COLLECTIONS["projects"]
OUTSIDE = "lies outside Hải Phòng (lon 106.1–107.85, lat 20.0–21.3, CRS84)"


def village(**props: Any) -> dict[str, Any]:
    raw = copy.deepcopy(tiny_records()["villages"][0])
    raw["properties"].update(props)
    return raw


def problems(collection: Any, raw: Any, feature_id: str | None = None) -> list[dict[str, str]]:
    with pytest.raises(InvalidFeature) as info:
        parse_feature(collection, raw, feature_id)
    return list(info.value.errors)


def one(field: str, problem: str) -> list[dict[str, str]]:
    return [{"field": field, "problem": problem}]


def test_a_valid_village_keeps_every_field() -> None:
    f = parse_feature(VILLAGES, village())
    assert f.id == "my-dong"
    assert (f.geometry.geom_type, f.geometry.x, f.geometry.y) == ("Point", *MY_DONG)
    assert tuple(f.properties) == VILLAGES.field_names
    assert f.properties["establishments"] == 193 and f.properties["households"] is None


def test_every_problem_in_one_message_with_the_record_id() -> None:
    with pytest.raises(InvalidFeature) as info:
        parse_feature(VILLAGES, village(name=None, establishments=-1, colour="red"))
    assert info.value.detail == ("villages record my-dong: colour is not a property of villages; name is required; "
                                 "establishments must be ≥ 0")
    assert info.value.errors == [{"field": "colour", "problem": "is not a property of villages"},
                                 {"field": "name", "problem": "is required"},
                                 {"field": "establishments", "problem": "must be ≥ 0"}]


def test_a_record_without_any_id_is_named_as_such() -> None:
    raw = village(id=None)
    del raw["id"]
    with pytest.raises(InvalidFeature) as info:
        parse_feature(VILLAGES, raw)
    assert info.value.detail == "villages record (no id): id is required"


def test_not_a_feature() -> None:
    for raw in ({"type": "FeatureCollection"}, [], None):
        with pytest.raises(InvalidFeature) as info:
            parse_feature(VILLAGES, raw)
        assert info.value.detail == "The body must be a GeoJSON Feature."
        assert info.value.errors == one("type", "must be 'Feature'")


def test_properties_must_be_an_object() -> None:
    raw = village()
    raw["properties"] = ["name"]
    assert problems(VILLAGES, raw) == one("properties", "must be an object")


# -- ids: PUT bodies ---------------------------------------------------------------------------------

def test_put_body_without_an_id_takes_the_url_id() -> None:
    raw = village()
    del raw["id"], raw["properties"]["id"]
    f = parse_feature(VILLAGES, raw, "my-dong-2")
    assert f.id == "my-dong-2" and f.properties["id"] == "my-dong-2"


def test_put_body_with_another_id_is_refused() -> None:
    assert problems(VILLAGES, village(), "other") == one("id", "must be 'other' as in the URL")


def test_put_body_with_the_same_id_passes() -> None:
    assert parse_feature(VILLAGES, village(), "my-dong").id == "my-dong"


def test_feature_id_alone_is_the_id() -> None:
    raw = village()
    del raw["properties"]["id"]
    assert parse_feature(VILLAGES, raw).id == "my-dong"


def test_feature_id_and_properties_id_must_agree() -> None:
    raw = village()
    raw["id"] = "elsewhere"
    assert problems(VILLAGES, raw) == one("id", "the feature id and properties.id differ")


@pytest.mark.parametrize(("fid", "ok"), [
    ("a", True), ("a" * 100, True), ("a" * 101, False), ("v.my_dong-2", True), ("-a", False), (".a", False),
    ("bad id", False), ("Mỹ", False),
])
def test_id_syntax(fid: str, ok: bool) -> None:
    raw = village(id=fid)
    raw["id"] = fid
    if ok:
        assert parse_feature(VILLAGES, raw).id == fid
    else:
        assert problems(VILLAGES, raw) == one("id", "must be 1-100 letters, digits, '.', '_' or '-'")


# -- values --------------------------------------------------------------------------------------------

def test_text_length_limit_is_inclusive() -> None:
    assert parse_feature(VILLAGES, village(name="đ" * MAX_TEXT)).properties["name"] == "đ" * 10_000
    assert problems(VILLAGES, village(name="đ" * (MAX_TEXT + 1))) == one("name", "is longer than 10000 characters")


def test_nul_is_refused_in_text_and_array_items() -> None:
    assert problems(VILLAGES, village(name="Mỹ\x00Đồng")) == one("name", "must not contain a NUL character")


@pytest.mark.parametrize(("bad", "found"), [
    (float("nan"), ["must be a finite number"]), (float("inf"), ["must be a finite number"]),
    (float("-inf"), ["must be a finite number", "must be ≥ 0"]),
])
def test_non_finite_numbers_are_refused(bad: float, found: list[str]) -> None:
    raw = copy.deepcopy(tiny_records()["clusters"][0])
    raw["properties"]["planned_area_ha"] = bad
    assert problems(CLUSTERS, raw) == [{"field": "planned_area_ha", "problem": p} for p in found]


@pytest.mark.parametrize(("value", "ok"), [(0, True), (0.0, True), (-0.0001, False), (11.5, True)])
def test_minimum_is_inclusive(value: float, ok: bool) -> None:
    raw = copy.deepcopy(tiny_records()["clusters"][0])
    raw["properties"]["planned_area_ha"] = value
    if ok:
        assert parse_feature(CLUSTERS, raw).properties["planned_area_ha"] == value
    else:
        assert problems(CLUSTERS, raw) == one("planned_area_ha", "must be ≥ 0")


def test_year_minimum_and_booleans() -> None:
    assert parse_feature(VILLAGES, village(recognition_year=1900)).properties["recognition_year"] == 1900
    assert problems(VILLAGES, village(recognition_year=1899)) == one("recognition_year", "must be ≥ 1900")
    assert problems(VILLAGES, village(illustrative="yes")) == one("illustrative",
                                                                   "must be of type boolean, got str")
    assert problems(VILLAGES, village(output_tonnes_per_year=False))[0]["field"] == "output_tonnes_per_year"


@pytest.mark.parametrize(("day", "ok"), [
    ("2020-02-29", True), ("2019-02-29", False), ("2020-2-9", False), ("2020-02-29T00:00", False), ("", False),
])
def test_dates(day: str, ok: bool) -> None:
    raw = copy.deepcopy(tiny_records()["clusters"][0])
    raw["properties"]["status_date"] = day
    if ok:
        assert parse_feature(CLUSTERS, raw).properties["status_date"] == day
    else:
        assert problems(CLUSTERS, raw) == one("status_date", "must be a date YYYY-MM-DD")


def test_enum_and_array_items() -> None:
    assert problems(VILLAGES, village(craft_group="magic"))[0]["problem"].startswith("must be one of metal, ")
    assert problems(VILLAGES, village(crafts=["đúc", True, 3])) == [
        {"field": "crafts[1]", "problem": "must be of type string"},
        {"field": "crafts[2]", "problem": "must be of type string"}]


def test_empty_sources_and_text_normalised_inside_lists_and_objects() -> None:
    assert problems(VILLAGES, village(sources=[])) == one("sources", "must name at least one source")
    nfd = unicodedata.normalize("NFD", "đúc kim loại")
    f = parse_feature(VILLAGES, village(crafts=[nfd], name=unicodedata.normalize("NFD", "Mỹ Đồng")))
    assert f.properties["crafts"] == ["đúc kim loại"] and f.properties["name"] == "Mỹ Đồng"
    raw = copy.deepcopy(tiny_records()["projects"][0])
    raw["properties"]["components"] = [{"kind": "training", "description": nfd, "budget_vnd": 5}]
    component = parse_feature(PROJECTS, raw).properties["components"][0]
    assert component == {"kind": "training", "description": "đúc kim loại", "budget_vnd": 5}


# -- geometry --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("corner", [(106.10, 20.00), (107.85, 21.30), (106.10, 21.30), (107.85, 20.00)])
def test_a_point_on_the_extent_edge_is_inside(corner: tuple[float, float]) -> None:
    geom, found = parse_geometry(VILLAGES, {"type": "Point", "coordinates": list(corner)})
    assert found == [] and geom is not None and (geom.x, geom.y) == corner


@pytest.mark.parametrize("point", [(106.0999, 20.5), (107.8501, 20.5), (106.5, 19.9999), (106.5, 21.3001)])
def test_a_point_just_past_the_edge_is_outside(point: tuple[float, float]) -> None:
    assert parse_geometry(VILLAGES, {"type": "Point", "coordinates": list(point)}) == (None, one("geometry", OUTSIDE))


def test_swapped_coordinates_are_named() -> None:
    import shapely

    assert check_extent(shapely.Point(20.93895, 106.63284)) == one(
        "geometry", "coordinates look swapped: GeoJSON positions are [lon, lat], not [lat, lon]")
    assert check_extent(shapely.Point(21.30, 107.85)) == one(  # swapped, on the edge
        "geometry", "coordinates look swapped: GeoJSON positions are [lon, lat], not [lat, lon]")
    assert check_extent(shapely.Point(21.31, 106.5)) == one("geometry", OUTSIDE)  # swapped, lat 21.31 past 21.3


def _ring(lon: float, lat: float, d: float = 0.002) -> list[list[float]]:
    return [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]


GOOD = _ring(106.63, 20.91)


@pytest.mark.parametrize(("first", "problem"), [
    (GOOD[:-1], "a polygon ring is not closed (first and last positions differ)"),
    ([GOOD[0], GOOD[1], GOOD[0]], "a polygon ring needs at least 4 positions"),
    ([[106.63, "20.91"], *GOOD[1:]], "every position must be [lon, lat] numbers"),
    ([[106.63], *GOOD[1:]], "every position must be [lon, lat] numbers"),
    ([[106.63, True], *GOOD[1:]], "every position must be [lon, lat] numbers"),
    ([[106.63, float("nan")], *GOOD[1:]], "coordinates must be finite numbers"),
    ([[float("inf"), 20.91], *GOOD[1:]], "coordinates must be finite numbers"),
])
def test_multipolygon_with_a_bad_first_part(first: list[Any], problem: str) -> None:
    raw = {"type": "MultiPolygon", "coordinates": [[first], [_ring(106.64, 20.92)]]}
    assert parse_geometry(CLUSTERS, raw) == (None, one("geometry", problem))


def test_multipolygon_with_a_bad_last_part() -> None:
    raw = {"type": "MultiPolygon", "coordinates": [[GOOD], [_ring(106.64, 20.92)[:-1]]]}
    assert parse_geometry(CLUSTERS, raw)[1] == one("geometry",
                                                   "a polygon ring is not closed (first and last positions differ)")


def test_polygon_is_promoted_and_z_dropped() -> None:
    geom, found = parse_geometry(CLUSTERS, {"type": "Polygon", "coordinates": [[[*p, 5.0] for p in GOOD]]})
    assert found == [] and geom is not None
    assert geom.geom_type == "MultiPolygon" and len(geom.geoms) == 1 and not geom.has_z
    assert list(geom.geoms[0].exterior.coords) == [tuple(p) for p in GOOD]


def test_geometry_shapes_refused() -> None:
    assert parse_geometry(VILLAGES, None) == (None, one("geometry", "is required for villages"))
    assert parse_geometry(PROJECTS, None) == (None, [])
    bad_object = one("geometry", "must be a GeoJSON geometry object with type and coordinates")
    assert parse_geometry(VILLAGES, {"type": "Point"}) == (None, bad_object)
    assert parse_geometry(VILLAGES, "POINT (106.6 20.9)") == (None, bad_object)
    assert parse_geometry(VILLAGES, {"type": "Polygon", "coordinates": [GOOD]}) == (
        None, one("geometry", "must be a Point, got Polygon"))
    invalid = parse_geometry(CLUSTERS, {"type": "Polygon", "coordinates": BOWTIE["coordinates"]})
    assert invalid == (None, one("geometry", "is invalid: Self-intersection[106.61 20.91]"))
    assert parse_geometry(CLUSTERS, {"type": "MultiPolygon", "coordinates": []}) == (None, one("geometry",
                                                                                               "is empty"))


def test_links_each_missing_id_once() -> None:
    f = parse_feature(PROJECTS, tiny_records()["projects"][0])
    known = {("villages", "my-dong"), ("sources", "src-test")}
    assert check_links(PROJECTS, f, lambda c, i: (c, i) in known) == [
        {"field": "cluster_ids", "problem": "refers to 'kien-bai', which is not in clusters"}]
    v = parse_feature(VILLAGES, village())
    assert check_links(VILLAGES, v, lambda c, i: c == "sources") == [
        {"field": "commune_id", "problem": "refers to '11521', which is not in admin_units"}]


def test_a_single_polygon_is_checked_ring_by_ring() -> None:
    plots = COLLECTIONS["cluster_plots"]
    assert parse_geometry(plots, {"type": "Polygon", "coordinates": [GOOD[:-1]]}) == (
        None, one("geometry", "a polygon ring is not closed (first and last positions differ)"))
    assert parse_geometry(plots, {"type": "Polygon", "coordinates": [GOOD[:3]]}) == (
        None, one("geometry", "a polygon ring needs at least 4 positions"))


def test_geometry_without_a_type_or_unreadable() -> None:
    assert parse_geometry(VILLAGES, {"coordinates": [106.6, 20.9]}) == (
        None, one("geometry", "must be a GeoJSON geometry object with type and coordinates"))
    geom, found = parse_geometry(VILLAGES, {"type": "Point", "coordinates": [[106.6, 20.9], [106.7, 20.9]]})
    assert geom is None and [p["field"] for p in found] == ["geometry"]
    assert found[0]["problem"].startswith("cannot be read: ")


def test_swapped_on_the_southern_edge() -> None:
    import shapely

    # lat 20.0 given first is still recognised as swapped: the edge belongs to Hải Phòng
    assert check_extent(shapely.Point(20.0, 106.5))[0]["problem"].startswith("coordinates look swapped")
