"""Values between craftmap features and PostgreSQL parameters, shared by the PostGIS modules.

Arrays and objects are jsonb (``Jsonb`` parameters, decoded by psycopg with orjson), booleans
native, dates ISO text (as in the GeoPackage, so comparisons and sorting agree); geometries
travel as WKB. Audit snapshots are ``json`` (not jsonb) so they keep their key order.
"""

from __future__ import annotations

from typing import Any

import orjson
import shapely
from psycopg.types.json import Json, Jsonb

from geo.model.collections import Collection, Field
from geo.store.base import Feature
from geo.store.codec import search_text


def to_pg(f: Field, value: Any) -> Any:
    """A property value as a parameter for its column (jsonb for arrays and objects)."""
    if value is None:
        return None
    if f.is_json:
        return Jsonb(value)
    if f.type == "boolean":
        return bool(value)
    return value


def from_pg(f: Field, value: Any) -> Any:
    """A column value as a property value; psycopg already decodes jsonb, booleans and numbers."""
    if f.type == "number" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def snapshot(feature: Feature | None) -> Json | None:
    """A feature as the audit trail keeps it: GeoJSON geometry and every property."""
    if feature is None:
        return None
    geometry = None if feature.geometry is None else orjson.loads(shapely.to_geojson(feature.geometry))
    return Json({"geometry": geometry, "properties": feature.properties})


def row_values(collection: Collection, feature: Feature) -> dict[str, Any]:
    """Column → parameter for every registry field plus the folded search text."""
    values = {f.name: to_pg(f, feature.properties.get(f.name)) for f in collection.fields}
    values["cm_search"] = search_text(collection, feature.properties)
    return values


def wkb(feature: Feature) -> bytes | None:
    return None if feature.geometry is None else shapely.to_wkb(feature.geometry)
