"""The overview map in headless Chromium, offline, against a real uvicorn serving the shipped data."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.browser import ARTIFACTS, Visit
from tests.support.responses import api_features
from tests.support.servers import LiveServer


def test_overview_loads_offline_and_draws_every_layer(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    v: Visit = visit(live.url + "/maps/overview")
    page = v.page
    assert page.evaluate("document.documentElement.getAttribute('data-cm-ready')") == "ok"
    assert v.errors == []
    assert v.failed == []
    assert all("tile.openstreetmap.org" in url for url in v.blocked)  # the basemap is the only outside call
    assert page.evaluate("typeof window.L === 'object' && typeof L.markerClusterGroup === 'function'")
    configs = page.evaluate("craftmap.layers.map(function (l) { return l.cfg; })")
    counts = v.counts()
    assert {c["collection"] for c in counts} == {"admin_units", "villages", "clusters", "cluster_plots",
                                                  "facilities", "pollution_sources", "projects"}
    for cfg, count in zip(configs, counts, strict=True):
        held = api_features(http, cfg)
        drawable = [f for f in held if f["geometry"] is not None]
        assert count["matched"] == len(held), cfg["title"]
        assert count["drawn"] == len(drawable) > 0, cfg["title"]
        assert count["error"] is None
    # The boundaries are really in the DOM: one SVG path per unit of the layers on the map (today's units;
    # the old frame waits behind its switch).
    admin = sum(c["drawn"] for c in counts if c["collection"] == "admin_units" and c["onMap"])
    assert page.locator(".leaflet-cmAdmin-pane path").count() == admin
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"))


def test_toggling_a_layer_hides_it(live: LiveServer, visit: Any) -> None:
    v: Visit = visit(live.url + "/maps/overview")
    page = v.page
    assert page.locator(".cm-pin, .leaflet-marker-icon.marker-cluster").count() > 0
    checkbox = page.locator(".leaflet-control-layers-overlays label", has_text="Làng nghề").locator("input")
    checkbox.uncheck()
    assert v.layer("Làng nghề")["onMap"] is False
    assert page.locator(".cm-pin").count() == 0
    assert "Làng nghề" not in page.locator(".cm-legend").inner_text()
    checkbox.check()
    assert v.layer("Làng nghề")["onMap"] is True
    page.wait_for_function("document.querySelectorAll('.cm-pin, .marker-cluster').length > 0")


def _my_dong_id(http: httpx.Client) -> tuple[str, str]:
    doc = http.get("/collections/villages/items", params={"limit": 1000}).json()
    hit = next(f for f in doc["features"] if "Mỹ Đồng" in f["properties"]["name"])
    return hit["id"], hit["properties"]["name"]


def test_clicking_a_village_opens_its_popup(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    vid, name = _my_dong_id(http)
    v: Visit = visit(live.url + "/maps/overview")
    page = v.page
    page.evaluate("""(id) => new Promise((done) => {
        var hit = craftmap.find('villages', id);
        hit.layer.group.zoomToShowLayer(hit.entry.leaf, done);
    })""", vid)
    box = page.evaluate_handle("(id) => craftmap.find('villages', id).entry.leaf.getElement()", vid)
    box.as_element().click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert name in text
    assert "Làng nghề" in text and "Nguồn" in text
    assert page.locator(".leaflet-popup-content .cm-badge").count() >= 1
    assert "Xã Mỹ Đồng, Huyện Thủy Nguyên" in text and "Phường Thiên Hương" in text  # then and today


def test_todays_units_by_default_and_the_old_frame_on_the_switch(live: LiveServer, visit: Any) -> None:
    v: Visit = visit(live.url + "/maps/overview")
    page = v.page
    today = v.layer("Xã/phường/đặc khu hiện nay (từ 1/7/2025)")
    assert today["onMap"] is True and v.layer("Xã/phường/thị trấn trước 1/7/2025")["onMap"] is False
    assert page.locator(".leaflet-cmAdmin-pane path").count() == 113  # 114 less Bạch Long Vĩ, no polygon
    page.locator(".leaflet-control-layers-overlays label", has_text="Xã/phường/thị trấn trước").locator(
        "input").check()
    page.wait_for_function("() => document.querySelectorAll('.leaflet-cmAdmin-pane path').length > 113")
    old = v.layer("Xã/phường/thị trấn trước 1/7/2025")
    assert old["onMap"] is True and old["drawn"] > 300  # communes still in force on 30 Jun 2025, both provinces
    assert page.locator(".leaflet-cmAdmin-pane path").count() == 113 + old["drawn"]


def test_search_finds_names_with_or_without_diacritics(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    _, name = _my_dong_id(http)
    v: Visit = visit(live.url + "/maps/overview")
    page = v.page
    hits = page.locator(".cm-search-hit")
    for typed in ("mỹ đồng", "MY ĐỒNG", "My Dong"):
        page.locator(".cm-search-input").fill(typed)
        texts = hits.all_inner_texts()
        assert any(name in t for t in texts), typed
        assert all("my dong" in page.evaluate("craftmap.fold", t.split("\n")[0]) for t in texts)
    hits.filter(has_text=name).first.click()
    page.locator(".leaflet-popup-content", has_text=name).wait_for()
    page.locator(".cm-search-input").fill("zzzz không có")
    assert page.locator(".cm-search-empty").inner_text() == "Không tìm thấy"


def _active(p: dict[str, Any], year: int) -> bool:
    start, end = p.get("year_start"), p.get("year_end") or p.get("year_start")
    return start is not None and start <= year <= end


def test_projects_filter_by_year_and_pollution_by_date(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    projects = [f for f in http.get("/collections/projects/items", params={"limit": 1000}).json()["features"]
                if f["geometry"] is not None]
    years = sorted({p["properties"]["year_start"] for p in projects if p["properties"].get("year_start")})
    year = years[len(years) // 2]
    v: Visit = visit(live.url + "/maps/overview")
    title = v.page.evaluate("craftmap.layers.filter(l => l.cfg.collection === 'projects')[0].cfg.title")
    v.page.locator("select[data-collection=projects]").select_option(str(year))
    expected = sum(1 for f in projects if _active(f["properties"], year))
    assert expected > 0
    assert v.layer(title)["shown"] == expected
    v.page.locator("select[data-collection=projects]").select_option("")
    assert v.layer(title)["shown"] == len(projects)


def test_pollution_filters_by_assessment_year(tiny_live: LiveServer, visit: Any) -> None:
    """The shipped sources publish no assessment date, so the tiny data (one dated source) is used."""
    sources = httpx.get(tiny_live.url + "/collections/pollution_sources/items",
                        params={"limit": 1000}).json()["features"]
    dated = [f["properties"]["assessment_date"] for f in sources if f["properties"].get("assessment_date")]
    assert dated, "the tiny data must hold a dated pollution source"
    v: Visit = visit(tiny_live.url + "/maps/overview")
    y = int(sorted(dated)[0][:4])
    v.page.locator("select[data-collection=pollution_sources]").select_option(str(y))
    shown = v.page.evaluate("craftmap.counts().filter(c => c.collection === 'pollution_sources')[0].shown")
    assert shown == sum(1 for d in dated if int(d[:4]) == y)


def test_english_page(live: LiveServer, visit: Any) -> None:
    v: Visit = visit(live.url + "/maps/overview?lang=en")
    assert v.errors == [] and v.failed == []
    assert v.page.locator(".cm-search-input").get_attribute("placeholder").startswith("Search")
    assert "Craft villages" in v.page.locator(".leaflet-control-layers").inner_text()
    assert "Legend" in v.page.locator(".cm-legend").inner_text()


@pytest.mark.parametrize("collection", ["villages", "clusters", "projects", "admin_units"])
def test_layer_pages(live: LiveServer, visit: Any, collection: str) -> None:
    v: Visit = visit(f"{live.url}/maps/{collection}")
    assert v.errors == [] and v.failed == []
    counts = v.counts()
    assert all(c["done"] and c["error"] is None and c["drawn"] > 0 for c in counts)
    assert collection in {c["collection"] for c in counts}
