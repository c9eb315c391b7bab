"""Real uvicorn on a free loopback port: in a thread of the test process, or in a child process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from api.settings import ServerSettings
from geo.settings import ROOT
from tests.support.stores import tiny_gpkg


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


class ProcessServer:
    """``uvicorn api.app:create_app --factory`` in a child process, configured by environment.

    GDAL (through pyogrio) keeps the GIL while it waits on HTTP, so a server in a thread of the
    test process would never answer it: third-party clients get a server process of their own.
    """

    def __init__(self, settings: ServerSettings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "CRAFTMAP_STORE": str(settings.store), "CRAFTMAP_TILES": "none"}
        self.env.pop("CRAFTMAP_DATABASE_URL", None)
        if settings.database_url:
            self.env["CRAFTMAP_DATABASE_URL"] = settings.database_url
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ProcessServer:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"], cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("uvicorn exited at start")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@contextmanager
def tiny_client(folder: Path, **settings: Any) -> Iterator[httpx.Client]:
    """An httpx client on a LiveServer serving the tiny dataset from a fresh GeoPackage in ``folder``."""
    path, _ = tiny_gpkg(folder)
    with LiveServer(ServerSettings(store=path, database_url=None, tiles="none", **settings)) as server:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            yield client
