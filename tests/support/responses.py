"""Checks on HTTP responses: a GeoJSON page's ids, an RFC 9457 problem, every feature behind ``next`` links."""

from __future__ import annotations

from typing import Any

import httpx

PROBLEM = "application/problem+json"


def ids(response: httpx.Response) -> list[str]:
    """Feature ids of an items response, after checking it is a 200 GeoJSON page."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/geo+json")
    return [f["id"] for f in response.json()["features"]]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body.get("detail")
    return body


def api_features(http: httpx.Client, cfg: dict[str, Any]) -> list[dict[str, Any]]:
    """Every feature the API holds for a layer's query, following ``next`` links like a client."""
    if "/items/" in cfg["url"]:
        return [http.get(cfg["url"]).json()]
    out: list[dict[str, Any]] = []
    url: str | None = cfg["url"]
    params: dict[str, Any] | None = cfg["query"]
    while url:
        doc = http.get(url, params=params).json()
        out += doc["features"]
        url = next((lk["href"] for lk in doc["links"] if lk["rel"] == "next"), None)
        params = None
    return out
