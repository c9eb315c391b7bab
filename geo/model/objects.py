"""JSON Schemas of object fields (pollution measurements, project components …), from the registry.

Pages and analyses read these objects by key and type; a schema enforced on every write and import
means any record validation accepts is one every page can render.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from geo.model.collections import Field
from geo.model.limits import INT64_MAX, INT64_MIN, NUMBER_MAX, NUMBER_TINY

MAX_TEXT = 10_000

_NUMBER: dict[str, Any] = {
    "type": "number", "minimum": -NUMBER_MAX, "maximum": NUMBER_MAX,
    # no nonzero value so small that dividing by it overflows
    "not": {"type": "number", "exclusiveMinimum": -NUMBER_TINY, "exclusiveMaximum": NUMBER_TINY,
            "not": {"const": 0}},
}
_SCALARS: dict[str, dict[str, Any]] = {
    "string": {"type": "string", "maxLength": MAX_TEXT, "pattern": "^[^\\x00]*$"},
    "integer": {"type": "integer", "minimum": INT64_MIN, "maximum": INT64_MAX},
    "number": _NUMBER,
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
}


def member_schema(f: Field) -> dict[str, Any]:
    """One key of an object: its type, enum and minimum; ``null`` allowed unless required."""
    out: dict[str, Any] = dict(_SCALARS[f.type])
    if f.enum:
        out["enum"] = [*f.enum] if f.required else [*f.enum, None]
    if f.minimum is not None:
        out["minimum"] = f.minimum
    if not f.required:
        out["type"] = [out["type"], "null"]
    return out


def object_schema(f: Field) -> dict[str, Any]:
    """The object ``f`` holds (or each object of its array): declared keys only."""
    return {"type": "object", "properties": {m.name: member_schema(m) for m in f.members},
            "required": [m.name for m in f.members if m.required], "additionalProperties": False}


def value_schema(f: Field) -> dict[str, Any]:
    """The whole value of an object or array-of-object field."""
    return object_schema(f) if f.type == "object" else {"type": "array", "items": object_schema(f)}


@cache
def _validator(f: Field) -> Draft202012Validator:
    return Draft202012Validator(value_schema(f), format_checker=Draft202012Validator.FORMAT_CHECKER)


def object_problems(f: Field, value: Any) -> list[dict[str, str]]:
    """Every way ``value`` breaks the schema of ``f``, as ``{"field": "measurements[0].value", …}``."""
    out = []
    for error in sorted(_validator(f).iter_errors(value), key=lambda e: list(map(str, e.path))):
        path = f.name + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
        message = (f"must be 0 or between {NUMBER_TINY:g} and {NUMBER_MAX:g} in size"
                   if error.validator == "not" else error.message[:300])
        out.append({"field": path, "problem": message})
    return out
