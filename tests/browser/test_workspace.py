"""The officers' workspace in headless Chromium, offline, on both stores: draw a plot in Kiền Bái and save it
with its source, the conflict view and its merge, inline errors, the keyboard alone, markup shown as text,
no admin pages for editors, an accessibility scan, and screenshots at 1400×900 and 390×844 in
``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
import shapely
from shapely.geometry import shape

from geo.i18n.words import word
from geo.model.collections import COLLECTIONS
from geo.records.accounts import create_user
from geo.spatial import crs
from geo.store.base import Store
from tests.browser.test_accounts import PASSWORD, fill_sign_in
from tests.support.browser import ARTIFACTS, Tab
from tests.support.records import KIEN_BAI, feature, square, tiny_records, write_dataset
from tests.support.servers import LiveServer
from tests.support.stores import settings_for

EVIL = "<img src=x onerror=alert(1)>"
SIZES = [(1400, 900), (390, 844)]
PLOTS = COLLECTIONS["cluster_plots"]
LON, LAT = KIEN_BAI
OFFICER = word("ws.provenance_officer").split("(")[0].strip()
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """The tiny dataset with the cluster named as in the shipped data (``c-kien-bai``) and a plot named with markup."""
    records = orjson.loads(orjson.dumps(tiny_records()).replace(b'"kien-bai"', b'"c-kien-bai"'))
    records["cluster_plots"].append(feature("cluster_plots", "kb-evil", square(LON - 0.0009, LAT - 0.0009, 0.0003),
                                            name=EVIL, cluster_id="c-kien-bai", status="free"))
    return write_dataset(tmp_path / "data", records)


@pytest.fixture
def site(any_store: Store, tiny_data: Path) -> Iterator[LiveServer]:
    for name, role in (("Nguyễn Văn Tâm", "editor"), ("Trần Thị Lan", "editor"), ("Lê Quản Trị", "admin")):
        create_user(any_store, name, role, PASSWORD)
    with LiveServer(settings_for(any_store).model_copy(update={"tiles": "none", "data_dir": tiny_data})) as server:
        yield server



TITLE = "Quyết định cho thuê lô 9 cụm Kiền Bái"


def assert_clean(tab: Tab, *expected: int) -> None:
    """Nothing went wrong on the tab but the answers ``expected`` (a form shown again says 422, a conflict 409)."""
    said = tuple(f"status of {code} " for code in expected) + tuple(f"{code} http" for code in expected)
    tab.errors = [e for e in tab.errors if not any(s in e for s in said)]
    tab.failed = [f for f in tab.failed if not any(f.startswith(s) for s in said)]
    tab.assert_clean()


def signed_in(tab: Tab, site: LiveServer, name: str) -> Any:
    page = tab.open(site.url + "/sign-in")
    fill_sign_in(page, name, PASSWORD)
    assert page.locator("#cm-user").inner_text() == name
    return page


def ready(page: Any) -> None:
    page.wait_for_selector("html[data-cm-ready]", state="attached")


def pixel(page: Any, lon: float, lat: float) -> tuple[float, float]:
    x, y = page.evaluate("""([lon, lat]) => { const m = window.craftmapWorkspace.map;
        const p = m.latLngToContainerPoint([lat, lon]); const r = m.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", [lon, lat])
    return float(x), float(y)


def draw_polygon(page: Any, corners: list[tuple[float, float]], nudge: dict[int, tuple[int, int]]) -> None:
    """Click the Geoman polygon tool, then each corner (some nudged by pixels), then the first corner again."""
    page.locator("#ws-map").scroll_into_view_if_needed()
    page.locator(".leaflet-pm-icon-polygon").click()
    for i, (lon, lat) in enumerate([*corners, corners[0]]):
        x, y = pixel(page, lon, lat)
        dx, dy = nudge.get(i, (0, 0))
        page.mouse.move(x + dx, y + dy, steps=4)
        page.mouse.click(x + dx, y + dy)


def save_form(page: Any) -> None:
    page.get_by_role("button", name=word("ws.save"), exact=True).click()
    page.wait_for_load_state("load")


def test_an_officer_draws_a_plot_in_kien_bai_and_the_capacity_page_shows_it(site: LiveServer, tab: Tab) -> None:
    page = signed_in(tab, site, "Nguyễn Văn Tâm")
    page.get_by_role("link", name=word("ws.nav")).click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name=f"{word('ws.new_plot')}: Điểm công nghiệp Kiền Bái").click()
    page.wait_for_load_state("load")
    assert page.url == site.url + "/workspace/cluster_plots/new?cluster_id=c-kien-bai"
    ready(page)
    assert page.locator("#f-cluster_id").input_value() == "c-kien-bai"
    page.locator("#f-name").fill("Lô 9 — Công ty Đúc Việt")
    page.locator("#f-status").select_option(label="Đã cho thuê")
    page.locator("#f-tenant").fill("Công ty TNHH Đúc Việt")
    page.locator("#f-declared_area_ha").fill("1,2")
    page.locator("#f-location_precision").select_option("digitized")
    corner = (LON + 0.0015, LAT + 0.0015)  # the cluster outline's north-east corner
    draw_polygon(page, [(LON + 0.0006, LAT + 0.0006), (LON + 0.0015, LAT + 0.0006), corner,
                        (LON + 0.0006, LAT + 0.0015)], nudge={2: (5, -4)})
    drawn = orjson.loads(page.locator("#f-geometry").input_value())
    assert drawn["type"] == "Polygon"
    assert any(abs(x - corner[0]) < 1e-9 and abs(y - corner[1]) < 1e-9 for x, y in drawn["coordinates"][0]), \
        "the vertex clicked 5 px off the cluster's corner snapped onto it"
    measured = float(shapely.area(crs.to_metric([shape(drawn)])[0])) / 10_000
    assert abs(float(page.locator("#ws-area").get_attribute("data-ha")) - measured) / measured < 0.001
    assert page.locator("#ws-area-warning").is_visible()  # 1.2 ha declared: more than 5 % off
    page.locator("#f-declared_area_ha").fill(f"{measured:.2f}".replace(".", ","))
    assert page.locator("#ws-area-warning").is_hidden()
    page.get_by_label(word("ws.provenance_doc")).check()
    page.locator("#f-source_number").fill("125/QĐ-UBND")
    page.locator("#f-source_date").fill("2026-11-20")
    page.locator("#f-source_title").fill(TITLE)
    save_form(page)
    assert "?saved=1" in page.url
    assert page.locator("#ws-saved").is_visible()
    plot_id = page.locator("#ws-record-id").inner_text()
    detail = httpx.get(f"{site.url}/capacity/c-kien-bai", timeout=30).json()
    leased = detail["figures"]["leased"]
    stored = httpx.get(f"{site.url}/collections/cluster_plots/items/{plot_id}", timeout=30).json()
    area = float(shapely.area(crs.to_metric([shape(stored["geometry"])])[0])) / 10_000
    assert leased["value"] == pytest.approx(area, abs=0.0001)  # kb-1 is free: the new plot is all that is leased
    source = next(s for s in stored["properties"]["sources"] if s.startswith("doc-2026-11-20-125-qd-ubnd-"))
    assert source in leased["sources"]
    page.locator("#ws-capacity").click()
    page.wait_for_load_state("load")
    assert page.url.startswith(site.url + "/capacity/c-kien-bai")
    row = page.locator("tr", has_text=word("fig.leased")).first.inner_text()
    assert TITLE in row  # the figure names the officer's document by its title
    assert source in httpx.get(f"{site.url}/downloads/sources.csv", timeout=30).text
    tab.assert_clean()


