"""The ``datetime`` parameter as SQL: an interval intersecting each record's temporal extent.

Collections declare a start field and an optional end field; integer fields hold years.
A record with no temporal value does not match a datetime query. With both fields declared, a
missing start is an open start and a missing end an open end (a unit still in force has no
``valid_to``; an old commune whose creation date is unknown has no ``valid_from``); with a start
field only, the record is an instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geo.model.collections import Collection

if TYPE_CHECKING:
    from geo.store.sql.filter import Dialect


def _bound(collection: Collection, name: str, value: str | None) -> Any:
    if value is None:
        return None
    if collection.field(name).type == "integer":
        return int(value[:4])
    return value[:10]


def temporal_clause(collection: Collection, interval: tuple[str | None, str | None],
                    dialect: Dialect) -> tuple[str, list[Any]]:
    """``(sql, params)`` keeping records whose [start, end] meets ``interval``."""
    assert collection.temporal is not None
    start, end_field = collection.temporal
    end = end_field or start
    lo, hi = interval
    s, e, mark = dialect.quote(start), dialect.quote(end), dialect.placeholder
    clauses = [f"({s} IS NOT NULL OR {e} IS NOT NULL)"]
    params: list[Any] = []
    if hi is not None:
        clauses.append(f"({s} IS NULL OR {s} <= {mark})" if end_field else f"{s} <= {mark}")
        params.append(_bound(collection, start, hi))
    if lo is not None:
        clauses.append(f"({e} IS NULL OR {e} >= {mark})" if end_field else f"{e} >= {mark}")
        params.append(_bound(collection, end, lo))
    return "(" + " AND ".join(clauses) + ")", params


def iso_interval(collection: Collection, lo: Any, hi: Any) -> tuple[str | None, str | None]:
    """A temporal extent as RFC 3339 instants; year fields span their whole year."""
    assert collection.temporal is not None

    def iso(value: Any, end: bool) -> str | None:
        if value is None:
            return None
        text = str(value)
        if len(text) == 4:
            return f"{text}-12-31T23:59:59Z" if end else f"{text}-01-01T00:00:00Z"
        return f"{text[:10]}T{'23:59:59' if end else '00:00:00'}Z"

    return iso(lo, False), iso(hi, True)
