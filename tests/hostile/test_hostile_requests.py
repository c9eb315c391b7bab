"""Hostile requests against every endpoint family on both stores: never a 5xx, never a hang, and a refused
write leaves the store's content digest unchanged. Beyond tests/api/test_bad_inputs.py: the budgets."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import orjson
import pytest

from tests.support.editing import EditEnv

GJ = {"Content-Type": "application/geo+json"}
MERGE = {"Content-Type": "application/merge-patch+json", "If-Match": '"1"'}
CSV = {"Content-Type": "text/csv"}
ZIP = {"Content-Type": "application/zip"}
TIME_BUDGET_S = 10.0


def deep(levels: int) -> str:
    """JSON text nested ``levels`` deep (more than orjson writes, less than it reads)."""
    return '{"a":' * levels + "1" + "}" * levels


def with_deep(doc: dict[str, Any], where: str, levels: int) -> bytes:
    return orjson.dumps(doc).replace(f'"{where}":null'.encode(), f'"{where}":{deep(levels)}'.encode())


def bomb() -> bytes:
    """A zip whose one member inflates 1,000-fold (a small upload asking for a lot of memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("facilities.shp", b"\0" * 5_000_000)
        z.writestr("facilities.dbf", b"\0" * 100)
    return buf.getvalue()


def project(**props: Any) -> dict[str, Any]:
    p = {"id": "p-hostile", "title": "Đề án", "programme": "local", "kind": "project", "sources": ["src-test"],
         "location_precision": "unknown", "illustrative": True, **props}
    return {"type": "Feature", "geometry": None, "properties": p}


def source(**props: Any) -> dict[str, Any]:
    p = {"id": "ps-hostile", "name": "Nguồn", "commune_id": "11521", "severity": "low", "sources": ["src-test"],
         "location_precision": "approximate", "illustrative": True, **props}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.633, 20.939]}, "properties": p}


ORS = " OR ".join(f"id='v-{i:04d}'" for i in range(120))
NOTS = "NOT (" * 40 + "name='x'" + ")" * 40
JSON_DEEP = '{"op":"=","args":[{"property":"name"},"x"]}'
for _ in range(450):
    JSON_DEEP = '{"op":"not","args":[' + JSON_DEEP + "]}"
ITEMS = "/collections/villages/items"

READS: list[tuple[str, str]] = [
    ("filter-120-ors", f"{ITEMS}?filter={ORS}"),
    ("filter-40-nots", f"{ITEMS}?filter={NOTS}"),
    ("filter-json-450-deep", f"{ITEMS}?filter-lang=cql2-json&filter={JSON_DEEP}"),
    ("filter-long-number", f"{ITEMS}?filter=households={'9' * 5000}"),
    ("filter-int65", f"{ITEMS}?filter=households={2**64}"),
    ("filter-denormal", f"{ITEMS}?filter=output_tonnes_per_year/5e-324 > 1"),
    ("filter-hour-25", "/collections/pollution_sources/items?filter=assessment_date T_AFTER "
                       "TIMESTAMP('2020-01-01T25:00:00Z')"),
    ("sortby-200", f"{ITEMS}?sortby=" + ",".join(["name"] * 200)),
    ("sortby-65-distinct", f"{ITEMS}?sortby=" + ",".join(["name", "-id"] * 33)),
    ("limit-5000-digits", f"{ITEMS}?limit={'9' * 5000}"),
    ("offset-5000-digits", f"{ITEMS}?offset={'9' * 5000}"),
    ("property-5000-digits", f"{ITEMS}?households={'9' * 5000}"),
    ("property-denormal", f"{ITEMS}?output_tonnes_per_year=5e-324"),
    ("datetime-month-99", f"{ITEMS}?datetime=2020-99-01"),
    ("datetime-hour-25", "/collections/projects/items?datetime=2020-01-01T25:00:00Z"),
    ("datetime-interval-bad", "/collections/projects/items?datetime=2020-01-01/2020-13-01"),
    ("bbox-huge", f"{ITEMS}?bbox=-1e308,-1e308,1e308,1e308"),
    ("search-limit-digits", f"/search?q=đúc&limit={'9' * 5000}"),
    ("transparency-year-digits", f"/transparency?year={'9' * 5000}"),
    ("pollution-distance-denormal", "/pollution?distance_km=5e-324"),
    ("pollution-distance-nan", "/pollution?distance_km=nan"),
    ("site-search-nan", "/analysis/site-search?area_ha=nan&lon=106.63&lat=20.93"),
    ("site-search-denormal", "/analysis/site-search?area_ha=5e-324&lon=106.63&lat=20.93"),
    ("site-search-inf", "/analysis/site-search?area_m2=inf&lon=106.63&lat=20.93"),
    ("relocation-denormal", "/analysis/relocation?village=my-dong&workshop_m2=5e-324"),
    ("capacity-csv-formula", "/capacity?f=csv&district==cmd"),
    ("download-traversal", "/downloads/..%2F..%2Fetc%2Fpasswd"),
    ("history-deep-path", "/collections/villages/items/" + "a" * 5000 + "/history"),
    ("map-unknown", "/maps/" + "x" * 3000),
    ("audit-no-token", "/audit"),
]


@pytest.mark.parametrize("path", [r[1] for r in READS], ids=[r[0] for r in READS])
def test_hostile_reads_are_never_a_server_error(env: EditEnv, path: str) -> None:
    with env.client() as client:
        start = time.monotonic()
        response = client.get(path)
        took = time.monotonic() - start
    assert response.status_code < 500, response.text[:300]
    assert took < TIME_BUDGET_S
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), response.text[:200]


