"""A real uvicorn in a child process for third-party clients.

GDAL (through pyogrio) keeps the GIL while it waits on HTTP, so a server in a thread of the
test process would never answer it: these clients get a server process of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from api.settings import ServerSettings
from geo.settings import ROOT
from tests.conftest import free_port


class ProcessServer:
    """``uvicorn api.app:create_app --factory`` on a free loopback port, configured by environment."""

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


@pytest.fixture(scope="session", autouse=True)
def gdal_http_timeout() -> Iterator[None]:
    """A dead server must fail the test, not hang it: GDAL waits forever by default."""
    import pyogrio

    pyogrio.set_gdal_config_options({"GDAL_HTTP_TIMEOUT": "60", "GDAL_HTTP_CONNECTTIMEOUT": "10"})
    yield
    pyogrio.set_gdal_config_options({"GDAL_HTTP_TIMEOUT": None, "GDAL_HTTP_CONNECTTIMEOUT": None})


@pytest.fixture(scope="session")
def process_live(real_store_settings: ServerSettings) -> Iterator[ProcessServer]:
    """The shipped dataset served by uvicorn in a child process (read-only), once per store kind."""
    with ProcessServer(real_store_settings) as server:
        yield server
