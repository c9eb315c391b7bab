"""Property values between Python and SQL columns, shared by every store.

Arrays and objects are JSON text (GeoPackage has no array type; PostGIS uses jsonb
through the same text), booleans 0/1, dates ISO text.
"""

from __future__ import annotations

from typing import Any

import orjson

from geo.model.collections import Collection, Field
from geo.spatial.text import fold


def to_column(f: Field, value: Any) -> Any:
    """One property value as a column value."""
    if value is None:
        return None
    if f.is_json:
        return orjson.dumps(value).decode()
    if f.type == "boolean":
        return int(bool(value))
    return value


def from_column(f: Field, value: Any) -> Any:
    """One column value as a property value."""
    if value is None:
        return None
    if f.is_json:
        return orjson.loads(value) if isinstance(value, str | bytes) else value
    if f.type == "boolean":
        return bool(value)
    if f.type == "date" and not isinstance(value, str):
        return value.isoformat()
    return value


def search_text(collection: Collection, props: dict[str, Any]) -> str:
    """The folded text that search and ACCENTI match against: id plus searchable fields."""
    parts = [str(props.get("id") or "")]
    for name in collection.searchable_fields:
        value = props.get(name)
        if isinstance(value, list):
            parts.extend(str(v) for v in value if v is not None)
        elif value is not None:
            parts.append(str(value))
    return fold(" ".join(parts))


def public(collection: Collection, props: dict[str, Any]) -> dict[str, Any]:
    """Properties without the fields the registry marks private."""
    private = collection.private_names
    return {k: v for k, v in props.items() if k not in private} if private else props


def filter_index_columns(collection: Collection) -> list[str]:
    """Scalar columns worth a B-tree for equality, range and sort: coded, numeric, dated and linking fields.

    Free text (descriptions, notes) is left to the folded ``cm_search`` column.
    """
    return [f.name for f in collection.fields
            if f.name != "id" and not f.private and f.type not in ("array", "object")
            and (f.enum is not None or f.link is not None or f.type != "string"
                 or f.name in (collection.name_field, "sector", "district_name"))]
