"""Stores for tests: a data folder loaded into a GeoPackage, settings that open a store, content digests."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import shapely

from api.settings import ServerSettings
from geo.records.loader import load
from geo.settings import ROOT
from geo.store.base import Feature, Store
from geo.store.gpkg.store import GpkgStore
from tests.support.records import write_dataset

DATA_DIR = ROOT / "data"
STORE_KINDS = [pytest.param("gpkg", id="gpkg"), pytest.param("postgis", id="postgis", marks=pytest.mark.postgis)]


def load_gpkg(data: Path, path: Path) -> Path:
    """Load the data folder ``data`` into a fresh GeoPackage at ``path`` and close it."""
    store = GpkgStore(path)
    load(data, store)
    store.close()
    return path


def tiny_gpkg(folder: Path, records: dict[str, list[dict[str, Any]]] | None = None,
              name: str = "tiny.gpkg") -> tuple[Path, Path]:
    """``records`` (default: the tiny dataset) as ``folder/data`` loaded into ``folder/name``."""
    data = write_dataset(folder / "data", records)
    return load_gpkg(data, folder / name), data


def settings_for(store: Store) -> ServerSettings:
    """ServerSettings that open ``store`` (a GpkgStore path or a PostgisStore URL)."""
    url = getattr(store, "url", None)
    if url is not None:
        return ServerSettings(database_url=url)
    return ServerSettings(store=store.path, database_url=None)  # type: ignore[attr-defined]


def content_dump(path: Path) -> dict[str, str]:
    """A digest of every table's rows (not the file bytes: SQLite may touch headers on open)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for t in tables:
            rows = conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
            out[t] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out
    finally:
        conn.close()


def pg_content_dump(database_url: str) -> dict[str, str]:
    """The PostGIS counterpart of ``content_dump``: every table of the schema, rows in a fixed order."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY table_name")]
        out = {}
        for t in tables:
            rows = conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
            out[t] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out


def same_features(got: Sequence[Feature], expected: Sequence[Feature]) -> None:
    """Same ids in the same order, same properties and versions, exactly the same geometries."""
    assert [f.id for f in got] == [f.id for f in expected]
    for g, e in zip(got, expected, strict=True):
        assert g.properties == e.properties, g.id
        assert g.version == e.version, g.id
        if e.geometry is None:
            assert g.geometry is None, g.id
        else:
            assert shapely.equals_exact(g.geometry, e.geometry, 0), g.id
