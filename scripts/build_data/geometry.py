"""Geometry helpers of the build: placing and rounding shapes; metres through ``geo.spatial.crs``."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points

from geo.spatial import crs


def to_m(g: BaseGeometry) -> BaseGeometry:
    """A CRS84 geometry in VN-2000 / UTM 48N (EPSG:3405), where shapes are drawn and measured."""
    return crs.to_metric([g])[0]


def to_ll(g: BaseGeometry) -> BaseGeometry:
    return crs.from_metric([g])[0]


def area_ha(g_ll: BaseGeometry) -> float:
    return round(to_m(g_ll).area / 1e4, 2)


def finish(g: BaseGeometry) -> BaseGeometry:
    """6-decimal coordinates (snap-rounded, stays valid), RFC 7946 ring order."""
    g = shapely.set_precision(g, 1e-6)
    if isinstance(g, Polygon):
        g = orient(g, 1.0)
    elif isinstance(g, MultiPolygon):
        g = MultiPolygon([orient(p, 1.0) for p in g.geoms])
    g = shapely.transform(g, lambda a: np.round(a, 6))
    if g.is_empty or not g.is_valid:
        raise ValueError(f"bad geometry after rounding: {shapely.is_valid_reason(g)}")
    return g


def as_multi(g: BaseGeometry) -> MultiPolygon:
    return g if isinstance(g, MultiPolygon) else MultiPolygon([g])


def fill_gaps(geom: BaseGeometry, others: list[Point]) -> BaseGeometry:
    """Fill the holes left between thinned commune polygons unless another district's commune is inside."""
    parts = getattr(geom, "geoms", [geom])
    return shapely.union_all([Polygon(p.exterior, [r for r in p.interiors
                                                   if any(Polygon(r).contains(q) for q in others)])
                              for p in parts])


def radius_for(area_m2: float, n: int = 64) -> float:
    """Circumradius of the regular n-gon (a 16-segments-per-quarter buffer) whose area is ``area_m2``."""
    return math.sqrt(2 * area_m2 / (n * math.sin(2 * math.pi / n)))


def place(region: BaseGeometry, start: Point, reach: float, avoid: Iterable[BaseGeometry]) -> Point:
    """The point nearest ``start`` where a shape of radius ``reach`` fits in ``region`` clear of ``avoid``."""
    allowed = region.buffer(-(reach + 10))
    for g in avoid:
        allowed = allowed.difference(g.buffer(reach + 30))
    if allowed.is_empty:
        raise ValueError("no room")
    return start if allowed.contains(start) else nearest_points(allowed, start)[0]


def offset(p_ll: Point, dx: float, dy: float) -> Point:
    """``p_ll`` moved ``dx``, ``dy`` metres east and north."""
    q = to_m(p_ll)
    return to_ll(Point(q.x + dx, q.y + dy))
