"""Shared fixtures: real GeoPackage stores in tmp folders and a real uvicorn on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from geo.loader import load
from geo.settings import ROOT, Settings
from geo.store.gpkg import GpkgStore
from tests.common import write_dataset

DATA_DIR = ROOT / "data"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving ``create_app(settings)`` in a thread, on a free loopback port."""

    def __init__(self, settings: Settings) -> None:
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
def real_settings(real_store_path: Path) -> Settings:
    return Settings(store=real_store_path, database_url=None)


@pytest.fixture(scope="session")
def live(real_settings: Settings) -> Iterator[LiveServer]:
    """A real uvicorn serving the shipped dataset (read-only tests share it)."""
    with LiveServer(real_settings) as server:
        yield server


@pytest.fixture(scope="session")
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


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
