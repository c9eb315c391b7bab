"""Map pages: ``/maps/overview``, ``/maps/{collection}``, ``/maps/clusters/{id}`` (HTML).

Each handler checks its parameters and hands over to ``maps.pages``; the pages fetch their
features from the items endpoints, so their size does not grow with the data.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from api.deps import CollectionDep, LangDep, SettingsDep, StoreDep
from api.problems import problem_responses
from api.settings import ServerSettings
from api.urls import root_path
from geo.model.collections import get_collection
from maps.builder import sources_for_page
from maps.pages import PageContext, cluster_html, collection_html, overview_html

router = APIRouter(tags=["Maps"])

HTML_PAGE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "An interactive map page"}}


def _context(request: Request, settings: ServerSettings, lang: str) -> PageContext:
    """Language, public path prefix, basemap and the source registry of a map page."""
    return PageContext(lang, root_path(request), settings.tiles, settings.tiles_attribution,
                       sources_for_page(settings.data_dir))


@router.get("/maps/overview", response_class=HTMLResponse, responses={**HTML_PAGE, **problem_responses(400)})
def overview(request: Request, settings: SettingsDep, lang: LangDep) -> HTMLResponse:
    """Every layer over the district and commune boundaries, with legend, search and time filters."""
    return HTMLResponse(overview_html(_context(request, settings, lang)))


@router.get("/maps/clusters/{cluster_id}", response_class=HTMLResponse,
            responses={**HTML_PAGE, **problem_responses(400, 404)})
def cluster(request: Request, cluster_id: str, settings: SettingsDep, store: StoreDep,
            lang: LangDep) -> HTMLResponse:
    """One industrial cluster: outline, plots by status, facilities, villages and pollution nearby."""
    ctx = _context(request, settings, lang)
    feature = store.get(get_collection("clusters"), cluster_id)
    name = str(feature.properties.get("name") or cluster_id)
    return HTMLResponse(cluster_html(ctx, feature.id, name, feature.geometry))


@router.get("/maps/{collection_id}", response_class=HTMLResponse,
            responses={**HTML_PAGE, **problem_responses(400, 404)})
def collection_map(request: Request, c: CollectionDep, settings: SettingsDep, lang: LangDep) -> HTMLResponse:
    """One collection over the boundaries."""
    return HTMLResponse(collection_html(_context(request, settings, lang), c.id))
