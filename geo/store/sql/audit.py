"""The audit trail in SQL, written once: the snapshot a write leaves, and the reads of the trail.

Snapshots keep the GeoJSON geometry and every property (private ones too) in key order; the
engine decides only how a JSON document and a time travel (``StoreDialect.json`` and
``audit_time``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
import shapely

from geo.model.collections import Collection
from geo.model.feature import AuditEntry, Feature
from geo.store.sql.dialect import StoreDialect

COLUMNS = "seq, at, actor, action, collection, feature_id, version, before, after"
_INSERT = "INSERT INTO craftmap_audit (at, actor, action, collection, feature_id, version, before, after) VALUES "


def now() -> datetime:
    """The time an audit row records (to the second: the trail shows no more)."""
    return datetime.now(UTC).replace(microsecond=0)


def snapshot(feature: Feature | None) -> dict[str, Any] | None:
    """A feature as the audit trail keeps it: GeoJSON geometry and every property."""
    if feature is None:
        return None
    geometry = None if feature.geometry is None else orjson.loads(shapely.to_geojson(feature.geometry))
    return {"geometry": geometry, "properties": feature.properties}


def insert_sql(d: StoreDialect) -> str:
    """The INSERT of one audit row; parameters as ``row`` orders them."""
    return _INSERT + f"({d.marks(8)})"


def row(d: StoreDialect, action: str, collection: Collection, *, feature_id: str, version: int | None,
        before: Feature | None, after: Feature | None, actor: str, at: datetime | None = None) -> list[Any]:
    """The parameters of ``insert_sql`` for one write."""
    snaps = [snapshot(before), snapshot(after)]
    return [d.audit_param(at or now()), actor, action, collection.id, feature_id, version,
            *(None if s is None else d.json(s) for s in snaps)]


def entry(d: StoreDialect, r: Sequence[Any]) -> AuditEntry:
    """One row of ``SELECT {COLUMNS}`` as an entry."""
    before, after = (orjson.loads(v) if isinstance(v, str | bytes) else v for v in (r[7], r[8]))
    return AuditEntry(r[0], d.audit_time(r[1]), r[2], r[3], r[4], r[5], r[6], before or None, after or None)


def history_sql(d: StoreDialect) -> str:
    mark = d.placeholder
    return f"SELECT {COLUMNS} FROM craftmap_audit WHERE collection = {mark} AND feature_id = {mark} ORDER BY seq"


def log_sql(d: StoreDialect) -> str:
    mark = d.placeholder
    return f"SELECT {COLUMNS} FROM craftmap_audit ORDER BY seq DESC LIMIT {mark} OFFSET {mark}"


def next_versions_sql(d: StoreDialect, n: int) -> str:
    """The last version each of ``n`` ids had (deleted ids continue their numbering: stale ETags never match)."""
    return (f"SELECT feature_id, MAX(version) FROM craftmap_audit WHERE collection = {d.placeholder} "
            f"AND feature_id IN ({d.marks(n)}) GROUP BY feature_id")
