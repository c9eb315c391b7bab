"""Thinned tiles of an unfiltered collection, counted from its bounding-box centres held in memory.

A tile over a city of a million features matches too many to hold them (``geo.spatial.tiles``): it
holds counts per cell. Counting them in SQL scans every index entry under the tile, which at a low
zoom is most of the layer. The centres are read once per data version instead
(``geo.store.cache``: a write or a load reads them afresh) and each tile's cells come from them.
With filters the stores still count in SQL: a filter's rows are not these.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from geo.model.collections import Collection
from geo.spatial import crs, tiles
from geo.store import mvt
from geo.store.sql.dialect import StoreDialect

FETCH = 100_000  # rows per fetch while reading the centres


def centres(d: StoreDialect, conn: Any, collection: Collection) -> tiles.Centres:
    """Every feature's bounding-box centre, read in batches into one array."""
    cur = conn.execute(d.centres_sql(collection))
    parts = []
    while batch := cur.fetchmany(FETCH):
        parts.append(np.asarray(batch, dtype=np.float64))
    return tiles.Centres.of(np.concatenate(parts) if parts else np.empty((0, 2)))


def encode(collection: Collection, t: tiles.Tile, cells: list[tuple[int, float, float]]) -> bytes:
    """The MVT of counted cells: one point per cell at its mean centre, its only property ``tiles.COUNT``."""
    if not cells:
        return b""
    points = crs.to_web_mercator(shapely.points([c[1] for c in cells], [c[2] for c in cells]))
    return mvt.encode(collection.id, t, points, [{"properties": {tiles.COUNT: c[0]}} for c in cells])
