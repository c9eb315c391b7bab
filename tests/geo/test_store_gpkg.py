"""The GeoPackage store on real files: round trip, GDAL compatibility, atomic load, versions, audit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyogrio
import pytest
import shapely

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.model.errors import FeatureNotFound, VersionConflict
from geo.model.feature import Feature, ItemQuery
from geo.records.loader import LoadError, load, read_dataset
from geo.store.gpkg.store import GpkgStore
from tests.support.records import KIEN_BAI, tiny_records, write_dataset

VILLAGES = COLLECTIONS["villages"]


def test_round_trip_every_collection(tiny_store: GpkgStore, tiny_data: Path) -> None:
    expected, _ = read_dataset(tiny_data)
    for cid in LOAD_ORDER:
        got = tiny_store.query(COLLECTIONS[cid], ItemQuery(limit=1000, include_private=True)).features
        assert [f.id for f in got] == [f.id for f in expected[cid]]
        for g, e in zip(got, expected[cid], strict=True):
            assert g.properties == e.properties
            if e.geometry is None:
                assert g.geometry is None, g.id
            else:
                assert shapely.equals_exact(g.geometry, e.geometry, 1e-9), g.id


def test_gdal_opens_every_layer_with_counts(tiny_store: GpkgStore) -> None:
    counts = tiny_store.counts()
    tiny_store.close()
    layers = dict(pyogrio.list_layers(tiny_store.path))
    for cid in LOAD_ORDER:
        assert layers[cid] == COLLECTIONS[cid].geometry_type
        assert pyogrio.read_info(tiny_store.path, layer=cid)["features"] == counts[cid]


def test_file_is_geopackage_13_with_rtree_in_wal(tiny_store: GpkgStore) -> None:
    tiny_store.counts()
    conn = sqlite3.connect(tiny_store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10300
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sql = "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'"
    rtrees = {r[0] for r in conn.execute(sql)}
    assert rtrees == set(LOAD_ORDER)


def test_private_fields_only_on_request(tiny_store: GpkgStore) -> None:
    public = tiny_store.get(VILLAGES, "my-dong")
    private = tiny_store.get(VILLAGES, "my-dong", include_private=True)
    assert "contact_phone" not in public.properties
    assert private.properties["contact_phone"] == "0000 000 000"


def test_bbox_uses_the_rtree_and_gdal_sees_writes(tiny_store: GpkgStore) -> None:
    near = (KIEN_BAI[0] - 0.01, KIEN_BAI[1] - 0.01, KIEN_BAI[0] + 0.01, KIEN_BAI[1] + 0.01)
    far = (106.40, 20.60, 106.45, 20.65)
    facilities = COLLECTIONS["facilities"]
    assert tiny_store.query(facilities, ItemQuery(bbox=near)).number_matched == 1
    assert tiny_store.query(facilities, ItemQuery(bbox=far)).number_matched == 0
    moved = shapely.Point(106.42, 20.62)
    current = tiny_store.get(facilities, "f-1", include_private=True)
    tiny_store.replace(facilities, Feature("f-1", moved, current.properties), current.version, "test")
    assert tiny_store.query(facilities, ItemQuery(bbox=far)).number_matched == 1
    assert tiny_store.query(facilities, ItemQuery(bbox=near)).number_matched == 0
    tiny_store.close()
    frame = pyogrio.read_dataframe(tiny_store.path, layer="facilities", bbox=far)
    assert list(frame["id"]) == ["f-1"]


def test_versions_and_audit_in_one_transaction(tiny_store: GpkgStore) -> None:
    f = tiny_store.get(VILLAGES, "my-dong", include_private=True)
    assert f.version == 1
    changed = tiny_store.replace(VILLAGES, Feature(f.id, f.geometry, {**f.properties, "households": 67}), 1, "alice")
    assert changed.version == 2
    with pytest.raises(VersionConflict):
        tiny_store.replace(VILLAGES, Feature(f.id, f.geometry, f.properties), 1, "bob")
    assert tiny_store.get(VILLAGES, "my-dong").properties["households"] == 67
    history = tiny_store.history(VILLAGES, "my-dong")
    assert [(h.action, h.actor, h.version) for h in history] == [("replace", "alice", 2)]
    assert history[0].before["properties"]["households"] is None
    assert history[0].after["properties"]["households"] == 67
    with pytest.raises(VersionConflict):
        tiny_store.delete(VILLAGES, "my-dong", 1, "bob")
    tiny_store.delete(VILLAGES, "my-dong", 2, "alice")
    with pytest.raises(FeatureNotFound):
        tiny_store.get(VILLAGES, "my-dong")
    assert [e.action for e in tiny_store.audit_log(10, 0)] == ["delete", "replace"]


def test_failed_load_leaves_old_store_untouched(tiny_store: GpkgStore, tmp_path: Path) -> None:
    before = tiny_store.counts()
    records = tiny_records()
    records["villages"][0]["properties"]["crafts"] = "not a list"
    bad = write_dataset(tmp_path / "bad", records)
    with pytest.raises(LoadError):
        load(bad, tiny_store)
    assert tiny_store.counts() == before
    assert not list(tmp_path.glob(".building-*"))


def test_reload_replaces_content(tiny_store: GpkgStore, tmp_path: Path) -> None:
    records = tiny_records()
    records["projects"] = records["projects"][:1]
    load(write_dataset(tmp_path / "fewer", records), tiny_store)
    assert tiny_store.counts()["projects"] == 1


def test_datetime_on_year_fields(tiny_store: GpkgStore) -> None:
    projects = COLLECTIONS["projects"]
    assert [f.id for f in tiny_store.query(projects, ItemQuery(datetime=("2020-03-01", "2020-03-02"))).features] == [
        "p-pilot"]
    assert tiny_store.query(projects, ItemQuery(datetime=("2021-01-01", None))).number_matched == 0
    assert tiny_store.query(projects, ItemQuery(datetime=(None, "2018-12-31"))).number_matched == 0


def test_extent(tiny_store: GpkgStore) -> None:
    ext = tiny_store.extent(COLLECTIONS["projects"])
    assert ext.interval == ("2019-01-01T00:00:00Z", "2020-12-31T23:59:59Z")
    assert ext.bbox is not None and ext.bbox[0] <= 106.63284 <= ext.bbox[2]


def test_unfiltered_count_stays_exact_after_writes(tiny_store: GpkgStore) -> None:
    """The unfiltered count comes from GDAL's trigger-kept feature_count: it must follow every write."""
    villages = tiny_store.query(VILLAGES, ItemQuery(limit=1000, include_private=True)).features
    original = villages[0]
    for i in range(3):
        props = {**original.properties, "id": f"copy-{i}"}
        tiny_store.create(VILLAGES, Feature(f"copy-{i}", original.geometry, props), "test")
    tiny_store.delete(VILLAGES, "copy-1", 1, "test")
    counted = tiny_store.conn.execute("SELECT COUNT(*) FROM villages").fetchone()[0]
    assert counted == len(villages) + 2
    assert tiny_store.query(VILLAGES, ItemQuery(limit=0)).number_matched == counted


def test_a_serving_store_follows_a_reload(tiny_store: GpkgStore, tmp_path: Path) -> None:
    """`craftmap load` swaps the file under a running server: its open connections must follow."""
    assert tiny_store.counts()["projects"] == 2  # this thread now holds a connection to the old file
    records = tiny_records()
    records["projects"] = records["projects"][:1]
    loader = GpkgStore(tiny_store.path)
    load(write_dataset(tmp_path / "fewer", records), loader)
    loader.close()
    assert tiny_store.counts()["projects"] == 1
    assert tiny_store.query(COLLECTIONS["projects"], ItemQuery(limit=10)).number_matched == 1
