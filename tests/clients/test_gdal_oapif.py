"""GDAL's OAPIF driver (pyogrio's bundled GDAL) reads every collection completely, paging by rel=next
(whose links carry a keyset cursor)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pyogrio
import pytest

from api.settings import ServerSettings
from geo.model.collections import LOAD_ORDER
from geo.records.loader import read_dataset
from geo.store.gpkg.store import GpkgStore
from tests.support.servers import ProcessServer
from tests.support.stores import DATA_DIR

pytestmark = pytest.mark.client

PAGE_SIZE = 7  # smaller than every collection but the smallest, so GDAL must follow next links


@pytest.fixture(scope="module")
def expected(real_settings: ServerSettings) -> dict[str, int]:
    store = GpkgStore(real_settings.store)
    try:
        return store.counts()
    finally:
        store.close()


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_gdal_reads_every_feature(process_live: ProcessServer, expected: dict[str, int], cid: str) -> None:
    frame = pyogrio.read_dataframe(f"OAPIF:{process_live.url}", layer=cid, PAGE_SIZE=PAGE_SIZE)
    assert len(frame) == expected[cid]
    assert frame["id"].is_unique
    info = pyogrio.read_info(f"OAPIF:{process_live.url}", layer=cid, force_feature_count=True)
    assert info["features"] == expected[cid]


def test_gdal_lists_every_collection(process_live: ProcessServer) -> None:
    layers = {name for name, _ in pyogrio.list_layers(f"OAPIF:{process_live.url}")}
    assert layers == set(LOAD_ORDER)


def test_gdal_follows_cursor_links_to_every_feature_in_order(process_live: ProcessServer) -> None:
    first = httpx.get(f"{process_live.url}/collections/villages/items", params={"limit": PAGE_SIZE}).json()
    href = next(link["href"] for link in first["links"] if link["rel"] == "next")
    assert "cursor" in parse_qs(urlsplit(href).query)
    frame = pyogrio.read_dataframe(f"OAPIF:{process_live.url}", layer="villages", PAGE_SIZE=PAGE_SIZE)
    assert list(frame["id"]) == [f.id for f in read_dataset(DATA_DIR)[0]["villages"]]
