"""Queryables (OGC API - Features Part 3): a collection's public properties as a JSON Schema.

Built from the registry, so a field added to ``geo.model.collections`` is queryable at once; private
fields never appear. The geometry is the ``geometry`` property, typed with the OGC
``format`` keywords (``geometry-point`` …) that clients use to offer spatial filters.
``properties`` is shared with the Part 5 schema (``geo.model.schema``): both documents describe
each property the same way, roles and units included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geo.i18n.lang import pick
from geo.model.collections import Collection, Field
from geo.model.errors import InvalidParameter
from geo.model.objects import object_schema

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"

_GEOMETRY_FORMATS = {"Point": "geometry-point", "MultiPoint": "geometry-multipoint",
                     "Polygon": "geometry-polygon", "MultiPolygon": "geometry-multipolygon"}

# Units by the registry's naming convention (``…_ha``, ``…_vnd``): UCUM codes where UCUM has one,
# ISO 4217 for money, which UCUM does not cover.
_UNITS: tuple[tuple[str, str, str], ...] = (
    ("_ha", "har", "UCUM"),
    ("_m2", "m2", "UCUM"),
    ("_tonnes_per_year", "t/a", "UCUM"),
    ("_vnd", "VND", "ISO 4217"),
)


def _scalar(type_: str) -> dict[str, Any]:
    if type_ == "date":
        return {"type": "string", "format": "date"}
    return {"type": type_}


def unit(f: Field) -> tuple[str, str] | None:
    """The unit of a quantity field and the language that names it, or ``None`` for counts and text."""
    if f.type not in ("integer", "number"):
        return None
    for suffix, code, lang in _UNITS:
        if f.name.endswith(suffix):
            return code, lang
    return None


def field_schema(f: Field, lang: str = "vi") -> dict[str, Any]:
    """One property's schema: type, title, enum, minimum and unit (``x-ogc-unit``)."""
    out: dict[str, Any] = {"title": f.title_en if lang == "en" else f.title_vi}
    if f.type == "array":
        out["type"] = "array"
        out["items"] = object_schema(f) if f.members else _scalar(f.items or "string")
    else:
        out.update(_scalar(f.type))
    if f.enum:
        out["enum"] = list(f.enum)
    if f.minimum is not None:
        out["minimum"] = f.minimum
    found = unit(f)
    if found is not None:
        out["x-ogc-unit"], out["x-ogc-unitLang"] = found
    if f.description:
        out["description"] = f.description
    return out


def properties(collection: Collection, lang: str = "vi") -> dict[str, Any]:
    """Every public property and the geometry, with the OGC role (``x-ogc-role``) where one applies."""
    props: dict[str, Any] = {
        "geometry": {"title": pick(("Hình học", "Geometry"), lang),
                     "format": _GEOMETRY_FORMATS[collection.geometry_type], "x-ogc-role": "primary-geometry"},
    }
    temporal = collection.temporal or (None, None)
    for f in collection.public_fields:
        schema = field_schema(f, lang)
        if f.name == collection.id_field:
            schema["x-ogc-role"] = "id"
        elif f.name == temporal[0]:
            schema["x-ogc-role"] = "primary-instant" if temporal[1] is None else "primary-interval-start"
        elif f.name == temporal[1]:
            schema["x-ogc-role"] = "primary-interval-end"
        props[f.name] = schema
    return props


def document(collection: Collection, schema_id: str, lang: str, props: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema envelope both documents share: dialect, id, title and description."""
    return {
        "$schema": JSON_SCHEMA,
        "$id": schema_id,
        "type": "object",
        "title": collection.title(lang),
        "description": collection.description_en if lang == "en" else collection.description_vi,
        "properties": props,
    }


def queryables(collection: Collection, schema_id: str, lang: str = "vi") -> dict[str, Any]:
    """The JSON Schema document served at ``/collections/{id}/queryables``."""
    return {**document(collection, schema_id, lang, properties(collection, lang)), "additionalProperties": False}


def check_sortby(collection: Collection, sortby: Sequence[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    """``sortby`` if every key is a public property of ``collection``, else ``InvalidParameter`` naming it.

    The one check, shared by the items route (before a query) and the SQL store (before any SQL).
    """
    for name, _ in sortby:
        if name not in collection.field_names or name in collection.private_names:
            raise InvalidParameter(f"Cannot sort by '{name}': not a property of {collection.id}.")
    return tuple(sortby)
