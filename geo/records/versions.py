"""Two versions of a record, field by field: the one diff the history page and the workspace's conflict view use.

``changes`` walks the registry's fields in their order (public ones; private ones too when the
caller may see them, as the workspace's editors do), then ``geometry``, and lists each that
differs. Geometries are compared exactly and reported as GeoJSON mappings; a missing property
and ``null`` are the same. ``feature_of`` turns an audit snapshot back into a feature, so the
history can diff what the audit trail kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
import shapely
from shapely.geometry import shape

from geo.model.feature import Feature
from geo.model.fields import Collection

GEOMETRY = "geometry"


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its value before and after (``None`` when absent)."""

    name: str
    before: Any
    after: Any


def _geojson(feature: Feature | None) -> dict[str, Any] | None:
    if feature is None or feature.geometry is None:
        return None
    out: dict[str, Any] = orjson.loads(shapely.to_geojson(feature.geometry))
    return out


def _same_geometry(a: Feature | None, b: Feature | None) -> bool:
    ga = None if a is None else a.geometry
    gb = None if b is None else b.geometry
    if ga is None or gb is None:
        return ga is gb
    return bool(ga.geom_type == gb.geom_type and shapely.equals_exact(ga, gb, 0))


def changes(collection: Collection, before: Feature | None, after: Feature | None, *,
            include_private: bool = False) -> list[FieldChange]:
    """The fields (then ``geometry``) whose values differ between two versions; ``None`` is no version
    (a creation or a deletion)."""
    old = {} if before is None else before.properties
    new = {} if after is None else after.properties
    fields = collection.fields if include_private else collection.public_fields
    out = [FieldChange(f.name, old.get(f.name), new.get(f.name)) for f in fields
           if old.get(f.name) != new.get(f.name)]
    if not _same_geometry(before, after):
        out.append(FieldChange(GEOMETRY, _geojson(before), _geojson(after)))
    return out


def feature_of(feature_id: str, snapshot: dict[str, Any] | None, version: int = 1) -> Feature | None:
    """A feature from an audit snapshot (``{"geometry": GeoJSON, "properties": {...}}``); ``None`` for none."""
    if not snapshot:
        return None
    geometry = snapshot.get("geometry")
    return Feature(feature_id, None if geometry is None else shape(geometry), dict(snapshot.get("properties") or {}),
                   version)
