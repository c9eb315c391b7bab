"""Who may write: no token → 401 with a Bearer challenge, wrong role → 403, revoked → 401."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from geo.records.access import create_token
from geo.store.gpkg.store import GpkgStore
from tests.support.editing import EditEnv, edit_env
from tests.support.records import KIEN_BAI, feature
from tests.support.stores import content_dump

NEW = feature("facilities", "f-auth", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="X", sector="đúc")
WRITES = [
    ("POST", "/collections/facilities/items", {"json": NEW}),
    ("PUT", "/collections/facilities/items/f-1", {"json": NEW, "headers": {"If-Match": '"1"'}}),
    ("PATCH", "/collections/facilities/items/f-1", {"json": {"properties": {}}, "headers": {"If-Match": '"1"'}}),
    ("DELETE", "/collections/facilities/items/f-1", {"headers": {"If-Match": '"1"'}}),
    ("POST", "/collections/facilities/import", {"content": b"lon,lat\n", "headers": {"Content-Type": "text/csv"}}),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditEnv]:
    with edit_env(tmp_path_factory.mktemp("auth")) as e:
        yield e


@pytest.mark.parametrize(("method", "path", "kwargs"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
@pytest.mark.parametrize("token", [None, "cm_" + "A" * 43, "not-a-token"], ids=["none", "unknown", "junk"])
def test_writes_without_a_valid_token_are_401(env: EditEnv, method: str, path: str, kwargs: dict[str, object],
                                              token: str | None) -> None:
    before = content_dump(env.path)
    with env.client() as client:
        headers = {**kwargs.get("headers", {}), **({"Authorization": f"Bearer {token}"} if token is not None
                                                    else {})}  # type: ignore[dict-item]
        r = client.request(method, path, **{**kwargs, "headers": headers})  # type: ignore[arg-type]
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.headers["content-type"].startswith("application/problem+json")
    assert content_dump(env.path) == before


def test_basic_auth_is_not_a_bearer_token(env: EditEnv) -> None:
    with env.client() as client:
        r = client.post("/collections/facilities/items", json=NEW, headers={"Authorization": "Basic YTpi"})
    assert r.status_code == 401


def test_editor_may_not_read_the_audit_log(env: EditEnv) -> None:
    with env.client(env.editor) as client:
        r = client.get("/audit")
    assert r.status_code == 403
    assert r.json()["title"] == "Forbidden"


def test_admin_may_read_the_audit_log_and_write(env: EditEnv) -> None:
    with env.client(env.admin) as client:
        assert client.get("/audit").status_code == 200
        r = client.post("/collections/facilities/items", json={**NEW, "id": "f-admin",
                                                               "properties": {**NEW["properties"], "id": "f-admin"}})
        assert r.status_code == 201, r.text


def test_revoked_token_stops_working_at_once(env: EditEnv) -> None:
    store = GpkgStore(env.path)
    token, _ = create_token(store, "temp-editor", "editor")
    body = {**NEW, "id": "f-rev", "properties": {**NEW["properties"], "id": "f-rev"}}
    with env.client(token) as client:
        assert client.post("/collections/facilities/items", json=body).status_code == 201
        assert store.revoke_token("temp-editor")
        store.close()
        body2 = {**NEW, "id": "f-rev2", "properties": {**NEW["properties"], "id": "f-rev2"}}
        assert client.post("/collections/facilities/items", json=body2).status_code == 401


def test_reads_stay_public(env: EditEnv) -> None:
    with env.client() as client:
        assert client.get("/collections/facilities/items/f-1").status_code == 200
        assert client.get("/collections/facilities/items/f-1/history").status_code == 200
