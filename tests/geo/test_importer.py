"""Imports: every format and CRS, reprojection to CRS84, all-or-nothing, row-by-row reports."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import orjson
import pytest
import shapely

from geo.model.collections import ADMIN_UNITS, CLUSTER_PLOTS, FACILITIES
from geo.model.errors import DuplicateFeature, ImportFailed, MalformedBody, ReadOnlyCollection, UnsupportedCRS
from geo.records.importer import coerce, import_file
from geo.spatial import crs
from geo.store.gpkg.store import GpkgStore
from tests.support.records import KIEN_BAI, MY_DONG, feature
from tests.support.stores import content_dump

SOURCES = frozenset({"src-test"})
POINTS = [(106.631, 20.931), (106.632, 20.932), (106.633, 20.933)]


def run(path: Path, store: GpkgStore, collection: Any = FACILITIES, **kw: Any) -> int:
    return import_file(path, collection, store, actor="test", sources=SOURCES, **kw).count


def facilities_frame(epsg: int) -> gpd.GeoDataFrame:
    rows = [{"id": f"imp-{i}", "name": f"Xưởng {i}", "sector": "đúc", "sources": "src-test",
             "location_precision": "approximate", "illustrative": True, "workers": i * 10,
             "equipment": "CNC; máy tiện"} for i in range(len(POINTS))]
    frame = gpd.GeoDataFrame(rows, geometry=[shapely.Point(p) for p in POINTS], crs="EPSG:4326")
    return frame.to_crs(epsg=epsg)


def assert_imported(store: GpkgStore) -> None:
    for i, (lon, lat) in enumerate(POINTS):
        f = store.get(FACILITIES, f"imp-{i}")
        # a reprojection there and back (and the file format) move a point by noise only: 1e-8° is about 1 mm
        assert (f.geometry.x, f.geometry.y) == (pytest.approx(lon, abs=1e-8), pytest.approx(lat, abs=1e-8))
        assert f.properties["workers"] == i * 10
        assert f.properties["equipment"] == ["CNC", "máy tiện"]
        assert f.properties["sources"] == ["src-test"] and f.properties["illustrative"] is True
        assert f.version == 1
    assert store.history(FACILITIES, "imp-0")[0].actor == "test"


def test_geojson_in_crs84(tiny_store: GpkgStore, tmp_path: Path) -> None:
    path = tmp_path / "in.geojson"
    facilities_frame(4326).to_file(path, driver="GeoJSON")
    assert run(path, tiny_store) == 3
    assert_imported(tiny_store)


def test_geojson_declaring_vn2000_tm3(tiny_store: GpkgStore, tmp_path: Path) -> None:
    path = tmp_path / "in.geojson"
    doc = orjson.loads(facilities_frame(9210).to_json())
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9210"}}
    path.write_bytes(orjson.dumps(doc))
    assert run(path, tiny_store) == 3
    assert_imported(tiny_store)


def test_geopackage_in_vn2000_utm(tiny_store: GpkgStore, tmp_path: Path) -> None:
    path = tmp_path / "in.gpkg"
    facilities_frame(3405).to_file(path, layer="facilities", driver="GPKG")
    assert run(path, tiny_store) == 3
    assert_imported(tiny_store)


def test_zipped_shapefile_with_truncated_column_names(tiny_store: GpkgStore, tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    with warnings.catch_warnings():  # GDAL says it truncates names: that is what this test is about
        warnings.simplefilter("ignore")
        facilities_frame(9210).to_file(folder / "facilities.shp")
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in folder.iterdir():
            z.write(part, part.name)
    assert run(archive, tiny_store) == 3
    assert_imported(tiny_store)


def test_csv_with_lon_lat(tiny_store: GpkgStore, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    lines = ["id,name,sector,sources,location_precision,illustrative,workers,equipment,lon,lat"]
    lines += [f"imp-{i},Xưởng {i},đúc,src-test,approximate,true,{i * 10},CNC; máy tiện,{x},{y}"
              for i, (x, y) in enumerate(POINTS)]
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    assert run(path, tiny_store) == 3
    assert_imported(tiny_store)


def test_csv_with_vn2000_x_y_needs_the_crs(tiny_store: GpkgStore, tmp_path: Path) -> None:
    projected = crs.transform([shapely.Point(p) for p in POINTS], crs.CRS84, "EPSG:9210")
    path = tmp_path / "in.csv"
    lines = ["id,name,sector,sources,location_precision,illustrative,workers,equipment,x,y"]
    lines += [f"imp-{i},Xưởng {i},đúc,src-test,approximate,1,{i * 10},CNC|máy tiện,{g.x:.3f},{g.y:.3f}"
              for i, g in enumerate(projected)]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(UnsupportedCRS):
        run(path, tiny_store)
    assert run(path, tiny_store, given_crs="EPSG:9210") == 3
    assert_imported(tiny_store)


def test_unsupported_crs_is_refused(tiny_store: GpkgStore, tmp_path: Path) -> None:
    path = tmp_path / "in.gpkg"
    facilities_frame(3857).to_file(path, layer="facilities", driver="GPKG")
    with pytest.raises(UnsupportedCRS):
        run(path, tiny_store)


def test_one_bad_row_rejects_the_whole_file_with_a_report(tiny_store: GpkgStore, tmp_path: Path) -> None:
    before = content_dump(tiny_store.path)
    good = feature("facilities", "ok-1", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="A", sector="x")
    rows = [good,
            feature("facilities", "bad-1", {"type": "Point", "coordinates": [105.85, 21.03]}, name="B", sector="x"),
            feature("facilities", "bad-2", {"type": "Point", "coordinates": list(MY_DONG)}, name="C", sector="x",
                    workers="many", village_id="nowhere"),
            feature("facilities", "ok-1", {"type": "Point", "coordinates": list(MY_DONG)}, name="D", sector="x"),
            feature("facilities", "f-1", {"type": "Point", "coordinates": list(MY_DONG)}, name="E", sector="x")]
    path = tmp_path / "in.geojson"
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": rows}))
    with pytest.raises(ImportFailed) as caught:
        run(path, tiny_store)
    report = {(e["row"], e["field"]) for e in caught.value.errors}
    assert report == {(2, "geometry"), (3, "workers"), (3, "village_id"), (4, "id"), (5, "id")}
    assert "nothing was imported" in caught.value.detail
    assert content_dump(tiny_store.path) == before


def test_bad_files(tiny_store: GpkgStore, tmp_path: Path) -> None:
    (tmp_path / "a.geojson").write_text("{broken")
    (tmp_path / "b.kml").write_text("<kml/>")
    (tmp_path / "c.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(MalformedBody):
        run(tmp_path / "a.geojson", tiny_store)
    with pytest.raises(MalformedBody):
        run(tmp_path / "b.kml", tiny_store)
    with pytest.raises(ImportFailed):
        run(tmp_path / "c.geojson", tiny_store)
    with pytest.raises(ReadOnlyCollection):
        run(tmp_path / "c.geojson", tiny_store, collection=ADMIN_UNITS)


def test_polygons_get_their_area_computed(tiny_store: GpkgStore, tmp_path: Path) -> None:
    plot = shapely.box(KIEN_BAI[0] - 0.0004, KIEN_BAI[1] - 0.0004, KIEN_BAI[0] - 0.0001, KIEN_BAI[1] - 0.0001)
    frame = gpd.GeoDataFrame([{"id": "kb-9", "name": "Lô 9", "cluster_id": "kien-bai", "status": "leased",
                               "sources": "src-test", "location_precision": "digitized", "illustrative": "có",
                               "area_ha": 999.0}], geometry=[plot], crs="EPSG:4326").to_crs(epsg=9210)
    path = tmp_path / "plots.gpkg"
    frame.to_file(path, layer="anything", driver="GPKG")
    assert run(path, tiny_store, collection=CLUSTER_PLOTS) == 1
    stored = tiny_store.get(CLUSTER_PLOTS, "kb-9")
    assert stored.properties["area_ha"] == crs.area_ha(stored.geometry) != 999.0
    # Independently of geo.spatial.crs: the drawn box measured in VN-2000 / UTM 48N by geopandas.
    expected_ha = float(gpd.GeoSeries([plot], crs="EPSG:4326").to_crs(epsg=3405).area.iloc[0]) / 1e4
    assert stored.properties["area_ha"] == round(expected_ha, 2)  # the product shows hundredths of a ha
    assert stored.properties["illustrative"] is True


def test_create_many_is_one_transaction(tiny_store: GpkgStore) -> None:
    from geo.model.feature import Feature

    before = content_dump(tiny_store.path)
    new = [Feature(f"m-{i}", shapely.Point(KIEN_BAI), {"id": f"m-{i}", "name": "x", "sector": "x",
                                                         "sources": ["src-test"], "location_precision": "approximate",
                                                         "illustrative": False}) for i in range(2500)]
    clash = Feature("f-1", shapely.Point(KIEN_BAI), {**new[0].properties, "id": "f-1"})
    with pytest.raises(DuplicateFeature):
        tiny_store.create_many(FACILITIES, [*new, clash], "test")
    assert content_dump(tiny_store.path) == before


@pytest.mark.parametrize(("field", "cell", "expected"), [
    ("workers", "12", 12), ("workers", 12.0, 12), ("workers", "", None), ("workers", "twelve", "twelve"),
    ("floor_area_m2", "12,5", 12.5), ("illustrative", "Có", True), ("illustrative", "false", False),
    ("illustrative", 1, True), ("equipment", "a; b |c", ["a", "b", "c"]), ("equipment", '["a"]', ["a"]),
    ("name", "  Mỹ Đồng ", "Mỹ Đồng"), ("founded_year", float("nan"), None),
])
def test_coerce_cells(field: str, cell: Any, expected: Any) -> None:
    assert coerce(FACILITIES.field(field), cell) == expected
