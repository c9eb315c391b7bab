"""Property-based fuzzing of CQL2 text and JSON filters against a live server on both stores: whatever the
filter, the answer is 200 or a 4xx problem, within the time budget. Fixed example counts, derandomized."""

from __future__ import annotations

import json
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.editing import EditEnv

EXAMPLES = 40
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
COLLECTIONS = ("villages", "pollution_sources", "projects", "clusters")


PROPS = st.sampled_from(["id", "name", "households", "output_tonnes_per_year", "crafts", "assessment_date",
                         "year_start", "budget_total_vnd", "components", "measurements", "geometry",
                         "contact_phone", "nope", "status_date"])
NUMBERS = st.one_of(st.integers(min_value=-(2**80), max_value=2**80), st.floats(allow_nan=False),
                    st.sampled_from([5e-324, 1e308, -0.0, 2**63, 2**63 - 1]))
DATES = st.one_of(st.dates().map(lambda d: d.isoformat()),
                  st.sampled_from(["2020-99-01", "2020-02-30", "2020-01-01T25:00:00Z", "..", "yesterday"]))
TEXTS = st.text(max_size=30)


def _quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _literal_text() -> st.SearchStrategy[str]:
    return st.one_of(NUMBERS.map(repr).map(lambda r: r.replace("inf", "1e999")), TEXTS.map(_quote),
                     DATES.map(lambda d: f"DATE({_quote(d)})"), DATES.map(lambda d: f"TIMESTAMP({_quote(d)})"),
                     st.sampled_from(["TRUE", "NULL", "POINT(106.6 20.9)", "BBOX(106,20,107,21)"]))


PREDICATES_TEXT = st.one_of(
    st.tuples(PROPS, st.sampled_from(["=", "<>", "<", ">=", "LIKE"]), _literal_text()).map(" ".join),
    st.tuples(PROPS, st.lists(_literal_text(), min_size=1, max_size=5)).map(lambda t: f"{t[0]} IN ({','.join(t[1])})"),
    st.tuples(PROPS, _literal_text(), _literal_text()).map(lambda t: f"{t[0]} BETWEEN {t[1]} AND {t[2]}"),
    st.tuples(st.sampled_from(["S_INTERSECTS", "S_WITHIN", "T_AFTER", "T_INTERSECTS", "A_CONTAINS"]), PROPS,
              _literal_text()).map(lambda t: f"{t[0]}({t[1]}, {t[2]})"),
    PROPS.map(lambda p: f"{p} IS NULL"),
)
@st.composite
def filter_text(draw: st.DrawFn, depth: int = 0) -> str:
    """Predicates combined with AND/OR/NOT and brackets, up to 4 levels and a few dozen terms."""
    shape = draw(st.sampled_from(["leaf", "chain", "not", "brackets"])) if depth < 4 else "leaf"
    if shape == "leaf":
        return draw(PREDICATES_TEXT)
    if shape == "chain":
        parts = draw(st.lists(filter_text(depth + 1), min_size=2, max_size=8))
        return draw(st.sampled_from([" AND ", " OR "])).join(parts)
    inner = draw(filter_text(depth + 1))
    return f"NOT ({inner})" if shape == "not" else f"({inner})"


def _literal_json() -> st.SearchStrategy[Any]:
    return st.one_of(NUMBERS, TEXTS, st.booleans(), st.none(), DATES.map(lambda d: {"date": d}),
                     DATES.map(lambda d: {"timestamp": d}), st.lists(DATES, max_size=3).map(lambda d: {"interval": d}),
                     st.just({"bbox": [106, 20, 107, 21]}), st.just({"type": "Point", "coordinates": [1, 2]}))


PREDICATES_JSON = st.builds(
    lambda op, prop, args: {"op": op, "args": [{"property": prop}, *args]},
    st.sampled_from(["=", "<", "like", "in", "between", "isNull", "s_intersects", "t_after", "a_contains",
                     "casei", "bogus"]), PROPS, st.lists(_literal_json(), max_size=3))
@st.composite
def filter_json(draw: st.DrawFn, depth: int = 0) -> Any:
    shape = draw(st.sampled_from(["leaf", "chain", "not"])) if depth < 4 else "leaf"
    if shape == "leaf":
        return draw(PREDICATES_JSON)
    if shape == "not":
        return {"op": "not", "args": [draw(filter_json(depth + 1))]}
    args = draw(st.lists(filter_json(depth + 1), min_size=1, max_size=8))
    return {"op": draw(st.sampled_from(["and", "or"])), "args": args}


def _check(env: EditEnv, collection: str, params: dict[str, str]) -> None:
    with env.client() as client:
        start = time.monotonic()
        response = client.get(f"/collections/{collection}/items", params=params)
        took = time.monotonic() - start
    assert response.status_code in (200, 400), (response.status_code, params, response.text[:300])
    assert took < 10.0, params
    if response.status_code == 400:
        assert response.headers["content-type"].startswith("application/problem+json")


@FUZZ
@given(collection=st.sampled_from(COLLECTIONS), text=filter_text())
def test_cql2_text_filters(env: EditEnv, collection: str, text: str) -> None:
    _check(env, collection, {"filter": text})


@FUZZ
@given(collection=st.sampled_from(COLLECTIONS), doc=filter_json())
def test_cql2_json_filters(env: EditEnv, collection: str, doc: Any) -> None:
    _check(env, collection, {"filter": json.dumps(doc), "filter-lang": "cql2-json"})


@FUZZ
@given(collection=st.sampled_from(COLLECTIONS), text=st.text(max_size=200))
def test_arbitrary_filter_text(env: EditEnv, collection: str, text: str) -> None:
    _check(env, collection, {"filter": text})


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["limit", "offset", "bbox", "datetime", "sortby", "crs", "f",
                                               "households", "name", "bbox-crs"]), st.text(max_size=40), max_size=4))
def test_arbitrary_query_parameters(env: EditEnv, params: dict[str, str]) -> None:
    with env.client() as client:
        response = client.get("/collections/villages/items", params=params)
    assert response.status_code < 500, (params, response.text[:300])
