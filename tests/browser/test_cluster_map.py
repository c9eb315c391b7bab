"""``/maps/clusters/{id}``: outline, plots by status, facilities, villages and pollution nearby."""

from __future__ import annotations

from typing import Any

import httpx

from maps.layers import TILE_THRESHOLD
from tests.support.browser import Visit
from tests.support.maps import build, many_facilities
from tests.support.responses import api_features
from tests.support.servers import LiveServer


def test_cluster_map_of_a_real_cluster(live: LiveServer, http: httpx.Client, visit: Any) -> None:
    plots = http.get("/collections/cluster_plots/items", params={"limit": 1000}).json()["features"]
    cluster_id = plots[0]["properties"]["cluster_id"]
    v: Visit = visit(f"{live.url}/maps/clusters/{cluster_id}")
    assert v.errors == [] and v.failed == []
    counts = {c["collection"]: c for c in v.counts() if c["collection"] != "admin_units"}
    assert counts["clusters"]["drawn"] == 1
    assert counts["cluster_plots"]["drawn"] == sum(p["properties"]["cluster_id"] == cluster_id for p in plots)
    configs = v.page.evaluate("craftmap.layers.map(function (l) { return l.cfg; })")
    for cfg in configs:
        assert v.layer(cfg["title"])["drawn"] == sum(f["geometry"] is not None for f in api_features(http, cfg))
    # Plots are coloured by status: as many fill colours as statuses among them.
    statuses = {p["properties"]["status"] for p in plots if p["properties"]["cluster_id"] == cluster_id}
    fills = v.page.evaluate("""Array.from(new Set(craftmap.find ? craftmap.layers
        .filter(l => l.cfg.collection === 'cluster_plots')[0].entries.map(e => e.leaf.options.fillColor) : []))""")
    assert len(fills) == len(statuses)
    assert v.page.evaluate("craftmap.state.map.getZoom()") >= 13


def test_nearby_layers_keep_to_the_surroundings(tmp_path: Any, visit: Any) -> None:
    records = many_facilities(0)
    far = dict(records["villages"][0], id="far")
    far = {**far, "id": "far", "geometry": {"type": "Point", "coordinates": [107.0, 20.7]},
           "properties": {**far["properties"], "id": "far", "name": "Làng xa"}}
    records["villages"].append(far)
    with LiveServer(build(tmp_path, records)) as server:
        v: Visit = visit(f"{server.url}/maps/clusters/kien-bai")
        nearby = next(c for c in v.counts() if c["collection"] == "villages")
        assert nearby["drawn"] == 1  # Mỹ Đồng, 2.3 km away; not the village 40 km off
        assert v.page.evaluate("craftmap.find('villages', 'far')") is None


def test_facilities_under_the_tile_threshold_are_fetched_and_clustered(tmp_path: Any, visit: Any) -> None:
    # Beyond TILE_THRESHOLD the layer is drawn from vector tiles (tests/browser/test_tile_map.py).
    many = TILE_THRESHOLD - 1  # plus the dataset's own facility: exactly the threshold, still GeoJSON
    with LiveServer(build(tmp_path, many_facilities(many))) as server:
        v: Visit = visit(f"{server.url}/maps/overview")
        assert len(v.page.content().encode()) < 500_000
        facilities = next(c for c in v.counts() if c["collection"] == "facilities")
        assert facilities["drawn"] == facilities["matched"] == TILE_THRESHOLD
        assert facilities["tiled"] is False
        assert v.errors == []
        assert v.failed == []
        # Clustered: far fewer marker elements than facilities.
        assert facilities["onMap"]
        assert 0 < v.page.locator(".leaflet-cmPoints-pane path, .marker-cluster").count() < 2000
        # The page reports when every layer is drawn; how long that takes is `make bench`'s job, not a test's.
        ms = v.page.evaluate("craftmap.loadMs")
        assert isinstance(ms, int | float) and ms > 0, ms
