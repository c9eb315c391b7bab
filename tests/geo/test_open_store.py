"""One ``open_store`` and one "read a whole collection", on both stores."""

from __future__ import annotations

from pathlib import Path

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.model.feature import ItemQuery
from geo.records.loader import read_dataset
from geo.settings import Settings
from geo.store import open_store
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from geo.store.postgis.store import PostgisStore


def test_open_store_picks_the_engine_from_settings_or_location(tmp_path: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    cases = [(Settings(store=tmp_path / "a.gpkg"), GpkgStore), (Settings(database_url=url), PostgisStore),
             (str(tmp_path / "b.gpkg"), GpkgStore), (tmp_path / "c.gpkg", GpkgStore), (url, PostgisStore),
             ("postgres://nobody@127.0.0.1:1/none", PostgisStore)]
    for where, kind in cases:
        store = open_store(where)  # opening connects to nothing: the first query does
        assert type(store) is kind, where
    assert open_store(Settings(store=tmp_path / "a.gpkg")).path == tmp_path / "a.gpkg"  # type: ignore[attr-defined]
    assert open_store(url, pool_size=2).pool_size == 2  # type: ignore[attr-defined]


def test_read_all_is_every_record_in_load_order(any_store: Store, tiny_data: Path) -> None:
    expected, _ = read_dataset(tiny_data)
    for cid in LOAD_ORDER:
        collection = COLLECTIONS[cid]
        got = any_store.read_all(collection, include_private=True)
        assert [f.id for f in got] == [f.id for f in expected[cid]]
        assert [f.properties for f in got] == [f.properties for f in expected[cid]]
        public = any_store.read_all(collection)
        assert all(not (set(f.properties) & set(collection.private_names)) for f in public)
        paged = any_store.query(collection, ItemQuery(limit=len(got) + 1))
        assert [f.properties for f in public] == [f.properties for f in paged.features]
