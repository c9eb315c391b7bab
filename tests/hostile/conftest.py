"""One writable tiny store per store kind and per test module, served by a real uvicorn, with tokens."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.editing import EditEnv, edit_env
from tests.support.stores import STORE_KINDS


@pytest.fixture(scope="module", params=STORE_KINDS)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditEnv]:
    database_url = request.getfixturevalue("postgis_cluster").new_database() if request.param == "postgis" else None
    with edit_env(tmp_path_factory.mktemp("hostile"), database_url) as e:
        yield e
