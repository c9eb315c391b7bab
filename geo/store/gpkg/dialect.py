"""The GeoPackage (SQLite) dialect of the SQL store.

Geometries are GeoPackage blobs (``geo.store.gpkg.blob``); arrays and objects are JSON text,
booleans 0/1 (``geo.store.codec``). The bbox clause asks GDAL's R-tree first and, for shapes
other than points, confirms with shapely (``cm_bbox_hits``); the kept count is the one GDAL's
triggers maintain in ``gpkg_ogr_contents``. ``BEGIN IMMEDIATE`` takes the write lock, so rows
need no lock clause.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import orjson
from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection, Field
from geo.store import codec
from geo.store.gpkg import blob
from geo.store.sql.dialect import StoreDialect
from geo.store.sql.filter import Sql, SqliteDialect


class GpkgDialect(SqliteDialect, StoreDialect):
    """SQLite with GDAL's GeoPackage tables and craftmap's registered functions."""

    kept_count_sql = "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?"

    def to_column(self, f: Field, value: Any) -> Any:
        return codec.to_column(f, value)

    def decodes(self, f: Field) -> bool:
        return f.is_json or f.type in ("boolean", "date")

    def from_column(self, f: Field, value: Any) -> Any:
        return codec.from_column(f, value)

    def encode_geometry(self, geom: BaseGeometry | None) -> Any:
        return blob.encode(geom)

    def decode_geometries(self, values: Sequence[Any]) -> Sequence[BaseGeometry | None]:
        return list(blob.decode_many(values))

    def json(self, obj: Any) -> Any:
        return orjson.dumps(obj).decode()

    def audit_param(self, at: datetime) -> Any:
        return at.isoformat(timespec="seconds").replace("+00:00", "Z")

    def audit_time(self, value: Any) -> str:
        return str(value)

    def bbox(self, collection: Collection, bbox: tuple[float, float, float, float]) -> Sql:
        minx, miny, maxx, maxy = bbox
        rtree = self.quote(f"rtree_{collection.id}_geom")
        sql = f"fid IN (SELECT id FROM {rtree} WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)"
        params: list[Any] = [maxx, minx, maxy, miny]
        if collection.geometry_type != "Point":  # the R-tree holds boxes: confirm the shape itself
            sql += " AND cm_bbox_hits(geom, ?, ?, ?, ?)"
            params += [minx, miny, maxx, maxy]
        return sql, params

    def property_equals(self, f: Field, value: Any) -> Sql:
        if f.type == "array":
            return f"EXISTS (SELECT 1 FROM json_each({self.quote(f.name)}) WHERE value = ?)", [value]
        return f"{self.quote(f.name)} = ?", [codec.to_column(f, value) if f.type == "boolean" else value]

    def ids_in(self, ids: Sequence[str]) -> Sql:
        return (f"id IN ({self.marks(len(ids))})", list(ids)) if ids else ("0", [])

    def sort_term(self, f: Field, ascending: bool) -> str:
        return f"{self.sort_key(f)} {'ASC' if ascending else 'DESC'}"

    def unique_violation(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)

    def bounds_sql(self, collection: Collection) -> str:
        return f"SELECT MIN(minx), MIN(miny), MAX(maxx), MAX(maxy) FROM {self.quote(f'rtree_{collection.id}_geom')}"

    def centres_sql(self, collection: Collection) -> str:
        return f"SELECT (minx + maxx) / 2, (miny + maxy) / 2 FROM {self.quote(f'rtree_{collection.id}_geom')}"


GPKG = GpkgDialect()
