"""Landing page and conformance (OGC API - Features Part 1, clauses 7.2 and 7.4)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.links import HTML, JSON, OPENAPI, link, url
from api.responses import ORJSONResponse

router = APIRouter(tags=["Capabilities"])

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]


@router.get("/", response_class=ORJSONResponse)
def landing(request: Request) -> ORJSONResponse:
    """Links to the API description, conformance and collections."""
    return ORJSONResponse({
        "title": "craftmap — Hải Phòng",
        "description": "Craft villages, industrial clusters, pollution sources and industrial-promotion "
                       "projects of Hải Phòng (OGC API - Features).",
        "links": [
            link(url(request, "/"), "self", JSON, "This document"),
            link(url(request, "/openapi.json"), "service-desc", OPENAPI, "The API definition"),
            link(url(request, "/docs"), "service-doc", HTML, "The API documentation"),
            link(url(request, "/conformance"), "conformance", JSON, "Conformance classes"),
            link(url(request, "/collections"), "data", JSON, "The collections"),
        ],
    })


@router.get("/conformance", response_class=ORJSONResponse)
def conformance() -> ORJSONResponse:
    """The conformance classes this server implements."""
    return ORJSONResponse({"conformsTo": CONFORMANCE})
