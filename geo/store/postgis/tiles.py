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
