"""Record validation, shared by ``craftmap load``, imports and API writes.

Every problem is collected (not just the first) as ``{"field", "problem"}`` so a data
steward can fix a record in one pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection, Field
from geo.model.dates import parse_date
from geo.model.errors import InvalidFeature
from geo.model.feature import Feature
from geo.model.limits import INT64_MAX, INT64_MIN, number_problem
from geo.model.objects import MAX_TEXT, object_problems
from geo.spatial.crs import HAIPHONG_BBOX
from geo.spatial.text import nfc

Problems = list[dict[str, str]]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "date": (str,),
    "array": (list,), "object": (dict,),
}


def _problem(field: str, problem: str) -> dict[str, str]:
    return {"field": field, "problem": problem}


def _check_value(f: Field, value: Any, path: str) -> Problems:
    if isinstance(value, bool) and f.type in ("integer", "number"):
        return [_problem(path, f"must be a {f.type}, not a boolean")]
    if not isinstance(value, _PY_TYPES[f.type]):
        return [_problem(path, f"must be of type {f.type}, got {type(value).__name__}")]
    if f.members:
        return object_problems(f, value)
    out: Problems = []
    if isinstance(value, float) and (problem := number_problem(value)) is not None:
        out.append(_problem(path, problem))
    if isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
        out.append(_problem(path, "is outside the 64-bit integer range"))
    if f.type == "date" and parse_date(value) is None:
        out.append(_problem(path, "must be a date YYYY-MM-DD"))
    if f.enum is not None and value not in f.enum:
        out.append(_problem(path, f"must be one of {', '.join(f.enum)}"))
    if f.minimum is not None and isinstance(value, int | float) and value < f.minimum:
        out.append(_problem(path, f"must be ≥ {f.minimum:g}"))
    if isinstance(value, str) and "\x00" in value:
        out.append(_problem(path, "must not contain a NUL character"))
    if isinstance(value, str) and len(value) > MAX_TEXT:
        out.append(_problem(path, f"is longer than {MAX_TEXT} characters"))
    if f.type == "array" and f.items is not None:
        item_type = _PY_TYPES[f.items]
        for i, item in enumerate(value):
            if not isinstance(item, item_type) or isinstance(item, bool) != (f.items == "boolean"):
                out.append(_problem(f"{path}[{i}]", f"must be of type {f.items}"))
    return out


def check_properties(collection: Collection, props: Any) -> Problems:
    """Schema: known fields only, required present, types, enums, minimums."""
    if not isinstance(props, dict):
        return [_problem("properties", "must be an object")]
    out: Problems = []
    known = set(collection.field_names)
    for name in props:
        if name not in known:
            out.append(_problem(name, f"is not a property of {collection.id}"))
    for f in collection.fields:
        value = props.get(f.name)
        if value is None:
            if f.required:
                out.append(_problem(f.name, "is required"))
            continue
        out += _check_value(f, value, f.name)
    if props.get("id") is not None and isinstance(props["id"], str) and not _ID.match(props["id"]):
        out.append(_problem("id", "must be 1-100 letters, digits, '.', '_' or '-'"))
    if isinstance(props.get("sources"), list) and not props["sources"]:
        out.append(_problem("sources", "must name at least one source"))
    return out


def _rings(raw: dict[str, Any]) -> list[list[Any]]:
    t, c = raw.get("type"), raw.get("coordinates") or []
    if t == "Polygon":
        return list(c)
    if t == "MultiPolygon":
        return [ring for poly in c for ring in poly]
    return []


def _all_positions(coords: Any) -> list[Any]:
    """Every position in nested coordinate arrays; anything that is not a list of lists is a position."""
    if not isinstance(coords, list | tuple):
        return [[coords]]
    if not coords:
        return []
    if not isinstance(coords[0], list | tuple):
        return [coords]
    out: list[Any] = []
    for c in coords:
        out += _all_positions(c)
    return out


def _check_positions(raw: dict[str, Any]) -> Problems:
    out: Problems = []
    for pos in _all_positions(raw.get("coordinates")):
        if len(pos) < 2 or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pos):
            return [_problem("geometry", "every position must be [lon, lat] numbers")]
        if not all(math.isfinite(v) for v in pos):
            return [_problem("geometry", "coordinates must be finite numbers")]
    for ring in _rings(raw):
        if len(ring) < 4:
            out.append(_problem("geometry", "a polygon ring needs at least 4 positions"))
        elif list(ring[0][:2]) != list(ring[-1][:2]):
            out.append(_problem("geometry", "a polygon ring is not closed (first and last positions differ)"))
    return out


def check_extent(geom: BaseGeometry) -> Problems:
    """Inside Hải Phòng; positions given as (lat, lon) are recognised and named as such."""
    minx, miny, maxx, maxy = HAIPHONG_BBOX
    gminx, gminy, gmaxx, gmaxy = geom.bounds
    if minx <= gminx and gmaxx <= maxx and miny <= gminy and gmaxy <= maxy:
        return []
    if minx <= gminy and gmaxy <= maxx and miny <= gminx and gmaxx <= maxy:
        return [_problem("geometry", "coordinates look swapped: GeoJSON positions are [lon, lat], not [lat, lon]")]
    return [_problem("geometry", f"lies outside Hải Phòng (lon {minx}–{maxx}, lat {miny}–{maxy}, CRS84)")]


def parse_geometry(collection: Collection, raw: Any) -> tuple[BaseGeometry | None, Problems]:
    """Build and check the geometry: type, closed rings, validity, emptiness, extent."""
    if raw is None:
        if collection.nullable_geometry:
            return None, []
        return None, [_problem("geometry", f"is required for {collection.id}")]
    if not isinstance(raw, dict) or "type" not in raw or "coordinates" not in raw:
        return None, [_problem("geometry", "must be a GeoJSON geometry object with type and coordinates")]
    expected = collection.geometry_type
    allowed = {expected, expected.removeprefix("Multi")}
    if raw["type"] not in allowed:
        return None, [_problem("geometry", f"must be a {expected}, got {raw['type']}")]
    problems = _check_positions(raw)
    if problems:
        return None, problems
    try:
        geom = shapely.force_2d(shape(raw))
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException) as exc:
        return None, [_problem("geometry", f"cannot be read: {exc}")]
    if geom.is_empty:
        return None, [_problem("geometry", "is empty")]
    if not geom.is_valid:
        return None, [_problem("geometry", f"is invalid: {shapely.is_valid_reason(geom)}")]
    problems = check_extent(geom)
    if problems:
        return None, problems
    if expected.startswith("Multi") and not geom.geom_type.startswith("Multi"):
        geom = getattr(shapely, expected)([geom])
    return geom, []


def _normalise(props: dict[str, Any]) -> dict[str, Any]:
    def norm(v: Any) -> Any:
        if isinstance(v, str):
            return nfc(v)
        if isinstance(v, list):
            return [norm(x) for x in v]
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        return v

    return {k: norm(v) for k, v in props.items()}


def parse_feature(collection: Collection, raw: Any, feature_id: str | None = None) -> Feature:
    """A GeoJSON Feature dict to a checked ``Feature``, or ``InvalidFeature`` listing every problem.

    ``feature_id`` (from the URL of a PUT) wins over an id in the body, which must then agree.
    """
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        raise InvalidFeature("The body must be a GeoJSON Feature.",
                             [_problem("type", "must be 'Feature'")])
    props = raw.get("properties")
    props = _normalise(dict(props)) if isinstance(props, dict) else props
    problems: Problems = []
    if isinstance(props, dict):
        body_id = props.get("id", raw.get("id"))
        if raw.get("id") is not None and props.get("id") is not None and raw["id"] != props["id"]:
            problems.append(_problem("id", "the feature id and properties.id differ"))
        if feature_id is not None:
            if body_id is not None and body_id != feature_id:
                problems.append(_problem("id", f"must be '{feature_id}' as in the URL"))
            body_id = feature_id
        props["id"] = body_id
    problems += check_properties(collection, props)
    geom, geom_problems = parse_geometry(collection, raw.get("geometry"))
    problems += geom_problems
    if problems:
        label = props.get("id") if isinstance(props, dict) else None
        raise InvalidFeature(
            f"{collection.id} record {label or '(no id)'}: "
            + "; ".join(f"{p['field']} {p['problem']}" for p in problems), problems)
    assert isinstance(props, dict)
    full = {f.name: _every_member(f, props.get(f.name)) for f in collection.fields}
    return Feature(id=str(full["id"]), geometry=geom, properties=full)


def _every_member(f: Field, value: Any) -> Any:
    """Objects stored with every declared key (absent ones as null), as records carry every field."""
    if not f.members or value is None:
        return value
    if isinstance(value, list):
        return [{m.name: item.get(m.name) for m in f.members} for item in value]
    return {m.name: value.get(m.name) for m in f.members}


def check_links(collection: Collection, feature: Feature, exists: Callable[[str, str], bool]) -> Problems:
    """Every id in a linking field resolves (``exists(collection_id, feature_id)``)."""
    out: Problems = []
    for f in collection.fields:
        if f.link is None:
            continue
        value = feature.properties.get(f.name)
        ids = value if isinstance(value, list) else [] if value is None else [value]
        for ref in ids:
            if not exists(f.link, ref):
                out.append(_problem(f.name, f"refers to '{ref}', which is not in {f.link}"))
    return out
