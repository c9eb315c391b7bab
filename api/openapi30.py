"""OpenAPI 3.1 (what FastAPI writes) down to 3.0, which OGC API - Features Part 1 names and
OWSLib, GDAL-era tools and the bundled Swagger UI 4 read.

Only the 3.1 constructs FastAPI and pydantic emit are rewritten: ``{"type": "null"}`` in
``anyOf``/``oneOf`` and type lists (→ ``nullable``), ``const`` (→ one-value ``enum``),
``examples`` in schemas (→ ``example``) and numeric ``exclusiveMinimum``/``exclusiveMaximum``.
``typed_parameters`` replaces the text schemas of parameters parsed by hand with the integer
declarations clients read (``limit``, ``offset``).
"""

from __future__ import annotations

import copy
from typing import Any

OPENAPI_VERSION = "3.0.3"


def _schema(node: dict[str, Any]) -> dict[str, Any]:
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if isinstance(options, list) and any(o == {"type": "null"} for o in options):
            rest = [o for o in options if o != {"type": "null"}]
            node.pop(key)
            node["nullable"] = True
            if len(rest) == 1 and "$ref" not in rest[0]:
                node.update(rest[0])
            else:
                node[key] = rest
    if isinstance(node.get("type"), list):
        types = [t for t in node["type"] if t != "null"]
        if len(types) < len(node["type"]):
            node["nullable"] = True
        node["type"] = types[0] if len(types) == 1 else types
        if isinstance(node["type"], list):
            node["anyOf"] = [{"type": t} for t in node.pop("type")]
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if isinstance(node.get("examples"), list) and node["examples"]:
        node["example"] = node.pop("examples")[0]
    for bound, plain in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        value = node.get(bound)
        if isinstance(value, int | float) and not isinstance(value, bool):
            node[plain] = value
            node[bound] = True
    return node


_SCHEMA_MAPS = ("properties", "schemas", "patternProperties", "$defs", "definitions")
_SCHEMA_KEYS = ("schema", "items", "additionalProperties", "anyOf", "oneOf", "allOf", "not")


def _walk(node: Any, is_schema: bool) -> Any:
    """Rewrite every schema object; maps of named schemas are walked but not rewritten themselves."""
    if isinstance(node, list):
        return [_walk(v, is_schema) for v in node]
    if not isinstance(node, dict):
        return node
    for key, value in list(node.items()):
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            node[key] = {name: _walk(sub, True) for name, sub in value.items()}
        else:
            node[key] = _walk(value, key in _SCHEMA_KEYS)
    return _schema(node) if is_schema else node


def downgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """A 3.0 copy of a 3.1 document."""
    out = copy.deepcopy(doc)
    out["openapi"] = OPENAPI_VERSION
    return _walk(out, is_schema=False)  # type: ignore[no-any-return]


PARAMETER_REF = "x-parameter-ref"
PARAMETER_SCHEMA = "x-parameter-schema"


def typed_parameters(doc: dict[str, Any], components: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Give query parameters parsed from text the type and bounds the server enforces.

    Dependencies read some parameters as text, to answer bad values with a problem+json of their
    own; their schemas carry a marker instead: ``x-parameter-ref`` names an entry of ``components``
    (declared once under ``components/parameters`` and referenced, where QGIS and GDAL look for
    ``limit``), ``x-parameter-schema`` gives the schema itself.
    """
    used: dict[str, dict[str, Any]] = {}
    for operations in doc.get("paths", {}).values():
        for op in operations.values():
            params = op.get("parameters", []) if isinstance(op, dict) else []
            for i, param in enumerate(params):
                schema = param.get("schema", {})
                if PARAMETER_REF in schema:
                    name = schema[PARAMETER_REF]
                    used[name] = components[name]
                    params[i] = {"$ref": f"#/components/parameters/{name}"}
                elif PARAMETER_SCHEMA in schema:
                    param["schema"] = schema[PARAMETER_SCHEMA]
    if used:
        doc.setdefault("components", {}).setdefault("parameters", {}).update(used)
    return doc
