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
