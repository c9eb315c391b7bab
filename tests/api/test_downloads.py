from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import orjson
import pyogrio
import pytest
from geojson_pydantic import FeatureCollection

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.settings import ROOT
from tests.support.servers import LiveServer

DATA = ROOT / "data"


def raw_count(cid: str) -> int:
    return len(orjson.loads((DATA / f"{cid}.geojson").read_bytes())["features"])


def test_downloads_page_lists_every_file_with_provenance(http: httpx.Client) -> None:
    html = http.get("/downloads").text
    for cid in LOAD_ORDER:
        assert f'href="/downloads/{cid}.geojson"' in html and f'href="/downloads/{cid}.csv"' in html
        assert f'href="/downloads/{cid}.csv?crs=EPSG%3A9210"' in html
    assert 'href="/downloads/craftmap.gpkg"' in html
    assert "vietnam63" in html  # licence and credits from data/README.md
    assert "LICENCE.md" in html and "sources.csv" in html


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_geojson_validates(http: httpx.Client, cid: str) -> None:
    r = http.get(f"/downloads/{cid}.geojson")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/geo+json"
    assert f'filename="{cid}.geojson"' in r.headers["content-disposition"]
    doc = FeatureCollection.model_validate_json(r.content)
    assert len(doc.features) == raw_count(cid)


def test_csv_keeps_diacritics(http: httpx.Client) -> None:
    r = http.get("/downloads/villages.csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == raw_count("villages")
    assert any(row["name"] == "Làng nghề đúc Mỹ Đồng" for row in rows)
    assert all(row["wkt"].startswith("POINT") and row["lon"] and row["lat"] for row in rows)


def test_gpkg_opens_with_every_layer(http: httpx.Client, tmp_path: Path) -> None:
    r = http.get("/downloads/craftmap.gpkg")
    assert r.status_code == 200
    path = tmp_path / "craftmap.gpkg"
    path.write_bytes(r.content)
    assert {name for name, _ in pyogrio.list_layers(path)} == set(LOAD_ORDER)
    for cid in LOAD_ORDER:
        info = pyogrio.read_info(path, layer=cid)
        assert info["features"] == raw_count(cid)
        assert set(info["fields"]) == {f.name for f in COLLECTIONS[cid].public_fields}


def test_vn2000_option(http: httpx.Client) -> None:
    r = http.get("/downloads/projects.geojson", params={"crs": "EPSG:9210"})
    assert r.status_code == 200
    assert 'filename="projects-epsg9210.geojson"' in r.headers["content-disposition"]
    assert orjson.loads(r.content)["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::9210"


@pytest.mark.parametrize(("url", "status"), [
    ("/downloads/no_such_layer.geojson", 404),
    ("/downloads/villages.shp", 404),
    ("/downloads/villages.csv?crs=EPSG:1234", 400),
])
def test_bad_downloads(http: httpx.Client, url: str, status: int) -> None:
    r = http.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


def test_no_private_field_in_any_download(tiny_live: LiveServer) -> None:
    names = [f"{cid}.{ext}" for cid in LOAD_ORDER for ext in ("geojson", "csv")] + ["craftmap.gpkg"]
    with httpx.Client(base_url=tiny_live.url, timeout=30) as client:
        for name in names:
            for params in ({}, {"crs": "EPSG:9210"}):
                body = client.get(f"/downloads/{name}", params=params).content
                assert b"0000 000 00" not in body, name
                assert b"contact_phone" not in body, name
