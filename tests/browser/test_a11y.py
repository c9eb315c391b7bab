"""Every HTML page (tests/support/pages.py) in headless Chromium, offline: no serious or critical axe-core
violation, no sideways scrolling of the page at 390×844, no request outside the app; and the header,
language switch, sign-in form and map layer control used with the keyboard alone.

axe-core comes from the npm registry (``scripts/setup-npm.sh``) and is injected by the test; the app never
serves it. The pages run on the shipped data in a GeoPackage with an editor and an admin account.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import ServerSettings
from geo.records.accounts import create_user
from geo.store.gpkg.store import GpkgStore
from tests.support.browser import Visit, axe_violations, open_page, page_width, screenshots
from tests.support.pages import PAGES, SitePage, fill, record_ids
from tests.support.servers import LiveServer

PASSWORD = "mật-khẩu-đủ-dài-để-thử"
ACCOUNTS = {"editor": "Trần Văn Biên", "admin": "Lê Thị Quản"}
PHONE = {"width": 390, "height": 844}


def _store_with_accounts(real_store_path: Path, folder: Path) -> Path:
    path = folder / "a11y.gpkg"
    shutil.copy(real_store_path, path)
    store = GpkgStore(path)
    for role, name in ACCOUNTS.items():
        create_user(store, name, role, PASSWORD)
    store.close()
    return path


@pytest.fixture(scope="module")
def site(real_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The shipped data with the default basemap (OSM tiles, which fail here: maps draw their own)."""
    path = _store_with_accounts(real_store_path, tmp_path_factory.mktemp("a11y"))
    with LiveServer(ServerSettings(store=path, database_url=None)) as server:
        yield server


@pytest.fixture(scope="module")
def site_without_tiles(site: LiveServer, real_store_path: Path,
                       tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The same data and accounts with no basemap configured: then nothing at all may leave the app."""
    path = _store_with_accounts(real_store_path, tmp_path_factory.mktemp("a11y-offline"))
    with LiveServer(ServerSettings(store=path, database_url=None, tiles="none")) as server:
        yield server


@pytest.fixture(scope="module")
def ids(site: LiveServer) -> dict[str, str]:
    with httpx.Client(base_url=site.url, timeout=30) as http:
        return record_ids(http)


def sign_in(context: Any, base: str, role: str) -> None:
    """Sign ``context`` in as the account of ``role`` through the form, as a person would."""
    page = context.new_page()
    page.goto(base + "/sign-in")
    page.fill("#signin-name", ACCOUNTS[role])
    page.fill("#signin-password", PASSWORD)
    page.locator("form.signin button[type=submit]").click()
    page.wait_for_selector("#cm-user")
    page.close()


@pytest.fixture(scope="module")
def contexts(browser: Any, site: LiveServer) -> Iterator[dict[str | None, Any]]:
    """One browser context per role (None: a visitor), signed in once."""
    out: dict[str | None, Any] = {}
    for role in (None, *ACCOUNTS):
        out[role] = browser.new_context(viewport={"width": 1400, "height": 900})
        if role is not None:
            sign_in(out[role], site.url, role)
    yield out
    for context in out.values():
        context.close()


def load(contexts: dict[str | None, Any], base: str, page: SitePage, ids: dict[str, str]) -> Visit:
    v = open_page(contexts[page.role], base + fill(page, ids), wait=page.map)
    if page.map:  # the drawn basemap too: the tiles fail here, so every map draws and labels its own
        v.page.wait_for_selector(".folium-map[data-cm-basemap='drawn'] .leaflet-cmBase-pane path",
                                 state="attached", timeout=30_000)
    else:
        v.page.wait_for_load_state("load")
    return v


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_passes_axe_and_fits_a_phone(site: LiveServer, contexts: dict[str | None, Any], ids: dict[str, str],
                                          page: SitePage) -> None:
    v = load(contexts, site.url, page, ids)
    try:
        assert axe_violations(v.page) == []
        v.page.set_viewport_size(PHONE)
        assert page_width(v.page) <= PHONE["width"]
        assert axe_violations(v.page) == []  # tables that now scroll in their own box are reachable too
        if page.name == "home":
            screenshots(v.page, "home")
        assert v.errors == []
        assert v.failed == []
    finally:
        v.page.close()


def test_no_page_requests_anything_outside_the_app(browser: Any, site_without_tiles: LiveServer,
                                                   ids: dict[str, str]) -> None:
    """Every page of the list, signed in where it asks, with every non-loopback request blocked and recorded."""
    base = site_without_tiles.url
    contexts = {role: browser.new_context() for role in (None, *ACCOUNTS)}
    outside: dict[str, list[str]] = {}
    visited = 0
    try:
        for role in ACCOUNTS:
            sign_in(contexts[role], base, role)
        for page in PAGES:
            v = load(contexts, base, page, ids)
            visited += 1
            if v.blocked:
                outside[page.name] = v.blocked
            assert v.failed == [], page.name
            v.page.close()
    finally:
        for context in contexts.values():
            context.close()
    assert visited == len(PAGES)
    assert outside == {}


# -- The keyboard alone -------------------------------------------------------------------------------------
FOCUSED = """() => { const e = document.activeElement;
  return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim(), href: e.href || null,
          label: e.closest('label') ? e.closest('label').innerText.trim() : null, type: e.type || null}; }"""


def tab_until(page: Any, match: Any, most: int = 60) -> dict[str, Any]:
    """Press Tab until ``match(focused)`` holds (the focused element as FOCUSED describes it)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if match(focused):
            return focused  # type: ignore[no-any-return]
    raise AssertionError(f"not reached with {most} Tab presses")


