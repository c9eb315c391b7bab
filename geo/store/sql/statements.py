"""The SQL of a feature query, written once for every engine: columns, ``WHERE``, ``ORDER BY``, rows.

Pure functions of a ``StoreDialect``: they build text and parameters and turn rows into
features, but run nothing. Offset and keyset paging (a cursor after the last sort key) and the
vector tiles all reuse ``where`` and ``order``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from geo.model.collections import Collection, Field
from geo.model.cursor import Cursor
from geo.model.feature import Feature, ItemQuery
from geo.model.queryables import check_sortby
from geo.store.codec import search_text
from geo.store.sql.dialect import StoreDialect
from geo.store.sql.filter import Sql
from geo.store.sql.temporal import temporal_clause


def columns(collection: Collection, include_private: bool) -> tuple[Field, ...]:
    """The registry fields a read returns: private ones only when asked."""
    return tuple(collection.fields if include_private else collection.public_fields)


def select(d: StoreDialect, collection: Collection, fields: Sequence[Field]) -> str:
    """``SELECT geometry, cm_version, fields… FROM table`` (the layout ``features`` reads)."""
    cols = ", ".join(d.quote(f.name) for f in fields)
    return f"SELECT {d.geometry_column}, cm_version, {cols} FROM {d.quote(collection.id)}"


def where(d: StoreDialect, collection: Collection, q: ItemQuery) -> Sql:
    """``" WHERE …"`` (or ``""``) for the bbox, datetime, property, ids and CQL2 parts of ``q``."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(part: Sql) -> None:
        clauses.append(part[0])
        params.extend(part[1])

    if q.bbox is not None:
        add(d.bbox(collection, q.bbox))
    if q.datetime is not None and collection.temporal is not None:
        add(temporal_clause(collection, q.datetime, d))
    for name, value in q.properties.items():
        add(d.property_equals(collection.field(name), value))
    if q.ids is not None:
        add(d.ids_in(q.ids))
    if q.filter is not None:
        add(d.filter(q.filter, collection))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def order(d: StoreDialect, collection: Collection, sortby: Sequence[tuple[str, bool]]) -> str:
    """``" ORDER BY …"``: the checked sort keys, then ``fid`` so every order is total and stable."""
    terms = [d.sort_term(collection.field(name), ascending) for name, ascending in check_sortby(collection, sortby)]
    return " ORDER BY " + ", ".join([*terms, "fid"])


MARK_EVERY = 1000  # rows between two marks (see ``marks``)


def marks(d: StoreDialect, collection: Collection, condition: Sql) -> Sql:
    """The ``fid`` of every ``MARK_EVERY``-th matching row in ``fid`` order (positions 0, 1000, …): one
    scan of the index, after which any offset starts from the mark at or before it."""
    cond, params = condition
    every = f"(n - 1) / {MARK_EVERY} * {MARK_EVERY} = n - 1"  # integer division on both engines; psycopg reserves '%'
    return (f"SELECT fid FROM (SELECT fid, row_number() OVER (ORDER BY fid) AS n FROM {d.quote(collection.id)}{cond})"
            f" AS m WHERE {every} ORDER BY fid", params)


def page(d: StoreDialect, collection: Collection, q: ItemQuery, condition: Sql,
         mark: tuple[int, int] | None = None) -> Sql:
    """One statement for a page of ``q`` (``condition`` is its ``where``): each row starts with ``fid``
    and the sort keys (``lead`` columns in all, the makings of the next cursor), then the feature.

    A cursor seeks past the row the previous page ended on (keyset paging). Without a sort key an
    offset seeks too: the first ``fid`` of the page is found by skipping through the rowid index
    alone, from ``mark`` (the ``fid`` and position of a row at or before the offset, see ``marks``)
    when given, so page 900 costs about as much as page 1.
    """
    cond, params = condition
    sortby = check_sortby(collection, q.sortby)
    table, place = d.quote(collection.id), d.placeholder
    keys = ["fid", *(d.sort_key(collection.field(name)) for name, _ in sortby)]
    body = ", ".join(keys) + ", " + select(d, collection, columns(collection, q.include_private)).removeprefix(
        "SELECT ")
    args: list[Any] = []
    seek: Sql | None = None
    if q.cursor is not None:
        seek = after(d, collection, sortby, q.cursor)
    elif q.offset and not sortby:
        start, start_params, skip = cond, list(params), q.offset
        if mark is not None:  # skip from the mark, not from the first row
            start = f"{cond} AND fid >= {place}" if cond else f" WHERE fid >= {place}"
            start_params, skip = [*params, mark[0]], q.offset - mark[1]
        seek = f"fid >= (SELECT fid FROM {table}{start} ORDER BY fid LIMIT 1 OFFSET {place})", [*start_params, skip]
    if seek is not None:
        clause, args = (f"{cond} AND {seek[0]}" if cond else f" WHERE {seek[0]}"), [*args, *params, *seek[1]]
        args.append(q.limit)
        tail = f" LIMIT {place}"
    else:
        clause, args = cond, [*args, *params, q.limit, q.offset]
        tail = f" LIMIT {place} OFFSET {place}"
    return f"SELECT {body}{clause}{order(d, collection, sortby)}{tail}", args


