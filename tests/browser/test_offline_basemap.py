"""Maps without Internet: the basemap tiles fail (every non-loopback request is blocked), so each map says
so once and draws the city and its communes from the app's own data, names from zoom 12 on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import ServerSettings
from tests.support.browser import Visit, screenshots
from tests.support.servers import LiveServer

NOTICE_VI = "Không tải được bản đồ nền trực tuyến"
NOTICE_EN = "The online basemap could not be loaded"


def _drawn(v: Visit) -> None:
    """Wait until the drawn basemap is on the map (its outlines fetched and drawn)."""
    v.page.wait_for_selector(".folium-map[data-cm-basemap='drawn'] .leaflet-cmBase-pane path", state="attached",
                             timeout=30_000)


def test_outlines_are_served_light_and_cached(http: httpx.Client) -> None:
    r = http.get("/maps/outlines.geojson")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/geo+json"
    doc = r.json()
    kinds = [f["properties"]["kind"] for f in doc["features"]]
    assert kinds[0] == "city"
    assert kinds.count("commune") > 100  # today's xã, phường and đặc khu
    names = {f["properties"]["name"] for f in doc["features"]}
    assert "Phường Hồng Bàng" in names
    assert len(r.content) < 400_000  # simplified: the raw admin units weigh over a megabyte
    assert r.headers["content-encoding"] == "gzip"  # httpx asks for it and unpacks it
    assert int(r.headers["content-length"]) < 100_000
    again = http.get("/maps/outlines.geojson", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
    plain = http.get("/maps/outlines.geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.json() == doc
    assert plain.headers["etag"] != r.headers["etag"]


@pytest.mark.parametrize(("path", "notice"), [("/maps/overview", NOTICE_VI), ("/maps/overview?lang=en", NOTICE_EN)])
def test_map_without_tiles_says_so_once_and_draws_outlines(live: LiveServer, visit: Any, path: str,
                                                           notice: str) -> None:
    v: Visit = visit(live.url + path)
    _drawn(v)
    page = v.page
    assert any("tile.openstreetmap.org" in url for url in v.blocked)  # the tiles really failed
    notices = page.locator(".cm-base-notice")
    assert notices.count() == 1
    assert notice in notices.inner_text()
    assert notices.get_attribute("role") == "status"
    title = "Bản đồ tổng quan làng nghề" if notice == NOTICE_VI else "Overview of Hải Phòng craft villages"
    assert (page.get_by_role("region", name=title).get_attribute("class") or "").startswith("folium-map")
    other = NOTICE_EN if notice == NOTICE_VI else NOTICE_VI
    assert other not in page.content()  # one language per page
    # The city and every commune are drawn; the land is filled, the sea is the map's background.
    assert page.locator(".leaflet-cmBase-pane path").count() > 100
    # The failing tile layer is taken off the map: no more requests that cannot succeed.
    assert page.locator(".leaflet-tile-pane img").count() == 0
    assert v.errors == []
    # The visitor may close the notice (with the keyboard too); it does not come back.
    close = notices.get_by_role("button")
    assert close.get_attribute("aria-label") == ("Đóng thông báo" if notice == NOTICE_VI else "Close this notice")
    close.focus()
    page.keyboard.press("Enter")
    assert page.locator(".cm-base-notice").count() == 0


def test_commune_names_show_from_zoom_12(live: LiveServer, visit: Any) -> None:
    v: Visit = visit(live.url + "/maps/overview")
    _drawn(v)
    page = v.page
    page.evaluate("craftmap.state.map.setView([20.92, 106.62], 10, {animate: false})")
    assert page.locator(".folium-map").get_attribute("data-cm-labels") == "off"
    assert page.locator(".cm-base-label").count() == 0
    page.evaluate("craftmap.state.map.setView([20.92, 106.62], 13, {animate: false})")
    page.wait_for_selector(".folium-map[data-cm-labels='on']", state="attached")
    assert page.locator(".cm-base-label").count() > 100
    assert page.locator(".cm-base-label", has_text="Phường Hồng Bàng").count() == 1
    screenshots(page, "map-offline-zoom13")


@pytest.mark.parametrize("path", ["/pollution", "/transparency/projects/{project}"])
def test_pages_without_admin_layers_show_outlines_as_context(live: LiveServer, http: httpx.Client, visit: Any,
                                                            path: str) -> None:
    project = http.get("/collections/projects/items", params={"limit": 1}).json()["features"][0]["id"]
    v: Visit = visit(live.url + path.format(project=project))
    _drawn(v)
    assert v.page.locator(".leaflet-cmBase-pane path").count() > 100
    assert v.page.locator(".cm-base-notice").count() == 1


# -- With a basemap that loads: no fallback, outlines as context where the map has no admin layer ------------
# A 1×1 PNG, the whole "tile server" on loopback.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c63f8ffff3f0005fe02fea7d6a4fd0000000049454e44ae426082")


@pytest.fixture(scope="module")
def tile_server() -> Iterator[str]:
    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
    server.shutdown()


@pytest.fixture(scope="module")
def online(real_store_path: Path, tile_server: str) -> Iterator[LiveServer]:
    with LiveServer(ServerSettings(store=real_store_path, database_url=None, tiles=tile_server,
                                   tiles_attribution="test tiles")) as server:
        yield server


def _settled(v: Visit) -> None:
    """Wait until the outlines arrived and enough tiles answered for the map to have decided (polled from
    here: the page's CSP forbids the eval that ``wait_for_function`` polls with)."""
    check = ("() => craftmap.basemaps.length === 1 && craftmap.basemaps[0].doc !== null"
             " && craftmap.basemaps[0].state.loaded >= 4")
    for _ in range(300):
        if v.page.evaluate(check):
            return
        v.page.wait_for_timeout(100)
    raise AssertionError("the map never settled: " + str(v.page.evaluate("() => craftmap.basemaps[0].state")))


def test_tiles_that_load_are_kept_and_nothing_is_said(online: LiveServer, visit: Any) -> None:
    v: Visit = visit(online.url + "/maps/overview")
    _settled(v)
    page = v.page
    assert page.locator(".folium-map").get_attribute("data-cm-basemap") == "tiles"
    assert page.locator(".cm-base-notice").count() == 0
    assert page.locator(".leaflet-tile-pane img.leaflet-tile-loaded").count() >= 4
    # The overview has admin layers of its own: no second set of outlines.
    assert page.locator(".leaflet-cmBase-pane path").count() == 0
    assert page.locator(".leaflet-cmAdmin-pane path").count() > 100
    assert v.blocked == []


def test_with_tiles_a_map_without_admin_layers_still_shows_the_outlines(online: LiveServer, visit: Any) -> None:
    v: Visit = visit(online.url + "/pollution")
    _settled(v)
    page = v.page
    assert page.locator(".folium-map").get_attribute("data-cm-basemap") == "tiles"
    assert page.locator(".cm-base-notice").count() == 0
    assert page.locator(".leaflet-cmBase-pane path").count() > 100
    assert page.locator(".cm-base-label").count() == 0  # names come with the drawn basemap only
    assert v.blocked == []
