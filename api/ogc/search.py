"""``/search?q=…``: every collection at once, accent- and case-insensitive, ranked (``geo.analysis.search``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import LangDep, StoreDep, parse_limit, wants_html
from api.ogc.html import page
from api.ogc.params import FormatQuery
from api.openapi30 import PARAMETER_SCHEMA
from api.problems import problem_responses
from api.responses import ORJSONResponse
from api.urls import GEOJSON, HTML, JSON, link, url_for
from geo.analysis import search as search_service
from geo.model.collections import COLLECTIONS, Collection
from geo.model.errors import InvalidParameter

router = APIRouter(tags=["Search"])

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
LIMIT_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}

HIT_SCHEMA = {"type": "object", "required": ["collection", "id", "name", "links"], "properties": {
    "collection": {"type": "string"}, "collectionTitle": {"type": "string"}, "id": {"type": "string"},
    "name": {"type": "string"}, "rank": {"type": "integer"}, "links": {"type": "array"},
    "formerUnits": {"type": "array", "items": {"type": "string"},
                    "description": "The commune(s) at the time of the record's sources"},
    "currentUnits": {"type": "array", "items": {"type": "string"}, "description": "Its unit(s) today"}}}
SEARCH_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Ranked hits (JSON) or a search page (HTML)", "content": {
        JSON: {"schema": {"type": "object", "required": ["query", "hits"], "properties": {
            "query": {"type": "string"}, "numberReturned": {"type": "integer"},
            "hits": {"type": "array", "items": HIT_SCHEMA}, "links": {"type": "array"}}}},
        HTML: {"schema": {"type": "string"}}}},
    **problem_responses(400),
}


def _collections(text: str | None) -> list[Collection]:
    if text is None or not text.strip():
        return list(COLLECTIONS.values())
    out = []
    for cid in (p.strip() for p in text.split(",") if p.strip()):
        if cid not in COLLECTIONS:
            raise InvalidParameter(f"collections: no collection '{cid}'.")
        out.append(COLLECTIONS[cid])
    return out


@router.get("/search", response_class=ORJSONResponse, responses=SEARCH_RESPONSES)
def search(request: Request, *, store: StoreDep, lang: LangDep,
           q: Annotated[str | None, Query(description="Words to find, with or without diacritics")] = None,
           collections: Annotated[str | None, Query(description="Comma-separated collection ids")] = None,
           limit: Annotated[str | None, Query(description=f"At most this many hits (≤ {MAX_LIMIT})",
                                              json_schema_extra={PARAMETER_SCHEMA: LIMIT_SCHEMA})] = None,
           f: FormatQuery = None) -> Response:
    """Features whose name or descriptive fields contain every word of ``q``, best matches first."""
    html = wants_html(request, f)
    scope, size = _collections(collections), parse_limit(limit, DEFAULT_LIMIT, MAX_LIMIT)
    if q is None and html:
        return page(request, "search.html", lang, q="", hits=[])
    if q is None:
        raise InvalidParameter("q is required: the words to search for.")
    hits = search_service.search(store, q, scope, size)
    if html:
        return page(request, "search.html", lang, q=q, hits=hits)
    return ORJSONResponse({
        "query": q,
        "numberReturned": len(hits),
        "hits": [_hit(request, h, lang) for h in hits],
        "links": [link(url_for(request, "/search", q=q, collections=collections, limit=limit), "self", JSON),
                  link(url_for(request, "/search", q=q, collections=collections, limit=limit, f="html"),
                       "alternate", HTML)],
    })


def _hit(request: Request, h: search_service.Hit, lang: str) -> dict[str, Any]:
    path = f"/collections/{h.collection.id}/items/{h.feature.id}"
    out = {"collection": h.collection.id, "collectionTitle": h.collection.title(lang), "id": h.feature.id,
           "name": h.name, "rank": h.rank,
           "links": [link(url_for(request, path), "item", GEOJSON, h.name),
                     link(url_for(request, path, f="html"), "alternate", HTML, h.name)]}
    if "current_unit_names" in h.collection.field_names:  # placed records tell where they were and are
        out["formerUnits"] = h.feature.properties.get("former_unit_names") or []
        out["currentUnits"] = h.feature.properties.get("current_unit_names") or []
    return out