def lead(q: ItemQuery) -> int:
    """How many columns come before the feature's in a row of ``page``."""
    return 1 + len(q.sortby)


def next_cursor(q: ItemQuery, rows: Sequence[Sequence[Any]]) -> Cursor | None:
    """The cursor after the last of ``rows``, when the page is full (a next page may follow)."""
    if not rows or len(rows) < q.limit:
        return None
    last = rows[-1]
    start = q.cursor.position if q.cursor is not None else q.offset
    return Cursor(tuple(last[1:1 + len(q.sortby)]), int(last[0]), start + len(rows))


def after(d: StoreDialect, collection: Collection, sortby: Sequence[tuple[str, bool]], cursor: Cursor) -> Sql:
    """Rows after ``cursor`` in the order ``order`` writes: on the first key past it, or equal on it and past
    it on the next, … or equal on every key and past its ``fid``. NULLs sort first ascending, last
    descending, as ``sort_term`` orders them on both engines."""
    mark = d.placeholder
    alternatives: list[str] = []
    params: list[Any] = []
    same: list[str] = []
    same_params: list[Any] = []
    for (name, ascending), value in zip(sortby, cursor.keys, strict=True):
        key = d.sort_key(collection.field(name))
        if value is None:
            past, past_params = (f"{key} IS NOT NULL" if ascending else None), []
            equal, equal_params = f"{key} IS NULL", []
        else:
            past = f"{key} > {mark}" if ascending else f"({key} < {mark} OR {key} IS NULL)"
            past_params, equal, equal_params = [value], f"{key} = {mark}", [value]
        if past is not None:
            alternatives.append(" AND ".join([*same, past]))
            params += [*same_params, *past_params]
        same.append(equal)
        same_params += equal_params
    alternatives.append(" AND ".join([*same, f"fid > {mark}"]))
    params += [*same_params, cursor.fid]
    return "(" + " OR ".join(f"({a})" for a in alternatives) + ")", params


def features(d: StoreDialect, rows: Sequence[Sequence[Any]], fields: Sequence[Field], skip: int = 0) -> list[
        Feature]:
    """Rows (``skip`` leading columns, then geometry, version, ``fields``) as features."""
    names, decoded = _layout(d, tuple(fields))
    geoms = d.decode_geometries([r[skip] for r in rows]) if rows else []
    out = []
    for row, geom in zip(rows, geoms, strict=True):
        values = row[skip + 2:]
        props = dict(zip(names, values, strict=True))
        for i, f in decoded:  # only the columns the engine cannot hand over as they are
            if values[i] is not None:
                props[f.name] = d.from_column(f, values[i])
        out.append(Feature(id=props["id"], geometry=geom, properties=props, version=row[skip + 1]))
    return out


@lru_cache(maxsize=128)
def _layout(d: StoreDialect, fields: tuple[Field, ...]) -> tuple[list[str], list[tuple[int, Field]]]:
    """Column names, and the positions of the columns whose values need decoding."""
    return [f.name for f in fields], [(i, f) for i, f in enumerate(fields) if d.decodes(f)]


def row_values(d: StoreDialect, collection: Collection, feature: Feature) -> dict[str, Any]:
    """Column → parameter for every registry field plus the folded search text (geometry apart)."""
    values = {f.name: d.to_column(f, feature.properties.get(f.name)) for f in collection.fields}
    values["cm_search"] = search_text(collection, feature.properties)
    return values
