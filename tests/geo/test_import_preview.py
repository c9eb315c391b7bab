"""The import's dry run (``geo.records.import_preview``) and the held uploads of the wizard
(``geo.records.import_uploads``): same findings as the import, nothing written; uploads private and expiring."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from geo.model.collections import ADMIN_UNITS, FACILITIES
from geo.model.errors import FeatureNotFound, ImportFailed, ReadOnlyCollection, UnsupportedCRS
from geo.records import import_uploads
from geo.records.import_preview import preview
from geo.records.importer import import_file
from geo.spatial import crs
from geo.store.gpkg.store import GpkgStore
from tests.geo.test_importer import POINTS, SOURCES, facilities_frame
from tests.support.stores import content_dump


def bad_geojson(folder: Path) -> Path:
    doc = orjson.loads(facilities_frame(4326).to_json())
    doc["features"][1]["properties"]["location_precision"] = "somewhere"
    doc["features"][2]["properties"]["id"] = "imp-0"  # repeats row 1
    path = folder / "bad.geojson"
    path.write_bytes(orjson.dumps(doc))
    return path


def test_preview_names_the_same_problems_as_the_import_and_writes_nothing(tiny_store: GpkgStore,
                                                                          tmp_path: Path) -> None:
    path = bad_geojson(tmp_path)
    before = content_dump(tiny_store.path)
    found = preview(path, FACILITIES, tiny_store, sources=SOURCES)
    assert content_dump(tiny_store.path) == before
    assert [(r.row, r.id, bool(r.problems)) for r in found.rows] == [(1, "imp-0", False), (2, "imp-1", True),
                                                                      (3, "imp-0", True)]
    assert (found.crs.uri, found.crs.how, found.format) == (crs.CRS84, "default", "geojson")
    with pytest.raises(ImportFailed) as failed:
        import_file(path, FACILITIES, tiny_store, actor="test", sources=SOURCES)
    assert [p for r in found.rows for p in r.problems] == failed.value.errors
    assert found.problems == len(failed.value.errors)


def test_how_the_crs_was_found(tiny_store: GpkgStore, tmp_path: Path) -> None:
    path = tmp_path / "xy.csv"
    path.write_text("id,name,sector,sources,location_precision,illustrative,x,y\n"
                    "imp-0,Xưởng,đúc,src-test,approximate,true,"
                    + ",".join(str(v) for v in facilities_frame(3405).geometry.iloc[0].coords[0]) + "\n",
                    encoding="utf-8")
    with pytest.raises(UnsupportedCRS):
        preview(path, FACILITIES, tiny_store, sources=SOURCES)
    given = preview(path, FACILITIES, tiny_store, sources=SOURCES, given_crs="EPSG:3405")
    assert (given.crs.uri, given.crs.how) == (crs.EPSG_URI.format(code=3405), "given")
    point = given.rows[0].geometry
    assert point is not None
    assert point["coordinates"] == [pytest.approx(POINTS[0][0], abs=1e-7), pytest.approx(POINTS[0][1], abs=1e-7)]
    gpkg = tmp_path / "in.gpkg"
    facilities_frame(9210).to_file(gpkg, layer="facilities", driver="GPKG")
    assert preview(gpkg, FACILITIES, tiny_store, sources=SOURCES).crs.how == "file"


def test_reference_data_cannot_be_previewed_for_import(tiny_store: GpkgStore, tmp_path: Path) -> None:
    with pytest.raises(ReadOnlyCollection):
        preview(bad_geojson(tmp_path), ADMIN_UNITS, tiny_store, sources=SOURCES)


def test_held_uploads_are_their_owners_and_expire(tmp_path: Path) -> None:
    with import_uploads.new_upload(".csv", {"owner": "ha", "collection": "facilities"}) as held:
        held.path.write_text("x", encoding="utf-8")
    assert import_uploads.get(held.id, "ha").path == held.path
    for upload_id, owner in ((held.id, "lan"), ("../../etc", "ha"), ("A" * 22, "ha")):
        with pytest.raises(FeatureNotFound):
            import_uploads.get(upload_id, owner)
    assert held.start() is True and held.start() is False  # one import per upload
    old = time.time() - import_uploads.MAX_AGE_S - 10
    os.utime(held.folder, (old, old))
    import_uploads.sweep()
    assert not held.folder.exists()
    with pytest.raises(FeatureNotFound):
        import_uploads.get(held.id, "ha")


def test_a_failed_upload_leaves_no_folder() -> None:
    with pytest.raises(ValueError), import_uploads.new_upload(".csv", {"owner": "ha"}) as held:
        raise ValueError("the copy failed")
    assert not held.folder.exists()
