from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pyogrio
import pytest
from geojson_pydantic import FeatureCollection

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.publish.export import csv_bytes, file_name, geojson_bytes, write_all
from geo.publish.provenance import collection_notes, licence_text
from geo.settings import ROOT
from geo.spatial import crs
from geo.store.gpkg.store import GpkgStore
from tests.support.records import MY_DONG, tiny_records

PRIVATE = "0000 000 00"  # the tiny data's contact_phone values start so


def test_geojson_validates_and_keeps_only_public_fields(tiny_store: GpkgStore) -> None:
    for cid in LOAD_ORDER:
        data = geojson_bytes(COLLECTIONS[cid], tiny_store.read_all(COLLECTIONS[cid]))
        doc = FeatureCollection.model_validate_json(data)
        assert len(doc.features) == len(tiny_records()[cid])
        assert b"contact_phone" not in data and PRIVATE.encode() not in data
        assert b"cm_version" not in data and b"cm_search" not in data


def test_geojson_in_vn2000_carries_its_crs(tiny_store: GpkgStore) -> None:
    villages = COLLECTIONS["villages"]
    data = orjson.loads(geojson_bytes(villages, tiny_store.read_all(villages), "EPSG:9210"))
    assert data["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::9210"
    x, y = data["features"][0]["geometry"]["coordinates"]
    assert 500_000 < x < 700_000 and 2_200_000 < y < 2_400_000  # metres on the TM-3 105°45' grid


def test_csv_has_bom_diacritics_wkt_and_lonlat(tiny_store: GpkgStore) -> None:
    data = csv_bytes(COLLECTIONS["villages"], tiny_store.read_all(COLLECTIONS["villages"]))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    (row,) = rows
    assert row["name"] == "Làng nghề đúc Mỹ Đồng"
    assert row["crafts"] == "đúc kim loại"
    assert row["wkt"].startswith("POINT (106.63284")
    assert (float(row["lon"]), float(row["lat"])) == MY_DONG
    assert "contact_phone" not in row
    projects = list(csv.DictReader(io.StringIO(
        csv_bytes(COLLECTIONS["projects"], tiny_store.read_all(COLLECTIONS["projects"])).decode("utf-8-sig"))))
    assert {p["id"]: p["wkt"] for p in projects}["p-unknown-place"] == ""


def test_write_all_gpkg_opens_with_every_layer(tiny_store: GpkgStore, tiny_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = {f.name for f in write_all(tiny_store, out, data_dir=tiny_data)}
    assert {"villages.geojson", "villages.csv", "craftmap.gpkg", "LICENCE.md", "sources.csv"} <= files
    layers = {name for name, _ in pyogrio.list_layers(out / "craftmap.gpkg")}
    assert layers == set(LOAD_ORDER)
    for cid in LOAD_ORDER:
        frame = pyogrio.read_dataframe(out / "craftmap.gpkg", layer=cid)
        assert len(frame) == len(tiny_records()[cid])
        assert "contact_phone" not in frame.columns
        assert not any(col.startswith("cm_") for col in frame.columns)
    assert PRIVATE.encode() not in (out / "craftmap.gpkg").read_bytes()
    info = pyogrio.read_info(out / "craftmap.gpkg", layer="projects")
    assert info["crs"] == "EPSG:4326"


def test_write_all_in_vn2000(tiny_store: GpkgStore, tmp_path: Path) -> None:
    files = write_all(tiny_store, tmp_path, "EPSG:9210")
    assert file_name("villages", "csv", "EPSG:9210") in {f.name for f in files}
    info = pyogrio.read_info(tmp_path / "craftmap-epsg9210.gpkg", layer="villages")
    assert info["crs"] == "EPSG:9210"


@pytest.mark.parametrize(("uri", "suffix"), [(crs.CRS84, ""), ("EPSG:9210", "-epsg9210")])
def test_file_names(uri: str, suffix: str) -> None:
    assert file_name("projects", "geojson", uri) == f"projects{suffix}.geojson"


def test_provenance_comes_from_the_data_readme() -> None:
    notes = collection_notes(ROOT / "data")
    assert set(LOAD_ORDER) <= set(notes)
    assert "MIT" in licence_text(ROOT / "data")
