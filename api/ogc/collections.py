"""``/collections`` and ``/collections/{collectionId}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import CollectionDep, LangDep, StoreDep, wants_html
from api.ogc.html import page
from api.ogc.landing import json_or_html
from api.ogc.params import FormatQuery
from api.problems import problem_responses
from api.responses import ORJSONResponse
from api.urls import GEOJSON, HTML, JSON, link, url_for
from geo.model.collections import COLLECTIONS, Collection
from geo.spatial import crs
from geo.store.base import Store

TILESETS_REL = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"  # OGC API - Tiles, geodata-tilesets

router = APIRouter(tags=["Collections"])

QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
SCHEMA_REL = "http://www.opengis.net/def/rel/ogc/1.0/schema"
SCHEMA_JSON = "application/schema+json"


def describe(request: Request, collection: Collection, store: Store) -> dict[str, Any]:
    """The collection document: extent, CRSs, links."""
    extent = store.extent(collection)
    base = f"/collections/{collection.id}"
    doc: dict[str, Any] = {
        "id": collection.id,
        "title": collection.title_vi,
        "description": collection.description_vi,
        "itemType": "feature",
        "crs": list(crs.SUPPORTED),
        "storageCrs": crs.CRS84,
        "extent": {"spatial": {"bbox": [list(extent.bbox) if extent.bbox else [*crs.HAIPHONG_BBOX]],
                               "crs": crs.CRS84}},
        "links": [
            link(url_for(request, base), "self", JSON, collection.title_en),
            link(url_for(request, base, f="html"), "alternate", HTML, collection.title_en),
            link(url_for(request, base + "/items"), "items", GEOJSON, "Features"),
            link(url_for(request, base + "/queryables"), QUERYABLES_REL, SCHEMA_JSON, "Queryables"),
            link(url_for(request, base + "/schema"), "describedby", SCHEMA_JSON, "Schema of the features"),
            link(url_for(request, base + "/schema"), SCHEMA_REL, SCHEMA_JSON, "Schema of the features"),
            link(url_for(request, base + "/tiles"), TILESETS_REL, JSON, "Vector tiles"),
        ],
    }
    if extent.interval is not None:
        doc["extent"]["temporal"] = {"interval": [list(extent.interval)],
                                     "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    return doc


@router.get("/collections", response_class=ORJSONResponse, responses=json_or_html("Collections"))
def collections(request: Request, store: StoreDep, lang: LangDep, f: FormatQuery = None) -> Response:
    """Every collection."""
    if wants_html(request, f):
        return page(request, "collections.html", lang, collections=list(COLLECTIONS.values()))
    return ORJSONResponse({
        "collections": [describe(request, c, store) for c in COLLECTIONS.values()],
        "links": [link(url_for(request, "/collections"), "self", JSON),
                  link(url_for(request, "/collections", f="html"), "alternate", HTML)],
    })


@router.get("/collections/{collection_id}", response_class=ORJSONResponse,
            responses={**json_or_html("Collection"), **problem_responses(400, 404)})
def collection(request: Request, c: CollectionDep, store: StoreDep, lang: LangDep,
               f: FormatQuery = None) -> Response:
    """One collection."""
    doc = describe(request, c, store)
    if wants_html(request, f):
        return page(request, "collection.html", lang, collection=c, doc=doc)
    return ORJSONResponse(doc)
