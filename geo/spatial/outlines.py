"""The drawn basemap: the city outline and today's communes, simplified, with a point for each name.

Maps fall back to it when basemap tiles cannot load (no Internet) and pages without admin layers
show its lines as context. It is computed once per data version (``geo.store.cache``) and served as
GeoJSON by the app (``GET /maps/outlines.geojson``), so a map fetches it in one small request.

One tolerance suits the zooms the fallback is read at: ``SIMPLIFY_DEG`` (about 50 m) is under a
pixel up to zoom 11 and a few pixels at zoom 14, where the labels and the data are what matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.model.feature import Feature

SIMPLIFY_DEG = 0.0005
PRECISION_DEG = 1e-4  # about 10 m: a pixel at zoom 14; more decimals are bytes, not detail
# Today's communes were pieced together from the old ones, and do not meet exactly: each outline and
# their union have slivers in them. Holes smaller than this (about 12 ha) are such gaps and are
# closed; islands are kept whatever their size.
SLIVER_DEG2 = 1e-5
# The city is also closed morphologically: gaps between communes narrower than about 2 × 80 m are filled.
CLOSE_DEG = 0.0008


def in_force(unit: Feature, day: date) -> bool:
    """Whether an admin unit exists on ``day`` (``valid_from`` inclusive, ``valid_to`` exclusive)."""
    start, end = unit.properties.get("valid_from"), unit.properties.get("valid_to")
    today = day.isoformat()
    return (start is None or str(start) <= today) and (end is None or today < str(end))


def current_communes(units: Iterable[Feature], day: date) -> list[Feature]:
    """The commune-level units (xã, phường, đặc khu) in force on ``day`` that have a geometry."""
    return [u for u in units if u.properties.get("level") == "commune" and in_force(u, day)
            and u.geometry is not None and not u.geometry.is_empty]


def _closed(geometry: BaseGeometry) -> BaseGeometry:
    """The geometry without holes smaller than ``SLIVER_DEG2``."""
    parts = [shapely.Polygon(p.exterior, [h for h in p.interiors if shapely.Polygon(h).area >= SLIVER_DEG2])
             for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
    return shapely.MultiPolygon(parts) if len(parts) != 1 else parts[0]


def _light(geometry: BaseGeometry, tolerance: float) -> BaseGeometry:
    simple = shapely.simplify(geometry, tolerance, preserve_topology=True)
    return shapely.set_precision(simple, PRECISION_DEG)


def _feature(kind: str, fid: str, name: str, geometry: BaseGeometry, tolerance: float) -> dict[str, Any]:
    spot = geometry.representative_point()
    return {"type": "Feature", "id": fid, "geometry": mapping(_light(geometry, tolerance)),
            "properties": {"kind": kind, "name": name,
                           "label": [round(spot.x, 5), round(spot.y, 5)]}}


def outlines(units: Iterable[Feature], day: date, tolerance: float = SIMPLIFY_DEG) -> dict[str, Any]:
    """A FeatureCollection: first the city (``kind: "city"``, the union of today's communes), then
    each commune (``kind: "commune"``) with its name and ``label`` ``[lon, lat]`` (a point inside it)."""
    communes = current_communes(units, day)
    features = []
    if communes:
        union = shapely.union_all([c.geometry for c in communes], grid_size=PRECISION_DEG)
        city = _closed(union.buffer(CLOSE_DEG, join_style="mitre").buffer(-CLOSE_DEG, join_style="mitre"))
        features.append(_feature("city", "city", "Hải Phòng", city, tolerance))
    for c in sorted(communes, key=lambda u: u.id):
        features.append(_feature("commune", c.id, str(c.properties.get("name") or c.id), _closed(c.geometry),
                                 tolerance))
    return {"type": "FeatureCollection", "features": features}
