"""OGC API - Features Part 4 against a real uvicorn: writes, ETags, the two-editors race, history, headers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.ogc.edit import CONFORMANCE
from geo.model.collections import FACILITIES, VILLAGES
from tests.support.editing import EditEnv, edit_env
from tests.support.records import KIEN_BAI, feature

GJ = {"Content-Type": "application/geo+json"}


@pytest.fixture
def env(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EditEnv]:
    """A writable tiny store behind a real uvicorn, once per store kind."""
    database_url = request.getfixturevalue("pg_url") if store_kind == "postgis" else None
    with edit_env(tmp_path, database_url) as e:
        yield e


def public_copy(client: httpx.Client, path: str) -> tuple[dict[str, Any], str]:
    r = client.get(path)
    assert r.status_code == 200
    body = r.json()
    body.pop("links", None)
    return body, r.headers["etag"]


def test_create_returns_201_location_and_etag(env: EditEnv) -> None:
    body = feature("facilities", "f-new", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="Xưởng mới",
                   sector="cơ khí", village_id="my-dong", contact_phone="0123 456 789")
    with env.client(env.editor) as client:
        r = client.post("/collections/facilities/items", json=body, headers=GJ)
        assert r.status_code == 201, r.text
        assert r.headers["location"].endswith("/collections/facilities/items/f-new")
        assert r.headers["etag"] == '"1"'
        assert "contact_phone" not in r.json()["properties"]
        got = client.get(r.headers["location"])
    assert got.headers["etag"] == '"1"'
    assert got.json()["properties"]["sector"] == "cơ khí"
    assert "contact_phone" not in got.json()["properties"]
    store = env.open_store()
    assert store.get(FACILITIES, "f-new", include_private=True).properties["contact_phone"] == "0123 456 789"
    assert store.history(FACILITIES, "f-new")[0].actor == "editor-1"
    store.close()


def test_post_without_id_gets_one(env: EditEnv) -> None:
    body = feature("facilities", "x", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="Không mã",
                   sector="dệt")
    body.pop("id")
    body["properties"].pop("id")
    with env.client(env.editor) as client:
        r = client.post("/collections/facilities/items", json=body, headers=GJ)
        assert r.status_code == 201, r.text
        assert client.get(r.headers["location"]).json()["properties"]["name"] == "Không mã"
        new_id = r.headers["location"].rsplit("/", 1)[1]
        assert new_id and new_id not in ("f-1", "x")
        assert r.json()["id"] == r.json()["properties"]["id"] == new_id


def test_put_patch_delete_with_etags(env: EditEnv) -> None:
    path = "/collections/facilities/items/f-1"
    with env.client(env.editor) as client:
        body, tag = public_copy(client, path)
        body["properties"]["workers"] = 40
        r = client.put(path, json=body, headers={**GJ, "If-Match": tag})
        assert r.status_code == 200, r.text
        assert r.headers["etag"] == '"2"' != tag
        r = client.patch(path, json={"properties": {"notes": "đã kiểm tra", "workers": None}},
                         headers={"Content-Type": "application/merge-patch+json", "If-Match": '"2"'})
        assert r.status_code == 200, r.text
        props = client.get(path).json()["properties"]
        assert props["notes"] == "đã kiểm tra" and props["workers"] is None
        assert client.put(path, json=body, headers={**GJ, "If-Match": tag}).status_code == 412
        r = client.delete(path, headers={"If-Match": '"3"'})
        assert r.status_code == 204
        assert client.get(path).status_code == 404
        history = client.get(path + "/history").json()["changes"]
    assert [h["action"] for h in history] == ["replace", "replace", "delete"]
    assert {"field": "workers", "before": None, "after": 40} in history[0]["changes"]


def test_put_keeps_private_fields_the_client_never_saw(env: EditEnv) -> None:
    path = "/collections/villages/items/my-dong"
    with env.client(env.editor) as client:
        body, tag = public_copy(client, path)
        assert "contact_phone" not in body["properties"]
        body["properties"]["households"] = 200
        assert client.put(path, json=body, headers={**GJ, "If-Match": tag}).status_code == 200
    store = env.open_store()
    village = store.get(VILLAGES, "my-dong", include_private=True)
    store.close()
    assert village.properties["contact_phone"] == "0000 000 000"
    assert village.properties["households"] == 200


def test_write_in_vn2000_is_stored_in_crs84(env: EditEnv) -> None:
    from geo.spatial import crs

    x, y = crs.transform([__import__("shapely").Point(*KIEN_BAI)], crs.CRS84, "EPSG:9210")[0].coords[0]
    body = feature("facilities", "f-vn", {"type": "Point", "coordinates": [x, y]}, name="VN-2000", sector="gỗ")
    with env.client(env.editor) as client:
        r = client.post("/collections/facilities/items", json=body,
                        headers={**GJ, "Content-Crs": "<http://www.opengis.net/def/crs/EPSG/0/9210>"})
        assert r.status_code == 201, r.text
        lon, lat = client.get("/collections/facilities/items/f-vn").json()["geometry"]["coordinates"]
    assert abs(lon - KIEN_BAI[0]) < 1e-6 and abs(lat - KIEN_BAI[1]) < 1e-6


def test_two_editors_race_exactly_one_wins(env: EditEnv) -> None:
    path = "/collections/facilities/items/f-1"
    with env.client() as reader:
        body, tag = public_copy(reader, path)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def edit(name: str) -> None:
        change = {**body, "properties": {**body["properties"], "name": name}}
        with env.client(env.editor) as client:
            barrier.wait()
            statuses.append(client.put(path, json=change, headers={**GJ, "If-Match": tag}).status_code)

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("Editor A", "Editor B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 412]
    with env.client() as reader:
        assert reader.get(path).headers["etag"] == '"2"'
        assert len(reader.get(path + "/history").json()["changes"]) == 1


def test_public_history_has_no_actor_and_no_private_fields(env: EditEnv) -> None:
    path = "/collections/villages/items/my-dong"
    with env.client(env.editor) as client:
        r = client.patch(path, json={"properties": {"contact_phone": "0999 999 999", "households": 5}},
                         headers={"Content-Type": "application/merge-patch+json", "If-Match": '"1"'})
        assert r.status_code == 200, r.text
        assert "contact_phone" not in r.json()["properties"]
    with env.client() as public:
        for out in (public.get(path + "/history").text, public.get(path + "/history?f=html").text):
            assert "0999 999 999" not in out and "0000 000 000" not in out
            assert "editor-1" not in out and env.editor not in out
            assert "households" in out
        assert public.get("/audit").status_code == 401
    with env.client(env.admin) as admin:
        entries = admin.get("/audit").json()["entries"]
    assert entries[0]["actor"] == "editor-1"
    assert env.editor not in str(entries)


def test_history_of_unknown_feature_is_404(env: EditEnv) -> None:
    with env.client() as client:
        assert client.get("/collections/facilities/items/nope/history").status_code == 404


def test_conformance_and_openapi_document_part4(env: EditEnv) -> None:
    with env.client() as client:
        conforms = client.get("/conformance").json()["conformsTo"]
        spec = client.get("/openapi.json").json()
    assert set(CONFORMANCE) <= set(conforms)
    item = spec["paths"]["/collections/{collection_id}/items/{feature_id}"]
    assert {"412", "428", "401", "403", "422"} <= set(item["put"]["responses"])
    assert {"412", "428", "409"} <= set(item["delete"]["responses"])
    post = spec["paths"]["/collections/{collection_id}/items"]["post"]
    assert {"201", "413", "415", "405"} <= set(post["responses"])
    assert "application/geo+json" in post["requestBody"]["content"]
    assert any("bearer" in str(s).lower() for s in spec["components"]["securitySchemes"].values())


def test_security_headers_and_closed_cors(env: EditEnv) -> None:
    with env.client() as client:
        for path in ("/", "/collections/facilities/items/f-1", "/nope"):
            r = client.get(path, headers={"Origin": "https://evil.example"})
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["x-frame-options"] == "SAMEORIGIN"
            assert "referrer-policy" in r.headers
            assert "script-src 'self' 'unsafe-inline'" in r.headers["content-security-policy"]
            assert "access-control-allow-origin" not in r.headers
        pre = client.options("/collections/facilities/items", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in pre.headers


def test_cors_open_only_to_configured_origins(tmp_path: Path) -> None:
    with edit_env(tmp_path, cors_origins=["https://portal.example"]) as e, e.client() as client:
        ok = client.get("/", headers={"Origin": "https://portal.example"})
        bad = client.get("/", headers={"Origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://portal.example"
    assert "access-control-allow-origin" not in bad.headers


def test_upload_endpoint_imports_a_csv(env: EditEnv) -> None:
    csv_text = ("id,name,sector,sources,location_precision,illustrative,lon,lat,contact_phone\n"
                "up-1,Xưởng A,đúc,src-test,approximate,true,106.631,20.931,0900\n"
                "up-2,Xưởng B,đúc,src-test,approximate,true,106.632,20.932,\n")
    with env.client(env.editor) as client:
        r = client.post("/collections/facilities/import", content=csv_text.encode(),
                        headers={"Content-Type": "text/csv"})
        assert r.status_code == 201, r.text
        assert r.json()["imported"] == 2
        assert client.get("/collections/facilities/items/up-2").json()["properties"]["name"] == "Xưởng B"
        assert client.post("/collections/facilities/import", content=csv_text.encode(),
                           headers={"Content-Type": "text/csv"}).status_code == 422  # ids exist now
