"""The request budget (geo/model/limits.py) at its roots: CQL2 parsing, the SQL compiler on both stores,
numbers, dates and object schemas. Each test fed the code before the budget a case that ended in a 500."""

from __future__ import annotations

import pytest

from geo.model.collections import COLLECTIONS
from geo.model.dates import parse_instant
from geo.model.errors import InvalidFilter
from geo.model.feature import ItemQuery
from geo.model.limits import Limits, OverBudget, json_depth, parse_int
from geo.records.validate import check_properties
from geo.spatial import cql2
from geo.store.base import Store

VILLAGES = COLLECTIONS["villages"]


def _nested_json(depth: int) -> str:
    doc = '{"op":"=","args":[{"property":"name"},"x"]}'
    for _ in range(depth):
        doc = '{"op":"not","args":[' + doc + "]}"
    return doc


def test_a_thousand_ored_ids_match_on_both_stores(any_store: Store) -> None:
    """Parsers nest an OR chain one level per term; compiled as such it overflowed SQLite's parser (500)."""
    ids = ["my-dong", *(f"v-{i:04d}" for i in range(999))]
    text = cql2.parse(" OR ".join(f"id = '{i}'" for i in ids))
    js = cql2.parse('{"op":"or","args":[' + ",".join(
        f'{{"op":"=","args":[{{"property":"id"}},"{i}"]}}' for i in ids) + "]}", "cql2-json")
    for node in (text, js):
        page = any_store.query(VILLAGES, ItemQuery(filter=node, limit=10))
        assert [f.id for f in page.features] == ["my-dong"]


def test_nested_nots_within_the_budget_compile_on_both_stores(any_store: Store) -> None:
    node = cql2.parse("NOT (" * 20 + "name = 'nothing'" + ")" * 20)  # even count: same as name = 'nothing'
    assert any_store.query(VILLAGES, ItemQuery(filter=node)).number_matched == 0


@pytest.mark.parametrize(("text", "lang", "setting"), [
    ("NOT (" * 60 + "name = 'x'" + ")" * 60, "cql2-text", "MAX_FILTER_DEPTH"),
    (_nested_json(60), "cql2-json", "MAX_FILTER_DEPTH"),
    (_nested_json(480), "cql2-json", "MAX_FILTER_DEPTH"),  # past Python's recursion limit, within orjson's
    (" OR ".join(f"id = 'v{i}'" for i in range(2500)), "cql2-text", "MAX_FILTER_TERMS"),
    ("id IN (" + ",".join(f"'v{i}'" for i in range(2500)) + ")", "cql2-text", "MAX_FILTER_TERMS"),
    ("workers = " + "9" * 5000, "cql2-text", "MAX_NUMBER_DIGITS"),
    ("name = '" + "x" * 200_000 + "'", "cql2-text", "MAX_FILTER_CHARS"),
])
def test_over_budget_filters_name_their_limit(text: str, lang: str, setting: str) -> None:
    with pytest.raises(OverBudget, match=f"CRAFTMAP_{setting}"):
        cql2.parse(text, lang)


def test_the_budget_is_a_setting() -> None:
    tight = Limits(max_filter_terms=3)
    cql2.parse("a = 1 OR a = 2 OR a = 3", limits=tight)
    with pytest.raises(OverBudget, match="is 4; the limit is 3"):
        cql2.parse("a = 1 OR a = 2 OR a = 3 OR a = 4", limits=tight)


@pytest.mark.parametrize("text", [
    "assessment_date T_AFTER TIMESTAMP('2020-01-01T25:00:00Z')",
    "T_AFTER(assessment_date, INTERVAL('2020-01-01','2020-13-01'))",
    "T_AFTER(assessment_date, INTERVAL('2020-02-30','..'))",
])
def test_impossible_dates_in_filters_are_invalid(text: str) -> None:
    with pytest.raises(InvalidFilter):
        cql2.parse(text)


@pytest.mark.parametrize(("text", "ok"), [
    ("2020", True), ("2020-05", True), ("2020-05-31", True), ("2020-01-01T10:00:00Z", True),
    ("2020-01-01T10:00:00.5+07:00", True), ("2020-99", False), ("2020-04-31", False),
    ("2020-01-01T25:00:00Z", False), ("2020-01-01T10:61:00Z", False), ("2020-01-01T10:00:00", False),
])
def test_rfc3339_instants(text: str, ok: bool) -> None:
    assert (parse_instant(text, partial=True) is not None) is ok


def test_digits_are_counted_before_conversion() -> None:
    with pytest.raises(OverBudget, match="CRAFTMAP_MAX_NUMBER_DIGITS"):
        parse_int("1" * 100_000, "limit")
    with pytest.raises(Exception, match="64-bit"):
        parse_int(str(2**63), "offset")
    assert parse_int(str(2**63 - 1), "offset") == 2**63 - 1


def test_json_depth_needs_no_recursion() -> None:
    doc: list = []
    for _ in range(100_000):
        doc = [doc]
    assert json_depth(doc) == 100_001


def _problems(collection: str, **props: object) -> list[str]:
    return [p["field"] for p in check_properties(COLLECTIONS[collection], props)]


@pytest.mark.parametrize(("collection", "props", "field"), [
    ("villages", {"households": 2**63}, "households"),
    ("villages", {"households": -(2**64)}, "households"),
    ("villages", {"output_tonnes_per_year": 5e-324}, "output_tonnes_per_year"),
    ("villages", {"output_tonnes_per_year": 1e300}, "output_tonnes_per_year"),
    ("clusters", {"status_date": "2020-99-01"}, "status_date"),
    ("projects", {"components": ["training"]}, "components[0]"),
    ("projects", {"components": [{"kind": ["training"]}]}, "components[0].kind"),
    ("projects", {"components": [{"kind": "training", "budget_vnd": "lots"}]}, "components[0].budget_vnd"),
    ("projects", {"components": [{"kind": "training", "budget_vnd": 2**70}]}, "components[0].budget_vnd"),
    ("projects", {"components": [{"kind": "training", "extra": 1}]}, "components[0]"),
    ("pollution_sources", {"measurements": [{"parameter": "PM10", "standard_value": 5e-324}]},
     "measurements[0].standard_value"),
    ("pollution_sources", {"measurements": [{"parameter": "PM10", "method": {"a": 1}}]}, "measurements[0].method"),
    ("pollution_sources", {"measurements": [{"value": 3}]}, "measurements[0]"),
    ("pollution_sources", {"measurements": [{"parameter": "PM10", "date": "2020-13-01"}]}, "measurements[0].date"),
])
def test_values_the_pages_cannot_render_are_refused(collection: str, props: dict, field: str) -> None:
    assert field in _problems(collection, **props)


def test_well_formed_objects_pass() -> None:
    assert not [p for p in _problems("projects", components=[
        {"kind": "training", "description": "Lớp đúc", "budget_vnd": 120_000_000},
        {"kind": "brand", "description": None, "budget_vnd": None}]) if p.startswith("components")]
    assert not [p for p in _problems("pollution_sources", measurements=[
        {"parameter": "PM10", "value": 0.3, "unit": "mg/m³", "standard": "QCVN 05:2023/BTNMT",
         "standard_value": 0.15, "method": "measured", "date": "2020-06-01"}]) if p.startswith("measurements")]
