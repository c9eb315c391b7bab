"""Sign-in over a real uvicorn on both stores: cookies, CSRF, same origin, lockout, session writes, roles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import ServerSettings
from geo.model.collections import COLLECTIONS
from geo.model.errors import FeatureNotFound
from geo.records.accounts import create_user
from geo.store.base import Store
from tests.support.records import KIEN_BAI, feature
from tests.support.servers import LiveServer
from tests.support.stores import settings_for

PASSWORD = "mật-khẩu-đủ-dài"
NEW = feature("facilities", "f-session", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="Xưởng mới",
              sector="đúc")


@pytest.fixture
def server(any_store: Store, tiny_data: Path) -> Iterator[LiveServer]:
    create_user(any_store, "editor-ha", "editor", PASSWORD)
    create_user(any_store, "admin-lan", "admin", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"data_dir": tiny_data, "signin_lock_after": 3,
                                                          "tiles": "none"})
    with LiveServer(settings) as live:
        yield live


def _hidden(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def sign_in(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    token = _hidden(client.get("/sign-in").text)
    return client.post("/sign-in", data={"name": name, "password": password, "csrf_token": token},
                       headers={"Origin": str(client.base_url)})


def test_sign_in_sets_a_safe_cookie_and_the_header_names_the_person(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        r = sign_in(client, "editor-ha")
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = next(c for c in r.headers.get_list("set-cookie") if c.startswith("craftmap_session="))
        assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Secure" not in cookie
        assert "Max-Age" not in cookie  # ends with the browser or the idle timeout
        page = client.get("/pollution").text
    assert '<strong id="cm-user">editor-ha</strong>' in page and "/sign-out" in page


@pytest.mark.parametrize("how", ["no token", "wrong token", "foreign origin", "no origin"])
def test_sign_in_form_is_refused_without_its_token_or_from_elsewhere(server: LiveServer, how: str) -> None:
    with httpx.Client(base_url=server.url) as client:
        token = _hidden(client.get("/sign-in").text)
        data = {"name": "editor-ha", "password": PASSWORD, "csrf_token": token}
        headers = {"Origin": server.url}
        if how == "no token":
            del data["csrf_token"]
        elif how == "wrong token":
            data["csrf_token"] = token[:-2] + "xx"
        elif how == "foreign origin":
            headers = {"Origin": "http://evil.example"}
        else:
            headers = {}
        r = client.post("/sign-in", data=data, headers=headers)
        assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"
        assert "craftmap_session" not in r.headers.get("set-cookie", "")
        assert "cm-user" not in client.get("/pollution").text


def _page_token(client: httpx.Client) -> str:
    return _hidden(client.get("/pollution").text)


def test_a_session_writes_only_same_origin_with_its_token_and_is_audited_by_name(
        server: LiveServer, any_store: Store) -> None:
    facilities = COLLECTIONS["facilities"]
    with httpx.Client(base_url=server.url) as client:
        sign_in(client, "editor-ha")
        token = _page_token(client)
        for headers in ({"Origin": server.url}, {"Origin": "http://evil.example", "X-CSRF-Token": token},
                        {"X-CSRF-Token": token}, {"Origin": server.url, "X-CSRF-Token": "x" + token}):
            r = client.post("/collections/facilities/items", json=NEW, headers=headers)
            assert r.status_code == 403, (headers, r.text)
            with pytest.raises(FeatureNotFound):
                any_store.get(facilities, "f-session")
        r = client.post("/collections/facilities/items", json=NEW,
                        headers={"Origin": server.url, "X-CSRF-Token": token})
        assert r.status_code == 201, r.text
    assert any_store.get(facilities, "f-session").properties["name"] == "Xưởng mới"
    assert any_store.audit_log(1, 0)[0].actor == "editor-ha"


def test_sign_out_ends_the_session_everywhere(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        sign_in(client, "editor-ha")
        old = client.cookies["craftmap_session"]
        token = _page_token(client)
        refused = client.post("/sign-out", data={"csrf_token": "wrong"}, headers={"Origin": server.url})
        assert refused.status_code == 403
        r = client.post("/sign-out", data={"csrf_token": token}, headers={"Origin": server.url})
        assert r.status_code == 303
    with httpx.Client(base_url=server.url, cookies={"craftmap_session": old}) as replay:
        assert "cm-user" not in replay.get("/pollution").text
        r = replay.post("/collections/facilities/items", json=NEW,
                        headers={"Origin": server.url, "X-CSRF-Token": token})
        assert r.status_code == 401


def test_an_editor_cannot_reach_admin_pages_an_admin_can(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as editor, httpx.Client(base_url=server.url) as admin:
        sign_in(editor, "editor-ha")
        sign_in(admin, "admin-lan")
        assert editor.get("/audit", headers={"Accept": "text/html"}).status_code == 403
        assert admin.get("/audit", headers={"Accept": "text/html"}).status_code == 200


def test_repeated_wrong_passwords_lock_and_the_page_says_so(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        statuses = [sign_in(client, "editor-ha", "wrong password").status_code for _ in range(3)]
        assert statuses == [401, 401, 429]
        locked = sign_in(client, "editor-ha")  # the right password, during the lock
        assert locked.status_code == 429 and "tạm khóa" in locked.text and "15 phút" in locked.text
        assert "craftmap_session" not in locked.headers.get("set-cookie", "")


def test_cookies_are_secure_behind_https(any_store: Store) -> None:
    create_user(any_store, "ha", "editor", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"base_url": "https://craftmap.example/app"})
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as client:
        form = client.get("/sign-in")
        assert "Secure" in form.headers["set-cookie"] and "Path=/app/" in form.headers["set-cookie"]
        r = client.post("/sign-in", data={"name": "ha", "password": PASSWORD, "csrf_token": _hidden(form.text)},
                        headers={"Origin": "https://craftmap.example"}, cookies=dict(form.cookies))
    assert r.status_code == 303
    assert "Secure" in next(c for c in r.headers.get_list("set-cookie") if c.startswith("craftmap_session="))


def test_settings_refuse_a_zero_idle_timeout() -> None:
    with pytest.raises(ValueError, match="session_idle_minutes"):
        ServerSettings(session_idle_minutes=0)
