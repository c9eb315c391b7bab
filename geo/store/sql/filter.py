"""CQL2 (a pygeofilter AST) to a SQL ``WHERE`` fragment with bound parameters.

Values never enter the SQL text: every literal becomes a placeholder and a parameter.
Identifiers come from the collection registry only; an unknown or private property is an
``InvalidFilter`` naming it. What differs between engines (placeholders, array expansion,
LIKE, spatial predicates, folding functions) lives in a ``Dialect``; ``SqliteDialect``
serves the GeoPackage store and a PostGIS dialect subclasses ``Dialect`` the same way.

Semantics worth knowing:
- LIKE follows CQL2: ``%`` and ``_`` wildcards, ``\\`` escape, case-sensitive.
- ``CASEI`` folds case; ``ACCENTI`` folds accents *and* case with Vietnamese đ → d (the
  folding search uses), so ``ACCENTI(name) LIKE ACCENTI('%my dong%')`` finds "Mỹ Đồng".
- A comparison, LIKE or IN on an array property holds when it holds for any element.
- Temporal predicates compare at day precision on date properties and at year precision on
  year properties (``year_start`` …); an open interval end ``'..'`` is unbounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import shapely
from pygeofilter import ast, values
from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection, Field
from geo.model.errors import InvalidFilter
from geo.spatial.cql2 import geometry_literal
from geo.spatial.text import fold

Sql = tuple[str, list[Any]]
GEOMETRY_NAMES = ("geometry", "geom")
_INT64 = 2**63
_CHUNK = 50  # terms per bracket of a flattened AND/OR chain

SPATIAL_OPS: dict[type[ast.Node], str] = {
    ast.GeometryIntersects: "intersects", ast.GeometryDisjoint: "disjoint", ast.GeometryContains: "contains",
    ast.GeometryWithin: "within", ast.GeometryTouches: "touches", ast.GeometryCrosses: "crosses",
    ast.GeometryOverlaps: "overlaps", ast.GeometryEquals: "equals",
}
_SWAPPED = {"within": "contains", "contains": "within"}

# Allen's relations between a record interval [rlo, rhi] and another [llo, lhi] (CQL2 clause 7.5).
TEMPORAL_OPS: dict[type[ast.Node], str] = {
    ast.TimeBefore: "{rhi} < {llo}",
    ast.TimeAfter: "{rlo} > {lhi}",
    ast.TimeMeets: "{rhi} = {llo}",
    ast.TimeMetBy: "{rlo} = {lhi}",
    ast.TimeOverlaps: "{rlo} < {llo} AND {rhi} > {llo} AND {rhi} < {lhi}",
    ast.TimeOverlappedBy: "{llo} < {rlo} AND {lhi} > {rlo} AND {lhi} < {rhi}",
    ast.TimeBegins: "{rlo} = {llo} AND {rhi} < {lhi}",
    ast.TimeBegunBy: "{rlo} = {llo} AND {rhi} > {lhi}",
    ast.TimeDuring: "{rlo} > {llo} AND {rhi} < {lhi}",
    ast.TimeContains: "{rlo} < {llo} AND {rhi} > {lhi}",
    ast.TimeEnds: "{rhi} = {lhi} AND {rlo} > {llo}",
    ast.TimeEndedBy: "{rhi} = {lhi} AND {rlo} < {llo}",
    ast.TimeEquals: "{rlo} = {llo} AND {rhi} = {lhi}",
    ast.TimeDisjoint: "({rhi} < {llo} OR {rlo} > {lhi})",
}
_OPEN = {"date": ("0001-01-01", "9999-12-31"), "integer": (-9999, 9999)}

COMPARISONS: dict[type[ast.Node], str] = {
    ast.Equal: "=", ast.NotEqual: "<>", ast.LessThan: "<", ast.LessEqual: "<=", ast.GreaterThan: ">",
    ast.GreaterEqual: ">=",
}
ARITHMETIC: dict[type[ast.Node], str] = {ast.Add: "+", ast.Sub: "-", ast.Mul: "*", ast.Div: "/"}


class Dialect:
    """How one SQL engine spells what the compiler needs. Subclass per engine."""

    placeholder = "?"
    element = "j.value"  # the current array element inside ``array_any``

    def quote(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def fold(self, sql: str) -> str:
        """Accent-, case- and đ-insensitive text (``geo.spatial.text.fold`` on the server)."""
        return f"cm_fold({sql})"

    def casefold(self, sql: str) -> str:
        return f"cm_casefold({sql})"

    def boolean(self, value: bool) -> Any:
        return value

    def array_any(self, column: str, predicate: str) -> str:
        """True when ``predicate`` (written against ``self.element``) holds for an element of ``column``."""
        raise NotImplementedError

    def like(self, sql: str, pattern: str) -> Sql:
        """``sql`` matches the CQL2 LIKE ``pattern`` (``%``, ``_``, ``\\`` escape), case-sensitively."""
        raise NotImplementedError

    def spatial(self, op: str, collection: Collection, geom: BaseGeometry) -> Sql:
        """The record geometry stands in relation ``op`` (``intersects`` …) to ``geom`` (CRS84)."""
        raise NotImplementedError


class SqliteDialect(Dialect):
    """SQLite for the GeoPackage store: JSON arrays through ``json_each``, GLOB for case-sensitive
    LIKE, R-tree prefilter plus the shapely predicates of ``geo.store.gpkg.functions``."""

    def boolean(self, value: bool) -> Any:
        return int(value)

    def array_any(self, column: str, predicate: str) -> str:
        return f"EXISTS (SELECT 1 FROM json_each({column}) AS j WHERE {predicate})"

    def like(self, sql: str, pattern: str) -> Sql:
        return f"{sql} GLOB ?", [like_to_glob(pattern)]

    def spatial(self, op: str, collection: Collection, geom: BaseGeometry) -> Sql:
        exact = f"cm_s_{op}(geom, ?)"
        params: list[Any] = [shapely.to_wkb(geom)]
        if op == "disjoint" or geom.is_empty:
            return exact, params
        minx, miny, maxx, maxy = geom.bounds
        rtree = self.quote(f"rtree_{collection.id}_geom")
        prefilter = f"fid IN (SELECT id FROM {rtree} WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)"
        return f"({prefilter} AND {exact})", [maxx, minx, maxy, miny, *params]


def like_to_glob(pattern: str) -> str:
    """A CQL2 LIKE pattern as a SQLite GLOB pattern (which, unlike LIKE, respects case)."""
    out, chars = [], iter(pattern)
    for ch in chars:
        if ch == "\\":
            escaped = next(chars, "\\")
            out.append(f"[{escaped}]" if escaped in "*?[" else escaped)
        elif ch == "%":
            out.append("*")
        elif ch == "_":
            out.append("?")
        else:
            out.append(f"[{ch}]" if ch in "*?[" else ch)
    return "".join(out)


@dataclass(frozen=True)
class _Expr:
    sql: str
    params: list[Any]


class Compiler:
    """One compilation of one filter for one collection."""

    def __init__(self, dialect: Dialect, collection: Collection) -> None:
        self.d = dialect
        self.c = collection

    # -- conditions -------------------------------------------------------------------------
    def condition(self, node: Any) -> Sql:
        if isinstance(node, ast.Not):
            sql, params = self.condition(node.sub_node)
            return f"NOT ({sql})", params
        if isinstance(node, ast.And | ast.Or):
            return self.chain(node)
        if isinstance(node, ast.Include):
            return ("0 = 1" if node.not_ else "1 = 1"), []
        handler = self._handlers().get(type(node))
        if handler is not None:
            return handler(node)
        if type(node) in TEMPORAL_OPS:
            return self.temporal(node)
        if type(node) in SPATIAL_OPS:
            return self.spatial(SPATIAL_OPS[type(node)], node.lhs, node.rhs)
        raise InvalidFilter(f"Unsupported in filters: {_name(node)}.")

    def chain(self, node: ast.And | ast.Or) -> Sql:
        """An AND/OR chain flattened (parsers nest it one level per term, which overflows SQLite's
        parser), then grouped by ``_CHUNK`` so no engine sees a very long or very deep expression."""
        terms, stack = [], [node]
        while stack:
            current = stack.pop()
            if type(current) is type(node):
                stack += [current.rhs, current.lhs]
            else:
                terms.append(self.condition(current))
        while len(terms) > 1:
            terms = [(f"({f' {node.op.value} '.join(t[0] for t in group)})", [p for t in group for p in t[1]])
                     for group in (terms[i:i + _CHUNK] for i in range(0, len(terms), _CHUNK))]
        return terms[0]

    def _handlers(self) -> dict[type, Callable[[Any], Sql]]:
        return {**dict.fromkeys(COMPARISONS, self.comparison), ast.Like: self.like, ast.In: self.in_,
                ast.Between: self.between, ast.IsNull: self.is_null, ast.BBox: self.bbox}

    def _per_element(self, nodes: Sequence[Any], build: Callable[[bool], Sql]) -> Sql:
        """Build the predicate; over an array property, build it per element and ask for any element."""
        arrays = {f.name for n in nodes if (f := self.field_of(n)) is not None and f.type == "array"}
        if not arrays:
            return build(False)
        if len(arrays) > 1:
            raise InvalidFilter("A predicate may compare one array property at a time.")
        sql, params = build(True)
        return self.d.array_any(self.d.quote(arrays.pop()), sql), params

    def comparison(self, node: ast.Comparison) -> Sql:
        field = self.field_of(node.lhs) or self.field_of(node.rhs)
        nodes = [node.lhs, node.rhs]
        if field is not None and field.type == "array" and isinstance(node, ast.NotEqual):
            sql, params = self._per_element(nodes, lambda e: self._binary(node, "=", field, e))
            return f"NOT ({sql})", params
        return self._per_element(nodes, lambda e: self._binary(node, COMPARISONS[type(node)], field, e))

    def _binary(self, node: ast.Comparison, op: str, field: Field | None, element: bool) -> Sql:
        lhs, rhs = self.expr(node.lhs, field, element), self.expr(node.rhs, field, element)
        return f"{lhs.sql} {op} {rhs.sql}", lhs.params + rhs.params

    def like(self, node: ast.Like) -> Sql:
        field = self.field_of(node.lhs)
        pattern = _pattern(node.pattern)

        def build(element: bool) -> Sql:
            lhs = self.expr(node.lhs, field, element)
            sql = self.d.casefold(lhs.sql) if node.nocase else lhs.sql
            like_sql, params = self.d.like(sql, pattern.casefold() if node.nocase else pattern)
            return (f"NOT ({like_sql})" if node.not_ else like_sql), lhs.params + params

        return self._per_element([node.lhs], build)

    def in_(self, node: ast.In) -> Sql:
        field = self.field_of(node.lhs)

        def build(element: bool) -> Sql:
            lhs = self.expr(node.lhs, field, element)
            items = [self.expr(v, field, element) for v in node.sub_nodes]
            sql = f"{lhs.sql} {'NOT IN' if node.not_ else 'IN'} ({', '.join(i.sql for i in items)})"
            return sql, lhs.params + [p for i in items for p in i.params]

        return self._per_element([node.lhs], build)

    def between(self, node: ast.Between) -> Sql:
        field = self.field_of(node.lhs)

        def build(element: bool) -> Sql:
            lhs, lo, hi = (self.expr(n, field, element) for n in (node.lhs, node.low, node.high))
            sql = f"{lhs.sql} {'NOT BETWEEN' if node.not_ else 'BETWEEN'} {lo.sql} AND {hi.sql}"
            return sql, lhs.params + lo.params + hi.params

        return self._per_element([node.lhs], build)

    def is_null(self, node: ast.IsNull) -> Sql:
        if isinstance(node.lhs, ast.Attribute) and node.lhs.name in GEOMETRY_NAMES:
            return f"geom IS {'NOT ' if node.not_ else ''}NULL", []
        lhs = self.expr(node.lhs, None, False)
        return f"{lhs.sql} IS {'NOT ' if node.not_ else ''}NULL", lhs.params

    # -- spatial and temporal ---------------------------------------------------------------
    def bbox(self, node: ast.BBox) -> Sql:
        if node.crs not in (None, "", "CRS84", "OGC:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"):
            raise InvalidFilter("BBOX in a filter must be in CRS84.")
        return self.spatial("intersects", node.lhs, values.Envelope(node.minx, node.maxx, node.miny, node.maxy))

    def spatial(self, op: str, lhs: Any, rhs: Any) -> Sql:
        if _is_geometry_attribute(rhs) and not _is_geometry_attribute(lhs):
            lhs, rhs, op = rhs, lhs, _SWAPPED.get(op, op)
        if not _is_geometry_attribute(lhs):
            raise InvalidFilter(f"S_{op.upper()} needs the geometry property ('geometry') and a geometry.")
        return self.d.spatial(op, self.c, geometry_literal(rhs))

    def temporal(self, node: ast.TemporalPredicate) -> Sql:
        field = self.field_of(node.lhs) or self.field_of(node.rhs)
        if field is None or field.type not in _OPEN:
            raise InvalidFilter("Temporal predicates need a date or year property, e.g. "
                                f"{_temporal_example(self.c)}.")
        sides = {"r": self._interval(node.lhs, field), "l": self._interval(node.rhs, field)}
        sql, params = [], []
        for part in re.split(r"(\{[rl](?:lo|hi)\})", TEMPORAL_OPS[type(node)]):
            if part.startswith("{"):
                s, p = sides[part[1]][0 if part[2:4] == "lo" else 1]
                sql.append(s)
                params += p
            else:
                sql.append(part)
        return "(" + "".join(sql) + ")", params

    def _interval(self, node: Any, field: Field) -> tuple[Sql, Sql]:
        if isinstance(node, ast.Attribute):
            f = self.field(node.name)
            if f.type not in _OPEN:
                raise InvalidFilter(f"'{node.name}' is not a date or year property.")
            col = self.d.quote(f.name)
            return (col, []), (col, [])
        lo, hi = (node.start, node.end) if isinstance(node, values.Interval) else (node, node)
        if not all(v is None or isinstance(v, date) for v in (lo, hi)):
            raise InvalidFilter("Temporal predicates compare with DATE, TIMESTAMP or INTERVAL values.")
        open_lo, open_hi = _OPEN[field.type]
        lo_v = open_lo if lo is None else _temporal_value(lo, field)
        hi_v = open_hi if hi is None else _temporal_value(hi, field)
        return (self.d.placeholder, [lo_v]), (self.d.placeholder, [hi_v])

    # -- expressions ------------------------------------------------------------------------
    def field(self, name: str) -> Field:
        if name in GEOMETRY_NAMES:
            raise InvalidFilter(f"'{name}' can only be used in spatial predicates (S_INTERSECTS …).")
        if name not in self.c.field_names or name in self.c.private_names:
            raise InvalidFilter(f"Unknown property '{name}': not a queryable of {self.c.id}.",
                                errors=[{"field": name, "problem": "not a queryable"}])
        return self.c.field(name)

    def field_of(self, node: Any) -> Field | None:
        """The property an expression reads, through CASEI/ACCENTI; ``None`` for literals."""
        if isinstance(node, ast.Attribute):
            return self.field(node.name)
        if isinstance(node, ast.Function) and len(node.arguments) == 1:
            return self.field_of(node.arguments[0])
        return None

    def expr(self, node: Any, context: Field | None, element: bool) -> _Expr:
        if isinstance(node, ast.Attribute):
            f = self.field(node.name)
            return _Expr(self.d.element if element and f.type == "array" else self.d.quote(f.name), [])
        if isinstance(node, ast.Function):
            return self._function(node, context, element)
        if isinstance(node, ast.Arithmetic):
            lhs, rhs = self.expr(node.lhs, context, element), self.expr(node.rhs, context, element)
            return _Expr(f"({lhs.sql} {ARITHMETIC[type(node)]} {rhs.sql})", lhs.params + rhs.params)
        return _Expr(self.d.placeholder, [self.literal(node, context)])

    def _function(self, node: ast.Function, context: Field | None, element: bool) -> _Expr:
        name = node.name.lower()
        if name not in ("lower", "casei", "accenti") or len(node.arguments) != 1:
            raise InvalidFilter(f"Unknown function '{node.name}': filters know CASEI and ACCENTI.")
        inner = self.expr(node.arguments[0], context, element)
        sql = self.d.fold(inner.sql) if name == "accenti" else self.d.casefold(inner.sql)
        return _Expr(sql, inner.params)

    def literal(self, value: Any, context: Field | None) -> Any:
        if isinstance(value, bool):
            return self.d.boolean(value)
        if isinstance(value, int):
            if abs(value) >= _INT64:
                raise InvalidFilter(f"The number {value} is too large.")
            return value
        if isinstance(value, float | str):
            return value
        if isinstance(value, date):
            if context is not None and context.type in _OPEN:
                return _temporal_value(value, context)
            return value.isoformat()
        raise InvalidFilter(f"A {_name(value)} cannot be compared here.")


def _temporal_value(value: date, field: Field) -> Any:
    if field.type == "integer":
        return value.year
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _temporal_example(collection: Collection) -> str:
    names = [f.name for f in collection.public_fields if f.type == "date"]
    return f"T_INTERSECTS({names[0]}, INTERVAL('2020-01-01','..'))" if names else "T_AFTER(year, DATE(…))"


def _pattern(node: Any) -> str:
    """A LIKE pattern literal, folded in Python as its CASEI/ACCENTI wrappers say (the same functions
    the SQL side runs), so the dialect sees a plain pattern."""
    if isinstance(node, str):
        return node
    if isinstance(node, ast.Function) and len(node.arguments) == 1 and node.name.lower() in (
            "lower", "casei", "accenti"):
        inner = _pattern(node.arguments[0])
        return fold(inner) if node.name.lower() == "accenti" else inner.casefold()
    raise InvalidFilter("A LIKE pattern must be a text literal, optionally inside CASEI or ACCENTI.")


def _is_geometry_attribute(node: Any) -> bool:
    return isinstance(node, ast.Attribute) and node.name in GEOMETRY_NAMES


def _name(node: Any) -> str:
    return type(node).__name__


def compile_filter(node: Any, collection: Collection, dialect: Dialect) -> Sql:
    """``(sql, params)`` selecting the records of ``collection`` that match the filter ``node``."""
    try:
        return Compiler(dialect, collection).condition(node)
    except RecursionError:
        raise InvalidFilter("The filter is nested too deeply.") from None
    except (TypeError, AttributeError, ValueError) as exc:  # a shape the parsers let through
        raise InvalidFilter(f"The filter is malformed: {str(exc)[:200]}") from None


def to_sqlite(node: Any, collection: Collection) -> Sql:
    """The filter for the GeoPackage store (called by ``GpkgStore._where``)."""
    return compile_filter(node, collection, SqliteDialect())
