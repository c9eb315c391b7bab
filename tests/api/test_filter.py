"""OGC API - Features Part 3: queryables and CQL2 filters (text and JSON) run as SQL in the store."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import orjson
import pytest

from geo.model.collections import COLLECTIONS
from geo.spatial.cql2 import parse
from geo.store.sql.filter import like_to_glob, to_sqlite
from tests.support.responses import assert_problem, ids
from tests.support.servers import tiny_client


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with tiny_client(tmp_path_factory.mktemp("filter")) as client:
        yield client


def test_queryables_are_the_public_fields_as_json_schema(tiny: httpx.Client) -> None:
    r = tiny.get("/collections/villages/queryables")
    assert r.headers["content-type"].startswith("application/schema+json")
    doc = r.json()
    assert doc["$schema"].startswith("https://json-schema.org/") and doc["type"] == "object"
    assert doc["$id"].endswith("/collections/villages/queryables")
    assert doc["properties"]["geometry"]["format"] == "geometry-point"
    assert doc["properties"]["crafts"] == {"title": "Nghề", "type": "array", "items": {"type": "string"}}
    assert doc["properties"]["recognition_year"]["type"] == "integer"
    assert "contact_phone" not in doc["properties"]
    public = {f.name for f in COLLECTIONS["villages"].public_fields}
    assert set(doc["properties"]) == public | {"geometry"}


TEXT_CASES = [
    ("villages", "ACCENTI(name) LIKE ACCENTI('%my dong%')", ["my-dong"]),
    ("villages", "name LIKE '%my dong%'", []),  # LIKE is case- and accent-sensitive without the functions
    ("villages", "CASEI(name) LIKE CASEI('%MỸ ĐỒNG')", ["my-dong"]),
    ("villages", "name LIKE 'Làng nghề đúc M_ Đồng'", ["my-dong"]),
    ("villages", "crafts = 'đúc kim loại'", ["my-dong"]),
    ("villages", "ACCENTI(crafts) LIKE 'duc%'", ["my-dong"]),
    ("villages", "crafts <> 'đúc kim loại'", []),
    ("villages", "establishments BETWEEN 100 AND 200 AND NOT (pollution_risk = 'low' OR households IS NULL)", []),
    ("villages", "establishments NOT BETWEEN 1 AND 100", ["my-dong"]),
    ("villages", "craft_group IN ('wood_stone', 'metal')", ["my-dong"]),
    ("villages", "recognition_year IS NULL AND illustrative = TRUE", ["my-dong"]),
    ("admin_units", "S_CONTAINS(geometry, POINT(106.63284 20.93895))", ["311", "11521"]),
    ("admin_units", "S_INTERSECTS(geometry, POINT(106.68 20.98))", ["311"]),
    ("admin_units", "S_WITHIN(geometry, BBOX(106.62, 20.92, 106.65, 20.95))", ["11521"]),
    ("admin_units", "S_DISJOINT(geometry, POINT(106.68 20.98))", ["11521"]),
    ("cluster_plots", "S_INTERSECTS(geometry, POLYGON((106.63 20.91, 106.64 20.91, 106.64 20.92, 106.63 20.92, "
                      "106.63 20.91)))", ["kb-1"]),
    ("pollution_sources", "T_INTERSECTS(assessment_date, INTERVAL('2020-01-01', '2020-12-31'))", ["ps-my-dong"]),
    ("pollution_sources", "T_INTERSECTS(assessment_date, INTERVAL('2020-07-01', '..'))", []),
    ("pollution_sources", "T_BEFORE(assessment_date, DATE('2020-06-02'))", ["ps-my-dong"]),
    ("pollution_sources", "T_AFTER(assessment_date, TIMESTAMP('2020-06-01T12:00:00Z'))", []),
    ("projects", "T_INTERSECTS(year_start, INTERVAL('2019-06-01', '..')) AND programme = 'national'", ["p-pilot"]),
    ("admin_units", "valid_to < DATE('2025-06-01')", ["11521"]),
    ("projects", "year_start + 1 = year_end", ["p-pilot"]),
    ("villages", "name = 'it''s' OR name <> 'x'", ["my-dong"]),
]


@pytest.mark.parametrize(("cid", "cql", "expected"), TEXT_CASES, ids=[c[1][:40] for c in TEXT_CASES])
def test_cql2_text_filters(tiny: httpx.Client, cid: str, cql: str, expected: list[str]) -> None:
    assert sorted(ids(tiny.get(f"/collections/{cid}/items", params={"filter": cql}))) == sorted(expected)


JSON_CASES = [
    ("villages", {"op": "like", "args": [{"op": "accenti", "args": [{"property": "name"}]},
                                         {"op": "accenti", "args": ["%MY DONG%"]}]}, ["my-dong"]),
    ("villages", {"op": "between", "args": [{"property": "establishments"}, 190, 200]}, ["my-dong"]),
    ("projects", {"op": "and", "args": [
        {"op": "=", "args": [{"property": "programme"}, "national"]},
        {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [106.6, 20.9, 106.7, 21.0]}]}]},
     ["p-pilot"]),
    ("projects", {"op": "isNull", "args": [{"property": "geometry"}]}, ["p-unknown-place"]),
    ("pollution_sources", {"op": "t_intersects", "args": [{"property": "assessment_date"},
                                                          {"interval": ["2020-06-01", ".."]}]}, ["ps-my-dong"]),
]


@pytest.mark.parametrize(("cid", "cql", "expected"), JSON_CASES, ids=[str(i) for i in range(len(JSON_CASES))])
def test_cql2_json_filters(tiny: httpx.Client, cid: str, cql: dict, expected: list[str]) -> None:
    params = {"filter": orjson.dumps(cql).decode(), "filter-lang": "cql2-json"}
    assert ids(tiny.get(f"/collections/{cid}/items", params=params)) == expected


def test_filter_counts_and_paging_agree(tiny: httpx.Client) -> None:
    body = tiny.get("/collections/admin_units/items", params={"filter": "level IN ('district', 'commune')",
                                                             "limit": 1}).json()
    assert body["numberMatched"] == 2 and body["numberReturned"] == 1
    nxt = next(link["href"] for link in body["links"] if link["rel"] == "next")
    assert "filter=" in nxt


def test_values_are_bound_never_spliced() -> None:
    sql, params = to_sqlite(parse("name = 'x'' OR 1=1 --' AND households > 3"), COLLECTIONS["villages"])
    assert "OR 1=1" not in sql and "x' OR 1=1 --" in params and 3 in params


@pytest.mark.parametrize(("cql", "needle"), [
    ("contact_phone = 'x'", "contact_phone"),  # private
    ("nope = 1", "nope"),
    ("name LIKE", "does not parse"),
    ("S_INTERSECTS(name, POINT(1 2))", "geometry"),
    ("foo(name) = 'x'", "foo"),
    ("name = 99999999999999999999999", "too large"),
])
def test_bad_filters_are_400_with_a_reason(tiny: httpx.Client, cql: str, needle: str) -> None:
    body = assert_problem(tiny.get("/collections/villages/items", params={"filter": cql}), 400)
    assert needle in body["detail"]


def test_like_patterns_become_case_sensitive_globs() -> None:
    assert like_to_glob("a%b_c\\%d*[") == "a*b?c%d[*][[]"
