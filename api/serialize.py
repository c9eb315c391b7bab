"""Features to GeoJSON dicts. Geometries are converted in one vectorised call and embedded
as pre-serialised JSON fragments, so a page of features costs one pass of orjson."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import orjson
import shapely

from geo.model.feature import Feature
from geo.spatial import crs

GEOGRAPHIC_DECIMALS = 7  # about 1 cm
METRIC_DECIMALS = 3  # 1 mm


def geometries_json(features: Sequence[Feature], target_crs: str = crs.CRS84) -> list[orjson.Fragment | None]:
    """GeoJSON text of every geometry, reprojected to ``target_crs`` and rounded to its unit."""
    geoms = np.array([f.geometry for f in features], dtype=object)
    if not len(geoms):
        return []
    if target_crs != crs.CRS84:
        geoms = crs.transform(geoms, crs.CRS84, target_crs)
        decimals = GEOGRAPHIC_DECIMALS if crs.pyproj_crs(target_crs).is_geographic else METRIC_DECIMALS
        geoms = shapely.transform(geoms, lambda c: np.round(c, decimals))
    return [None if t is None else orjson.Fragment(t) for t in shapely.to_geojson(geoms)]


def feature_dict(feature: Feature, geometry: orjson.Fragment | None,
                 links: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One GeoJSON Feature as a dict ready for orjson."""
    out: dict[str, Any] = {"type": "Feature", "id": feature.id, "geometry": geometry,
                           "properties": feature.properties}
    if links:
        out["links"] = links
    return out
