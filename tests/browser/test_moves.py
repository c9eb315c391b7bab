"""An officer marks a plot of Kiền Bái leased with the keyboard alone, in headless Chromium offline (every
non-loopback request aborted), on the shipped dataset; ``/capacity/c-kien-bai`` then shows the new leased
area with the entered document, and the move's screen passes an axe-core scan (the npm package, injected by
the test only) without serious or critical violations."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from api.settings import ServerSettings
from geo.records.accounts import create_user
from geo.records.loader import load
from geo.settings import ROOT
from geo.store.gpkg.store import GpkgStore
from tests.browser.test_accounts import PASSWORD, fill_sign_in
from tests.support.browser import ARTIFACTS, Tab
from tests.support.servers import LiveServer
from tests.support.stores import DATA_DIR

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PLOT = "plot-kb-04"  # free in the shipped data, illustrative
TITLE = "Hợp đồng thuê đất lô KB-04"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("moves")
    store = GpkgStore(folder / "s.gpkg")
    load(DATA_DIR, store)
    create_user(store, "can-bo-dat-dai", "editor", PASSWORD)
    store.close()
    with LiveServer(ServerSettings(store=folder / "s.gpkg", data_dir=DATA_DIR, tiles="none")) as server:
        yield server


def tab_to(page: Any, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element has the focus (the way a keyboard user gets there)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} never got the focus")


def axe_serious(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]


def area_3405_ha(geojson: dict[str, Any]) -> float:
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:3405", always_xy=True)
    return shapely.ops.transform(to_utm.transform, shape(geojson)).area / 10_000


def test_an_officer_marks_a_plot_leased_with_the_keyboard_and_capacity_shows_it(
        browser: Any, site: LiveServer) -> None:
    plot = next(f for f in json.loads((Path(DATA_DIR) / "cluster_plots.geojson").read_text())["features"]
                if f["properties"]["id"] == PLOT)
    before = httpx.get(site.url + "/capacity/c-kien-bai").json()["figures"]["leased"]["value"]
    tab = Tab(browser)
    page = tab.open(site.url + "/sign-in?next=/workspace/moves/plot-leased")
    fill_sign_in(page, "can-bo-dat-dai", PASSWORD)
    assert page.url == site.url + "/workspace/moves/plot-leased"
    tab_to(page, "choose-plot")
    for _ in range(40):
        if page.eval_on_selector("#choose-plot", "s => s.value") == PLOT:
            break
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#choose-plot", "s => s.value") == PLOT
    tab_to(page, "choose-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("plot=" + PLOT)
    assert axe_serious(page) == []
    for field, text in (("f-tenant", "Công ty Đúc Kiền Bái"), ("f-sector", "đúc kim loại")):
        tab_to(page, field)
        page.keyboard.type(text)
    tab_to(page, "f-date")
    page.keyboard.type("11252026")  # the en-US date input: month, day, year
    tab_to(page, "f-source-document")
    page.keyboard.press("Space")
    for field, text in (("f-source_number", "07/HĐ-CCN"), ("f-source_date", "11202026"), ("f-source_title", TITLE)):
        tab_to(page, field)
        page.keyboard.type(text)
    tab_to(page, "moves-save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#moves-saved").count() == 1, page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Quỹ đất của cụm").click()
    row = page.get_by_role("row", name=re.compile(r"^Lô KB-04"))
    assert "Công ty Đúc Kiền Bái" in row.inner_text() and TITLE in row.inner_text()
    assert "Đã cho thuê" in row.inner_text() and "minh họa" not in row.inner_text()
    for path in (f"/collections/cluster_plots/items/{PLOT}/history?f=html", f"/workspace/cluster_plots/{PLOT}/delete",
                 "/workspace/clusters/c-kien-bai/delete", "/workspace/moves/project-budget?project=pr-may-moc-1-1"):
        page = tab.open(site.url + path)
        assert axe_serious(page) == [], path
    assert page.locator("#f-component_0_budget_vnd").count() == 1
    tab.assert_clean()
    tab.context.close()
    after = httpx.get(site.url + "/capacity/c-kien-bai").json()
    assert after["figures"]["leased"]["value"] == pytest.approx(before + area_3405_ha(plot["geometry"]), abs=1e-3)
    stored = next(p for p in httpx.get(site.url + "/capacity/c-kien-bai").json()["plots"] if p["id"] == PLOT)
    assert stored["illustrative"] is False and stored["status_date"] == "2026-11-25"
    assert stored["sources"][0].startswith("doc-2026-11-20-")


def test_the_move_screen_fits_a_phone(browser: Any, site: LiveServer) -> None:
    """390 px wide: the page itself never scrolls sideways (the long plot names wrap inside the select)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site.url + "/sign-in?next=/workspace/moves/project-budget?project=pr-my-dong-diem-2019")
        fill_sign_in(page, "can-bo-dat-dai", PASSWORD)
        assert page.locator("#f-component_6_budget_vnd").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto(site.url + "/workspace/moves/plot-leased")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto(site.url + "/workspace/moves/plot-leased?plot=plot-kb-07")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "moves-plot-leased-390x844.png"), full_page=True)
    finally:
        context.close()

