"""Shared fixtures: real GeoPackage stores in tmp folders, a throwaway PostGIS, a real uvicorn on loopback.

Helpers live in ``tests/support/``; this file holds fixtures only. To run a test on BOTH stores
(GeoPackage and PostGIS), take `store_kind`, `any_store`, `store_settings` or `store_live` instead of
`tiny_store`/`real_settings`: see "Store parametrization" below.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import ServerSettings
from geo.records.loader import load
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from tests.support.postgis import Cluster, ClusterUnavailable, start_cluster, unavailable
from tests.support.records import write_dataset
from tests.support.servers import LiveServer
from tests.support.stores import DATA_DIR, STORE_KINDS, load_gpkg, settings_for, tiny_gpkg


@pytest.fixture(scope="session")
def real_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped dataset loaded into a fresh GeoPackage (read-only use)."""
    return load_gpkg(DATA_DIR, tmp_path_factory.mktemp("real") / "craftmap.gpkg")


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
    path, data = tiny_gpkg(tmp_path_factory.mktemp("tiny-live"))
    with LiveServer(ServerSettings(store=path, data_dir=data, tiles="none")) as server:
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


# -- PostGIS: a throwaway cluster (tests/support/postgis.py) --------------------------------------------
_failure: list[str] = []


@pytest.fixture(scope="session")
def postgis_cluster() -> Iterator[Cluster]:
    """One cluster per test session, started when a PostGIS test first asks for it."""
    if _failure:
        unavailable(_failure[0])
    try:
        cluster = start_cluster()
    except (ClusterUnavailable, OSError, subprocess.SubprocessError) as exc:
        _failure.append(str(exc))
        unavailable(str(exc))
        raise  # unreachable: unavailable() always raises
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(postgis_cluster: Cluster) -> Iterator[str]:
    """A fresh PostGIS database for one test."""
    url = postgis_cluster.new_database()
    yield url
    postgis_cluster.drop_database(url.rsplit("/", 1)[1])


# -- Store parametrization (issue 8: the same tests on the GeoPackage and the PostGIS store) -------------
# Take `store_kind` ("gpkg" | "postgis"), or a fixture built on it, and the test runs once per store:
#   empty_store          a store of that kind with nothing loaded (PostGIS: a fresh database)
#   any_store            that store loaded with `tiny_data` (safe to write to)
#   store_settings       ServerSettings pointing at `any_store` (database_url set for PostGIS)
#   store_live           a LiveServer (real uvicorn) on `store_settings`
#   real_store_settings  session-wide: the shipped dataset in a store of each kind (read-only use)
#   real_store_live      session-wide: a LiveServer on `real_store_settings`
# PostGIS cases carry the `postgis` marker (deselect with -m "not postgis"); they use the throwaway cluster
# above, skipped with a reason when PostgreSQL is missing, but FAILING when CI=true.
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
