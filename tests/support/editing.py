"""Helpers for the editing tests: a writable store with tokens, a live server on it, content dumps."""

from __future__ import annotations

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
from tests.support.records import write_dataset
from tests.support.servers import LiveServer
from tests.support.stores import content_dump, pg_content_dump


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
