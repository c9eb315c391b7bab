"""OGC API - Tiles on both stores: vector tiles decoded with mapbox-vector-tile and read by GDAL.

The tile of a village is computed here with the usual slippy-map formula, independently of
``geo.spatial.tiles``; expected features come from the tiny dataset.
"""

from __future__ import annotations

import math
from pathlib import Path

import httpx
import mapbox_vector_tile
import pyogrio
import pytest
from shapely.geometry import Point

from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.store.base import Store
from tests.support.records import tiny_records
from tests.support.servers import LiveServer

VILLAGES = COLLECTIONS["villages"]
Z = 12


def tile_of(lon: float, lat: float, z: int = Z) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def _first_village() -> tuple[str, float, float]:
    v = tiny_records()["villages"][0]
    lon, lat = v["geometry"]["coordinates"]
    return v["id"], lon, lat


def _tile_url(x: int, y: int, z: int = Z) -> str:
    return f"/collections/villages/tiles/WebMercatorQuad/{z}/{y}/{x}"


def _ids(body: bytes) -> list[str]:
    layers = mapbox_vector_tile.decode(body)
    return sorted(f["properties"]["id"] for f in layers.get("villages", {}).get("features", []))


def test_tile_holds_the_public_fields_of_its_features(store_live: LiveServer) -> None:
    vid, lon, lat = _first_village()
    x, y = tile_of(lon, lat)
    expected = sorted(r["id"] for r in tiny_records()["villages"]
                      if r["geometry"] and tile_of(*r["geometry"]["coordinates"]) == (x, y))
    with httpx.Client(base_url=store_live.url, timeout=30) as client:
        r = client.get(_tile_url(x, y))
        assert r.status_code == 200 and r.headers["content-type"] == "application/vnd.mapbox-vector-tile"
        assert vid in expected and _ids(r.content) == expected
        props = next(f["properties"] for f in mapbox_vector_tile.decode(r.content)["villages"]["features"])
        assert not set(props) & set(VILLAGES.private_names) and "name" in props
        far = client.get(_tile_url(0, 0, 3))
        assert far.status_code == 200 and far.content == b""
        filtered = client.get(_tile_url(x, y), params={"filter": f"id <> '{vid}'"})
        assert _ids(filtered.content) == [i for i in expected if i != vid]
        assert client.get(_tile_url(x, y), params={"id": vid}).status_code == 200
        assert _ids(client.get(_tile_url(x, y), params={"id": vid}).content) == [vid]


def test_a_write_is_in_the_next_tile(store_live: LiveServer, any_store: Store) -> None:
    _, lon, lat = _first_village()
    x, y = tile_of(lon, lat)
    with httpx.Client(base_url=store_live.url, timeout=30) as client:
        first = client.get(_tile_url(x, y))
        etag = first.headers["etag"]
        assert client.get(_tile_url(x, y), headers={"If-None-Match": etag}).status_code == 304
        template = any_store.get(VILLAGES, _first_village()[0], include_private=True)
        any_store.create(VILLAGES, Feature("v-new-tile", Point(lon + 1e-4, lat),
                                           {**template.properties, "id": "v-new-tile"}), actor="test")
        after = client.get(_tile_url(x, y), headers={"If-None-Match": etag})
        assert after.status_code == 200 and after.headers["etag"] != etag
        assert "v-new-tile" in _ids(after.content) and "v-new-tile" not in _ids(first.content)


@pytest.mark.parametrize("path", ["/collections/villages/tiles/WebMercatorQuad/3/8/0",
                                  "/collections/villages/tiles/WebMercatorQuad/25/0/0",
                                  "/collections/villages/tiles/WebMercatorQuad/2/0/-1"])
def test_tiles_outside_the_set_are_404_problems(tiny_live: LiveServer, path: str) -> None:
    r = httpx.get(tiny_live.url + path, timeout=30)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")


def test_tilesets_matrix_sets_and_conformance(tiny_live: LiveServer) -> None:
    with httpx.Client(base_url=tiny_live.url, timeout=30) as client:
        sets = client.get("/collections/villages/tiles").json()["tilesets"]
        template = next(li["href"] for li in sets[0]["links"] if li["rel"] == "item")
        assert template.endswith("/collections/villages/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}")
        tms = client.get("/tileMatrixSets/WebMercatorQuad").json()
        assert tms["tileMatrices"][2]["matrixWidth"] == 4
        assert abs(tms["tileMatrices"][0]["pointOfOrigin"][0] + 20037508.3427892) < 1e-3
        conf = client.get("/conformance").json()["conformsTo"]
        assert "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt" in conf
        paths = client.get("/openapi.json").json()["paths"]
        assert "/collections/{collection_id}/tiles/WebMercatorQuad/{tile_matrix}/{tile_row}/{tile_col}" in paths


def test_gdal_reads_a_downloaded_tile(tiny_live: LiveServer, tmp_path: Path) -> None:
    vid, lon, lat = _first_village()
    x, y = tile_of(lon, lat)
    body = httpx.get(tiny_live.url + _tile_url(x, y), timeout=30).content
    path = tmp_path / str(Z) / str(x) / f"{y}.pbf"
    path.parent.mkdir(parents=True)
    path.write_bytes(body)
    frame = pyogrio.read_dataframe(path, layer="villages")
    assert vid in set(frame["id"]) and "contact_phone" not in frame.columns
    r = 6378137.0  # GDAL georeferences the tile from z/x/y, in Web Mercator
    mercator = Point(r * math.radians(lon), r * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    assert min(g.distance(mercator) for g in frame.geometry) < 50
