"""OGC API - Features Part 1 over a real uvicorn: landing, conformance, collections, items, paging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from geojson_pydantic import Feature, FeatureCollection

from api.settings import ServerSettings
from api.urls import OPENAPI
from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.store.gpkg.store import GpkgStore
from tests.support.responses import ids
from tests.support.servers import tiny_client


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with tiny_client(tmp_path_factory.mktemp("core"), max_limit=50) as client:
        yield client


def rels(doc: dict) -> dict[str, dict]:
    return {link["rel"]: link for link in doc["links"]}


def test_landing_links_what_ogc_clients_follow(tiny: httpx.Client) -> None:
    r = tiny.get("/", headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("application/json")
    links = rels(r.json())
    assert {"self", "service-desc", "service-doc", "conformance", "data"} <= set(links)
    assert links["service-desc"]["type"] == OPENAPI
    api = tiny.get(links["service-desc"]["href"])
    assert api.headers["content-type"] == OPENAPI
    assert "/collections/{collection_id}/items" in api.json()["paths"]


def test_conformance_declares_the_parts_served(tiny: httpx.Client) -> None:
    classes = set(tiny.get("/conformance").json()["conformsTo"])
    for needed in ("ogcapi-features-1/1.0/conf/core", "ogcapi-features-1/1.0/conf/geojson",
                   "ogcapi-features-2/1.0/conf/crs", "ogcapi-features-3/1.0/conf/filter",
                   "cql2/1.0/conf/accent-insensitive-comparison"):
        assert f"http://www.opengis.net/spec/{needed}" in classes


def test_collection_documents_are_ogc_shaped(tiny: httpx.Client) -> None:
    docs = tiny.get("/collections").json()["collections"]
    assert [d["id"] for d in docs] == list(COLLECTIONS)
    for doc in docs:
        assert doc["itemType"] == "feature"
        bbox = doc["extent"]["spatial"]["bbox"][0]
        assert len(bbox) == 4 and bbox[0] < bbox[2] and bbox[1] < bbox[3]
        assert "http://www.opengis.net/def/crs/EPSG/0/9210" in doc["crs"]
        assert doc["storageCrs"] == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
        links = rels(doc)
        assert links["items"]["type"] == "application/geo+json"
        assert "http://www.opengis.net/def/rel/ogc/1.0/queryables" in links
    pollution = tiny.get("/collections/pollution_sources").json()
    assert pollution["extent"]["temporal"]["interval"] == [["2020-06-01T00:00:00Z", "2020-06-01T23:59:59Z"]]


def test_items_validate_against_the_geojson_model(tiny: httpx.Client) -> None:
    body = tiny.get("/collections/villages/items").json()
    fc = FeatureCollection.model_validate(body)
    assert [f.id for f in fc.features] == ["my-dong"]
    assert body["numberMatched"] == body["numberReturned"] == 1
    assert "contact_phone" not in fc.features[0].properties  # private field never leaves the server


def test_one_item_has_links_and_etag(tiny: httpx.Client) -> None:
    r = tiny.get("/collections/facilities/items/f-1")
    feature = Feature.model_validate(r.json())
    assert feature.id == "f-1"
    assert r.headers["etag"] == '"1"'
    assert {"self", "collection"} <= set(rels(r.json()))


def test_paging_follows_typed_next_links_to_the_end(tiny: httpx.Client) -> None:
    seen, url, pages = [], "/collections/admin_units/items?limit=1", 0
    while url:
        page = tiny.get(url).json()
        seen += [f["id"] for f in page["features"]]
        links = rels(page)
        assert links["self"]["type"] == "application/geo+json"
        if pages:
            assert links["prev"]["type"] == "application/geo+json"
        url = links["next"]["href"] if "next" in links else ""
        pages += 1
    assert sorted(seen) == ["11521", "311"] and pages == 2


def test_limit_above_the_maximum_is_clamped_not_refused(tmp_path: Path) -> None:
    with tiny_client(tmp_path, max_limit=1, default_limit=1) as client:
        body = client.get("/collections/admin_units/items", params={"limit": 1000}).json()
    assert body["numberReturned"] == 1 and body["numberMatched"] == 2
    assert "limit=1&" in rels(body)["next"]["href"] + "&"


def test_offset_bbox_datetime_and_property_filters(tiny: httpx.Client) -> None:
    assert ids(tiny.get("/collections/admin_units/items", params={"offset": 1, "sortby": "id"})) == ["311"]
    assert ids(tiny.get("/collections/admin_units/items", params={"bbox": "106.67,20.97,106.69,20.99"})) == ["311"]
    assert ids(tiny.get("/collections/pollution_sources/items", params={"datetime": "2020-01-01/2020-12-31"})) == [
        "ps-my-dong"]
    assert ids(tiny.get("/collections/pollution_sources/items", params={"datetime": "2021-01-01/.."})) == []
    assert ids(tiny.get("/collections/projects/items", params={"programme": "local"})) == ["p-unknown-place"]
    assert ids(tiny.get("/collections/villages/items", params={"crafts": "đúc kim loại"})) == ["my-dong"]


def test_sortby_orders_both_ways(tiny: httpx.Client) -> None:
    assert ids(tiny.get("/collections/admin_units/items", params={"sortby": "-name"})) == ["11521", "311"]
    assert ids(tiny.get("/collections/admin_units/items", params={"sortby": "+name"})) == ["311", "11521"]


def test_json_is_the_default_and_html_only_when_asked(tiny: httpx.Client) -> None:
    assert tiny.get("/collections/villages/items", headers={"Accept": "*/*"}).headers[
        "content-type"].startswith("application/geo+json")
    for r in (tiny.get("/collections/villages/items", params={"f": "html"}),
              tiny.get("/collections/villages/items", headers={"Accept": "text/html,application/xhtml+xml"})):
        assert r.headers["content-type"].startswith("text/html")
        assert "/static/leaflet/leaflet.js" in r.text


def test_real_counts_equal_the_store(http: httpx.Client, real_settings: ServerSettings) -> None:
    store = GpkgStore(real_settings.store)
    try:
        expected = store.counts()
    finally:
        store.close()
    for cid in LOAD_ORDER:
        body = http.get(f"/collections/{cid}/items", params={"limit": 10000}).json()
        assert body["numberMatched"] == body["numberReturned"] == expected[cid], cid
        FeatureCollection.model_validate(body)


def test_real_data_my_dong_by_filter_and_search(http: httpx.Client) -> None:
    r = http.get("/collections/villages/items", params={"filter": "ACCENTI(name) LIKE ACCENTI('%my dong%')"})
    assert any("Mỹ Đồng" in f["properties"]["name"] for f in r.json()["features"])
    hits = http.get("/search", params={"q": "my dong"}).json()["hits"]
    assert {"villages", "admin_units"} <= {h["collection"] for h in hits}
    assert any("Mỹ Đồng" in h["name"] for h in hits if h["collection"] == "villages")
    r = http.get("/collections/villages/items", params={"crs": "http://www.opengis.net/def/crs/EPSG/0/9210"})
    for f in r.json()["features"]:
        x, y = f["geometry"]["coordinates"]
        assert 5e5 < x < 7e5 and 2.2e6 < y < 2.4e6
