"""Fixtures of the third-party client tests: a real uvicorn in a child process (see ProcessServer)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.settings import ServerSettings
from tests.support.servers import ProcessServer


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
