"""Landing page and conformance (OGC API - Features Part 1, clauses 7.2 and 7.4)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import LangDep, StoreDep, wants_html
from api.ogc import edit, tiles
from api.ogc.html import page
from api.ogc.params import FormatQuery
from api.ogc_schemas import ref
from api.pages.home import home
from api.problems import problem_responses
from api.responses import ORJSONResponse
from api.urls import HTML, JSON, OPENAPI, link, url_for
from geo.model import schema

router = APIRouter(tags=["Capabilities"])

_FEATURES = "http://www.opengis.net/spec/ogcapi-features-{part}/1.0/conf/{name}"
_CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/{name}"

# Only what craftmap implements and tests (tests/api/test_filter.py, test_crs.py, test_landing.py).
CONFORMANCE = [
    *(_FEATURES.format(part=1, name=n) for n in ("core", "geojson", "html", "oas30")),
    _FEATURES.format(part=2, name="crs"),
    *(_FEATURES.format(part=3, name=n) for n in ("queryables", "queryables-query-parameters", "filter",
                                                 "features-filter")),
    *(_CQL2.format(name=n) for n in (
        "cql2-text", "cql2-json", "basic-cql2", "advanced-comparison-operators", "case-insensitive-comparison",
        "accent-insensitive-comparison", "basic-spatial-functions", "basic-spatial-functions-plus",
        "spatial-functions", "temporal-functions", "property-property")),
    *edit.CONFORMANCE,  # Part 4
    *schema.CONFORMANCE,  # Part 5
    *tiles.CONFORMANCE,  # OGC API - Tiles, vector tiles
]

def json_or_html(schema: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses``: the ``api.ogc_schemas`` component ``schema`` as JSON, or an HTML page."""
    return {200: {"description": "JSON by default; HTML with `f=html` or `Accept: text/html`",
                  "content": {JSON: {"schema": ref(schema)}, HTML: {"schema": {"type": "string"}}}},
            **problem_responses(400)}


def landing_doc(request: Request) -> dict[str, Any]:
    return {
        "title": "craftmap — Hải Phòng",
        "description": "Craft villages, industrial clusters, pollution sources and industrial-promotion "
                       "projects of Hải Phòng (OGC API - Features).",
        "links": [
            link(url_for(request, "/"), "self", JSON, "This document"),
            link(url_for(request, "/", f="html"), "alternate", HTML, "This document as HTML"),
            link(url_for(request, "/api"), "service-desc", OPENAPI, "The API definition"),
            link(url_for(request, "/docs"), "service-doc", HTML, "The API documentation"),
            link(url_for(request, "/conformance"), "conformance", JSON, "Conformance classes"),
            link(url_for(request, "/collections"), "data", JSON, "The collections"),
            link(url_for(request, "/search"), "search", JSON, "Search every collection (q=…)"),
        ],
    }


@router.get("/", response_class=ORJSONResponse, responses=json_or_html("LandingPage"))
def landing(request: Request, store: StoreDep, lang: LangDep, f: FormatQuery = None) -> Response:
    """Links to the API description, conformance and collections; a browser gets the home page."""
    if wants_html(request, f):
        return home(request, store, lang)
    return ORJSONResponse(landing_doc(request))


@router.get("/conformance", response_class=ORJSONResponse, responses=json_or_html("ConfClasses"))
def conformance(request: Request, lang: LangDep, f: FormatQuery = None) -> Response:
    """The conformance classes this server implements."""
    if wants_html(request, f):
        return page(request, "conformance.html", lang, conforms_to=CONFORMANCE)
    return ORJSONResponse({"conformsTo": CONFORMANCE})
