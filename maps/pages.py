"""The map pages behind ``/maps/…``: which layers each shows, built by ``maps.builder.build``.

Admin boundaries are the background, one ``ApiLayer`` per collection on top. The pages hold
configuration only (a few KB); the features arrive from the API once the page runs.
"""

from __future__ import annotations

from datetime import date

from shapely.geometry.base import BaseGeometry

from geo.i18n.words import word
from geo.model.collections import COLLECTIONS
from maps.builder import MapPage, PageContext, build
from maps.layers import ApiLayer

__all__ = ["PageContext", "cluster_html", "collection_html", "overview_html"]

OVERVIEW_ORDER = ("clusters", "cluster_plots", "villages", "facilities", "pollution_sources", "projects")
# Layers off at first on the overview: plots are specks at city scale and hide the cluster outlines.
HIDDEN_AT_FIRST = frozenset({"cluster_plots"})
NEARBY_KM = 3.0  # villages and polluters within walking-and-trucking range of a cluster


# The day before today's 114 units: the old frame of districts and communes (OGC ``datetime``).
OLD_FRAME = "2025-06-30"


def admin_layers(ctx: PageContext, levels: tuple[str, ...] = ("district", "commune")) -> list[ApiLayer]:
    """The background of every map: today's units, and the old districts and communes as layers to switch on
    (the layer control is the date switch)."""
    names = {"district": "districts_old", "commune": "communes_old"}
    today = ApiLayer("admin_units", ctx.lang, title=word("units_today", ctx.lang), api_root=ctx.api_root,
                     query={"datetime": date.today().isoformat()})
    return [today, *(ApiLayer("admin_units", ctx.lang, title=word(names[level], ctx.lang), api_root=ctx.api_root,
                              query={"level": level, "datetime": OLD_FRAME}, show=False) for level in levels)]


def overview_html(ctx: PageContext) -> str:
    """Every collection as its own layer over the district and commune boundaries."""
    layers = [ApiLayer(cid, ctx.lang, api_root=ctx.api_root, show=cid not in HIDDEN_AT_FIRST, tiled=cid in ctx.large)
              for cid in OVERVIEW_ORDER]
    return build(ctx, MapPage(word("overview", ctx.lang), [*admin_layers(ctx), *layers]))


def collection_html(ctx: PageContext, collection_id: str) -> str:
    """One collection over the boundaries (``collection_id`` already checked by the route)."""
    collection = COLLECTIONS[collection_id]
    own = [] if collection_id == "admin_units" else [ApiLayer(collection_id, ctx.lang, api_root=ctx.api_root,
                                                              tiled=collection_id in ctx.large)]
    return build(ctx, MapPage(f"{word('map', ctx.lang)}: {collection.title(ctx.lang)}", [*admin_layers(ctx), *own],
                              single=True))


def nearby_bbox(geometry: BaseGeometry, km: float = NEARBY_KM) -> tuple[float, float, float, float]:
    """The geometry's bounds grown by about ``km`` (degrees scaled by latitude; fine at 20° N)."""
    import math

    minx, miny, maxx, maxy = geometry.bounds
    dlat = km / 111.32
    dlon = km / (111.32 * max(math.cos(math.radians((miny + maxy) / 2)), 0.1))
    return (minx - dlon, miny - dlat, maxx + dlon, maxy + dlat)


def cluster_html(ctx: PageContext, cluster_id: str, name: str, geometry: BaseGeometry | None) -> str:
    """A cluster's outline, its plots by status, its facilities, and villages and pollution nearby."""
    fit = None
    near: dict[str, str] = {}
    if geometry is not None and not geometry.is_empty:
        box = nearby_bbox(geometry)
        near = {"bbox": ",".join(f"{v:.6f}" for v in box)}
        minx, miny, maxx, maxy = geometry.bounds
        fit = [[miny, minx], [maxy, maxx]]
    nearby = word("nearby", ctx.lang)
    layers = [*admin_layers(ctx),
              ApiLayer("clusters", ctx.lang, api_root=ctx.api_root, item_id=cluster_id, title=name),
              ApiLayer("cluster_plots", ctx.lang, api_root=ctx.api_root, query={"cluster_id": cluster_id}),
              ApiLayer("facilities", ctx.lang, api_root=ctx.api_root, query={"cluster_id": cluster_id},
                       cluster=False)]
    for cid in ("villages", "pollution_sources"):
        title = f"{COLLECTIONS[cid].title(ctx.lang)} ({nearby})"
        layers.append(ApiLayer(cid, ctx.lang, api_root=ctx.api_root, query=near, title=title, cluster=False))
    return build(ctx, MapPage(f"{word('cluster_map', ctx.lang)}: {name}", layers, fit=fit))
