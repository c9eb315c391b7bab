"""The import wizard in headless Chromium, offline, on both stores: sign in, upload a GeoPackage in
VN-2000 / UTM 48N, see the preview (CRS, rows, map), confirm, watch it finish, get the records' links.
A file with bad rows is previewed with each row's problems and cannot be confirmed. Screenshots of the
preview at 1400×900 and 390×844 go to ``test-artifacts/``; every page passes axe-core (no serious or
critical violation).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from geo.model.collections import FACILITIES
from geo.model.errors import FeatureNotFound
from geo.records import import_uploads
from geo.records.accounts import create_user
from geo.settings import ROOT
from geo.store.base import Store
from tests.api.test_workspace_import import EVIL, geojson_9210, gpkg_3405
from tests.browser.test_accounts import PASSWORD, SIZES, fill_sign_in
from tests.support.browser import ARTIFACTS, READY_TIMEOUT_MS, Tab
from tests.support.servers import LiveServer
from tests.support.stores import settings_for

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now (axe is injected by the test only)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document)).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")  # type: ignore[no-any-return]


@pytest.fixture
def site(any_store: Store, tiny_data: Path) -> Iterator[LiveServer]:
    create_user(any_store, "can-bo-dat", "editor", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"data_dir": tiny_data, "tiles": "none"})
    with LiveServer(settings) as server:
        yield server



def signed_in_upload_form(tab: Tab, site: LiveServer) -> Any:
    page = tab.open(site.url + "/workspace/import")
    assert "/sign-in?next=" in page.url  # anonymous: sent to sign in, then back here
    fill_sign_in(page, "can-bo-dat", PASSWORD)
    assert page.url == site.url + "/workspace/import"
    return page


def upload(page: Any, path: Path) -> None:
    page.get_by_label("Lớp dữ liệu").select_option("facilities")
    page.locator("#import-file").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_load_state("load")
    page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=READY_TIMEOUT_MS)


def test_upload_preview_confirm_result(site: LiveServer, tab: Tab, any_store: Store, tmp_path: Path) -> None:
    page = signed_in_upload_form(tab, site)
    assert serious_violations(page) == []
    upload(page, gpkg_3405(tmp_path))
    assert "EPSG:3405" in page.locator("#preview-crs").inner_text()
    assert page.locator("#preview-rows tbody tr.ok").count() == 3
    assert page.locator(".folium-map path.leaflet-interactive").count() >= 3  # the rows on the map
    with pytest.raises(FeatureNotFound):
        any_store.get(FACILITIES, "imp-0")  # a preview writes nothing
    assert serious_violations(page) == []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"import-preview-{width}x{height}.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.get_by_role("button", name="Xác nhận nhập 3 bản ghi").click()
    page.wait_for_selector("#import-count", timeout=READY_TIMEOUT_MS)  # progress, then the result
    assert page.locator("#import-count").inner_text() == "3"
    assert [page.locator("#import-links a").nth(i).inner_text() for i in range(3)] == ["imp-0", "imp-1", "imp-2"]
    assert [any_store.get(FACILITIES, f"imp-{i}").version for i in range(3)] == [1, 1, 1]
    assert serious_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "import-result-1400x900.png"), full_page=True)
    page.locator("#import-links a").first.click()
    page.wait_for_load_state("load")
    assert "imp-0" in page.url
    tab.assert_clean()


def test_a_file_with_bad_rows_shows_them_and_cannot_be_confirmed(site: LiveServer, tab: Tab, any_store: Store,
                                                                 tmp_path: Path) -> None:
    page = signed_in_upload_form(tab, site)
    upload(page, geojson_9210(tmp_path, bad_row=True))
    assert "EPSG:9210" in page.locator("#preview-crs").inner_text()
    assert page.locator("#preview-rows tbody tr.bad").count() == 2
    assert "location_precision" in page.locator("#preview-rows tbody tr.bad").first.inner_text()
    assert page.locator("#import-confirm").count() == 0
    assert page.locator("#preview-rows tbody tr").first.locator("td").nth(2).inner_text() == EVIL
    page.locator('.folium-map path[fill="#2b8a3e"]').first.hover()  # row 1 passes: its tooltip shows the name
    expect(page.locator(".leaflet-tooltip")).to_contain_text(EVIL)
    assert page.locator('img[src="x"]').count() == 0
    assert "Chưa có gì được ghi" in page.locator("#preview-message").inner_text()
    page.screenshot(path=str(ARTIFACTS / "import-preview-problems-1400x900.png"), full_page=True)
    for i in range(3):
        with pytest.raises(FeatureNotFound):
            any_store.get(FACILITIES, f"imp-{i}")
    tab.assert_clean()


def test_the_progress_bar_follows_the_import_and_the_result_replaces_it(site: LiveServer, tab: Tab,
                                                                       tmp_path: Path) -> None:
    """The status is written by the test (as the import's progress callback does): the bar moves, then
    the page shows the result by itself."""
    page = signed_in_upload_form(tab, site)
    upload(page, gpkg_3405(tmp_path))
    held = import_uploads.get(page.url.rsplit("/", 1)[1], "can-bo-dat")
    assert held.start()
    held.write_status({"state": "running", "phase": "check", "done": 0, "total": 3})
    page.reload()
    page.wait_for_selector("#import-progress")
    held.write_status({"state": "running", "phase": "write", "done": 2, "total": 3})
    expect(page.locator("#import-counts")).to_have_text("2 / 3 dòng", timeout=READY_TIMEOUT_MS)
    expect(page.locator("#import-progress")).to_have_js_property("value", 2)
    held.write_status({"state": "done", "count": 3, "ids": ["a-1", "a-2", "a-3"], "crs": "x", "format": "gpkg",
                       "total": 3, "done": 3})
    page.wait_for_selector("#import-count", timeout=READY_TIMEOUT_MS)
    assert page.locator("#import-links a").count() == 3
    tab.assert_clean()
