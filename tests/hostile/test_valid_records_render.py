"""Every record validation accepts renders on every public page, map and download (class 4 of issue 12).

Hypothesis writes generated valid records of every editable collection (types, enums, bounds and object
schemas drawn from the registry) through the API, then reads every public page: no 5xx."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Field
from geo.model.limits import INT64_MAX, INT64_MIN, NUMBER_MAX, number_problem
from tests.support.editing import EditEnv
from tests.support.records import tiny_records

EXAMPLES = 4
EDITABLE = [c for c in LOAD_ORDER if COLLECTIONS[c].editable]
PAGES = ["/", "/transparency", "/transparency?year=2020", "/pollution", "/capacity", "/capacity?f=csv",
         "/maps/overview", "/maps/capacity", "/audit?f=html", "/search?q=a",
         "/analysis/site-search?area_ha=1&lon=106.63&lat=20.93",
         "/analysis/relocation?village=my-dong&workshop_m2=200",
         *(f"/maps/{c}" for c in LOAD_ORDER), *(f"/downloads/{c}.csv" for c in LOAD_ORDER),
         *(f"/downloads/{c}.geojson" for c in LOAD_ORDER), *(f"/collections/{c}/items?f=html" for c in LOAD_ORDER)]
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


def scalar(f: Field) -> st.SearchStrategy[Any]:
    if f.enum:
        return st.sampled_from(f.enum)
    low = INT64_MIN if f.minimum is None else int(f.minimum)
    kinds: dict[str, st.SearchStrategy[Any]] = {
        "string": TEXT, "boolean": st.booleans(), "date": st.dates().map(lambda d: d.isoformat()),
        "integer": st.one_of(st.integers(low, INT64_MAX), st.sampled_from([low, INT64_MAX, max(low, 0)])),
        "number": st.floats(-NUMBER_MAX if f.minimum is None else f.minimum, NUMBER_MAX).filter(
            lambda x: number_problem(x) is None),
    }
    return kinds[f.type]


def member_object(f: Field) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({m.name: scalar(m) for m in f.members if m.required},
                                 optional={m.name: st.one_of(st.none(), scalar(m)) for m in f.members
                                           if not m.required})


def value(f: Field) -> st.SearchStrategy[Any]:
    if f.members:
        return st.lists(member_object(f), max_size=4)
    if f.type == "array":
        return st.lists(TEXT, max_size=3)
    return scalar(f)


def record(cid: str, n: int) -> st.SearchStrategy[dict[str, Any]]:
    """The tiny record of ``cid`` with every free field drawn (links, provenance and the id kept)."""
    base = copy.deepcopy(tiny_records()[cid][0])
    fixed = {"id", "sources", "location_precision", "illustrative"}
    free = [f for f in COLLECTIONS[cid].fields if f.link is None and f.name not in fixed]
    draws = {f.name: value(f) if f.required else st.one_of(st.none(), value(f)) for f in free}

    def build(props: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(base)
        out["properties"].update(props, id=f"{base['id']}-hyp-{n}")
        out.pop("id", None)
        return out

    return st.fixed_dictionaries(draws).map(build)


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_pages_render_every_valid_record(env: EditEnv, data: st.DataObject) -> None:
    n = data.draw(st.integers(0, 10**9), label="n")
    with env.client(env.editor) as client:
        for cid in EDITABLE:
            body = data.draw(record(cid, n), label=cid)
            created = client.post(f"/collections/{cid}/items", json=body,
                                  headers={"Content-Type": "application/geo+json"})
            assert created.status_code in (201, 409, 422), created.text[:500]
        pid = f"p-pilot-hyp-{n}"
        for path in [*PAGES, f"/transparency/projects/{pid}", f"/collections/projects/items/{pid}?f=html"]:
            response = client.get(path)
            assert response.status_code < 500, (path, response.text[:300])
