"""The SQL of a feature query, written once for every engine: columns, ``WHERE``, ``ORDER BY``, rows.

Pure functions of a ``StoreDialect``: they build text and parameters and turn rows into
features, but run nothing. The store pages with them today; keyset paging (a cursor after the
last sort key) and vector tiles reuse ``where`` and ``order`` as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from geo.model.collections import Collection, Field
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


def page(d: StoreDialect, collection: Collection, q: ItemQuery, condition: Sql, counted: bool) -> Sql:
    """One statement for a page of ``q`` (``condition`` is its ``where``); with ``counted`` its first
    column is the number matched, so count and page come from the same snapshot.

    Without a sort key a deep page seeks: the first ``fid`` of the page is found by skipping through
    the rowid index alone, so page 900 costs about as much as page 1.
    """
    cond, params = condition
    fields = columns(collection, q.include_private)
    table, mark = d.quote(collection.id), d.placeholder
    body = select(d, collection, fields).removeprefix("SELECT ")
    args: list[Any] = []
    if counted:
        body = f"(SELECT n FROM m), {body}"
        args += params
    clause, args = cond, [*args, *params]
    if q.offset and not q.sortby:
        seek = f"fid >= (SELECT fid FROM {table}{cond} ORDER BY fid LIMIT 1 OFFSET {mark})"
        clause = f"{cond} AND {seek}" if cond else f" WHERE {seek}"
        args += [*params, q.offset, q.limit]
        tail = f" LIMIT {mark}"
    else:
        args += [q.limit, q.offset]
        tail = f" LIMIT {mark} OFFSET {mark}"
    count = f"WITH m AS (SELECT count(*) AS n FROM {table}{cond}) " if counted else ""
    return f"{count}SELECT {body}{clause}{order(d, collection, q.sortby)}{tail}", args


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
