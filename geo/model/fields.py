"""The building blocks of the collection registry: fields, collections, and the field groups every
record shares (provenance, and its place in the old and today's administrative units)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldType = Literal["string", "integer", "number", "boolean", "date", "array", "object"]
GeometryType = Literal["Point", "MultiPoint", "Polygon", "MultiPolygon"]

LOCATION_PRECISIONS = ("surveyed", "digitized", "approximate", "commune_centroid", "illustrative", "unknown")


@dataclass(frozen=True)
class Field:
    """One property of a collection.

    ``link`` names the collection an id (or each id of an array) must resolve to;
    ``private`` fields are stored but never leave the server on public outputs; ``members``
    declare the keys of an object (or of each object of an array), from which
    ``geo.model.objects`` builds the JSON Schema that writes and imports must meet.
    """

    name: str
    type: FieldType
    title_vi: str
    title_en: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    items: FieldType | None = None
    link: str | None = None
    private: bool = False
    minimum: float | None = None
    searchable: bool = False
    description: str = ""
    members: tuple[Field, ...] = ()

    @property
    def is_json(self) -> bool:
        """Arrays and objects are kept as JSON text in the store."""
        return self.type in ("array", "object")


@dataclass(frozen=True)
class Collection:
    """A layer: its schema, titles, geometry type and temporal fields."""

    id: str
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    geometry_type: GeometryType
    fields: tuple[Field, ...]
    temporal: tuple[str, str | None] | None = None
    name_field: str = "name"
    declared_area_field: str | None = None
    nullable_geometry: bool = False
    editable: bool = True
    id_field: str = "id"

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def public_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.private)

    @property
    def private_names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.private)

    @property
    def searchable_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.searchable)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi


def field_of(name: str, type_: FieldType, vi: str, en: str, **kw: object) -> Field:
    """A field from its name, type and (vi, en) titles: the short form the declarations use."""
    return Field(name, type_, vi, en, **kw)  # type: ignore[arg-type]


# Fields every record carries: provenance and how much to trust its location.
PROVENANCE: tuple[Field, ...] = (
    field_of("sources", "array", "Nguồn", "Sources", items="string", link="sources", required=True,
       description="Ids in data/sources.csv"),
    field_of("location_precision", "string", "Độ chính xác vị trí", "Location precision", required=True,
       enum=LOCATION_PRECISIONS),
    field_of("illustrative", "boolean", "Minh họa", "Illustrative", required=True,
       description="True for records made up to show a capability where public data is missing"),
    field_of("notes", "string", "Ghi chú", "Notes", searchable=True),
)

CURRENT_UNIT_METHODS = ("inside_exact", "inside_approximate", "merge_table", "merge_table_inferred", "unknown")

# Where a record lies in both frames; computed by geo.records.placement at load and on every write.
PLACEMENT: tuple[Field, ...] = (
    field_of("former_unit", "array", "Xã/phường thời điểm nguồn", "Commune at the time of the sources",
       items="string", description="Ids of the pre-2025 communes (admin_units)"),
    field_of("former_unit_names", "array", "Tên xã/phường cũ", "Former commune", items="string", searchable=True),
    field_of("current_unit", "array", "Xã/phường/đặc khu hiện nay", "Unit today", items="string",
       description="Official codes of the units of today (from 2025-07-01); several when undecided"),
    field_of("current_unit_names", "array", "Tên đơn vị hiện nay", "Unit today (name)", items="string",
       searchable=True),
    field_of("current_unit_method", "string", "Cách xác định đơn vị hiện nay", "How the unit today was found",
       enum=CURRENT_UNIT_METHODS,
       description="inside an exact or an approximate outline, or through the 2025 merge table from the "
       "old commune (inferred when that commune was absorbed 2019–2025)"),
)
