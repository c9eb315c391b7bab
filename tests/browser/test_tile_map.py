"""The overview map with a large facilities layer, drawn from vector tiles, in headless Chromium offline.

The store is the shipped dataset plus ``CRAFTMAP_TILE_MAP_SIZE`` synthetic facilities (default 20,000,
which builds in seconds, so ``make test`` runs it). At 1,000,000 the store takes about two minutes to
build and 2 GB of memory: run ``CRAFTMAP_TILE_MAP_SIZE=1000000 .venv/bin/python -m pytest
tests/browser/test_tile_map.py``; ``BENCH_LARGE=1 make bench`` measures the same page at 1,000,000
(bench/mapbench.py, figures in bench/README.md). The
facilities exceed ``maps.layers.TILE_THRESHOLD``, so the page must draw them from tiles: no errors, tiles
fetched and drawn, and a click on a facility opens a popup with its name from the items API.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest

from api.settings import ServerSettings
from bench import mapbench, synthetic
from maps.layers import TILE_THRESHOLD
from tests.support.browser import Visit
from tests.support.servers import LiveServer

SIZE = int(os.environ.get("CRAFTMAP_TILE_MAP_SIZE", "20000"))
HTML_LIMIT = 500 * 1024


@pytest.fixture(scope="module")
def large_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = mapbench.build_store(SIZE, tmp_path_factory.mktemp("large_map"))
    with LiveServer(ServerSettings(store=path, database_url=None)) as server:
        yield server


def lonely_facility(data: synthetic.Synthetic) -> int:
    """A synthetic facility with no other within about 40 m (so a click on it can pick only it)."""
    for i in range(0, data.size, 97):
        d2 = ((data.lon - data.lon[i]) * 0.934) ** 2 + (data.lat - data.lat[i]) ** 2  # cos(21°) for longitude
        d2[i] = np.inf
        if float(d2.min()) > (40 / 111_320) ** 2:
            return i
    raise AssertionError("no lonely facility")


def test_a_large_layer_is_drawn_from_tiles_with_popups(large_live: LiveServer, visit: Any) -> None:
    assert SIZE > TILE_THRESHOLD
    html = httpx.get(large_live.url + "/maps/overview", timeout=60)
    assert html.status_code == 200 and len(html.content) <= HTML_LIMIT
    v: Visit = visit(large_live.url + "/maps/overview", wait=False)
    page = v.page
    page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=120_000)
    assert page.evaluate("document.documentElement.getAttribute('data-cm-ready')") == "ok"
    assert v.errors == [] and v.failed == []
    facilities = next(c for c in v.counts() if c["collection"] == "facilities")
    assert facilities["tiled"] is True and facilities["error"] is None and facilities["tilesLoaded"] > 0
    assert [c["collection"] for c in v.counts() if c["tiled"]] == ["facilities"]  # small layers stay GeoJSON
    tiles = [(status, size) for status, url, size in v.responses if "/collections/facilities/tiles/" in url]
    assert tiles and all(status == 200 for status, _ in tiles) and max(size for _, size in tiles) > 0

    data = synthetic.generate(SIZE)
    i = lonely_facility(data)
    lon, lat = float(data.lon[i]), float(data.lat[i])
    name = httpx.get(f"{large_live.url}/collections/facilities/items/{synthetic.fid(i)}",
                     timeout=30).json()["properties"]["name"]
    page.evaluate(f"craftmap.state.map.setView([{lat}, {lon}], 18, {{animate: false}})")
    grid = "craftmap.layers.find((l) => l.cfg.collection === 'facilities').grid"
    page.wait_for_function(f"() => [...{grid}.queryTileFeaturesDebug({lon}, {lat}, 4).values()].flat()"
                           f".some((h) => h.feature.props.id === '{synthetic.fid(i)}')", timeout=60_000)
    point = page.evaluate(f"(() => {{ const p = craftmap.state.map.latLngToContainerPoint([{lat}, {lon}]); "
                          "const r = craftmap.state.map.getContainer().getBoundingClientRect(); "
                          "return [r.left + p.x, r.top + p.y]; })()")
    page.mouse.click(point[0], point[1])
    # The facility's popup, not the boundary polygon's under it (the click is the tiled layer's).
    page.wait_for_selector(".leaflet-popup .cm-popup-name", timeout=30_000)
    assert page.locator(".leaflet-popup").count() == 1
    assert page.locator(".leaflet-popup .cm-popup-layer").text_content() == facilities["title"]
    assert page.locator(".leaflet-popup .cm-popup-name").text_content() == name
    assert v.errors == []