def test_the_header_is_a_row_of_tab_stops_and_enter_follows_them(site: LiveServer,
                                                                 contexts: dict[str | None, Any]) -> None:
    page = contexts[None].new_page()
    try:
        page.goto(site.url + "/")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)["text"] == "Bỏ qua, đến nội dung chính"  # the first stop skips the header
        header = page.eval_on_selector_all("header.site a, header.site button",
                                           "els => els.map(e => e.innerText.trim())")
        assert {"Bản đồ", "Quỹ đất cụm công nghiệp", "Đề án và kinh phí", "Ô nhiễm làng nghề", "Dữ liệu mở",
                "GIS / API", "Đăng nhập", "English"} <= set(header)
        texts = []
        for _ in header:  # every link of the header, one Tab each, in the order they read
            page.keyboard.press("Tab")
            texts.append(page.evaluate(FOCUSED)["text"])
        assert texts == header
        for _ in range(len(header) - 1 - header.index("GIS / API")):
            page.keyboard.press("Shift+Tab")
        assert page.evaluate(FOCUSED)["text"] == "GIS / API"
        page.keyboard.press("Enter")
        page.wait_for_url("**/collections?f=html")
        assert page.locator("h1").count() == 1
    finally:
        page.close()


def test_the_language_switch_keeps_the_page_and_its_parameters(site: LiveServer,
                                                                contexts: dict[str | None, Any]) -> None:
    page = contexts[None].new_page()
    try:
        page.goto(site.url + "/pollution?distance_km=2")
        tab_until(page, lambda f: f["id"] == "lang-switch")
        page.keyboard.press("Enter")
        page.wait_for_url("**/pollution?distance_km=2&lang=en")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("#lang-switch").inner_text() == "Tiếng Việt"
    finally:
        page.close()


def test_signing_in_with_the_keyboard_alone(browser: Any, site: LiveServer) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url + "/sign-in")
        tab_until(page, lambda f: f["id"] == "signin-name")
        page.keyboard.type(ACCOUNTS["editor"])
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)["id"] == "signin-password"
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_selector("#cm-user")
        assert page.locator("#cm-user").inner_text() == ACCOUNTS["editor"]
    finally:
        context.close()


def test_the_map_layer_control_works_from_the_keyboard(site: LiveServer, contexts: dict[str | None, Any]) -> None:
    v = open_page(contexts[None], site.url + "/maps/overview")
    page = v.page
    try:
        assert v.layer("Làng nghề")["onMap"] is True
        # The controls come before the pins in the tab order: the layer list is a few stops away.
        focused = tab_until(page, lambda f: f["type"] == "checkbox" and f["label"] == "Làng nghề", most=40)
        assert focused["tag"] == "INPUT"
        page.keyboard.press("Space")
        assert v.layer("Làng nghề")["onMap"] is False
        page.keyboard.press("Space")
        assert v.layer("Làng nghề")["onMap"] is True
        # The map's search is reachable too, and Enter on a hit opens it.
        page.locator(".cm-search-input").focus()
        page.keyboard.type("my dong")
        tab_until(page, lambda f: f["tag"] == "BUTTON" and "Mỹ Đồng" in f["text"] and f["text"].endswith("Làng nghề"),
                  most=10)
        page.keyboard.press("Enter")
        page.wait_for_selector(".leaflet-popup-content .cm-popup-name")
        assert "Mỹ Đồng" in page.locator(".leaflet-popup-content .cm-popup-name").inner_text()
    finally:
        page.close()


def test_a_map_on_a_phone_folds_its_controls_and_speaks_the_page_language(browser: Any, site: LiveServer) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        v = open_page(context, site.url + "/maps/overview")
        page = v.page
        # The layer list and the legend start folded, so the map is not hidden under them.
        assert page.locator(".leaflet-control-layers").count() == 1
        assert page.locator(".leaflet-control-layers-expanded").count() == 0
        assert page.locator(".cm-legend details").get_attribute("open") is None
        screenshots(page, "map-overview-phone", ((390, 844),))
        toggle = page.get_by_role("button", name="Lớp bản đồ")
        toggle.focus()
        page.keyboard.press("Enter")
        assert page.locator(".leaflet-control-layers-expanded").count() == 1
        # Leaflet's buttons are named in the page's language, not in English.
        assert page.get_by_role("button", name="Phóng to").count() == 1
        assert page.get_by_role("button", name="Thu nhỏ").count() == 1
        assert page.locator('[title="Zoom in"], [title="Layers"]').count() == 0
        assert v.errors == []
    finally:
        context.close()
