"""Vector tiles from the GeoPackage: rows found through the R-tree, cut and encoded in Python.

SQLite has no MVT encoder, so the rows of a tile are read like a page of items, reprojected
to Web Mercator by ``geo.spatial.crs``, clipped to the buffered tile and encoded with
``mapbox-vector-tile`` (MIT), the same layout PostGIS's ``ST_AsMVT`` writes.
"""

from __future__ import annotations

from typing import Any

import orjson
import shapely

from geo.model.collections import Collection
from geo.spatial import crs, tiles
from geo.store import mvt
from geo.store.sql import statements, thinning
from geo.store.sql.dialect import StoreDialect
from geo.store.sql.filter import Sql


def encode(d: StoreDialect, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql) -> bytes:
    """The MVT of the public fields of the rows matching ``condition``, one layer named ``collection.id``."""
    fields = statements.columns(collection, include_private=False)
    rows = conn.execute(f"SELECT fid, {statements.select(d, collection, fields).removeprefix('SELECT ')}"
                        f"{condition[0]} ORDER BY fid", condition[1]).fetchall()
    found = statements.features(d, rows, fields, skip=1)
    shapes = crs.to_web_mercator([f.geometry for f in found])
    if collection.geometry_type != "Point":
        shapes = shapely.clip_by_rect(shapes, *t.buffered)
    features = [{"id": row[0], "properties": _attributes(f.properties)} for row, f in zip(rows, found, strict=True)]
    return mvt.encode(collection.id, t, shapes, features)


def _attributes(props: dict[str, Any]) -> dict[str, Any]:
    """MVT values are scalars: arrays and objects travel as JSON text, NULLs are left out."""
    out: dict[str, Any] = {}
    for name, value in props.items():
        if isinstance(value, list | dict):
            out[name] = orjson.dumps(value).decode()
        elif value is not None:
            out[name] = value
    return out


def thinned(d: StoreDialect, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql) -> bytes:
    """Counts per cell (``geo.spatial.tiles``) from the R-tree: a point's box is the point, a shape's
    box centre is where it counts. The table is joined only when the collection's filters need it."""
    g = tiles.grid(t)
    rtree = d.quote(f"rtree_{collection.id}_geom")
    join = f" JOIN {d.quote(collection.id)} ON fid = r.id" if condition[0] else ""
    more = " AND " + condition[0].removeprefix(" WHERE ") if condition[0] else ""
    rows = conn.execute(
        "SELECT count(*), avg(cx), avg(cy) FROM (SELECT (r.minx + r.maxx) / 2 AS cx, (r.miny + r.maxy) / 2 AS cy "
        f"FROM {rtree} AS r{join} WHERE r.maxx >= ? AND r.minx < ? AND r.maxy >= ? AND r.miny < ?{more}) "
        "WHERE cx >= ? AND cx < ? AND cy >= ? AND cy < ? "
        "GROUP BY CAST((cx - ?) / ? AS INTEGER), CAST((cy - ?) / ? AS INTEGER)",
        [g.west, g.east, g.south, g.north, *condition[1], g.west, g.east, g.south, g.north,
         g.west, g.dx, g.south, g.dy]).fetchall()
    return thinning.encode(collection, t, [(int(n), x, y) for n, x, y in rows])


def matched(d: StoreDialect, conn: Any, collection: Collection, t: tiles.Tile) -> int:
    """How many points of an unfiltered point collection fall in the tile's lookup box, up to ``CAP + 1``,
    from the R-tree alone (a point's box is the point: the same rows as the store's own bbox filter, without
    the list of every id in the box SQLite would build first)."""
    minx, miny, maxx, maxy = t.lookup_bbox
    rtree = d.quote(f"rtree_{collection.id}_geom")
    return int(conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {rtree} WHERE minx <= ? AND maxx >= ? AND miny <= ? "
                            f"AND maxy >= ? LIMIT {tiles.CAP + 1})", [maxx, minx, maxy, miny]).fetchone()[0])
