"""A record's values written for people, field by field: the registry's titles, the coded values'
labels (``labels.toml``), money through ``geo.i18n.money``, numbers in the reader's marks.

Used where a page shows what changed (history, the officers' moves); the page escapes the text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import shapely
from shapely.geometry import shape

from geo.i18n import money
from geo.i18n.labels import MISSING, label
from geo.i18n.words import word
from geo.model.collections import Collection
from geo.model.fields import Field
from geo.records.versions import GEOMETRY
from geo.spatial import crs

_CUT = 300


def field_title(collection: Collection, name: str, lang: str) -> str:
    """The field's title in the registry (``geometry`` has its own word)."""
    if name == GEOMETRY:
        return word("moves.geometry", lang)
    try:
        f = collection.field(name)
    except KeyError:
        return name
    return f.title_en if lang == "en" else f.title_vi


def _scalar(f: Field | None, name: str, value: Any, lang: str) -> str:
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return word("bool_yes" if value else "bool_no", lang)
    if name.endswith("_vnd") and isinstance(value, int):
        return money.format_vnd(value, lang)
    if isinstance(value, int | float):
        return money.number(Decimal(str(value)), lang, 4)
    if f is not None and f.enum:
        return label(name, value, lang)
    return str(value)


def _member(f: Field, value: Any, lang: str) -> str:
    if not isinstance(value, dict):
        return _scalar(None, f.name, value, lang)
    members = {m.name: m for m in f.members}
    groups = {"kind": "component"} if f.name == "components" else {}  # labels.toml [component]
    parts = []
    for key, item in value.items():
        if item is None:
            continue
        m = members.get(key)
        title = key if m is None else (m.title_en if lang == "en" else m.title_vi)
        parts.append(f"{title}: {_scalar(m, groups.get(key, str(key)), item, lang)}")
    return ", ".join(parts)


def _geometry(value: Any, lang: str) -> str:
    try:
        geom = shape(value)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, shapely.errors.GEOSException):
        return word("moves.geometry", lang)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return f"{geom.geom_type}, {money.number(Decimal(str(crs.area_ha(geom))), lang, 2)} ha"
    lon, lat = geom.centroid.x, geom.centroid.y
    return f"{geom.geom_type} ({lon:.5f}, {lat:.5f})"


def show(collection: Collection, name: str, value: Any, lang: str) -> str:
    """One value as text for a table cell, at most 300 characters."""
    if value is None:
        return MISSING
    if name == GEOMETRY:
        return _geometry(value, lang)
    try:
        f: Field | None = collection.field(name)
    except KeyError:
        f = None
    if isinstance(value, list):
        parts = [_member(f, v, lang) if f is not None and f.members else _scalar(f, name, v, lang) for v in value]
        text = "; ".join(parts) if parts else MISSING
    else:
        text = _scalar(f, name, value, lang)
    return text if len(text) <= _CUT else text[:_CUT] + "…"
