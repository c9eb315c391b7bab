"""Map pages: ``/maps/overview``, ``/maps/{collection}``, ``/maps/clusters/{id}`` (HTML), and the drawn
basemap every map falls back to without Internet (``/maps/outlines.geojson``).

Each handler checks its parameters and hands over to ``maps.pages``; the pages fetch their
features from the items endpoints, so their size does not grow with the data.
"""

from __future__ import annotations

import gzip
import hashlib
from datetime import date
from typing import Any

import orjson
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from api.deps import CollectionDep, LangDep, StoreDep
from api.problems import problem_responses
from api.render import map_context
from geo.model.collections import COLLECTIONS, get_collection
from geo.spatial.outlines import outlines
from geo.store.cache import cached
from maps.pages import cluster_html, collection_html, overview_html

router = APIRouter(tags=["Maps"])

HTML_PAGE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "An interactive map page"}}


@router.get("/maps/overview", response_class=HTMLResponse, responses={**HTML_PAGE, **problem_responses(400)})
def overview(request: Request, lang: LangDep) -> HTMLResponse:
    """Every layer over the district and commune boundaries, with legend, search and time filters."""
    return HTMLResponse(overview_html(map_context(request, lang)))


@router.get("/maps/clusters/{cluster_id}", response_class=HTMLResponse,
            responses={**HTML_PAGE, **problem_responses(400, 404)})
def cluster(request: Request, cluster_id: str, store: StoreDep, lang: LangDep) -> HTMLResponse:
    """One industrial cluster: outline, plots by status, facilities, villages and pollution nearby."""
    ctx = map_context(request, lang)
    feature = store.get(get_collection("clusters"), cluster_id)
    name = str(feature.properties.get("name") or cluster_id)
    return HTMLResponse(cluster_html(ctx, feature.id, name, feature.geometry))


@router.get("/maps/outlines.geojson", response_class=Response, summary="The drawn basemap: city and communes",
            responses={
    200: {"content": {"application/geo+json": {}},
          "description": "The city outline and today's communes, simplified, each with a label point"},
    304: {"description": "Not modified since the ETag in `If-None-Match`"}})
def outlines_geojson(request: Request, store: StoreDep) -> Response:
    """The drawn basemap (``geo.spatial.outlines``): computed once per data version and day, gzipped for
    clients that accept it (about a quarter of the bytes)."""
    day = date.today()

    def compute() -> tuple[bytes, bytes, str]:
        body = orjson.dumps(outlines(store.read_all(COLLECTIONS["admin_units"]), day))
        return body, gzip.compress(body, 6), hashlib.sha256(body).hexdigest()[:32]

    body, packed, digest = cached(store, ("outlines", day.isoformat()), compute)
    zipped = "gzip" in request.headers.get("accept-encoding", "").lower()
    etag = f'"{digest}-gz"' if zipped else f'"{digest}"'  # one tag per representation
    headers = {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    if zipped:
        return Response(packed, media_type="application/geo+json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(body, media_type="application/geo+json", headers=headers)


@router.get("/maps/{collection_id}", response_class=HTMLResponse,
            responses={**HTML_PAGE, **problem_responses(400, 404)})
def collection_map(request: Request, c: CollectionDep, lang: LangDep) -> HTMLResponse:
    """One collection over the boundaries."""
    return HTMLResponse(collection_html(map_context(request, lang), c.id))