def _edit(tab: Tab, site: LiveServer, name: str) -> Any:
    page = signed_in(tab, site, name)
    page.goto(site.url + "/workspace/cluster_plots/kb-1")
    ready(page)
    return page


def test_a_stale_save_gets_the_conflict_view_and_the_merge_keeps_both_edits(site: LiveServer, browser: Any) -> None:
    first, second = Tab(browser), Tab(browser)
    a, b = _edit(first, site, "Nguyễn Văn Tâm"), _edit(second, site, "Trần Thị Lan")
    a.locator("#f-tenant").fill("Hợp tác xã Đúc Mỹ Đồng")
    a.get_by_label(OFFICER).check()
    save_form(a)
    assert "?saved=2" in a.url, a.locator(".ws-errors").all_inner_texts()
    b.locator("#f-industry").fill("đúc gang")
    b.get_by_label(OFFICER).check()
    save_form(b)
    assert b.locator("#ws-conflict").is_visible()
    assert b.locator("#row-tenant").get_attribute("data-who") == "they"
    assert b.locator("#row-industry").get_attribute("data-who") == "you"
    assert b.locator("#c-tenant-theirs").is_checked() and b.locator("#c-industry-mine").is_checked()
    assert b.locator("#c-sources-both").is_checked()
    for size in SIZES:
        b.set_viewport_size({"width": size[0], "height": size[1]})
        b.screenshot(path=str(ARTIFACTS / f"workspace-conflict-{size[0]}x{size[1]}.png"), full_page=True)
    assert axe_serious(b) == []
    b.get_by_role("button", name=word("ws.save_merged")).click()
    b.wait_for_load_state("load")
    assert "?saved=3" in b.url
    merged = httpx.get(f"{site.url}/collections/cluster_plots/items/kb-1", timeout=30).json()["properties"]
    assert merged["tenant"] == "Hợp tác xã Đúc Mỹ Đồng" and merged["industry"] == "đúc gang"
    officers = [s for s in merged["sources"] if s.startswith("officer-")]
    assert len(officers) == 2 and "src-test" in merged["sources"]
    for t in (first, second):
        assert_clean(t, 409)
        t.context.close()


