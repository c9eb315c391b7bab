"""The first read path over a real uvicorn: health, collections, items from the shipped data."""

from __future__ import annotations

import anyio.to_thread
import httpx
from geojson_pydantic import FeatureCollection

from api.settings import ServerSettings
from geo.model.collections import LOAD_ORDER
from geo.records.loader import read_dataset
from tests.support.servers import LiveServer
from tests.support.stores import DATA_DIR


def test_healthz_counts_match_the_data_files(http: httpx.Client) -> None:
    _, report = read_dataset(DATA_DIR)  # counted from data/, not from the store the server reads
    expected = report.counts
    body = http.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["counts"] == expected


def test_collections_lists_all_seven(http: httpx.Client) -> None:
    r = http.get("/collections")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert sorted(c["id"] for c in r.json()["collections"]) == sorted(LOAD_ORDER)


def test_items_are_geojson_with_the_kien_bai_point(http: httpx.Client) -> None:
    r = http.get("/collections/clusters/items", params={"limit": 100})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = FeatureCollection.model_validate(r.json())
    kien_bai = [f for f in fc.features if "Kiền Bái" in f.properties["name"]]
    assert len(kien_bai) == 1
    assert kien_bai[0].properties["developed_area_ha"] == 11  # phase 1 (FACTS F1.2)


def test_private_fields_never_served(http: httpx.Client) -> None:
    for cid in ("villages", "facilities"):
        body = http.get(f"/collections/{cid}/items", params={"limit": 1000}).text
        assert "contact_phone" not in body


def test_missing_store_is_a_503_problem(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with LiveServer(ServerSettings(store=tmp_path / "none.gpkg")) as server:
        r = httpx.get(server.url + "/healthz")
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    assert "Store unavailable" in r.json()["detail"]
    assert str(tmp_path) not in r.text  # a 5xx is logged, its words (here a server path) never echoed



def test_the_threads_setting_bounds_the_blocking_work_run_at_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from anyio.from_thread import start_blocking_portal

    from api.app import create_app

    app = create_app(ServerSettings(store=tmp_path / "none.gpkg", threads=3))
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(app.router.lifespan_context(app)):
        tokens = portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    assert tokens == 3  # anyio's own default is 40
