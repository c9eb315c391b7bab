"""SQL functions registered on every SQLite connection for filters the SQL engine lacks.

``cm_fold`` implements CQL2 ACCENTI/CASEI with Vietnamese folding (đ → d).
``cm_s_<op>(geom_blob, wkb)`` are the CQL2 spatial predicates, evaluated by shapely on the
rows the R-tree prefilter lets through (``geo.store.sql.filter.SqliteDialect.spatial``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import lru_cache

import shapely
from shapely.geometry.base import BaseGeometry

from geo.spatial.text import fold
from geo.store.gpkg import blob as gpkg_blob

SPATIAL_PREDICATES = ("intersects", "disjoint", "contains", "within", "touches", "crosses", "overlaps",
                      "equals")


def _fold(value: object) -> str | None:
    return None if value is None else fold(str(value))


def _lower(value: object) -> str | None:
    return None if value is None else str(value).casefold()


@lru_cache(maxsize=64)
def _literal(wkb: bytes) -> BaseGeometry:
    """The filter's geometry, parsed and prepared once per query rather than once per row."""
    geom = shapely.from_wkb(wkb)
    shapely.prepare(geom)
    return geom


# "record OP literal" asked as "literal OP' record", so the prepared literal comes first (where GEOS
# uses its index); every other predicate is symmetric.
_CONVERSE = {"within": "contains", "contains": "within"}


def _predicate(op: str) -> Callable[[bytes | None, bytes | None], int | None]:
    test = getattr(shapely, _CONVERSE.get(op, op))

    def fn(blob: bytes | None, wkb: bytes | None) -> int | None:
        if blob is None or wkb is None:
            return None
        geom = gpkg_blob.decode(blob)
        if geom is None or geom.is_empty:
            return None
        return int(bool(test(_literal(bytes(wkb)), geom)))

    return fn


def _bbox_hits(blob: bytes | None, minx: float, miny: float, maxx: float, maxy: float) -> int:
    """The exact check behind the R-tree's box for non-point shapes (``GpkgDialect.bbox``)."""
    geom = gpkg_blob.decode(blob)
    return int(geom is not None and geom.intersects(shapely.box(minx, miny, maxx, maxy)))


def register(conn: sqlite3.Connection) -> None:
    """Register craftmap's SQL functions on ``conn``."""
    conn.create_function("cm_fold", 1, _fold, deterministic=True)
    conn.create_function("cm_casefold", 1, _lower, deterministic=True)
    conn.create_function("cm_bbox_hits", 5, _bbox_hits, deterministic=True)
    for op in SPATIAL_PREDICATES:
        conn.create_function(f"cm_s_{op}", 2, _predicate(op), deterministic=True)
