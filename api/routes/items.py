"""``/collections/{collectionId}/items`` and ``…/items/{featureId}``.

Parts 1 (paging, bbox, datetime, property filters), 2 (``crs``, ``bbox-crs``, ``Content-Crs``)
and 3 (``filter``, ``filter-lang``) of OGC API - Features, plus ``sortby``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.deps import CollectionDep, DatetimeDep, LimitDep, OffsetDep, StoreDep, wants_html
from api.links import GEOJSON, HTML, JSON, link, url
from api.ogc_html import columns, map_context, page
from api.ogc_params import BboxCrsDep, CrsDep, FilterDep, FormatQuery, SortbyDep
from api.pages import LangDep
from api.problems import problem_responses
from api.responses import GeoJSONResponse
from api.serialize import feature_dict, geometries_json
from geo.model import cursor as cursors
from geo.model.collections import Collection
from geo.model.errors import InvalidParameter
from geo.model.feature import Feature, ItemQuery, Page
from geo.model.queryables import check_sortby

router = APIRouter(tags=["Features"])

RESERVED = {"bbox", "limit", "offset", "cursor", "datetime", "f", "crs", "bbox-crs", "filter", "filter-lang",
            "filter-crs", "sortby", "properties", "lang"}
_INT64 = 2**63

GEOJSON_OR_HTML: dict[int | str, dict[str, Any]] = {
    200: {"description": "GeoJSON by default; HTML with `f=html` or `Accept: text/html`",
          "headers": {"Content-Crs": {"description": "CRS of the coordinates, as `<uri>`",
                                      "schema": {"type": "string"}}},
          "content": {GEOJSON: {"schema": {"type": "object"}}, HTML: {"schema": {"type": "string"}}}},
}


def property_filters(request: Request, collection: Collection) -> dict[str, Any]:
    """Equality filters from query parameters named after public, scalar or array properties."""
    out: dict[str, Any] = {}
    for name, value in request.query_params.items():
        if name in RESERVED:
            continue
        if name not in collection.field_names or name in collection.private_names:
            raise InvalidParameter(f"Unknown parameter '{name}': not a queryable of {collection.id}.")
        f = collection.field(name)
        if f.type == "object" or f.items == "object":
            raise InvalidParameter(f"'{name}' cannot be filtered by value; use a CQL2 filter.")
        out[name] = _coerce(f.items if f.type == "array" and f.items else f.type, value, name)
    return out


def _coerce(type_: str, value: str, name: str) -> Any:
    try:
        if type_ == "integer":
            number = int(value)
            if abs(number) >= _INT64:
                raise ValueError
            return number
        if type_ == "number":
            return float(value)
    except ValueError:
        raise InvalidParameter(f"'{name}' must be a {type_}, got '{value}'.") from None
    if type_ == "boolean":
        if value.lower() not in ("true", "false"):
            raise InvalidParameter(f"'{name}' must be true or false, got '{value}'.")
        return value.lower() == "true"
    return value


CursorQuery = Annotated[str | None, Query(
    description="Opaque position from a `next` link: the page after it, found by key (not by skipping rows)")]


def start_cursor(c: Collection, sortby: tuple[tuple[str, bool], ...], cursor: str | None,
                 offset: int) -> cursors.Cursor | None:
    """The decoded ``cursor`` parameter (a ``next`` link's), or ``None``; never with an ``offset``."""
    if cursor is None:
        return None
    if offset:
        raise InvalidParameter("cursor and offset cannot be combined: a cursor already says where the page starts.")
    return cursors.decode(cursor, c.id, sortby)


def checked_sortby(collection: Collection, sortby: tuple[tuple[str, bool], ...]) -> tuple[tuple[str, bool], ...]:
    return check_sortby(collection, sortby)


@router.get("/collections/{collection_id}/items", response_class=GeoJSONResponse,
            responses={**GEOJSON_OR_HTML, **problem_responses(400, 404)})
def items(request: Request, *, c: CollectionDep, store: StoreDep, limit: LimitDep, offset: OffsetDep,
          bbox: BboxCrsDep, datetime: DatetimeDep, target_crs: CrsDep, cql: FilterDep, sortby: SortbyDep,
          lang: LangDep, cursor: CursorQuery = None, f: FormatQuery = None) -> Response:
    """Features of a collection, paged with ``limit`` and ``offset`` or the ``cursor`` of ``next`` links."""
    sortby = checked_sortby(c, sortby)
    start = start_cursor(c, sortby, cursor, offset)
    q = ItemQuery(bbox=bbox, datetime=datetime, properties=property_filters(request, c), filter=cql,
                  sortby=sortby, limit=limit, offset=offset, cursor=start)
    result = store.query(c, q)
    position = offset if start is None else start.position
    after = None if result.next is None else cursors.encode(result.next, c.id, sortby)
    links = paging_links(request, c.id, offset=position, limit=limit, matched=result.number_matched,
                         returned=len(result.features), after=after)
    if wants_html(request, f):
        return _items_html(request, c, result, links=links, offset=position, lang=lang)
    geoms = geometries_json(result.features, target_crs)
    body = {
        "type": "FeatureCollection",
        "features": [feature_dict(f, g) for f, g in zip(result.features, geoms, strict=True)],
        "numberMatched": result.number_matched,
        "numberReturned": len(result.features),
        "links": links,
    }
    return GeoJSONResponse(body, headers={"Content-Crs": f"<{target_crs}>"})


def _items_html(request: Request, c: Collection, result: Page, *, links: list[dict[str, str]], offset: int,
                lang: str) -> Response:
    def html_href(rel: str) -> str | None:
        for item in links:
            if item["rel"] == rel:
                return _as_html(item["href"], lang)
        return None

    return page(request, "items.html", lang, collection=c, features=result.features,
                matched=result.number_matched, returned=len(result.features), offset=offset,
                columns=columns(c), next_href=html_href("next"), prev_href=html_href("prev"),
                **map_context(request, result.features, c.id))


def _as_html(href: str, lang: str) -> str:
    href = href.replace("f=json", "f=html").replace("f=geojson", "f=html")
    if "f=html" not in href:
        href += ("&" if "?" in href else "?") + "f=html"
    if lang == "en" and "lang=en" not in href:
        href += "&lang=en"
    return href


def paging_links(request: Request, cid: str, *, offset: int, limit: int, matched: int, returned: int,
                 after: str | None = None) -> list[dict[str, str]]:
    """``next`` carries the keyset ``after`` when the store gave one (else an offset); ``prev`` an offset."""
    params = {k: v for k, v in request.query_params.items() if k != "f"}
    path = f"/collections/{cid}/items"
    out = [link(url(request, path, **params), "self", GEOJSON),
           link(url(request, path, **{**params, "f": "html"}), "alternate", HTML),
           link(url(request, f"/collections/{cid}"), "collection", JSON)]
    paged = {k: v for k, v in params.items() if k not in ("offset", "cursor", "limit")}
    if offset + returned < matched:
        start: dict[str, Any] = {"cursor": after} if after is not None else {"offset": offset + returned}
        out.append(link(url(request, path, **paged, **start, limit=limit), "next", GEOJSON, "Next page"))
    if offset > 0:
        out.append(link(url(request, path, **paged, offset=max(0, offset - limit), limit=limit),
                        "prev", GEOJSON, "Previous page"))
    return out


@router.get("/collections/{collection_id}/items/{feature_id}", response_class=GeoJSONResponse,
            responses={**GEOJSON_OR_HTML, **problem_responses(400, 404)})
def item(request: Request, *, c: CollectionDep, feature_id: str, store: StoreDep, target_crs: CrsDep,
         lang: LangDep, f: FormatQuery = None) -> Response:
    """One feature."""
    feature = store.get(c, feature_id)
    if wants_html(request, f):
        return _item_html(request, c, feature, lang)
    base = f"/collections/{c.id}"
    links = [link(url(request, f"{base}/items/{feature_id}"), "self", GEOJSON),
             link(url(request, f"{base}/items/{feature_id}", f="html"), "alternate", HTML),
             link(url(request, base), "collection", JSON)]
    return GeoJSONResponse(feature_dict(feature, geometries_json([feature], target_crs)[0], links),
                           headers={"ETag": f'"{feature.version}"', "Content-Crs": f"<{target_crs}>"})


def _item_html(request: Request, c: Collection, feature: Feature, lang: str) -> Response:
    name = feature.properties.get(c.name_field) or feature.id
    response = page(request, "item.html", lang, collection=c, feature=feature, name=str(name),
                    **map_context(request, [feature], c.id))
    response.headers["ETag"] = f'"{feature.version}"'
    return response
