"""Schemas (OGC API - Features Part 5): the feature type of a collection as JSON Schema 2020-12.

What a client needs to build a layer before reading any feature: every public property with its
type (``integer`` apart from ``number``), enumeration, minimum, unit and title, and the roles of
the id, the primary geometry and the primary instant or interval (``x-ogc-role``). The property
descriptions are those of the queryables (``geo.model.queryables.properties``), so the two
documents cannot disagree. ``type`` stays a single word, as GDAL and QGIS read it: a property
absent from ``required`` may be ``null``, which means unknown.
"""

from __future__ import annotations

from typing import Any

from geo.model.collections import Collection
from geo.model.queryables import document, properties

CONFORMANCE: tuple[str, ...] = tuple(
    f"http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/{name}" for name in ("schemas", "core-roles-features"))


def schema(collection: Collection, schema_id: str, lang: str = "vi") -> dict[str, Any]:
    """The document served at ``/collections/{id}/schema``, properties in the order the registry gives."""
    props = properties(collection, lang)
    for seq, prop in enumerate(props.values(), start=1):
        prop["x-ogc-propertySeq"] = seq
    required = [f.name for f in collection.public_fields if f.required]
    if not collection.nullable_geometry:
        required.insert(0, "geometry")
    return {**document(collection, schema_id, lang, props), "required": required}
