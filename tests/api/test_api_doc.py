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


OGC_RESPONSES = {
    "/": "LandingPage", "/conformance": "ConfClasses", "/collections": "Collections",
    "/collections/{collection_id}": "Collection", "/collections/{collection_id}/items": "FeatureCollectionGeoJSON",
    "/collections/{collection_id}/items/{feature_id}": "FeatureGeoJSON",
    "/collections/{collection_id}/queryables": "JSONSchema", "/collections/{collection_id}/schema": "JSONSchema",
}


def test_ogc_resources_declare_their_response_schemas_and_swagger_reads_them(http: httpx.Client) -> None:
    """So schemathesis (tests/clients) checks real shapes, and /docs shows the paging bounds of /api."""
    doc = http.get("/api").json()
    for path, name in OGC_RESPONSES.items():
        content = doc["paths"][path]["get"]["responses"]["200"]["content"]
        json_type = next(t for t in content if "json" in t)
        assert content[json_type]["schema"] == {"$ref": f"#/components/schemas/{name}"}, path
        assert doc["components"]["schemas"][name]["required"], name
    assert "url: '/api'" in http.get("/docs").text
