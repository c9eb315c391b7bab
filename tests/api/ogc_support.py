"""A real uvicorn over the tiny dataset, shared by the OGC API test modules (one per module)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from api.settings import ServerSettings
from geo.records.loader import load
from geo.store.gpkg.store import GpkgStore
from tests.common import write_dataset
from tests.conftest import LiveServer

PROBLEM = "application/problem+json"


@contextmanager
def tiny_client(folder: Path, **settings: Any) -> Iterator[httpx.Client]:
    """An httpx client on a LiveServer serving the tiny dataset from a fresh GeoPackage in ``folder``."""
    store = GpkgStore(folder / "tiny.gpkg")
    load(write_dataset(folder / "data"), store)
    store.close()
    with LiveServer(ServerSettings(store=folder / "tiny.gpkg", database_url=None, tiles="none", **settings)) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            yield client


def ids(response: httpx.Response) -> list[str]:
    """Feature ids of an items response, after checking it is a 200 GeoJSON page."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/geo+json")
    return [f["id"] for f in response.json()["features"]]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body.get("detail")
    return body
