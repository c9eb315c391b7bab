"""OGC API - Tiles: vector tiles (Mapbox Vector Tiles) of every collection in WebMercatorQuad.

``/tileMatrixSets``, ``/collections/{id}/tiles`` (the tilesets list), the tileset description and
the tiles. A tile honours the collection's ``filter``, ``datetime`` and property equality as the
items do. Tiles are cached by the store's data version and carry a strong ETag (a digest of the
bytes): ``If-None-Match`` answers 304 until a write changes the tile. A tile without features is
200 with an empty body (an MVT of no layers), which the Tiles standard allows beside 204 and
which every MVT reader decodes.

A crowded tile is thinned (``geo.spatial.tiles``): when more than ``CAP`` features match, the
tile holds one point per non-empty cell of a 32 × 32 grid with the single property ``cm_count``
instead of the features, so a low-zoom tile over a million facilities stays a few KB. The
tileset description says so (``layers[].description``); zoom in until a tile holds the features.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.deps import CollectionDep, DatetimeDep, StoreDep
from api.ogc.params import FilterDep, property_filters
from api.problems import problem_responses
from api.responses import ORJSONResponse
from api.urls import JSON, link, url_for
from geo.model.feature import ItemQuery
from geo.spatial import crs, tiles
from geo.store.cache import cached

router = APIRouter(tags=["Tiles"])

MVT = "application/vnd.mapbox-vector-tile"
_TILES = "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/{name}"
CONFORMANCE = [*(_TILES.format(name=n) for n in ("core", "tileset", "tilesets-list", "geodata-tilesets", "mvt")),
               "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset"]
THINNING = ("A tile holds the features themselves while at most {cap} match it; beyond that it holds one point "
            "per non-empty cell of a {grid} x {grid} grid over the tile, at the mean position of the features "
            "whose bounding-box centre lies in the cell, with the single property '{count}' (how many).")
_TEMPLATE = "/collections/{cid}/tiles/WebMercatorQuad/{{tileMatrix}}/{{tileRow}}/{{tileCol}}"
TILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "A Mapbox Vector Tile (empty when no feature falls in the tile)",
          "headers": {"ETag": {"description": "Strong validator of the tile", "schema": {"type": "string"}}},
          "content": {MVT: {"schema": {"type": "string", "format": "binary"}}}},
    304: {"description": "Not modified since the ETag in `If-None-Match`"},
}


@router.get("/tileMatrixSets", response_class=ORJSONResponse)
def tile_matrix_sets(request: Request) -> ORJSONResponse:
    """The tile matrix sets the tiles use: WebMercatorQuad only."""
    return ORJSONResponse({"tileMatrixSets": [{
        "id": tiles.TMS_ID, "title": "Google Maps Compatible for the World", "uri": tiles.TMS_URI,
        "links": [link(url_for(request, f"/tileMatrixSets/{tiles.TMS_ID}"), "self", JSON)]}]})


@router.get("/tileMatrixSets/WebMercatorQuad", response_class=ORJSONResponse)
def tile_matrix_set() -> ORJSONResponse:
    """The WebMercatorQuad definition (OGC Two Dimensional Tile Matrix Set 2.0)."""
    return ORJSONResponse(tiles.tile_matrix_set())


def _tileset(request: Request, cid: str, title: str) -> dict[str, Any]:
    return {
        "title": title, "dataType": "vector", "crs": tiles.WEB_MERCATOR_URI, "tileMatrixSetURI": tiles.TMS_URI,
        "links": [
            link(url_for(request, f"/collections/{cid}/tiles/{tiles.TMS_ID}"), "self", JSON, "Tileset"),
            link(url_for(request, f"/tileMatrixSets/{tiles.TMS_ID}"),
                 "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", JSON, "WebMercatorQuad"),
            {**link(url_for(request, _TEMPLATE.format(cid=cid)), "item", MVT, "Vector tiles"),
             "templated": True},
        ],
    }


@router.get("/collections/{collection_id}/tiles", response_class=ORJSONResponse,
            responses=problem_responses(404))
def tilesets(request: Request, c: CollectionDep) -> ORJSONResponse:
    """The collection's tilesets: vector tiles in WebMercatorQuad."""
    return ORJSONResponse({"links": [link(url_for(request, f"/collections/{c.id}"), "collection", JSON)],
                           "tilesets": [_tileset(request, c.id, c.title_en)]})


@router.get("/collections/{collection_id}/tiles/WebMercatorQuad", response_class=ORJSONResponse,
            responses=problem_responses(404))
def tileset(request: Request, c: CollectionDep, store: StoreDep) -> ORJSONResponse:
    """One tileset: its tile matrix set, the tiles the collection's extent touches, the URL template."""
    body = _tileset(request, c.id, c.title_en)
    bbox = store.extent(c).bbox
    if bbox is not None:
        body["boundingBox"] = {"lowerLeft": list(bbox[:2]), "upperRight": list(bbox[2:]), "crs": crs.CRS84}
        body["tileMatrixSetLimits"] = tiles.limits(bbox)
    body["layers"] = [{"id": c.id, "dataType": "vector", "geometryDimension": 0 if c.geometry_type == "Point" else 2,
                       "description": THINNING.format(cap=tiles.CAP, grid=tiles.GRID, count=tiles.COUNT)}]
    return ORJSONResponse(body)


@router.get("/collections/{collection_id}/tiles/WebMercatorQuad/{tile_matrix}/{tile_row}/{tile_col}",
            response_class=Response, responses={**TILE_RESPONSES, **problem_responses(400, 404)})
def tile(request: Request, *, c: CollectionDep, store: StoreDep, tile_matrix: int, tile_row: int, tile_col: int,
         datetime: DatetimeDep, cql: FilterDep) -> Response:
    """One vector tile of the collection's public fields, filtered like the items."""
    tiles.tile(tile_matrix, tile_col, tile_row)  # out of the set: 404 before any work
    q = ItemQuery(datetime=datetime, properties=property_filters(request, c), filter=cql)
    key = ("tile", c.id, tile_matrix, tile_col, tile_row, str(sorted(request.query_params.multi_items())))
    body, etag = cached(store, key, lambda: _tagged(store.tile(c, tile_matrix, tile_col, tile_row, q)))
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=MVT, headers=headers)


def _tagged(body: bytes) -> tuple[bytes, str]:
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
