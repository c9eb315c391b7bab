"""Capacity map, table and detail page in headless Chromium with every non-loopback request blocked."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from maps.capacity import occupancy_colour
from maps.styles import style_for
from tests.support.browser import Visit
from tests.support.servers import LiveServer

WAIT_MS = 20_000


def _offline_ok(v: Visit) -> None:
    assert v.errors == [] and v.failed == [] and v.dialogs == []
    # only basemap tiles may have been asked for outside loopback (and they were blocked)
    assert all(urlsplit(url).hostname == "tile.openstreetmap.org" for url in v.blocked), v.blocked


def test_capacity_map_renders_offline(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    clusters = http.get("/capacity").json()["clusters"]
    plots = http.get("/collections/cluster_plots/items", params={"limit": 1000}).json()["features"]
    v: Visit = visit(f"{live.url}/maps/capacity", wait=False)
    page = v.page
    page.wait_for_function(f"document.querySelectorAll('path.cm-cluster').length === {len(clusters)}",
                           timeout=WAIT_MS)
    assert page.locator("path.cm-plot").count() == len(plots)
    # clusters coloured by occupancy: Kiền Bái's 72 % (illustrative) is orange, unknown ones grey
    fills = set(page.eval_on_selector_all("path.cm-cluster", "els => els.map(e => e.getAttribute('fill'))"))
    assert {"#fdae61", "#9e9e9e"} <= fills
    plot_fills = set(page.eval_on_selector_all("path.cm-plot", "els => els.map(e => e.getAttribute('fill'))"))
    assert len(plot_fills) == len({p["properties"]["status"] for p in plots})
    # a cluster's popup carries its SVG chart
    page.locator("path.cm-cluster").first.dispatch_event("click")
    chart = page.wait_for_selector(".leaflet-popup-content svg.capacity-chart", timeout=WAIT_MS)
    assert chart is not None and chart.bounding_box()["width"] > 100
    assert page.locator("#cm-capacity-legend").is_visible()
    _offline_ok(v)


def test_capacity_table_sorts_in_the_browser(live: LiveServer, visit: Any) -> None:
    v: Visit = visit(f"{live.url}/capacity?f=html", wait=False)
    page = v.page
    page.wait_for_selector("table.sortable[data-sortable-ready]", timeout=WAIT_MS)
    free_col = page.locator("#capacity thead th").all_text_contents().index("Còn trống")
    header = page.locator("#capacity thead th").nth(free_col)

    def column() -> list[str | None]:
        return page.eval_on_selector_all(
            "#capacity tbody tr", f"rows => rows.map(r => r.cells[{free_col}].getAttribute('data-sort'))")

    def ids() -> list[str]:
        return page.eval_on_selector_all("#capacity tbody tr", "rows => rows.map(r => r.dataset.id)")

    header.click()
    ascending = column()
    known = [float(x) for x in ascending if x]
    assert known == sorted(known) and len(known) == 2
    assert all(x == "" for x in ascending[len(known):]), "unknown values sort last"
    assert ids()[:2] == ["c-kien-bai", "c-my-dong"]
    header.click()
    assert ids()[:2] == ["c-my-dong", "c-kien-bai"]
    assert header.get_attribute("aria-sort") == "descending"
    _offline_ok(v)


def test_detail_page_shows_the_chart(live: LiveServer, visit: Any) -> None:
    v: Visit = visit(f"{live.url}/capacity/c-kien-bai?f=html", wait=False)
    chart = v.page.wait_for_selector("svg.capacity-chart", timeout=WAIT_MS)
    assert chart is not None and chart.bounding_box()["height"] > 40
    assert v.page.locator("svg.capacity-chart rect.seg-free").count() == 1
    _offline_ok(v)


def test_overview_and_capacity_map_show_one_occupancy(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    """The overview shades each cluster by the capacity service's occupancy, as /maps/capacity does."""
    occupancy = {c["id"]: c["occupancy"]["value"] for c in http.get("/capacity").json()["clusters"]}
    assert any(v is not None for v in occupancy.values()) and None in occupancy.values()
    v: Visit = visit(f"{live.url}/maps/overview")
    drawn = v.page.evaluate("""Object.fromEntries(craftmap.layers.filter(l => l.cfg.collection === 'clusters')[0]
        .entries.map(e => [e.feature.id, [e.feature.properties.occupancy, e.leaf.options.fillColor]]))""")
    assert drawn and set(drawn) <= set(occupancy)
    for cid, (value, fill) in drawn.items():
        assert value == occupancy[cid], cid
        assert fill == style_for("clusters", {"occupancy": occupancy[cid]})["fillColor"] == occupancy_colour(
            occupancy[cid]), cid
    _offline_ok(v)
