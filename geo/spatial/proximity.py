"""Which villages and communes lie within a distance of a source.

Distances are measured in VN-2000 / UTM 48N (metres) through ``geo.spatial.crs``; a commune counts
when any part of its polygon is within the distance (0 m when the source lies inside it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.model.errors import InvalidParameter
from geo.model.feature import Feature
from geo.spatial.crs import to_metric

MAX_DISTANCE_KM = 50.0


@dataclass(frozen=True)
class Near:
    """A feature and its distance in metres from the source."""

    feature: Feature
    distance_m: float


def check_distance_km(value: float) -> float:
    """A usable search distance: positive and at most ``MAX_DISTANCE_KM``."""
    if not np.isfinite(value) or value <= 0 or value > MAX_DISTANCE_KM:
        raise InvalidParameter(f"distance_km must be above 0 and at most {MAX_DISTANCE_KM:g}, got {value:g}.")
    return value


def within(source: BaseGeometry | None, candidates: Sequence[Feature], distance_m: float) -> list[Near]:
    """Candidates within ``distance_m`` of ``source``, nearest first; features without geometry are skipped."""
    placed = [f for f in candidates if f.geometry is not None and not f.geometry.is_empty]
    if source is None or source.is_empty or not placed:
        return []
    metric = to_metric([source, *(f.geometry for f in placed)])
    distances = shapely.distance(metric[0], metric[1:])
    hits = [Near(f, float(d)) for f, d in zip(placed, distances, strict=True) if d <= distance_m]
    return sorted(hits, key=lambda n: (n.distance_m, n.feature.id))
