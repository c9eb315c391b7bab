"""The PostGIS dialect of the SQL store (the CQL2 compiler included).

Arrays and objects are jsonb, expanded with ``jsonb_array_elements_text`` and matched with
``@>``; LIKE is PostgreSQL's own (case-sensitive, ``\\`` escape, as CQL2 wants); spatial
predicates are PostGIS' ``ST_*`` functions, which use the GiST index and the same GEOS
predicates as shapely in the SQLite dialect; ``cm_fold``/``cm_casefold`` are SQL functions from
migration 0001. Geometries travel as WKB, rows are locked ``FOR UPDATE``/``FOR SHARE``, the
kept count is ``craftmap_counts`` (migration 0003), and text sorts by code point with NULLs
placed as SQLite places them, so both stores return the same order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
import shapely
from psycopg import errors as pg_errors
from psycopg.types.json import Json, Jsonb
from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection, Field
from geo.model.errors import DuplicateFeature, InvalidFilter
from geo.store.postgis.schema import AUDIT_LOCK_KEY
from geo.store.sql.dialect import StoreDialect
from geo.store.sql.filter import Sql

_FUNCTIONS = {"intersects": "ST_Intersects", "disjoint": "ST_Disjoint", "contains": "ST_Contains",
              "within": "ST_Within", "touches": "ST_Touches", "crosses": "ST_Crosses",
              "overlaps": "ST_Overlaps", "equals": "ST_Equals"}
_TEXT_TYPES = ("string", "date")


class PostgisDialect(StoreDialect):
    """PostgreSQL + PostGIS through psycopg 3."""

    placeholder = "%s"
    element = "j.value"
    geometry_column = "ST_AsBinary(geom)"
    geometry_value = "ST_GeomFromWKB(%s, 4326)"
    row_lock = " FOR UPDATE"
    share_lock = " FOR SHARE"
    kept_count_sql = "SELECT n FROM craftmap_counts WHERE collection = %s"
    audit_order_sql = f"SELECT pg_advisory_xact_lock({AUDIT_LOCK_KEY})"  # SQLite's BEGIN IMMEDIATE already orders
    true = "TRUE"

    # -- CQL2 --------------------------------------------------------------------------------
    def array_any(self, column: str, predicate: str) -> str:
        return f"EXISTS (SELECT 1 FROM jsonb_array_elements_text({column}) AS j(value) WHERE {predicate})"

    def like(self, sql: str, pattern: str) -> Sql:
        return f"{sql} LIKE %s", [pattern]

    def spatial(self, op: str, collection: Collection, geom: BaseGeometry) -> Sql:
        return f"{_FUNCTIONS[op]}(geom, ST_GeomFromWKB(%s, 4326))", [shapely.to_wkb(geom)]

    # -- values ------------------------------------------------------------------------------
    def to_column(self, f: Field, value: Any) -> Any:
        if value is None:
            return None
        if f.is_json:
            return Jsonb(value)
        return bool(value) if f.type == "boolean" else value

    def decodes(self, f: Field) -> bool:
        return f.type == "number"  # psycopg decodes jsonb, booleans and numbers; a whole double is an int

    def from_column(self, f: Field, value: Any) -> Any:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def encode_geometry(self, geom: BaseGeometry | None) -> Any:
        return None if geom is None else shapely.to_wkb(geom)

    def decode_geometries(self, values: Sequence[Any]) -> Sequence[BaseGeometry | None]:
        return list(shapely.from_wkb(np.array(values, dtype=object)))

    def json(self, obj: Any) -> Any:
        return Json(obj)  # json, not jsonb: snapshots keep their key order

    def audit_param(self, at: datetime) -> Any:
        return at

    def audit_time(self, value: Any) -> str:
        return str(value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"))

    # -- clauses -----------------------------------------------------------------------------
    def bbox(self, collection: Collection, bbox: tuple[float, float, float, float]) -> Sql:
        return "ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326))", list(bbox)

    def property_equals(self, f: Field, value: Any) -> Sql:
        if f.is_json:
            return f"{self.quote(f.name)} @> %s", [Jsonb([value])]
        return f"{self.quote(f.name)} = %s", [self.to_column(f, value)]

    def ids_in(self, ids: Sequence[str]) -> Sql:
        return "id = ANY(%s)", [list(ids)]

    def sort_key(self, f: Field) -> str:
        expr = self.quote(f.name)
        if f.is_json:
            return expr + '::text COLLATE "C"'
        return expr + ' COLLATE "C"' if f.type in _TEXT_TYPES else expr

    def sort_term(self, f: Field, ascending: bool) -> str:
        return f"{self.sort_key(f)} {'ASC NULLS FIRST' if ascending else 'DESC NULLS LAST'}"

    def bounds_sql(self, collection: Collection) -> str:
        return (f"SELECT MIN(ST_XMin(geom)), MIN(ST_YMin(geom)), MAX(ST_XMax(geom)), MAX(ST_YMax(geom)) "
                f"FROM {self.quote(collection.id)}")

    def centres_sql(self, collection: Collection) -> str:
        return (f"SELECT (ST_XMin(geom) + ST_XMax(geom)) / 2, (ST_YMin(geom) + ST_YMax(geom)) / 2 "
                f"FROM {self.quote(collection.id)} WHERE geom IS NOT NULL")

    # -- errors ------------------------------------------------------------------------------
    def unique_violation(self, exc: BaseException) -> bool:
        return isinstance(exc, pg_errors.UniqueViolation)

    def translate(self, exc: BaseException, collection: Collection, filtered: bool) -> Exception | None:
        if isinstance(exc, pg_errors.UniqueViolation):
            m = re.search(r"\(id\)=\((.*)\) already exists", exc.diag.message_detail or "")
            which = f"'{m.group(1)}'" if m else "with one of these ids"
            return DuplicateFeature(f"A feature {which} already exists in {collection.id}.")
        if filtered and isinstance(exc, pg_errors.DataError | pg_errors.UndefinedFunction):
            # A filter comparing a property with a value of another type: SQLite finds no match,
            # PostgreSQL refuses; craftmap answers 400 rather than 500.
            return InvalidFilter(f"The filter compares values of different types: {reason(exc)}")
        return None


def reason(exc: BaseException) -> str:
    """The first line of a driver error (no connection string, no password)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


POSTGIS = PostgisDialect()
