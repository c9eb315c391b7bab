"""Response schemas of the OGC API - Features resources, as OpenAPI 3.0 components.

Shaped after the schemas OGC publishes with Part 1 (``link``, ``landingPage``, ``confClasses``,
``collections``, ``collection``, ``featureCollectionGeoJSON``, ``featureGeoJSON``), so that
validators, generated clients and schemathesis check every answer against what a client may rely
on. Routes name them with ``ref``; ``api.ogc.api_doc`` adds ``COMPONENTS`` to the document.
"""

from __future__ import annotations

from typing import Any

_STRING = {"type": "string"}
_GEOMETRY_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                   "GeometryCollection"]


def ref(name: str) -> dict[str, str]:
    """A reference to one of ``COMPONENTS``."""
    return {"$ref": f"#/components/schemas/{name}"}


def _links() -> dict[str, Any]:
    return {"type": "array", "items": ref("Link")}


_EXTENT = {"type": "object", "properties": {
    "spatial": {"type": "object", "required": ["bbox"], "properties": {
        "bbox": {"type": "array", "minItems": 1,
                 "items": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}}},
        "crs": _STRING}},
    "temporal": {"type": "object", "properties": {
        "interval": {"type": "array", "minItems": 1, "items": {
            "type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "string", "nullable": True}}},
        "trs": _STRING}}}}

_FEATURE = {"type": "object", "required": ["type", "geometry", "properties"], "properties": {
    "type": {"type": "string", "enum": ["Feature"]},
    "id": _STRING,
    "geometry": {"type": "object", "nullable": True, "required": ["type"], "properties": {
        "type": {"type": "string", "enum": _GEOMETRY_TYPES}}},
    "properties": {"type": "object", "nullable": True},
    "links": _links()}}

COMPONENTS: dict[str, dict[str, Any]] = {
    "Link": {"type": "object", "required": ["href", "rel"], "properties": {
        "href": _STRING, "rel": _STRING, "type": _STRING, "title": _STRING, "hreflang": _STRING}},
    "LandingPage": {"type": "object", "required": ["links"], "properties": {
        "title": _STRING, "description": _STRING, "links": _links()}},
    "ConfClasses": {"type": "object", "required": ["conformsTo"], "properties": {
        "conformsTo": {"type": "array", "minItems": 1, "items": _STRING}}},
    "Collection": {"type": "object", "required": ["id", "links"], "properties": {
        "id": _STRING, "title": _STRING, "description": _STRING, "links": _links(), "extent": _EXTENT,
        "itemType": {"type": "string", "enum": ["feature"]}, "crs": {"type": "array", "items": _STRING},
        "storageCrs": _STRING}},
    "Collections": {"type": "object", "required": ["collections", "links"], "properties": {
        "links": _links(), "collections": {"type": "array", "items": ref("Collection")}}},
    "FeatureGeoJSON": _FEATURE,
    "FeatureCollectionGeoJSON": {"type": "object", "required": ["type", "features"], "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": ref("FeatureGeoJSON")},
        "links": _links(),
        "numberMatched": {"type": "integer", "minimum": 0},
        "numberReturned": {"type": "integer", "minimum": 0}}},
    "JSONSchema": {"type": "object", "required": ["$schema", "$id", "type", "properties"], "properties": {
        "$schema": _STRING, "$id": _STRING, "type": {"type": "string", "enum": ["object"]}, "title": _STRING,
        "description": _STRING, "properties": {"type": "object", "additionalProperties": {"type": "object"}},
        "required": {"type": "array", "items": _STRING}}},
}


def add_components(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with ``COMPONENTS`` under ``components/schemas``."""
    doc.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return doc