def test_errors_come_back_next_to_their_fields_and_nothing_is_saved(site: LiveServer, tab: Tab) -> None:
    page = _edit(tab, site, "Nguyễn Văn Tâm")
    page.locator("#f-name").fill("")
    page.locator("#f-declared_area_ha").fill("mười")
    save_form(page)
    assert page.locator("#ws-has-errors").is_visible()
    assert page.locator("#field-name #err-name").inner_text() == "chưa điền (bắt buộc)"
    assert page.locator("#field-declared_area_ha #err-declared_area_ha").inner_text() == "sai kiểu dữ liệu (cần số)"
    assert page.locator("#field-provenance #err-provenance").inner_text() == word("ws.pick_provenance")
    assert page.locator("#f-name").get_attribute("aria-invalid") == "true"
    assert page.locator("#f-name").get_attribute("aria-describedby") == "err-name"
    assert axe_serious(page) == []
    page.locator("#f-name").fill("Lô 1")
    page.locator("#f-declared_area_ha").fill("")
    page.locator("#f-illustrative").select_option("false")
    page.get_by_label(OFFICER).check()
    save_form(page)
    assert "?saved=2" in page.url  # confirmed: a new officer source came with it
    page.locator("#f-notes").fill("còn phải kiểm tra")
    page.locator("#f-illustrative").select_option("true")
    page.get_by_label(OFFICER).check()
    save_form(page)
    page.locator("#f-illustrative").select_option("false")
    page.get_by_label(OFFICER).check()
    save_form(page)  # the same officer's source of today is already cited: not a new one
    assert page.locator("#field-illustrative .ws-errors").inner_text() == word("ws.confirm_rule")
    stored = httpx.get(f"{site.url}/collections/cluster_plots/items/kb-1", timeout=30)
    assert stored.headers["etag"] == '"3"' and stored.json()["properties"]["illustrative"] is True
    assert_clean(tab, 422)


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until ``selector`` has the focus (the keyboard alone)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_the_keyboard_alone_creates_a_facility(site: LiveServer, tab: Tab) -> None:
    page = signed_in(tab, site, "Trần Thị Lan")
    page.goto(site.url + "/workspace/facilities/new")
    ready(page)
    for selector, text in (("#f-id", "f-keyboard"), ("#f-name", "Xưởng bàn phím"), ("#f-sector", "đúc")):
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "#ws-geometry-json summary")
    page.keyboard.press("Enter")
    tab_to(page, "#f-geometry")
    page.keyboard.type('{"type": "Point", "coordinates": [106.6335, 20.9187]}')
    tab_to(page, "#f-location_precision")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#prov-document")
    page.keyboard.press("ArrowDown")  # the other choice of the radio group: "entered by me today"
    assert page.locator("#prov-officer").is_checked()
    tab_to(page, "#ws-save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/workspace/facilities/f-keyboard?saved=1" in page.url, page.locator(".ws-errors").all_inner_texts()
    stored = httpx.get(f"{site.url}/collections/facilities/items/f-keyboard", timeout=30).json()
    assert stored["geometry"]["coordinates"] == [106.6335, 20.9187]
    assert stored["properties"]["location_precision"] == "surveyed"
    tab.assert_clean()


def test_markup_in_a_name_is_text_and_editors_stay_out_of_admin_pages(site: LiveServer, tab: Tab) -> None:
    page = signed_in(tab, site, "Nguyễn Văn Tâm")
    page.goto(site.url + "/workspace")
    ready(page)
    assert page.locator("#ws-cluster_plots tbody", has_text=EVIL).count() == 1
    assert page.locator("#ws-admin_units tbody tr").count() == 0  # reference data: listed when asked for
    page.locator("#ws-q").fill("lo 1")  # no accents: finds "Lô 1", hides the rest as one types
    plots = page.locator("#ws-cluster_plots tbody tr")
    assert [plots.nth(i).is_visible() for i in range(plots.count())] == [False, True]
    assert page.locator("#ws-cluster_plots .ws-shown").inner_text() == "1"
    page.get_by_role("button", name=word("ws.filter_button")).click()
    page.wait_for_load_state("load")
    assert "q=lo+1" in page.url and page.locator("#ws-cluster_plots tbody tr").count() == 1
    assert page.locator("#ws-clusters tbody tr").count() == 0
    page.goto(site.url + "/workspace/cluster_plots/kb-evil")
    ready(page)
    assert EVIL in page.locator("h1").inner_text()
    assert page.locator('img[src="x"]').count() == 0
    with page.expect_response(site.url + "/audit") as answer:
        page.goto(site.url + "/audit")
    assert answer.value.status == 403
    assert_clean(tab, 403)


def test_anonymous_visitors_are_sent_to_sign_in(site: LiveServer) -> None:
    answer = httpx.get(site.url + "/workspace/cluster_plots/kb-1", timeout=30)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in?next=%2Fworkspace%2Fcluster_plots%2Fkb-1"


def test_a_save_without_the_token_or_from_elsewhere_changes_nothing(site: LiveServer, tab: Tab) -> None:
    page = _edit(tab, site, "Nguyễn Văn Tâm")
    cookie = next(c["value"] for c in tab.context.cookies() if c["name"] == "craftmap_session")
    token = page.locator('#ws-form input[name="csrf_token"]').get_attribute("value")
    form = {"version": "1", "name": "Lô đổi tên", "cluster_id": "c-kien-bai", "status": "free", "sources": "src-test",
            "location_precision": "approximate", "illustrative": "true", "provenance": "officer"}
    with httpx.Client(base_url=site.url, cookies={"craftmap_session": cookie}, timeout=30) as client:
        assert client.post("/workspace/cluster_plots/kb-1", data=form, headers={"Origin": site.url}).status_code == 403
        assert client.post("/workspace/cluster_plots/kb-1", data={**form, "csrf_token": token},
                           headers={"Origin": "http://evil.example"}).status_code == 403
    assert httpx.get(f"{site.url}/collections/cluster_plots/items/kb-1", timeout=30).headers["etag"] == '"1"'


def axe_serious(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations"
                          ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)")
    return list(found)


@pytest.mark.parametrize("store_kind", ["gpkg"], indirect=True)
def test_pages_pass_axe_and_fit_a_phone_with_screenshots(site: LiveServer, tab: Tab) -> None:
    signed_in(tab, site, "Lê Quản Trị")
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in (("workspace-list", "/workspace"), ("workspace-edit", "/workspace/cluster_plots/kb-1"),
                       ("workspace-new-project", "/workspace/projects/new?lang=en")):
        for width, height in SIZES:
            tab.page.set_viewport_size({"width": width, "height": height})
            page = tab.open(site.url + path)
            ready(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"), full_page=True)
        assert axe_serious(page) == [], name
    tab.assert_clean()


@pytest.mark.parametrize("store_kind", ["gpkg"], indirect=True)
def test_add_a_line_gives_lists_and_sub_forms_another_entry(site: LiveServer, tab: Tab) -> None:
    page = signed_in(tab, site, "Nguyễn Văn Tâm")
    page.goto(site.url + "/workspace/projects/p-pilot?lang=en")
    ready(page)
    page.locator('button[data-add="components"]').click()
    assert page.evaluate("document.activeElement.name") == "components[1].kind"  # focus moves to the new line
    page.locator('[name="components[1].kind"]').select_option("training")
    page.locator('[name="components[1].description"]').fill("Tập huấn kỹ thuật đúc")
    page.locator('[name="components[1].budget_vnd"]').fill("25000000")
    page.locator('button[data-add="funders"]').click()
    page.get_by_label("Funders 2").fill("Sở Công Thương")
    ids = page.eval_on_selector_all("#ws-form [id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    page.get_by_label("Funders 1").fill("Bộ Công Thương")
    page.get_by_label("Entered by me today").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("load")
    assert "?saved=2" in page.url, page.locator(".ws-errors").all_inner_texts()
    props = httpx.get(f"{site.url}/collections/projects/items/p-pilot", timeout=30).json()["properties"]
    assert props["components"] == [{"kind": "training", "description": "Tập huấn kỹ thuật đúc",
                                    "budget_vnd": 25_000_000}]  # the empty first line is no component
    assert props["funders"] == ["Bộ Công Thương", "Sở Công Thương"]
    tab.assert_clean()


def test_a_record_deleted_meanwhile_keeps_the_officers_content(site: LiveServer, tab: Tab, any_store: Store) -> None:
    page = _edit(tab, site, "Trần Thị Lan")
    page.locator("#f-tenant").fill("Công ty giữ lại")
    any_store.delete(PLOTS, "kb-1", 1, "someone else")
    page.get_by_label(OFFICER).check()
    save_form(page)
    assert page.locator("#err-id").inner_text() == word("ws.problem.deleted")
    assert page.locator("#f-id").input_value() == "kb-1"
    assert page.locator("#f-tenant").input_value() == "Công ty giữ lại"
    page.get_by_label(OFFICER).check()
    save_form(page)
    assert "/workspace/cluster_plots/kb-1?saved=" in page.url
    again = httpx.get(f"{site.url}/collections/cluster_plots/items/kb-1", timeout=30).json()
    assert again["properties"]["tenant"] == "Công ty giữ lại"
    assert_clean(tab, 409)
