"""``/collections/{collectionId}/items`` and ``…/items/{featureId}``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import BboxDep, CollectionDep, DatetimeDep, LimitDep, OffsetDep, StoreDep
from api.links import GEOJSON, JSON, link, url
from api.problems import problem_responses
from api.responses import GeoJSONResponse
from api.serialize import feature_dict, geometries_json
from geo.errors import InvalidParameter
from geo.layers import Collection
from geo.store.base import ItemQuery

router = APIRouter(tags=["Features"])

RESERVED = {"bbox", "limit", "offset", "datetime", "f", "crs", "bbox-crs", "filter", "filter-lang",
            "filter-crs", "sortby", "properties", "lang"}


def property_filters(request: Request, collection: Collection) -> dict[str, Any]:
    """Equality filters from query parameters named after public, scalar or array properties."""
    out: dict[str, Any] = {}
    for name, value in request.query_params.items():
        if name in RESERVED:
            continue
        if name not in collection.field_names or name in collection.private_names:
            raise InvalidParameter(f"Unknown parameter '{name}': not a queryable of {collection.id}.")
        f = collection.field(name)
        if f.type == "object":
            raise InvalidParameter(f"'{name}' cannot be filtered by value; use a CQL2 filter.")
        out[name] = _coerce(f.type, value, name)
    return out


def _coerce(type_: str, value: str, name: str) -> Any:
    try:
        if type_ == "integer":
            return int(value)
        if type_ == "number":
            return float(value)
    except ValueError:
        raise InvalidParameter(f"'{name}' must be a {type_}, got '{value}'.") from None
    if type_ == "boolean":
        if value.lower() not in ("true", "false"):
            raise InvalidParameter(f"'{name}' must be true or false, got '{value}'.")
        return value.lower() == "true"
    return value


@router.get("/collections/{collection_id}/items", response_class=GeoJSONResponse,
            responses=problem_responses(400, 404))
def items(request: Request, c: CollectionDep, store: StoreDep, limit: LimitDep, offset: OffsetDep,
          bbox: BboxDep, datetime: DatetimeDep) -> GeoJSONResponse:
    """Features of a collection, paged with ``limit``/``offset`` and ``next``/``prev`` links."""
    q = ItemQuery(bbox=bbox, datetime=datetime, properties=property_filters(request, c), limit=limit,
                  offset=offset)
    page = store.query(c, q)
    geoms = geometries_json(page.features)
    body = {
        "type": "FeatureCollection",
        "features": [feature_dict(f, g) for f, g in zip(page.features, geoms, strict=True)],
        "numberMatched": page.number_matched,
        "numberReturned": len(page.features),
        "links": paging_links(request, c.id, offset, limit, page.number_matched, len(page.features)),
    }
    return GeoJSONResponse(body)


def paging_links(request: Request, cid: str, offset: int, limit: int, matched: int, returned: int) -> list[
        dict[str, str]]:
    params = dict(request.query_params)
    path = f"/collections/{cid}/items"
    out = [link(url(request, path, **params), "self", GEOJSON),
           link(url(request, f"/collections/{cid}"), "collection", JSON)]
    if offset + returned < matched:
        out.append(link(url(request, path, **{**params, "offset": offset + returned, "limit": limit}), "next",
                        GEOJSON, "Next page"))
    if offset > 0:
        out.append(link(url(request, path, **{**params, "offset": max(0, offset - limit), "limit": limit}),
                        "prev", GEOJSON, "Previous page"))
    return out


@router.get("/collections/{collection_id}/items/{feature_id}", response_class=GeoJSONResponse,
            responses=problem_responses(404))
def item(request: Request, c: CollectionDep, feature_id: str, store: StoreDep) -> GeoJSONResponse:
    """One feature."""
    feature = store.get(c, feature_id)
    base = f"/collections/{c.id}"
    links = [link(url(request, f"{base}/items/{feature_id}"), "self", GEOJSON),
             link(url(request, base), "collection", JSON)]
    return GeoJSONResponse(feature_dict(feature, geometries_json([feature])[0], links),
                           headers={"ETag": f'"{feature.version}"'})
