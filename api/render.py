"""Rendering of HTML pages from the web edge: the request gives the page its shell (path prefix,
language switch, static export), ``maps.render`` does the rest.

Links in pages are root-relative (``/transparency/...``) and carry ``lang=en`` when the page is in
English; the static export rewrites them into relative file paths. A request with the header
``X-Craftmap-Static: 1`` comes from that export: pages then leave out what needs a server
(the filter form) and say so.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import HTMLResponse

from api.sessions import current
from api.urls import root_path, switch_href
from geo.model.collections import COLLECTIONS
from geo.model.feature import ItemQuery
from geo.store.base import Reader
from geo.store.cache import cached
from maps.builder import PageContext, sources_for_page
from maps.layers import TILE_THRESHOLD, TILED
from maps.render import PageShell, render_page

STATIC_HEADER = "x-craftmap-static"
T = TypeVar("T")


def is_static(request: Request) -> bool:
    return request.headers.get(STATIC_HEADER) == "1"


def shell(request: Request, lang: str) -> PageShell:
    """The request's part of every page (the static export never shows a signed-in person)."""
    static = is_static(request)
    person = None if static else current(request)
    return PageShell(lang, root_path(request), switch_href(request, lang), static,
                     None if person is None else person.user.name, "" if person is None else person.csrf,
                    "" if person is None else person.user.role)


def render(request: Request, template: str, lang: str, **context: Any) -> HTMLResponse:
    """Render a page template with the helpers every page uses."""
    return HTMLResponse(render_page(template, shell(request, lang), **context))


def map_context(request: Request, lang: str) -> PageContext:
    """What a map needs from the app: the page's shell, the basemap, the source registry and which
    layers are large enough to be drawn from vector tiles (not in the static export: no tile server)."""
    settings = request.app.state.settings
    store = getattr(request.app.state, "store", None)
    large = frozenset() if store is None or is_static(request) else large_layers(store)
    return PageContext(shell(request, lang), settings.tiles, settings.tiles_attribution,
                       sources_for_page(settings.data_dir, request.app.state.store), large)


def large_layers(store: Reader) -> frozenset[str]:
    """The collections of ``maps.layers.TILED`` holding more than ``TILE_THRESHOLD`` features (cached
    by data version, so a page costs no count)."""
    def count() -> frozenset[str]:
        return frozenset(cid for cid in TILED
                         if store.query(COLLECTIONS[cid], ItemQuery(limit=0)).number_matched > TILE_THRESHOLD)

    return cached(store, ("large_layers",), count)


def page_part(request: Request, store: Reader, key: Hashable, build: Callable[[], T]) -> T:
    """A page's costly part (its summaries and its folium map's parts, never the signed-in person), built
    once per data version for the request's root path and static flag plus ``key`` (language, filters)."""
    return cached(store, ("page-part", root_path(request), is_static(request), key), build)
