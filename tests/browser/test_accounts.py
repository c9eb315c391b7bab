"""The home page and sign-in in headless Chromium, offline (every non-loopback request is aborted).

Sign-in, sign-out and the lock run on both stores; the page checks run on the GeoPackage. Screenshots of both pages at
1400×900 and 390×844 go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import ServerSettings
from geo.records.accounts import create_user
from geo.records.loader import load
from geo.store.base import Store
from geo.store.gpkg.store import GpkgStore
from tests.support.browser import Tab, screenshots
from tests.support.records import write_dataset
from tests.support.servers import LiveServer
from tests.support.stores import settings_for

PASSWORD = "mật-khẩu-đủ-dài"
EVIL = "<img src=x onerror=alert(1)>"
SIZES = [(1400, 900), (390, 844)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The tiny dataset with an editor named with markup, served with a 3-strike lock."""
    folder = tmp_path_factory.mktemp("accounts")
    store = GpkgStore(folder / "s.gpkg")
    data = write_dataset(folder / "data")
    load(data, store)
    create_user(store, EVIL, "editor", PASSWORD)
    store.close()
    settings = ServerSettings(store=folder / "s.gpkg", data_dir=data, tiles="none", signin_lock_after=3)
    with LiveServer(settings) as server:
        yield server



def fill_sign_in(page: Any, name: str, password: str) -> None:
    page.get_by_label("Tên tài khoản").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("load")


def test_an_account_signs_in_sees_its_name_and_signs_out(browser: Any, any_store: Store) -> None:
    create_user(any_store, "Nguyễn Thị Hà", "editor", PASSWORD)
    with LiveServer(settings_for(any_store).model_copy(update={"tiles": "none"})) as server:
        tab = Tab(browser)
        page = tab.open(server.url + "/")
        page.get_by_role("link", name="Đăng nhập").click()
        fill_sign_in(page, "Nguyễn Thị Hà", PASSWORD)
        assert page.url == server.url + "/"
        assert page.locator("#cm-user").inner_text() == "Nguyễn Thị Hà"
        old = next(c for c in tab.context.cookies() if c["name"] == "craftmap_session")
        assert old["httpOnly"] and old["sameSite"] == "Lax"
        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_load_state("load")
        assert page.locator("#cm-user").count() == 0
        assert page.get_by_role("link", name="Đăng nhập").count() == 1
        tab.assert_clean()
        tab.context.close()
        with httpx.Client(base_url=server.url, cookies={"craftmap_session": old["value"]}) as replay:
            assert "cm-user" not in replay.get("/", headers={"Accept": "text/html"}).text


def test_a_name_with_markup_shows_as_text(site: LiveServer, tab: Tab) -> None:
    page = tab.open(site.url + "/sign-in")
    fill_sign_in(page, EVIL, PASSWORD)
    assert page.locator("#cm-user").inner_text() == EVIL
    assert page.locator('img[src="x"]').count() == 0
    tab.assert_clean()


def test_wrong_passwords_lock_the_account_and_the_page_says_so(any_store: Store, tab: Tab) -> None:
    create_user(any_store, "will-be-locked", "editor", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"tiles": "none", "signin_lock_after": 3})
    with LiveServer(settings) as server:
        _strike_three_times(tab.open(server.url + "/sign-in?lang=en"))


def _strike_three_times(page: Any) -> None:
    for _ in range(2):
        page.get_by_label("Account name").fill("will-be-locked")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
        assert page.locator("#signin-message").inner_text() == "Wrong account name or password."
    for password in ("wrong password", PASSWORD):  # the third strike locks; then even the right one fails
        page.get_by_label("Account name").fill("will-be-locked")
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
        assert "locked" in page.locator("#signin-message").inner_text()
    assert page.locator("#cm-user").count() == 0


def test_a_form_posted_from_another_origin_is_refused(site: LiveServer, tab: Tab, tmp_path: Path) -> None:
    """A page elsewhere (file://) posting the sign-in form with a valid token still gets a 403."""
    token = tab.open(site.url + "/sign-in").locator('input[name="csrf_token"]').get_attribute("value")
    evil = tmp_path / "evil.html"
    evil.write_text(f'<form method="post" action="{site.url}/sign-in"><input name="name" value="{EVIL}">'
                    f'<input name="password" value="{PASSWORD}"><input name="csrf_token" value="{token}">'
                    '<button>go</button></form>', encoding="utf-8")
    page = tab.open(evil.as_uri())
    with page.expect_response(site.url + "/sign-in") as answer:
        page.get_by_role("button", name="go").click()
    assert answer.value.status == 403
    assert answer.value.headers["content-type"] == "application/problem+json"
    assert all(c["name"] != "craftmap_session" for c in tab.context.cookies())


def test_home_page_links_answer_and_json_clients_keep_the_landing(site: LiveServer, tab: Tab) -> None:
    for lang in ("", "?lang=en"):
        page = tab.open(site.url + "/" + lang)
        assert page.locator("#door-planners, #door-officers, #door-public").count() == 3
        hrefs = set(page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)"))
        assert {site.url + "/maps/overview" + lang, site.url + "/transparency" + lang} <= hrefs
        with httpx.Client(timeout=60) as client:
            assert {h: client.get(h).status_code for h in hrefs} == dict.fromkeys(hrefs, 200)
    tab.assert_clean()
    for accept in ("*/*", "application/json"):
        doc = httpx.get(site.url + "/", headers={"Accept": accept}).json()
        assert {"service-desc", "conformance", "data"} <= {link["rel"] for link in doc["links"]}


def test_home_search_finds_across_collections_without_accents(site: LiveServer, tab: Tab) -> None:
    page = tab.open(site.url + "/")
    page.get_by_role("searchbox").fill("kien bai")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_load_state("load")
    assert "/search?" in page.url and "f=html" in page.url
    assert "Kiền Bái" in page.locator("main").inner_text()
    tab.assert_clean()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_screenshots_and_no_sideways_scrolling(live: LiveServer, tab: Tab, width: int, height: int) -> None:
    """On the shipped dataset."""
    tab.page.set_viewport_size({"width": width, "height": height})
    for name, path in (("home", "/"), ("sign-in", "/sign-in")):
        page = tab.open(live.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        screenshots(page, name, ((width, height),))
    tab.assert_clean()
