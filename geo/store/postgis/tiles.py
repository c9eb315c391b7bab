"""Vector tiles from PostGIS: ``ST_AsMVTGeom`` cuts each geometry, ``ST_AsMVT`` encodes the layer.

The rows are found with the store's own ``WHERE`` (the tile's CRS84 box on the GiST index,
plus the collection's filters); arrays and objects travel as JSON text, as from the GeoPackage.
"""

from __future__ import annotations

from typing import Any

from geo.model.collections import Collection
from geo.spatial import tiles
from geo.store.sql import statements
from geo.store.sql.dialect import StoreDialect
from geo.store.sql.filter import Sql


def encode(d: StoreDialect, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql) -> bytes:
    """The MVT of the public fields of the rows matching ``condition``, one layer named ``collection.id``."""
    cols = ", ".join(f"{d.quote(f.name)}::text AS {d.quote(f.name)}" if f.is_json else d.quote(f.name)
                     for f in statements.columns(collection, include_private=False))
    sql = (f"SELECT ST_AsMVT(t, %s, {tiles.EXTENT}, 'geom', 'fid') FROM ("
           f"SELECT fid, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_MakeEnvelope(%s, %s, %s, %s, 3857), "
           f"{tiles.EXTENT}, {tiles.BUFFER}, true) AS geom, {cols} FROM {d.quote(collection.id)}{condition[0]}"
           ") AS t WHERE t.geom IS NOT NULL")
    row = conn.execute(sql, [collection.id, *t.bounds, *condition[1]]).fetchone()
    return b"" if row is None or row[0] is None else bytes(row[0])


def thinned(d: StoreDialect, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql) -> bytes:
    """Counts per cell (``geo.spatial.tiles``), grouped in SQL on the GiST index's boxes: a shape
    counts where the centre of its bounding box is."""
    g = tiles.grid(t)
    more = " AND " + condition[0].removeprefix(" WHERE ") if condition[0] else ""
    sql = (f"SELECT ST_AsMVT(t, %s, {tiles.EXTENT}, 'geom') FROM ("
           "SELECT ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(avg(cx), avg(cy)), 4326), 3857), "
           f"ST_MakeEnvelope(%s, %s, %s, %s, 3857), {tiles.EXTENT}, {tiles.BUFFER}, true) AS geom, "
           f"count(*)::int AS {tiles.COUNT} FROM ("
           "SELECT (ST_XMin(geom) + ST_XMax(geom)) / 2 AS cx, (ST_YMin(geom) + ST_YMax(geom)) / 2 AS cy "
           f"FROM {d.quote(collection.id)} WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326){more}) AS c "
           "WHERE cx >= %s AND cx < %s AND cy >= %s AND cy < %s "
           "GROUP BY floor((cx - %s) / %s), floor((cy - %s) / %s)) AS t")
    row = conn.execute(sql, [collection.id, *t.bounds, g.west, g.south, g.east, g.north, *condition[1],
                             g.west, g.east, g.south, g.north, g.west, g.dx, g.south, g.dy]).fetchone()
    return b"" if row is None or row[0] is None else bytes(row[0])