WRITES: list[tuple[str, str, str, dict[str, Any], int]] = [
    ("body-300-deep", "POST", "/collections/projects/items", {"content": with_deep(
        project(description=None), "description", 300), "headers": GJ}, 400),
    ("patch-600-deep", "PATCH", "/collections/projects/items/p-pilot", {"content": with_deep(
        {"properties": {"description": None}}, "description", 600), "headers": MERGE}, 400),
    ("int-65-bits", "POST", "/collections/projects/items", {"json": project(budget_total_vnd=2**64), "headers": GJ},
     422),
    ("denormal", "POST", "/collections/pollution_sources/items", {"json": source(measurements=[
        {"parameter": "PM10", "value": 1e300, "standard_value": 5e-324}]), "headers": GJ}, 422),
    ("date-month-99", "POST", "/collections/pollution_sources/items", {"json": source(
        assessment_date="2020-99-01"), "headers": GJ}, 422),
    ("components-strings", "POST", "/collections/projects/items", {"json": project(components=["training"]),
                                                                    "headers": GJ}, 422),
    ("components-list-kind", "POST", "/collections/projects/items", {"json": project(components=[
        {"kind": ["training"], "budget_vnd": "many"}]), "headers": GJ}, 422),
    ("measurement-object-method", "POST", "/collections/pollution_sources/items", {"json": source(measurements=[
        {"parameter": "PM10", "method": {"x": 1}, "value": "high"}]), "headers": GJ}, 422),
    ("csv-huge-field", "POST", "/collections/facilities/import", {"content": (
        "id,name,lon,lat\nf-x," + "a" * 200_000 + ",106.63,20.93\n").encode(), "headers": CSV}, 400),
    ("geojson-crs-list", "POST", "/collections/facilities/import", {"json": {
        "type": "FeatureCollection", "crs": {"type": "name", "properties": ["EPSG:4326"]}, "features": []},
        "headers": GJ}, 422),
    ("geojson-crs-string", "POST", "/collections/facilities/import", {"json": {
        "type": "FeatureCollection", "crs": "EPSG:4326", "features": []}, "headers": GJ}, 422),
    ("zip-bomb", "POST", "/collections/facilities/import", {"content": bomb(), "headers": ZIP}, 400),
    ("zip-truncated-shp", "POST", "/collections/facilities/import", {"content": bomb()[:-200], "headers": ZIP}, 400),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), [w[1:] for w in WRITES], ids=[w[0] for w in WRITES])
def test_hostile_writes_are_refused_and_change_nothing(env: EditEnv, method: str, path: str,
                                                       kwargs: dict[str, Any], status: int) -> None:
    before = env.dump()
    with env.client(env.editor) as client:
        response = client.request(method, path, **kwargs)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "/tmp/" not in response.text and "craftmap-upload" not in response.text
    assert env.dump() == before


def test_a_gpkg_view_layer_is_refused(env: EditEnv, tmp_path: Any) -> None:
    import sqlite3

    path = tmp_path / "view.gpkg"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE t(id TEXT); CREATE VIEW facilities AS SELECT * FROM t;")
    conn.close()
    before = env.dump()
    with env.client(env.editor) as client:
        response = client.post("/collections/facilities/import", content=path.read_bytes(),
                               headers={"Content-Type": "application/geopackage+sqlite3"})
    assert 400 <= response.status_code < 500, response.text[:300]
    assert "/tmp/" not in response.text
    assert env.dump() == before


def test_downloads_neutralise_formula_cells(env: EditEnv) -> None:
    formula = "=HYPERLINK(\"http://example.invalid\")"
    with env.client(env.editor) as client:
        created = client.post("/collections/projects/items", json=project(id="p-formula", title=formula,
                                                                           outcome="+1", description="@SUM(A1)"),
                              headers=GJ)
        assert created.status_code == 201, created.text
        text = client.get("/downloads/projects.csv").content.decode("utf-8-sig")
        deleted = client.delete("/collections/projects/items/p-formula", headers={"If-Match": created.headers["ETag"]})
    assert deleted.status_code in (200, 204)
    assert "'" + formula.replace('"', '""') in text and ",'+1," in text and "'@SUM(A1)" in text
    assert "\n=" not in text and ",=" not in text and ",@" not in text


REFUSED: list[tuple[str, str, str]] = [
    ("datetime-month-99", f"{ITEMS}?datetime=2020-99-01", "datetime"),
    ("datetime-hour-25", "/collections/projects/items?datetime=2020-01-01T25:00:00Z", "datetime"),
    ("datetime-day-31-april", "/collections/projects/items?datetime=2020-04-31/..", "datetime"),
    ("sortby-over-budget", f"{ITEMS}?sortby=" + ",".join(["name"] * 9), "CRAFTMAP_MAX_SORTBY_TERMS"),
    ("filter-over-depth", f"{ITEMS}?filter={NOTS}", "CRAFTMAP_MAX_FILTER_DEPTH"),
    ("limit-digits", f"{ITEMS}?limit={'9' * 5000}", "CRAFTMAP_MAX_NUMBER_DIGITS"),
    ("property-int65", f"{ITEMS}?households={2**64}", "64-bit"),
]


@pytest.mark.parametrize(("path", "named"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_over_budget_and_impossible_values_are_400_naming_the_limit(env: EditEnv, path: str, named: str) -> None:
    with env.client() as client:
        response = client.get(path)
    assert response.status_code == 400, response.text[:300]
    assert named in response.json()["detail"]
