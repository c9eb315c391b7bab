"""Shared fixtures: real GeoPackage stores in tmp folders and a real uvicorn on loopback.

To run a test on BOTH stores (GeoPackage and PostGIS), take `store_kind`, `any_store`, `store_settings`
or `store_live` instead of `tiny_store`/`real_settings`: see "Store parametrization" at the end.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.settings import ServerSettings
from geo.records.loader import load
from geo.settings import ROOT
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from tests.common import write_dataset

DATA_DIR = ROOT / "data"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving ``create_app(settings)`` in a thread, on a free loopback port."""

    def __init__(self, settings: ServerSettings) -> None:
        from api.app import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def real_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped dataset loaded into a fresh GeoPackage (read-only use)."""
    path = tmp_path_factory.mktemp("real") / "craftmap.gpkg"
    store = GpkgStore(path)
    load(DATA_DIR, store)
    store.close()
    return path


@pytest.fixture(scope="session")
def real_settings(real_store_path: Path) -> ServerSettings:
    return ServerSettings(store=real_store_path, database_url=None)


@pytest.fixture(scope="session")
def live(real_store_settings: ServerSettings) -> Iterator[LiveServer]:
    """A real uvicorn serving the shipped dataset, once per store kind (read-only tests share it)."""
    with LiveServer(real_store_settings) as server:
        yield server


@pytest.fixture(scope="session")
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def tiny_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The tiny dataset (with private values to leak) served read-only, no basemap."""
    folder = tmp_path_factory.mktemp("tiny-live")
    data = write_dataset(folder / "data")
    store = GpkgStore(folder / "tiny.gpkg")
    load(data, store)
    store.close()
    with LiveServer(ServerSettings(store=folder / "tiny.gpkg", data_dir=data, tiles="none")) as server:
        yield server


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """A small valid data folder covering every collection and link."""
    return write_dataset(tmp_path / "data")


@pytest.fixture
def tiny_store(tiny_data: Path, tmp_path: Path) -> Iterator[GpkgStore]:
    """A fresh GeoPackage store loaded with the tiny dataset (safe to write to)."""
    store = GpkgStore(tmp_path / "tiny.gpkg")
    load(tiny_data, store)
    yield store
    store.close()


# -- Store parametrization (issue 8: the same tests on the GeoPackage and the PostGIS store) -------------
# Take `store_kind` ("gpkg" | "postgis"), or a fixture built on it, and the test runs once per store:
#   empty_store          a store of that kind with nothing loaded (PostGIS: a fresh database)
#   any_store            that store loaded with `tiny_data` (safe to write to)
#   store_settings       ServerSettings pointing at `any_store` (database_url set for PostGIS)
#   store_live           a LiveServer (real uvicorn) on `store_settings`
#   real_store_settings  session-wide: the shipped dataset in a store of each kind (read-only use)
#   real_store_live      session-wide: a LiveServer on `real_store_settings`
# PostGIS cases carry the `postgis` marker (deselect with -m "not postgis"); they use a throwaway cluster
# from tests/postgis_server.py, skipped with a reason when PostgreSQL is missing, but FAILING when CI=true.
from tests.postgis_server import pg_url, postgis_cluster  # noqa: E402, F401 - fixtures

STORE_KINDS = [pytest.param("gpkg", id="gpkg"), pytest.param("postgis", id="postgis", marks=pytest.mark.postgis)]


@pytest.fixture(params=STORE_KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_store(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store: Store
    if store_kind == "postgis":
        from geo.store.postgis.store import PostgisStore

        store = PostgisStore(request.getfixturevalue("pg_url"), pool_size=4)
    else:
        store = GpkgStore(tmp_path / "store.gpkg")
    yield store
    store.close()


@pytest.fixture
def any_store(empty_store: Store, tiny_data: Path) -> Store:
    load(tiny_data, empty_store)
    return empty_store


def settings_for(store: Store) -> ServerSettings:
    """ServerSettings that open ``store`` (a GpkgStore path or a PostgisStore URL)."""
    url = getattr(store, "url", None)
    if url is not None:
        return ServerSettings(database_url=url)
    return ServerSettings(store=store.path, database_url=None)  # type: ignore[attr-defined]


@pytest.fixture
def store_settings(any_store: Store) -> ServerSettings:
    return settings_for(any_store)


@pytest.fixture
def store_live(store_settings: ServerSettings) -> Iterator[LiveServer]:
    with LiveServer(store_settings) as server:
        yield server


@pytest.fixture(scope="session", params=STORE_KINDS)
def real_store_settings(request: pytest.FixtureRequest, real_settings: ServerSettings) -> ServerSettings:
    if request.param == "gpkg":
        return real_settings
    from geo.store.postgis.store import PostgisStore

    url = request.getfixturevalue("postgis_cluster").new_database("real_data")
    store = PostgisStore(url, pool_size=2)
    load(DATA_DIR, store)
    store.close()
    return ServerSettings(database_url=url)


@pytest.fixture(scope="session")
def real_store_live(live: LiveServer) -> LiveServer:
    return live
