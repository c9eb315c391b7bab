"""Deleting with confirmation, and history with a readable diff and "restore this version", on both stores,
over a real uvicorn with a signed-in officer (session cookie, CSRF token, same origin)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from geo.model.collections import COLLECTIONS
from geo.model.errors import FeatureNotFound
from geo.records.accounts import create_user
from geo.records.editing import Editor
from geo.store.base import Store
from tests.support.servers import LiveServer
from tests.support.stores import settings_for

PASSWORD = "mật-khẩu-đủ-dài"
OFFICER = "can-bo-ha"


@pytest.fixture
def server(any_store: Store, tiny_data: Path) -> Iterator[LiveServer]:
    create_user(any_store, OFFICER, "editor", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"data_dir": tiny_data, "tiles": "none"})
    with LiveServer(settings) as live:
        yield live


def hidden(html: str, name: str = "csrf_token") -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, html
    return found.group(1)


@contextmanager
def officer(server: LiveServer, name: str = OFFICER) -> Iterator[httpx.Client]:
    """A client signed in as the officer (the sign-in form's own CSRF token and Origin)."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = hidden(client.get("/sign-in").text)
        r = client.post("/sign-in", data={"name": name, "password": PASSWORD, "csrf_token": token},
                        headers={"Origin": server.url})
        assert r.status_code == 303, r.text
        yield client


def post_form(client: httpx.Client, path: str, data: dict[str, str]) -> httpx.Response:
    return client.post(path, data=data, headers={"Origin": str(client.base_url)})


def test_delete_is_refused_while_other_records_link_to_it(server: LiveServer, any_store: Store) -> None:
    with officer(server) as client:
        page = client.get("/workspace/clusters/kien-bai/delete")
        assert page.status_code == 200
        linking = re.search(r'<ul id="linking-records">(.*?)</ul>', page.text, re.S)
        assert linking is not None
        assert sorted(re.findall(r"<code>([^<]+)</code>", linking.group(1))) == ["f-1", "kb-1", "p-pilot"]
        assert "Xưởng đúc &lt;b&gt;thử&lt;/b&gt;" in linking.group(1)  # names shown as text
        assert 'id="delete-confirm"' not in page.text
        r = post_form(client, "/workspace/clusters/kien-bai/delete",
                      {"csrf_token": hidden(page.text), "version": "1"})
    assert r.status_code == 409
    assert 'id="delete-refused"' in r.text
    assert any_store.get(COLLECTIONS["clusters"], "kien-bai").version == 1


def test_delete_needs_the_token_then_deletes_and_restore_brings_it_back(server: LiveServer, any_store: Store) -> None:
    facilities = COLLECTIONS["facilities"]
    original = any_store.get(facilities, "f-1", include_private=True)
    with officer(server) as client:
        page = client.get("/workspace/facilities/f-1/delete")
        assert 'id="delete-confirm"' in page.text and 'id="linking-records"' not in page.text
        assert post_form(client, "/workspace/facilities/f-1/delete", {"version": "1"}).status_code == 403
        foreign = client.post("/workspace/facilities/f-1/delete", data={"csrf_token": hidden(page.text),
                              "version": "1"}, headers={"Origin": "http://evil.example"})
        assert foreign.status_code == 403
        assert any_store.get(facilities, "f-1").version == 1
        r = post_form(client, "/workspace/facilities/f-1/delete", {"csrf_token": hidden(page.text), "version": "1"})
        assert r.status_code == 303 and r.headers["location"] == "/collections/facilities/items/f-1/history?f=html"
        with pytest.raises(FeatureNotFound):
            any_store.get(facilities, "f-1")
        history = client.get(r.headers["location"]).text
        assert 'data-deleted="1"' in history
        r = post_form(client, "/workspace/facilities/f-1/restore",
                      {"csrf_token": hidden(history), "version": "1", "current": "0"})
        assert r.status_code == 303, r.text
    back = any_store.get(facilities, "f-1", include_private=True)
    assert back.version == 3  # 1 loaded, 2 the deletion, 3 the restored copy
    assert back.properties == original.properties
    assert [e.action for e in any_store.history(facilities, "f-1")] == ["delete", "create"]
    assert any_store.history(facilities, "f-1")[-1].actor == OFFICER


def test_history_shows_a_readable_diff_and_restores_an_old_version(
        server: LiveServer, any_store: Store, tiny_data: Path) -> None:
    villages = COLLECTIONS["villages"]
    original = any_store.get(villages, "my-dong", include_private=True)
    Editor(any_store, "someone", frozenset({"src-test"})).patch(
        villages, "my-dong", {"properties": {"households": 250, "production_value_vnd": 3_865_000_000,
                                             "craft_group": "mixed"}}, 1)
    with officer(server) as client:
        page = client.get("/collections/villages/items/my-dong/history?f=html").text
        section = page[page.index('id="version-2"'):]
        assert "Số hộ <code" in section and "<td>—</td><td>250</td>" in section
        assert "<td>—</td><td>3,865 tỷ đồng</td>" in section
        assert "<td>Cơ khí, kim loại</td><td>Nhiều nghề</td>" in section  # labels.toml [craft_group]
        assert "someone" not in page
        assert 'value="1"' in page[page.index('id="version-1"'):page.index('id="version-2"')]
        stale = post_form(client, "/workspace/villages/my-dong/restore",
                          {"csrf_token": hidden(page), "version": "1", "current": "1"})
        assert stale.status_code == 412 and 'id="moves-message"' in stale.text
        assert any_store.get(villages, "my-dong").version == 2
        r = post_form(client, "/workspace/villages/my-dong/restore",
                      {"csrf_token": hidden(page), "version": "1", "current": "2"})
        assert r.status_code == 303, r.text
        english = client.get("/collections/villages/items/my-dong/history?f=html&lang=en").text
    restored = any_store.get(villages, "my-dong", include_private=True)
    assert restored.version == 3 and restored.properties == original.properties
    assert "Households <code" in english and "<td>3.865 billion VND</td><td>—</td>" in english


def test_pages_send_strangers_to_sign_in_and_forms_refuse_them(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as stranger:
        r = stranger.get("/workspace/facilities/f-1/delete")
        assert r.status_code == 303
        assert r.headers["location"] == "/sign-in?next=%2Fworkspace%2Ffacilities%2Ff-1%2Fdelete"
        r = stranger.post("/workspace/facilities/f-1/delete", data={"version": "1"},
                          headers={"Origin": server.url})
        assert r.status_code == 401
        assert "Khôi phục" not in stranger.get("/collections/facilities/items/f-1/history?f=html").text


def test_the_history_names_who_only_for_admins(server: LiveServer, any_store: Store) -> None:
    create_user(any_store, "quan-tri", "admin", PASSWORD)
    Editor(any_store, "someone", frozenset({"src-test"})).patch(
        COLLECTIONS["villages"], "my-dong", {"properties": {"households": 250}}, 1)
    path = "/collections/villages/items/my-dong/history?f=html"
    with officer(server) as editor:
        assert "someone" not in editor.get(path).text
    with officer(server, "quan-tri") as admin:
        assert '<span class="actor">người sửa someone</span>' in admin.get(path).text

