"""``/api`` is a valid OpenAPI 3.0 document and ``/docs`` needs nothing from outside craftmap."""

from __future__ import annotations

import re

import httpx
from openapi_spec_validator import validate


def test_api_is_valid_openapi_30(http: httpx.Client) -> None:
    r = http.get("/api")
    assert r.headers["content-type"] == "application/vnd.oai.openapi+json;version=3.0"
    doc = r.json()
    assert doc["openapi"].startswith("3.0.")
    validate(doc)
    assert http.get("/openapi.json").json() == doc


def test_docs_assets_are_all_served_locally(http: httpx.Client) -> None:
    html = http.get("/docs").text
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html) + re.findall(r"url: '([^']+)'", html)
    assert urls, html
    for url in urls:
        assert not url.startswith(("http://", "https://", "//")), url
        assert http.get(url).status_code == 200, url
    assert "cdn.jsdelivr.net" not in http.get("/docs").headers.get("content-security-policy", "")
