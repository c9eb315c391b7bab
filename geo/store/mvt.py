"""Mapbox Vector Tiles encoded in Python (``mapbox-vector-tile``, MIT), for what the store's SQL cannot encode.

The encoder can scale each geometry into tile units itself, one coordinate at a time through a Python
callback; here the whole tile is scaled and rounded in one vectorised call first (the same
arithmetic, with the same round-half-to-even), which takes most of the encoding time out of a tile
of many points.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mapbox_vector_tile
import numpy as np
import shapely

from geo.spatial import tiles


def encode(layer: str, t: tiles.Tile, shapes: np.ndarray, features: Sequence[dict[str, Any]]) -> bytes:
    """One layer of ``features`` (``properties`` and optional ``id``) whose geometries are ``shapes`` in
    Web Mercator; ``b""`` when nothing is left to draw."""
    if not len(shapes):
        return b""
    minx, miny, maxx, maxy = t.bounds
    scale = np.array([tiles.EXTENT / (maxx - minx), tiles.EXTENT / (maxy - miny)])
    origin = np.array([minx, miny])
    units = shapely.transform(shapes, lambda xy: np.round((xy - origin) * scale))
    drawn = [{**f, "geometry": g} for f, g in zip(features, units, strict=True) if g is not None and not g.is_empty]
    if not drawn:
        return b""
    return bytes(mapbox_vector_tile.encode([{"name": layer, "features": drawn}],
                                           default_options={"extents": tiles.EXTENT}))
