"""What a SQL engine spells its own way, for the whole store (the CQL2 compiler included).

``StoreDialect`` extends the CQL2 ``Dialect`` so one object per engine answers both the
filter compiler and the store: placeholders, the bbox clause, array membership, sort terms,
geometry and value encoding, row locks, the kept feature count and driver errors. The SQL
store (``geo.store.sql.store``) is written once against it; ``geo.store.gpkg.dialect`` and
``geo.store.postgis.dialect`` are the two engines.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection, Field
from geo.store.sql.filter import Dialect, Sql, compile_filter


class StoreDialect(Dialect):
    """One SQL engine as the store sees it."""

    geometry_column = "geom"  # the select expression that yields the engine's geometry encoding
    geometry_value = "?"  # the insert/update expression around one encoded geometry parameter
    row_lock = ""  # appended to a SELECT that must keep the rows from changing (FOR UPDATE)
    share_lock = ""  # appended to a SELECT that must keep the rows from being deleted (FOR SHARE)
    audit_order_sql = ""  # run first in a write that audits, so audit numbers follow commit order (if needed)
    kept_count_sql = ""  # the O(1) count of one table (one parameter: its name); its value may be NULL
    true = "1 = 1"

    def marks(self, n: int) -> str:
        """``n`` comma-separated placeholders."""
        return ", ".join([self.placeholder] * n)

    def filter(self, node: Any, collection: Collection) -> Sql:
        """A CQL2 filter (pygeofilter AST) as a WHERE fragment."""
        return compile_filter(node, collection, self)

    # -- values ------------------------------------------------------------------------------
    @abstractmethod
    def to_column(self, f: Field, value: Any) -> Any:
        """A property value as a parameter for its column."""

    @abstractmethod
    def decodes(self, f: Field) -> bool:
        """Whether values read from ``f``'s column need ``from_column`` (most come out as they are)."""

    @abstractmethod
    def from_column(self, f: Field, value: Any) -> Any:
        """A non-NULL column value as a property value."""

    @abstractmethod
    def encode_geometry(self, geom: BaseGeometry | None) -> Any:
        """A geometry as the parameter of ``geometry_value``."""

    @abstractmethod
    def decode_geometries(self, values: Sequence[Any]) -> Sequence[BaseGeometry | None]:
        """The values of ``geometry_column`` as shapely geometries, in one vectorised call."""

    @abstractmethod
    def json(self, obj: Any) -> Any:
        """A JSON document (audit snapshots) as a parameter."""

    @abstractmethod
    def audit_param(self, at: datetime) -> Any:
        """An audit row's time (UTC) as a parameter."""

    @abstractmethod
    def audit_time(self, value: Any) -> str:
        """An audit row's time as RFC 3339 UTC, to the second."""

    # -- clauses -----------------------------------------------------------------------------
    @abstractmethod
    def bbox(self, collection: Collection, bbox: tuple[float, float, float, float]) -> Sql:
        """Records whose geometry intersects ``bbox`` (CRS84), using the spatial index."""

    @abstractmethod
    def property_equals(self, f: Field, value: Any) -> Sql:
        """``f`` equals ``value``; for an array, one element does."""

    @abstractmethod
    def ids_in(self, ids: Sequence[str]) -> Sql:
        """The record's id is one of ``ids``."""

    def sort_key(self, f: Field) -> str:
        """The expression ``f`` sorts by (and a cursor compares with), without a direction."""
        return self.quote(f.name)

    @abstractmethod
    def sort_term(self, f: Field, ascending: bool) -> str:
        """One ORDER BY term. Both engines sort as SQLite does: NULLs first ascending, text by code point."""

    @abstractmethod
    def bounds_sql(self, collection: Collection) -> str:
        """``SELECT minx, miny, maxx, maxy`` of every geometry of the collection."""

    @abstractmethod
    def centres_sql(self, collection: Collection) -> str:
        """``SELECT x, y``: the centre of every geometry's bounding box, from the spatial index where it
        keeps them (where a thinned tile counts each feature)."""

    # -- errors ------------------------------------------------------------------------------
    def unique_violation(self, exc: BaseException) -> bool:
        """Whether ``exc`` is the driver's "unique constraint violated"."""
        return False

    def translate(self, exc: BaseException, collection: Collection, filtered: bool) -> Exception | None:
        """A domain error for a driver error (a unique id taken, a filter of mismatched types), or ``None``."""
        return None
