"""The read API answers the same on both stores: a real uvicorn over the shipped data, once per store.

Expectations come from the data files (``read_dataset``), not from either store, so a store that
drops, reorders or alters a record fails here whichever one it is.
"""

from __future__ import annotations

import httpx
import pytest

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.records.loader import read_dataset
from geo.spatial.text import fold
from tests.support.servers import LiveServer
from tests.support.stores import DATA_DIR

EXPECTED, _ = read_dataset(DATA_DIR)


@pytest.fixture(scope="module")
def client(real_store_live: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=real_store_live.url, timeout=30)


def test_health_counts_every_collection(client: httpx.Client) -> None:
    body = client.get("/healthz").json()
    assert body["counts"] == {cid: len(EXPECTED[cid]) for cid in LOAD_ORDER}


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_items_pages_carry_every_record_in_order(client: httpx.Client, cid: str) -> None:
    ids: list[str] = []
    url: str | None = f"/collections/{cid}/items?limit=7"
    while url:
        r = client.get(url)
        assert r.status_code == 200
        body = r.json()
        assert body["numberMatched"] == len(EXPECTED[cid])
        ids += [f["id"] for f in body["features"]]
        url = next((link["href"] for link in body["links"] if link["rel"] == "next"), None)
    assert ids == [f.id for f in EXPECTED[cid]]



def test_private_fields_never_leave(client: httpx.Client) -> None:
    body = client.get("/collections/villages/items", params={"limit": 1000}).json()
    assert body["features"] and all("contact_phone" not in f["properties"] for f in body["features"])


def test_item_etag_and_properties(client: httpx.Client) -> None:
    village = EXPECTED["villages"][0]
    r = client.get(f"/collections/villages/items/{village.id}")
    assert r.status_code == 200 and r.headers["ETag"] == '"1"'
    props = r.json()["properties"]
    public = {k: v for k, v in village.properties.items() if k not in COLLECTIONS["villages"].private_names}
    assert {k: props[k] for k in public} == public


def test_bbox_and_filter(client: httpx.Client) -> None:
    r = client.get("/collections/villages/items", params={"bbox": "106.0,20.0,107.5,21.5", "limit": 1000})
    assert r.json()["numberMatched"] == len(EXPECTED["villages"])
    r = client.get("/collections/villages/items",
                   params={"filter": "ACCENTI(name) LIKE ACCENTI('%lang%')", "limit": 1000})
    assert r.status_code == 200, r.text
    names = [f["properties"]["name"] for f in r.json()["features"]]
    expected = [f.properties["name"] for f in EXPECTED["villages"] if "lang" in fold(f.properties["name"])]
    assert names == expected and names
