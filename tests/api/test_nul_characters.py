"""A NUL character is refused with 400 on both stores (PostgreSQL cannot hold one in text)."""

from __future__ import annotations

from pathlib import Path

import httpx

from api.settings import ServerSettings
from geo.model.collections import COLLECTIONS
from geo.model.feature import ItemQuery
from geo.records.access import create_token
from geo.store.base import Store
from tests.support.records import MY_DONG, feature
from tests.support.servers import LiveServer

PATHS = [
    "/search?q=a%00b",
    "/collections/villages/items/a%00b",
    "/collections/villages/items?name=a%00b",
    "/collections/villages/items/a%00b/history",
    "/capacity/a%00b",
    "/maps/clusters/a%00b",
    "/transparency/projects/a%00b",
]


def test_nul_in_path_or_query_is_a_400(store_live: LiveServer) -> None:
    with httpx.Client(base_url=store_live.url) as client:
        for path in PATHS:
            r = client.get(path)
            assert r.status_code == 400, (path, r.text)
            assert r.headers["content-type"] == "application/problem+json"


def test_nul_in_a_written_record_is_refused(any_store: Store, store_settings: ServerSettings, tiny_data: Path) -> None:
    token, _ = create_token(any_store, "nul-editor", "editor")
    body = feature("villages", "v-nul", {"type": "Point", "coordinates": list(MY_DONG)}, name="Làng\x00X",
                   commune_id="11521", crafts=["đúc"], craft_group="metal")
    with LiveServer(store_settings.model_copy(update={"data_dir": tiny_data})) as server:
        r = httpx.post(f"{server.url}/collections/villages/items", json=body,
                       headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 422, r.text
    assert {"field": "name", "problem": "must not contain a NUL character"} in r.json()["errors"]
    assert any_store.query(COLLECTIONS["villages"], ItemQuery(ids=("v-nul",))).number_matched == 0
