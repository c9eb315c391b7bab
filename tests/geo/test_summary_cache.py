"""Summaries cached by the store's data version (``geo.store.cache``), on both stores: computed
once while the data stands still, recomputed after any write."""

from __future__ import annotations

import httpx
from shapely.geometry import Point, box

from geo.analysis import capacity, stats
from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.store.base import Store
from geo.store.cache import cached
from tests.support.records import KIEN_BAI
from tests.support.servers import LiveServer


def test_data_version_changes_with_every_write(any_store: Store) -> None:
    before = any_store.data_version()
    assert any_store.data_version() == before
    village = any_store.get(COLLECTIONS["villages"], "my-dong", include_private=True)
    any_store.replace(COLLECTIONS["villages"], village, village.version, actor="test")
    assert any_store.data_version() != before


def test_places_are_read_once_per_version(any_store: Store) -> None:
    first = stats.Places.from_store(any_store)
    assert stats.Places.from_store(any_store) is first
    template = any_store.get(COLLECTIONS["villages"], "my-dong", include_private=True)
    any_store.create(COLLECTIONS["villages"], Feature("v-cache", Point(106.6, 20.9),
                                                      {**template.properties, "id": "v-cache"}), actor="test")
    assert "v-cache" in stats.Places.from_store(any_store).villages and "v-cache" not in first.villages


def test_capacity_balances_follow_a_write(any_store: Store) -> None:
    plots = COLLECTIONS["cluster_plots"]
    before = capacity.balances(any_store)
    assert capacity.balances(any_store)[0] is before[0]
    template = any_store.get(plots, "kb-1", include_private=True)
    lon, lat = KIEN_BAI
    any_store.create(plots, Feature("kb-2", box(lon + 0.0006, lat, lon + 0.001, lat + 0.0004),
                                    {**template.properties, "id": "kb-2", "name": "Lô 2"}), actor="test")
    after = capacity.balances(any_store)
    assert len(before[0].plots) == 1 and len(after[0].plots) == 2


def test_a_write_changes_the_capacity_answer(store_live: LiveServer, any_store: Store) -> None:
    with httpx.Client(base_url=store_live.url, timeout=30) as client:
        first = client.get("/capacity", params={"f": "json"}).json()
        cluster = any_store.get(COLLECTIONS["clusters"], "kien-bai", include_private=True)
        renamed = Feature(cluster.id, cluster.geometry, {**cluster.properties, "name": "Điểm CN đổi tên"})
        any_store.replace(COLLECTIONS["clusters"], renamed, cluster.version, actor="test")
        second = client.get("/capacity", params={"f": "json"}).json()
    assert "Điểm CN đổi tên" not in str(first) and "Điểm CN đổi tên" in str(second)


def test_many_distinct_queries_never_push_a_tile_out(any_store: Store) -> None:
    """Filtered item queries keep their counts in their own room of the cache: thousands of distinct bbox
    queries (a GIS client panning) leave the tiles and summaries where they are."""
    from geo.model.feature import ItemQuery
    from geo.store.cache import ROOMS

    facilities = COLLECTIONS["facilities"]
    tile = any_store.tile(facilities, 10, 814, 451, ItemQuery())
    calls: list[int] = []
    held = cached(any_store, ("tile-probe",), lambda: calls.append(1) or tile)
    lon, lat = KIEN_BAI
    for i in range(ROOMS["views"] + 10):  # more distinct queries than the views room holds
        d = i * 1e-6
        any_store.query(facilities, ItemQuery(limit=1, bbox=(lon - 0.1 - d, lat - 0.1, lon + 0.1, lat + 0.1)))
    assert cached(any_store, ("tile-probe",), lambda: calls.append(1) or b"") is held
    assert calls == [1]
