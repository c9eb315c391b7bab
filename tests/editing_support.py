"""Helpers for the editing tests: a writable store with tokens, a live server on it, content dumps."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from api.settings import ServerSettings
from geo.records.access import create_token
from geo.records.loader import load
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from tests.common import write_dataset
from tests.conftest import LiveServer


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


@dataclass
class EditEnv:
    """A tiny writable store with an editor and an admin token, served by a real uvicorn."""

    path: Path
    data_dir: Path
    url: str
    editor: str
    admin: str
    database_url: str | None = None

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)

    def dump(self) -> dict[str, str]:
        """A digest of every table's content, for "a refused request changed nothing"."""
        return pg_content_dump(self.database_url) if self.database_url else content_dump(self.path)

    def open_store(self) -> Store:
        """The store behind the server, to check what the API must not show (private fields, actors)."""
        if self.database_url:
            from geo.store.postgis.store import PostgisStore

            return PostgisStore(self.database_url, pool_size=1)
        return GpkgStore(self.path)


def make_store(folder: Path, database_url: str | None = None) -> tuple[Path, Path, str, str]:
    """The tiny dataset in a GeoPackage under ``folder`` or, given a URL, in that PostGIS database."""
    data = write_dataset(folder / "data")
    path = folder / "edit.gpkg"
    store: Store
    if database_url:
        from geo.store.postgis.store import PostgisStore

        store = PostgisStore(database_url, pool_size=1)
    else:
        store = GpkgStore(path)
    load(data, store)
    editor, _ = create_token(store, "editor-1", "editor")
    admin, _ = create_token(store, "admin-1", "admin")
    store.close()
    return path, data, editor, admin


@contextmanager
def edit_env(folder: Path, database_url: str | None = None, **settings: Any) -> Iterator[EditEnv]:
    path, data, editor, admin = make_store(folder, database_url)
    with LiveServer(ServerSettings(store=path, data_dir=data, database_url=database_url, **settings)) as server:
        yield EditEnv(path, data, server.url, editor, admin, database_url)
