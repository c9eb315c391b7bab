"""The app in process, without a socket: for tests of responses that need no real server or client.

Starlette's ``TestClient`` runs the ASGI app (with its lifespan) in a portal thread behind an httpx
client, so a test reads real responses of ``create_app(settings)`` in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from starlette.testclient import TestClient

from geo.settings import Settings


@contextmanager
def app_client(settings: Settings, base_url: str = "http://127.0.0.1") -> Iterator[TestClient]:
    """A client of ``create_app(settings)`` in this process; the lifespan runs on enter and exit."""
    from api.app import create_app

    with TestClient(create_app(settings), base_url=base_url, raise_server_exceptions=False) as client:
        yield client
