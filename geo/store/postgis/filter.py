"""The PostGIS dialect of the CQL2 compiler (``geo.store.sql.filter``).

Arrays are jsonb, expanded with ``jsonb_array_elements_text``; LIKE is PostgreSQL's own
(case-sensitive, ``\\`` escape, as CQL2 wants); spatial predicates are PostGIS' ``ST_*``
functions, which use the GiST index and the same GEOS predicates as shapely in the SQLite
dialect; ``cm_fold``/``cm_casefold`` are SQL functions from migration 0001.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection
from geo.store.sql.filter import Dialect, Sql, compile_filter

_FUNCTIONS = {"intersects": "ST_Intersects", "disjoint": "ST_Disjoint", "contains": "ST_Contains",
              "within": "ST_Within", "touches": "ST_Touches", "crosses": "ST_Crosses",
              "overlaps": "ST_Overlaps", "equals": "ST_Equals"}


class PostgisDialect(Dialect):
    """PostgreSQL + PostGIS for the PostGIS store."""

    placeholder = "%s"
    element = "j.value"

    def boolean(self, value: bool) -> Any:
        return value

    def array_any(self, column: str, predicate: str) -> str:
        return f"EXISTS (SELECT 1 FROM jsonb_array_elements_text({column}) AS j(value) WHERE {predicate})"

    def like(self, sql: str, pattern: str) -> Sql:
        return f"{sql} LIKE %s", [pattern]

    def spatial(self, op: str, collection: Collection, geom: BaseGeometry) -> Sql:
        return f"{_FUNCTIONS[op]}(geom, ST_GeomFromWKB(%s, 4326))", [shapely.to_wkb(geom)]


def to_postgis(node: Any, collection: Collection) -> Sql:
    """The filter for the PostGIS store (called by ``PostgisStore._where``)."""
    return compile_filter(node, collection, PostgisDialect())
