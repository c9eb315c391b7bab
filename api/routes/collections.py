"""``/collections`` and ``/collections/{collectionId}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import CollectionDep, StoreDep
from api.links import GEOJSON, JSON, link, url
from api.problems import problem_responses
from api.responses import ORJSONResponse
from geo import crs
from geo.layers import COLLECTIONS, Collection
from geo.store.base import Store

router = APIRouter(tags=["Collections"])


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
            link(url(request, base), "self", JSON, collection.title_en),
            link(url(request, base + "/items"), "items", GEOJSON, "Features"),
        ],
    }
    if extent.interval is not None:
        doc["extent"]["temporal"] = {"interval": [list(extent.interval)],
                                     "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    return doc


@router.get("/collections", response_class=ORJSONResponse)
def collections(request: Request, store: StoreDep) -> ORJSONResponse:
    """Every collection."""
    return ORJSONResponse({
        "collections": [describe(request, c, store) for c in COLLECTIONS.values()],
        "links": [link(url(request, "/collections"), "self", JSON)],
    })


@router.get("/collections/{collection_id}", response_class=ORJSONResponse, responses=problem_responses(404))
def collection(request: Request, c: CollectionDep, store: StoreDep) -> ORJSONResponse:
    """One collection."""
    return ORJSONResponse(describe(request, c, store))
