"""Keyset paging on both stores: ``next`` links carry a cursor, and following them returns every
matching feature exactly once, in the order asked, with filters, bbox and sortby.

Expected orders are computed here from the data files (NULLs first ascending and last descending,
text by code point, ties in load order), not read back from a store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from shapely.geometry import box

from geo.model.feature import Feature
from geo.records.loader import read_dataset
from tests.support.servers import LiveServer
from tests.support.stores import DATA_DIR

EXPECTED, _ = read_dataset(DATA_DIR)
VILLAGES = EXPECTED["villages"]


@pytest.fixture(scope="module")
def client(real_store_live: LiveServer) -> httpx.Client:
    return httpx.Client(base_url=real_store_live.url, timeout=30)


def walk(client: httpx.Client, url: str) -> tuple[list[str], list[str]]:
    """Every id met following ``next`` links from ``url``, and the query strings of those links."""
    ids: list[str] = []
    hrefs: list[str] = []
    next_url: str | None = url
    while next_url:
        r = client.get(next_url)
        assert r.status_code == 200, r.text
        body = r.json()
        ids += [f["id"] for f in body["features"]]
        next_url = next((link["href"] for link in body["links"] if link["rel"] == "next"), None)
        if next_url:
            hrefs.append(urlsplit(next_url).query)
    return ids, hrefs


def ordered(features: list[Feature], sortby: list[tuple[str, bool]]) -> list[str]:
    """``features`` (in load order) sorted as the stores sort: stable sorts from the last key."""
    out = list(features)
    for name, ascending in reversed(sortby):
        present = [f for f in out if f.properties.get(name) is not None]
        missing = [f for f in out if f.properties.get(name) is None]
        present.sort(key=lambda f, n=name: f.properties[n], reverse=not ascending)  # type: ignore[misc]
        out = [*missing, *present] if ascending else [*present, *missing]
    return [f.id for f in out]


def _in_box(f: Feature) -> bool:
    return f.geometry is not None and f.geometry.intersects(box(106.6, 20.7, 106.8, 21.0))


CASES: list[tuple[dict[str, Any], Callable[[Feature], bool], list[tuple[str, bool]]]] = [
    ({}, lambda f: True, []),
    ({"sortby": "district_name,-recognition"}, lambda f: True, [("district_name", True), ("recognition", False)]),
    ({"sortby": "-recognition_year"}, lambda f: True, [("recognition_year", False)]),
    ({"sortby": "pollution_risk,-name"}, lambda f: True, [("pollution_risk", True), ("name", False)]),
    ({"filter": "recognition IS NULL OR district_name <> 'Thủy Nguyên'", "sortby": "-district_name"},
     lambda f: f.properties.get("recognition") is None or f.properties["district_name"] != "Thủy Nguyên",
     [("district_name", False)]),
    ({"bbox": "106.6,20.7,106.8,21.0"}, _in_box, []),
]


@pytest.mark.parametrize(("params", "keep", "sortby"), CASES)
@pytest.mark.parametrize("limit", [1, 3, 16])
def test_next_links_walk_every_feature_once_in_order(client: httpx.Client, params: dict[str, Any],
                                                     keep: Callable[[Feature], bool], sortby: list[tuple[str, bool]],
                                                     limit: int) -> None:
    expected = ordered([f for f in VILLAGES if keep(f)], sortby)
    if limit < 16:  # 16 may hold a whole filtered set in one page; the smaller limits must cross pages
        assert len(expected) > limit
    url = str(httpx.URL("/collections/villages/items", params={**params, "limit": limit}))
    ids, hrefs = walk(client, url)
    assert ids == expected
    assert all("cursor" in parse_qs(h) and "offset" not in parse_qs(h) for h in hrefs)
    assert len(hrefs) == -(-len(expected) // limit) - 1


def test_cursor_pages_report_their_position(client: httpx.Client) -> None:
    body = client.get("/collections/villages/items", params={"limit": 5}).json()
    nxt = next(link["href"] for link in body["links"] if link["rel"] == "next")
    second = client.get(nxt).json()
    assert second["numberMatched"] == len(VILLAGES) and second["numberReturned"] == 5
    prev = next(link["href"] for link in second["links"] if link["rel"] == "prev")
    assert parse_qs(urlsplit(prev).query)["offset"] == ["0"]


def test_offset_keeps_working(client: httpx.Client) -> None:
    body = client.get("/collections/villages/items", params={"limit": 4, "offset": 12}).json()
    assert [f["id"] for f in body["features"]] == [f.id for f in VILLAGES[12:16]]


def _cursor(client: httpx.Client, **params: Any) -> str:
    body = client.get("/collections/villages/items", params={"limit": 2, **params}).json()
    href = next(link["href"] for link in body["links"] if link["rel"] == "next")
    return parse_qs(urlsplit(href).query)["cursor"][0]


@pytest.mark.parametrize("tamper", [
    lambda c: c[:-3] + ("AAA" if not c.endswith("AAA") else "BBB"),
    lambda c: c[: len(c) // 2],
    lambda c: "not-base64!",
    lambda c: "",
])
def test_a_tampered_cursor_is_a_400_naming_it(client: httpx.Client, tamper: Callable[[str], str]) -> None:
    r = client.get("/collections/villages/items", params={"limit": 2, "cursor": tamper(_cursor(client))})
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    assert "cursor" in r.json()["detail"]


def test_a_cursor_belongs_to_its_collection_and_sort(client: httpx.Client) -> None:
    cursor = _cursor(client, sortby="name")
    assert client.get("/collections/villages/items", params={"cursor": cursor, "sortby": "name"}).status_code == 200
    assert client.get("/collections/villages/items", params={"cursor": cursor}).status_code == 400
    assert client.get("/collections/facilities/items", params={"cursor": cursor, "sortby": "name"}).status_code == 400
    r = client.get("/collections/villages/items", params={"cursor": cursor, "sortby": "name", "offset": 2})
    assert r.status_code == 400


def test_the_cursor_is_declared_as_a_string(client: httpx.Client) -> None:
    doc = client.get("/api").json()
    params = doc["paths"]["/collections/{collection_id}/items"]["get"]["parameters"]
    declared = {p["name"]: p for p in params if "name" in p}  # limit and offset are $refs to components
    assert declared["cursor"]["in"] == "query"
    assert declared["cursor"]["schema"]["type"] == "string"
