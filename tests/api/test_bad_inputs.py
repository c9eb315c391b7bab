"""A table of bad writes: each gets the right 4xx problem+json and leaves the store's content unchanged."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.support.editing import EditEnv, edit_env
from tests.support.records import BOWTIE, HANOI, KIEN_BAI, SWAPPED, UNCLOSED, feature, square
from tests.support.stores import STORE_KINDS

GJ = {"Content-Type": "application/geo+json"}
MERGE = {"Content-Type": "application/merge-patch+json"}
MAX_BODY = 100_000


@pytest.fixture(scope="module", params=STORE_KINDS)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditEnv]:
    """One writable tiny store per store kind, shared by the whole table (nothing may change it)."""
    database_url = request.getfixturevalue("postgis_cluster").new_database() if request.param == "postgis" else None
    with edit_env(tmp_path_factory.mktemp("bad"), database_url, max_body_bytes=MAX_BODY,
                  max_upload_bytes=MAX_BODY) as e:
        yield e


def facility(**props: Any) -> dict[str, Any]:
    f = feature("facilities", "f-new", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="Xưởng mới",
                sector="đúc", cluster_id="kien-bai")
    f["properties"].update(props)
    f["id"] = f["properties"]["id"]
    return f


def with_geometry(geometry: Any) -> dict[str, Any]:
    f = facility()
    f["geometry"] = geometry
    return f


def plot(geometry: Any) -> dict[str, Any]:
    return feature("cluster_plots", "kb-new", geometry, name="Lô mới", cluster_id="kien-bai", status="free")


def raw(body: bytes, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {"content": body, "headers": GJ if headers is None else headers}


def js(body: Any, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return raw(orjson.dumps(body), headers)


def zipped(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, data)
    return buf.getvalue()


POST = ("POST", "/collections/facilities/items")
PUT = ("PUT", "/collections/facilities/items/f-1")
PATCH = ("PATCH", "/collections/facilities/items/f-1")
IMPORT = ("POST", "/collections/facilities/import")
V1 = {"If-Match": '"1"'}
swapped_id = copy.deepcopy(facility())
swapped_id["id"] = "f-other"

# (case id, (method, path), request kwargs, expected status, a field the problem must name or None)
CASES: list[tuple[str, tuple[str, str], dict[str, Any], int, str | None]] = [
    # malformed JSON → 400
    ("json-truncated", POST, raw(b'{"type": "Feature", '), 400, None),
    ("json-garbage", POST, raw(b"not json at all"), 400, None),
    ("json-trailing-comma", POST, raw(b'{"type": "Feature",}'), 400, None),
    ("json-empty-body", POST, raw(b""), 400, None),
    ("json-nan-literal", POST, raw(b'{"type": "Feature", "geometry": NaN}'), 400, None),
    ("json-invalid-utf8", POST, raw(b'{"type": "Feature", "id": "\xff\xfe"}'), 400, None),
    # content type → 415
    ("type-text-plain", POST, js(facility(), {"Content-Type": "text/plain"}), 415, None),
    ("type-xml", POST, js(facility(), {"Content-Type": "application/xml"}), 415, None),
    ("type-missing", POST, js(facility(), {}), 415, None),
    ("type-form", POST, js(facility(), {"Content-Type": "application/x-www-form-urlencoded"}), 415, None),
    ("type-html", PUT, js(facility(), {"Content-Type": "text/html", **V1}), 415, None),
    # structure and types → 422
    ("body-array", POST, js([facility()]), 422, "type"),
    ("body-string", POST, js("Feature"), 422, "type"),
    ("body-featurecollection", POST, js({"type": "FeatureCollection", "features": [facility()]}), 422, "type"),
    ("properties-string", POST, js({**facility(), "properties": "name=x"}), 422, "properties"),
    ("properties-missing", POST, js({"type": "Feature", "geometry": facility()["geometry"]}), 422, "properties"),
    ("workers-text", POST, js(facility(workers="many")), 422, "workers"),
    ("workers-boolean", POST, js(facility(workers=True)), 422, "workers"),
    ("workers-negative", POST, js(facility(workers=-5)), 422, "workers"),
    ("founded-too-early", POST, js(facility(founded_year=1700)), 422, "founded_year"),
    ("founded-float", POST, js(facility(founded_year=1999.5)), 422, "founded_year"),
    ("name-number", POST, js(facility(name=123)), 422, "name"),
    ("name-missing", POST, js(facility(name=None)), 422, "name"),
    ("name-too-long", POST, js(facility(name="x" * 10_001)), 422, "name"),
    ("equipment-string", POST, js(facility(equipment="CNC")), 422, "equipment"),
    ("equipment-numbers", POST, js(facility(equipment=[1, 2])), 422, "equipment[0]"),
    ("sources-empty", POST, js(facility(sources=[])), 422, "sources"),
    ("sources-unknown", POST, js(facility(sources=["no-such-source"])), 422, "sources"),
    ("village-dangling", POST, js(facility(village_id="no-village")), 422, "village_id"),
    ("cluster-dangling", POST, js(facility(cluster_id="nowhere")), 422, "cluster_id"),
    ("precision-enum", POST, js(facility(location_precision="exact")), 422, "location_precision"),
    ("illustrative-text", POST, js(facility(illustrative="yes")), 422, "illustrative"),
    ("unknown-property", POST, js(facility(colour="red")), 422, "colour"),
    ("private-wrong-type", POST, js(facility(contact_phone=912345678)), 422, "contact_phone"),
    # injection attempts in ids and fields
    ("id-sql-injection", POST, js(facility(id="x'; DROP TABLE facilities;--")), 422, "id"),
    ("id-or-true", POST, js(facility(id="1 OR 1=1")), 422, "id"),
    ("id-path-traversal", POST, js(facility(id="../../etc/passwd")), 422, "id"),
    ("id-cql2", POST, js(facility(id="f-1' OR id LIKE '%")), 422, "id"),
    ("id-mismatch", POST, js({**facility(), "id": "other"}), 422, "id"),
    ("put-url-sql", ("PUT", "/collections/facilities/items/x' OR '1'='1"), js(facility(id=None), {**GJ, **V1}),
     404, None),
    ("put-url-cql2", ("PUT", "/collections/facilities/items/f-1 OR id LIKE '%'"), js(facility(), {**GJ, **V1}),
     404, None),
    ("delete-collection-sql", ("DELETE", "/collections/facilities; DROP TABLE villages/items/f-1"),
     {"headers": V1}, 404, None),
    ("put-id-differs", PUT, js(facility(id="f-2"), {**GJ, **V1}), 422, "id"),
    ("put-missing-feature", ("PUT", "/collections/facilities/items/nope"), js(facility(id=None), {**GJ, **V1}),
     404, None),
    # geometry → 422
    ("geometry-null", POST, js(with_geometry(None)), 422, "geometry"),
    ("geometry-polygon-for-point", POST, js(with_geometry(square(*KIEN_BAI))), 422, "geometry"),
    ("geometry-empty-coords", POST, js(with_geometry({"type": "Point", "coordinates": []})), 422, "geometry"),
    ("geometry-string-coords", POST, js(with_geometry({"type": "Point", "coordinates": ["106.6", "20.9"]})),
     422, "geometry"),
    ("geometry-one-number", POST, js(with_geometry({"type": "Point", "coordinates": [106.6]})), 422, "geometry"),
    ("geometry-no-coordinates", POST, js(with_geometry({"type": "Point"})), 422, "geometry"),
    ("geometry-circle", POST, js(with_geometry({"type": "Circle", "coordinates": [106.6, 20.9]})), 422,
     "geometry"),
    ("geometry-swapped", POST, js(with_geometry(SWAPPED)), 422, "geometry"),
    ("geometry-hanoi", POST, js(with_geometry(HANOI)), 422, "geometry"),
    ("geometry-null-island", POST, js(with_geometry({"type": "Point", "coordinates": [0, 0]})), 422, "geometry"),
    ("polygon-unclosed", ("POST", "/collections/cluster_plots/items"), js(plot(UNCLOSED)), 422, "geometry"),
    ("polygon-bowtie", ("POST", "/collections/cluster_plots/items"), js(plot(BOWTIE)), 422, "geometry"),
    ("polygon-empty", ("POST", "/collections/cluster_plots/items"),
     js(plot({"type": "Polygon", "coordinates": []})), 422, "geometry"),
    ("polygon-three-positions", ("POST", "/collections/cluster_plots/items"),
     js(plot({"type": "Polygon", "coordinates": [[[106.6, 20.9], [106.61, 20.9], [106.6, 20.9]]]})), 422,
     "geometry"),
    ("polygon-in-hanoi", ("POST", "/collections/cluster_plots/items"), js(plot(square(105.85, 21.03))), 422,
     "geometry"),
    # CRS
    ("crs-unknown-header", POST, js(facility(), {**GJ, "Content-Crs": "<http://www.opengis.net/def/crs/EPSG/0/9999>"}),
     400, None),
    ("crs-unknown-query", ("POST", "/collections/facilities/items?crs=urn:bogus"), js(facility()), 400, None),
    ("crs-lonlat-declared-as-vn2000", POST, js(facility(), {**GJ, "Content-Crs": "EPSG:3405"}), 422, "geometry"),
    ("crs-4326-lonlat-order", POST, js(facility(), {**GJ, "Content-Crs": "EPSG:4326"}), 422, "geometry"),
    # size → 413
    ("oversize-body", POST, js(facility(notes="x" * (MAX_BODY + 10))), 413, None),
    ("oversize-upload", IMPORT, raw(b"lon,lat\n" + b"1,2\n" * MAX_BODY, {"Content-Type": "text/csv"}), 413, None),
    # locking and methods
    ("put-no-if-match", PUT, js(facility(id="f-1")), 428, None),
    ("patch-no-if-match", PATCH, js({"properties": {"workers": 3}}, MERGE), 428, None),
    ("delete-no-if-match", ("DELETE", "/collections/facilities/items/f-1"), {}, 428, None),
    ("patch-if-match-star", PATCH, js({"properties": {"workers": 3}}, {**MERGE, "If-Match": "*"}), 428, None),
    ("patch-stale", PATCH, js({"properties": {"workers": 3}}, {**MERGE, "If-Match": '"7"'}), 412, None),
    ("patch-weak-tag", PATCH, js({"properties": {"workers": 3}}, {**MERGE, "If-Match": 'W/"1"'}), 412, None),
    ("patch-garbage-tag", PATCH, js({"properties": {"workers": 3}}, {**MERGE, "If-Match": "abc"}), 412, None),
    ("delete-stale", ("DELETE", "/collections/facilities/items/f-1"), {"headers": {"If-Match": '"2"'}}, 412, None),
    ("patch-array-body", PATCH, js([{"op": "replace"}], {**MERGE, **V1}), 422, None),
    ("patch-remove-required", PATCH, js({"properties": {"name": None}}, {**MERGE, **V1}), 422, "name"),
    ("patch-swapped-geometry", PATCH, js({"geometry": SWAPPED}, {**MERGE, **V1}), 422, "geometry"),
    ("patch-change-id", PATCH, js({"properties": {"id": "f-9"}}, {**MERGE, **V1}), 422, "id"),
    ("post-duplicate-id", POST, js(facility(id="f-1")), 409, None),
    ("delete-referenced", ("DELETE", "/collections/villages/items/my-dong"), {"headers": V1}, 409, None),
    ("post-read-only-collection", ("POST", "/collections/admin_units/items"), js(facility()), 405, None),
    ("post-unknown-collection", ("POST", "/collections/nope/items"), js(facility()), 404, None),
    # uploads
    ("upload-wrong-type", IMPORT, raw(b"<kml/>", {"Content-Type": "application/vnd.google-earth.kml+xml"}), 415,
     None),
    ("upload-bad-zip", IMPORT, raw(b"PK\x03\x04 broken", {"Content-Type": "application/zip"}), 400, None),
    ("upload-zip-without-shp", IMPORT, raw(zipped("readme.txt", b"hi"), {"Content-Type": "application/zip"}), 400,
     None),
    ("upload-csv-without-coordinates", IMPORT, raw(b"id,name\nf-9,X\n", {"Content-Type": "text/csv"}), 400, None),
    ("upload-csv-bad-rows", IMPORT, raw(
        "id,name,sector,sources,location_precision,illustrative,lon,lat\n"
        "f-9,Xưởng,đúc,src-test,approximate,true,106.63,20.93\n"
        "f-10,Xưởng,đúc,src-test,approximate,true,105.85,21.03\n".encode(), {"Content-Type": "text/csv"}),
     422, "geometry"),
    ("upload-geojson-unknown-crs", IMPORT, js({"type": "FeatureCollection", "crs": {
        "type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2000"}}, "features": [facility()]}), 400, None),
]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 50
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("method_path", "kwargs", "status", "field"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_is_refused_and_changes_nothing(env: EditEnv, method_path: tuple[str, str],
                                                  kwargs: dict[str, Any], status: int, field: str | None) -> None:
    method, path = method_path
    before = env.dump()
    with env.client(env.editor) as client:
        response = client.request(method, path, **kwargs)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem.get("detail")
    if field is not None:
        assert field in [e["field"] for e in problem.get("errors", [])], problem
    assert env.dump() == before


def test_html_in_text_fields_is_data_not_an_error(env: EditEnv, tmp_path: Path) -> None:
    """Markup in a name is valid text: stored verbatim, returned as JSON text, escaped on HTML pages."""
    name = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"
    with env.client(env.editor) as client:
        created = client.post("/collections/facilities/items", json=facility(id="f-html", name=name),
                              headers=GJ)
        assert created.status_code == 201, created.text
        assert client.get("/collections/facilities/items/f-html").json()["properties"]["name"] == name
        page = client.get("/collections/facilities/items/f-html/history?f=html").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
