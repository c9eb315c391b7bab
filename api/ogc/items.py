"""``/collections/{collectionId}/items`` and ``…/items/{featureId}``.

Parts 1 (paging, bbox, datetime, property filters), 2 (``crs``, ``bbox-crs``, ``Content-Crs``)
and 3 (``filter``, ``filter-lang``) of OGC API - Features, plus ``sortby``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import CollectionDep, LangDep, StoreDep, wants_html
from api.ogc.html import columns, items_map, page
from api.ogc.params import CrsDep, FormatQuery, ItemsDep
from api.ogc_schemas import ref
from api.problems import problem_responses
from api.responses import GeoJSONResponse
from api.serialize import feature_dict, geometries_json
from api.urls import GEOJSON, HTML, JSON, link, url_for
from geo.model import cursor as cursors
from geo.model.collections import Collection
from geo.model.feature import Feature, Page

router = APIRouter(tags=["Features"])


def geojson_or_html(schema: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses``: the ``api.ogc_schemas`` component ``schema`` as GeoJSON, or an HTML page."""
    return {200: {"description": "GeoJSON by default; HTML with `f=html` or `Accept: text/html`",
                  "headers": {"Content-Crs": {"description": "CRS of the coordinates, as `<uri>`",
                                              "schema": {"type": "string"}}},
                  "content": {GEOJSON: {"schema": ref(schema)}, HTML: {"schema": {"type": "string"}}}},
            **problem_responses(400, 404)}


@router.get("/collections/{collection_id}/items", response_class=GeoJSONResponse,
            responses=geojson_or_html("FeatureCollectionGeoJSON"))
def items(request: Request, *, p: ItemsDep, store: StoreDep, lang: LangDep, f: FormatQuery = None) -> Response:
    """Features of a collection, paged with ``limit`` and ``offset`` or the ``cursor`` of ``next`` links."""
    c = p.c
    q = p.query()
    result = store.query(c, q)
    position = p.offset if q.cursor is None else q.cursor.position
    after = None if result.next is None else cursors.encode(result.next, c.id, q.sortby)
    links = paging_links(request, c.id, offset=position, limit=p.limit, matched=result.number_matched,
                         returned=len(result.features), after=after)
    if wants_html(request, f):
        return _items_html(request, c, result, links=links, offset=position, lang=lang)
    target_crs = p.target_crs
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
                map=items_map(request, result.features, c, lang))


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
    out = [link(url_for(request, path, **params), "self", GEOJSON),
           link(url_for(request, path, **{**params, "f": "html"}), "alternate", HTML),
           link(url_for(request, f"/collections/{cid}"), "collection", JSON)]
    paged = {k: v for k, v in params.items() if k not in ("offset", "cursor", "limit")}
    if offset + returned < matched:
        start: dict[str, Any] = {"cursor": after} if after is not None else {"offset": offset + returned}
        out.append(link(url_for(request, path, **paged, **start, limit=limit), "next", GEOJSON, "Next page"))
    if offset > 0:
        out.append(link(url_for(request, path, **paged, offset=max(0, offset - limit), limit=limit),
                        "prev", GEOJSON, "Previous page"))
    return out


@router.get("/collections/{collection_id}/items/{feature_id}", response_class=GeoJSONResponse,
            responses=geojson_or_html("FeatureGeoJSON"))
def item(request: Request, *, c: CollectionDep, feature_id: str, store: StoreDep, target_crs: CrsDep,
         lang: LangDep, f: FormatQuery = None) -> Response:
    """One feature."""
    feature = store.get(c, feature_id)
    if wants_html(request, f):
        return _item_html(request, c, feature, lang)
    base = f"/collections/{c.id}"
    links = [link(url_for(request, f"{base}/items/{feature_id}"), "self", GEOJSON),
             link(url_for(request, f"{base}/items/{feature_id}", f="html"), "alternate", HTML),
             link(url_for(request, base), "collection", JSON)]
    return GeoJSONResponse(feature_dict(feature, geometries_json([feature], target_crs)[0], links),
                           headers={"ETag": f'"{feature.version}"', "Content-Crs": f"<{target_crs}>"})


def _item_html(request: Request, c: Collection, feature: Feature, lang: str) -> Response:
    name = feature.properties.get(c.name_field) or feature.id
    response = page(request, "item.html", lang, collection=c, feature=feature, name=str(name),
                    map=items_map(request, [feature], c, lang))
    response.headers["ETag"] = f'"{feature.version}"'
    return response
