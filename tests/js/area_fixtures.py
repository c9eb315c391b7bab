"""Fixtures of ``tests/js/area.test.mjs``: polygons around Hải Phòng and their areas in EPSG:3405, computed with
pyproj through ``geo.spatial.crs`` (the loader's own measure), unrounded."""

from __future__ import annotations

from typing import Any

import orjson
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.spatial import crs


def _square(lon: float, lat: float, half: float) -> Polygon:
    return box(lon - half, lat - half, lon + half, lat + half)


def shapes() -> list[tuple[str, Any]]:
    kien_bai = _square(106.63347, 20.91867, 0.0005)
    holed = Polygon(_square(106.68, 20.86, 0.01).exterior.coords, [_square(106.68, 20.86, 0.004).exterior.coords])
    far_east = _square(107.75, 20.13, 0.02)  # Bạch Long Vĩ: the farthest from the central meridian
    west = Polygon([(106.15, 21.2), (106.2, 21.21), (106.22, 21.15), (106.16, 21.13)])
    return [("kien-bai plot", kien_bai), ("with a hole", holed), ("far east", far_east), ("Hải Dương", west),
            ("two parts", MultiPolygon([kien_bai, far_east])), ("tiny", _square(106.7, 20.85, 0.00005))]


def area_cases() -> list[dict[str, Any]]:
    out = []
    for name, geom in shapes():
        metric = crs.to_metric([geom])[0]
        out.append({"name": name, "geometry": orjson.loads(shapely.to_geojson(geom)),
                    "ha": float(shapely.area(metric)) / 10_000, "rounded": crs.area_ha(geom)})
    return out
