"""Site search and relocation pages in headless Chromium, offline, on the shipped data (both stores):
the form sent gives the table and the map; the page's link opened elsewhere gives the same table; a
click on the map picks the origin; axe-core finds no serious or critical violation."""

from __future__ import annotations

from typing import Any

from tests.browser.test_accounts import SIZES
from tests.browser.test_import_wizard import serious_violations
from tests.support.browser import ARTIFACTS, READY_TIMEOUT_MS, Tab
from tests.support.servers import LiveServer


def ready(page: Any) -> Any:
    page.wait_for_load_state("load")
    page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=READY_TIMEOUT_MS)
    # The outlines' fetch must be over before the test navigates on, or it is counted as a failed request.
    page.wait_for_selector(".folium-map[data-cm-outlines]", state="attached", timeout=READY_TIMEOUT_MS)
    return page


def table(page: Any, table_id: str) -> list[str]:
    return page.eval_on_selector_all(f"#{table_id} tbody tr[data-cluster]",  # type: ignore[no-any-return]
                                     "rows => rows.map(r => r.dataset.cluster)")


def test_site_search_form_table_map_and_a_shared_link(live: LiveServer, tab: Tab, browser: Any) -> None:
    page = ready(tab.open(live.url + "/analysis/site-search"))
    assert serious_violations(page) == []
    page.get_by_label("Diện tích cần (ha)").fill("0.5")
    page.get_by_label("Ngành nghề").fill("đúc")
    page.get_by_label("Làng nghề xuất phát").select_option("v-my-dong")
    page.get_by_role("button", name="Tìm").click()
    ready(page)
    found = table(page, "ss-candidates")
    assert set(found[:2]) == {"c-kien-bai", "c-my-dong"}  # the top two of the JSON test
    assert "area_ha=0.5" in page.url and "village=v-my-dong" in page.url
    assert page.locator(".folium-map path.leaflet-interactive").count() >= len(found)  # outlines on the map
    assert serious_violations(page) == []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"site-search-{width}x{height}.png"), full_page=True)
    tab.assert_clean()
    other = Tab(browser)  # someone else opens the shared link
    try:
        assert table(ready(other.open(page.url)), "ss-candidates") == found
        other.assert_clean()
    finally:
        other.context.close()


def test_a_point_picked_on_the_map_is_the_origin(live: LiveServer, tab: Tab) -> None:
    page = ready(tab.open(live.url + "/analysis/site-search?lang=en&area_ha=0.5&industry=casting&village=v-my-dong"))
    page.set_viewport_size({"width": 1400, "height": 900})
    page.locator(".folium-map").scroll_into_view_if_needed()
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.get_by_label("Origin village").input_value() == ""
    lon, lat = float(page.get_by_label("Longitude").input_value()), float(page.get_by_label("Latitude").input_value())
    assert 106.0 < lon < 107.5 and 20.4 < lat < 21.2
    page.get_by_role("button", name="Search").click()
    ready(page)
    assert "lon=" in page.url and "village=&" in page.url
    assert table(page, "ss-candidates")  # the answer for that point
    assert page.locator("#ss-summary").inner_text()
    tab.assert_clean()


def test_relocation_form_and_table(live: LiveServer, tab: Tab) -> None:
    page = ready(tab.open(live.url + "/analysis/relocation?lang=en"))
    page.get_by_label("Origin village").select_option("v-my-dong")
    page.get_by_label("Workshops").fill("20")
    page.get_by_label("Land per workshop (m²)").fill("500")
    page.get_by_role("button", name="Assign").click()
    ready(page)
    assert table(page, "rl-assignments")
    assert "workshops=20" in page.url
    assert serious_violations(page) == []
    tab.assert_clean()
