"""The public pages in headless Chromium, offline: live on a real uvicorn, and the static export from disk."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import orjson
import pytest
from geojson_pydantic import FeatureCollection

from api.settings import ServerSettings
from tests.support.browser import Tab
from tests.support.servers import LiveServer


@pytest.mark.parametrize("path", ["/transparency", "/transparency?lang=en",
                                  "/transparency/projects/pr-my-dong-diem-2019", "/pollution", "/downloads?lang=en"])
def test_pages_load_offline_without_errors(live: LiveServer, tab: Tab, path: str) -> None:
    page = tab.open(live.url + path)
    assert page.locator("main h1").count() == 1
    if "downloads" not in path:
        assert page.evaluate("typeof window.L") == "object"
        assert page.locator(".leaflet-container").count() == 1
    tab.assert_clean()


def test_totals_shown_equal_the_store(live: LiveServer, http: httpx.Client, tab: Tab) -> None:
    items = http.get("/collections/projects/items", params={"limit": 1000}).json()["features"]
    money = public = 0
    for f in items:
        p = f["properties"]
        parts = [p["budget_public_vnd"], p["budget_counterpart_vnd"]]
        money += p["budget_total_vnd"] if p["budget_total_vnd"] is not None else sum(x or 0 for x in parts)
        public += p["budget_public_vnd"] or 0
    page = tab.open(live.url + "/transparency")
    assert int(page.locator("#total-money").get_attribute("value")) == money
    assert int(page.locator("#total-public").get_attribute("value")) == public
    assert page.locator("#total-money").inner_text().startswith("hơn ")  # lower bounds are flagged
    assert page.locator("#projects tbody tr").count() == len(items)
    tab.assert_clean()


def test_filter_form_narrows_the_list(live: LiveServer, tab: Tab) -> None:
    page = tab.open(live.url + "/transparency")
    before = page.locator("#projects tbody tr[data-id]").count()
    page.select_option("select[name=programme]", "environment")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("load")
    assert "programme=environment" in page.url
    rows = page.locator("#projects tbody tr[data-id]")
    assert 0 < rows.count() < before
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.id)")) == {
        "pr-xu-ly-o-nhiem-my-dong", "pr-xu-ly-o-nhiem-trang-minh", "pr-xu-ly-nuoc-thai-kinh-giao"}
    tab.assert_clean()


def test_download_link_returns_the_file(live: LiveServer, tab: Tab, tmp_path: Path) -> None:
    page = tab.open(live.url + "/downloads")
    with page.expect_download() as info:
        page.click('a[href="/downloads/projects.geojson"]')
    target = tmp_path / "projects.geojson"
    info.value.save_as(target)
    doc = FeatureCollection.model_validate_json(target.read_bytes())
    assert any(f.id == "pr-my-dong-diem-2019" for f in doc.features)


@pytest.fixture(scope="module")
def static_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static export of the tiny dataset, built in-process: no server runs while it is browsed."""
    from api.static_export import build_static
    from geo.records.loader import load
    from geo.store.gpkg.store import GpkgStore
    from tests.support.records import write_dataset

    folder = tmp_path_factory.mktemp("static")
    data = write_dataset(folder / "data")
    store = GpkgStore(folder / "tiny.gpkg")
    load(data, store)
    store.close()
    out = folder / "site"
    build_static(ServerSettings(store=folder / "tiny.gpkg", data_dir=data, tiles="none"), out)
    return out


def test_static_export_opens_from_disk(static_site: Path, tab: Tab) -> None:
    page = tab.open((static_site / "index.html").as_uri())
    page.wait_for_url(re.compile(r".*/transparency/index\.html$"))
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.L") == "object"
    assert page.locator("#projects tbody tr[data-id]").count() == 2
    assert page.locator(".leaflet-overlay-pane path").count() > 0  # the choropleth is drawn
    page.click('#projects a:has-text("Đề án điểm Mỹ Đồng")')
    page.wait_for_load_state("load")
    assert page.url.endswith("/transparency/projects/p-pilot/index.html")
    assert page.locator(".leaflet-container").count() == 1
    page.click('nav a:has-text("Dữ liệu mở")')
    page.wait_for_load_state("load")
    assert page.url.endswith("/downloads/index.html")
    href = page.locator('#downloads a:has-text("GeoJSON")').first.get_attribute("href")
    FeatureCollection.model_validate_json((static_site / "downloads" / href).read_bytes())
    tab.assert_clean()
    assert tab.blocked == []


def test_static_export_has_no_private_field_and_no_absolute_link(static_site: Path) -> None:
    for path in static_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".geojson", ".csv", ".gpkg"):
            body = path.read_bytes()
            assert b"0000 000 00" not in body, path
            if path.suffix == ".html":
                assert not re.search(rb'(?:href|src)="/(?!/)', body), path
    doc = orjson.loads((static_site / "downloads" / "villages.geojson").read_bytes())
    assert "contact_phone" not in doc["features"][0]["properties"]
