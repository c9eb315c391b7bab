"""The complete map pages behind ``/maps/…``, composed from ``ApiLayer`` builders.

Each page is a folium map from ``offline_map`` with admin boundaries as the background, one
``ApiLayer`` per collection, folium's ``LayerControl`` and craftmap's own controls. The pages hold
configuration only (a few KB); the features arrive from the API once the page runs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import folium
from branca.element import Figure
from shapely.geometry.base import BaseGeometry

from geo.model.collections import COLLECTIONS
from geo.records.sources import registry
from geo.settings import Settings
from maps.assets import STATIC_PREFIX, offline_map
from maps.i18n import UI, pick
from maps.layers import ApiLayer, PageControls

OVERVIEW_ORDER = ("clusters", "cluster_plots", "villages", "facilities", "pollution_sources", "projects")
# Layers off at first on the overview: plots are specks at city scale and hide the cluster outlines.
HIDDEN_AT_FIRST = frozenset({"cluster_plots"})
NEARBY_KM = 3.0  # villages and polluters within walking-and-trucking range of a cluster


@dataclass(frozen=True)
class PageContext:
    """What every page needs from the app: language, URL root, basemap and the source registry."""

    lang: str
    api_root: str
    tiles: str
    attribution: str
    sources: dict[str, dict[str, str]]

    @classmethod
    def from_settings(cls, settings: Settings, lang: str) -> PageContext:
        root = urlsplit(settings.base_url).path.rstrip("/") if settings.base_url else ""
        return cls(lang, root, settings.tiles, settings.tiles_attribution,
                   sources_for_page(settings.data_dir))


def sources_for_page(data_dir: Path) -> dict[str, dict[str, str]]:
    """The source registry as the popups need it; a missing registry gives bare ids, not an error."""
    try:
        sources = registry(data_dir)
    except FileNotFoundError:
        return {}
    return {sid: {"title": s.title, "publisher": s.publisher, "address": s.address, "date": s.date}
            for sid, s in sources.items()}


def _map(ctx: PageContext, title: str) -> folium.Map:
    m = offline_map(ctx.tiles, ctx.attribution, prefix=ctx.api_root + STATIC_PREFIX,
                    basemap_name=pick(UI["basemap"], ctx.lang))
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.title = html.escape(title)  # branca does not escape the title
    return m


# The day before today's 114 units: the old frame of districts and communes (OGC ``datetime``).
OLD_FRAME = "2025-06-30"


def _admin(m: folium.Map, ctx: PageContext) -> None:
    """Today's units by default; the old frame as layers to switch on (the layer control is the switch)."""
    ApiLayer("admin_units", ctx.lang, title=pick(UI["units_today"], ctx.lang), api_root=ctx.api_root,
             query={"datetime": date.today().isoformat()}).add_to(m)
    for level, word in (("district", "districts_old"), ("commune", "communes_old")):
        ApiLayer("admin_units", ctx.lang, title=pick(UI[word], ctx.lang), api_root=ctx.api_root,
                 query={"level": level, "datetime": OLD_FRAME}, show=False).add_to(m)


def _finish(m: folium.Map, ctx: PageContext, fit: list[list[float]] | None = None, single: bool = False) -> str:
    folium.LayerControl(collapsed=False).add_to(m)
    PageControls(ctx.lang, ctx.sources, fit=fit, single=single).add_to(m)
    page = m.get_root().render()
    return page.replace("<html>", f'<html lang="{ctx.lang}">', 1)


def overview_html(ctx: PageContext) -> str:
    """Every collection as its own layer over the district and commune boundaries."""
    m = _map(ctx, pick(UI["overview"], ctx.lang))
    _admin(m, ctx)
    for cid in OVERVIEW_ORDER:
        ApiLayer(cid, ctx.lang, api_root=ctx.api_root, show=cid not in HIDDEN_AT_FIRST).add_to(m)
    return _finish(m, ctx)


def collection_html(ctx: PageContext, collection_id: str) -> str:
    """One collection over the boundaries (``collection_id`` already checked by the route)."""
    collection = COLLECTIONS[collection_id]
    m = _map(ctx, f"{pick(UI['layer_map'], ctx.lang)}: {collection.title(ctx.lang)}")
    if collection_id == "admin_units":
        _admin(m, ctx)
    else:
        _admin(m, ctx)
        ApiLayer(collection_id, ctx.lang, api_root=ctx.api_root).add_to(m)
    return _finish(m, ctx, single=True)


def nearby_bbox(geometry: BaseGeometry, km: float = NEARBY_KM) -> tuple[float, float, float, float]:
    """The geometry's bounds grown by about ``km`` (degrees scaled by latitude; fine at 20° N)."""
    import math

    minx, miny, maxx, maxy = geometry.bounds
    dlat = km / 111.32
    dlon = km / (111.32 * max(math.cos(math.radians((miny + maxy) / 2)), 0.1))
    return (minx - dlon, miny - dlat, maxx + dlon, maxy + dlat)


def cluster_html(ctx: PageContext, cluster_id: str, name: str, geometry: BaseGeometry | None) -> str:
    """A cluster's outline, its plots by status, its facilities, and villages and pollution nearby."""
    m = _map(ctx, f"{pick(UI['cluster_map'], ctx.lang)}: {name}")
    _admin(m, ctx)
    fit = None
    near: dict[str, str] = {}
    if geometry is not None and not geometry.is_empty:
        box = nearby_bbox(geometry)
        near = {"bbox": ",".join(f"{v:.6f}" for v in box)}
        minx, miny, maxx, maxy = geometry.bounds
        fit = [[miny, minx], [maxy, maxx]]
    nearby = pick(UI["nearby"], ctx.lang)
    ApiLayer("clusters", ctx.lang, api_root=ctx.api_root, item_id=cluster_id, title=name).add_to(m)
    ApiLayer("cluster_plots", ctx.lang, api_root=ctx.api_root, query={"cluster_id": cluster_id}).add_to(m)
    ApiLayer("facilities", ctx.lang, api_root=ctx.api_root, query={"cluster_id": cluster_id},
             cluster=False).add_to(m)
    for cid in ("villages", "pollution_sources"):
        title = f"{COLLECTIONS[cid].title(ctx.lang)} ({nearby})"
        ApiLayer(cid, ctx.lang, api_root=ctx.api_root, query=near, title=title, cluster=False).add_to(m)
    return _finish(m, ctx, fit=fit)
