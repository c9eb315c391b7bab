"""The Part 5 schema (geo.model.schema): built from the registry, agreeing with the queryables and the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from geo.model.collections import COLLECTIONS, LOAD_ORDER, VILLAGES
from geo.model.queryables import queryables
from geo.model.schema import schema
from geo.store.base import ItemQuery
from geo.store.gpkg.store import GpkgStore


def test_villages_schema_types_roles_units_and_titles() -> None:
    doc = schema(VILLAGES, "https://example.test/collections/villages/schema")
    Draft202012Validator.check_schema(doc)
    props = doc["properties"]
    assert props["households"]["type"] == "integer" and props["households"]["minimum"] == 0
    assert props["output_tonnes_per_year"]["type"] == "number"
    assert props["output_tonnes_per_year"]["x-ogc-unit"] == "t/a"
    assert props["production_value_vnd"]["x-ogc-unit"] == "VND"
    assert props["id"]["x-ogc-role"] == "id"
    assert props["geometry"] == {"title": "Hình học", "format": "geometry-point", "x-ogc-role": "primary-geometry",
                                 "x-ogc-propertySeq": 1}
    assert props["name"]["title"] == "Tên"
    assert schema(VILLAGES, "x", "en")["properties"]["name"]["title"] == "Name"
    assert "contact_phone" not in props  # private
    assert "households" not in doc["required"] and {"id", "name", "geometry"} <= set(doc["required"])


def test_roles_of_time_and_units_of_area() -> None:
    pollution = schema(COLLECTIONS["pollution_sources"], "x")["properties"]
    assert pollution["assessment_date"]["x-ogc-role"] == "primary-instant"
    assert pollution["assessment_date"]["format"] == "date"
    projects = schema(COLLECTIONS["projects"], "x")
    assert projects["properties"]["year_start"]["x-ogc-role"] == "primary-interval-start"
    assert projects["properties"]["year_end"]["x-ogc-role"] == "primary-interval-end"
    assert "geometry" not in projects["required"]  # projects may have no site
    clusters = schema(COLLECTIONS["clusters"], "x")["properties"]
    assert (clusters["planned_area_ha"]["x-ogc-unit"], clusters["planned_area_ha"]["x-ogc-unitLang"]) == ("har", "UCUM")
    assert "x-ogc-unit" not in clusters["name"]


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_schema_lists_public_fields_in_registry_order_like_the_queryables(cid: str) -> None:
    c = COLLECTIONS[cid]
    doc = schema(c, "x")
    names = list(doc["properties"])
    assert names == ["geometry", *(f.name for f in c.public_fields)]
    assert [p["x-ogc-propertySeq"] for p in doc["properties"].values()] == list(range(1, len(names) + 1))
    q = queryables(c, "y")["properties"]
    for name, prop in doc["properties"].items():
        assert {k: v for k, v in prop.items() if k != "x-ogc-propertySeq"} == q[name]


@pytest.mark.parametrize("cid", LOAD_ORDER)
def test_every_shipped_feature_validates_against_its_schema(real_store_path: Path, cid: str) -> None:
    """Nulls (unknown values) aside, the store returns what the schema promises: integers stay integers."""
    c = COLLECTIONS[cid]
    validator = Draft202012Validator(schema(c, "x"))
    store = GpkgStore(real_store_path)
    try:
        features = store.query(c, ItemQuery(limit=100_000)).features
    finally:
        store.close()
    assert features
    for f in features:
        record = {k: v for k, v in f.properties.items() if v is not None}
        if f.geometry is not None:
            record["geometry"] = f.geometry.wkt
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (f.id, errors)
