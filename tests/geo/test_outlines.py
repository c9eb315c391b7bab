"""The drawn basemap's data (geo.spatial.outlines): today's communes only, one city outline without the
slivers between communes, names with a point inside each commune, lighter than the source."""

from __future__ import annotations

import json
from datetime import date

import shapely
from shapely.geometry import box, shape

from geo.model.feature import Feature
from geo.spatial.outlines import current_communes, outlines
from tests.support.stores import DATA_DIR

DAY = date(2026, 1, 1)


def unit(uid: str, geometry: shapely.Geometry, *, level: str = "commune", start: str | None = "2025-07-01",
         end: str | None = None) -> Feature:
    return Feature(uid, geometry, {"name": f"Xã {uid}", "level": level, "valid_from": start, "valid_to": end})


def test_only_the_communes_in_force_that_day() -> None:
    units = [unit("new", box(0, 0, 1, 1)), unit("old", box(0, 0, 1, 1), start=None, end="2025-07-01"),
             unit("district", box(0, 0, 1, 1), level="district"), unit("empty", shapely.Polygon())]
    assert [u.id for u in current_communes(units, DAY)] == ["new"]
    assert [u.id for u in current_communes(units, date(2025, 6, 30))] == ["old"]


def test_city_outline_closes_slivers_and_keeps_islands() -> None:
    # Two communes with a 0.0001° gap between them, and an island far off.
    units = [unit("a", box(0, 0, 0.1, 0.1)), unit("b", box(0.1001, 0, 0.2, 0.1).union(box(0.1, 0, 0.1001, 0.04))
                                                                             .union(box(0.1, 0.06, 0.1001, 0.1))),
             unit("island", box(0.5, 0.5, 0.501, 0.501))]
    doc = outlines(units, DAY)
    city = shape(doc["features"][0]["geometry"])
    assert doc["features"][0]["properties"]["kind"] == "city"
    assert all(len(p.interiors) == 0 for p in shapely.get_parts(city))  # the sliver hole is closed
    assert len(shapely.get_parts(city)) == 2  # the mainland and the island
    communes = doc["features"][1:]
    assert [f["properties"]["name"] for f in communes] == ["Xã a", "Xã b", "Xã island"]
    for f in communes:
        lon, lat = f["properties"]["label"]
        assert shape(f["geometry"]).buffer(1e-4).contains(shapely.Point(lon, lat))


def test_shipped_units_come_out_light() -> None:
    doc = json.loads((DATA_DIR / "admin_units.geojson").read_text(encoding="utf-8"))
    units = [Feature(f["properties"]["id"], shape(f["geometry"]) if f["geometry"] else None, f["properties"])
             for f in doc["features"]]
    out = outlines(units, DAY)
    assert len(out["features"]) == 1 + len(current_communes(units, DAY))
    before = sum(shapely.get_num_coordinates(u.geometry) for u in current_communes(units, DAY))
    after = sum(shapely.get_num_coordinates(shape(f["geometry"])) for f in out["features"][1:])
    assert after < before
    assert all(shape(f["geometry"]).is_valid for f in out["features"])
