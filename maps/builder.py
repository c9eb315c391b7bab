"""The one way a map page is built: a :class:`PageContext` and a :class:`MapPage` in, HTML out.

Every map is a ``MapPage``: its title, its layers in drawing order (``ApiLayer`` fetching from the
API or holding a page of features, or a folium group of data the page holds), how it opens, and
whether it gets craftmap's controls (legend, search, fullscreen, time filters). :func:`build` gives
a whole page in the site's layout (``maps/templates/pages/map.html`` extends ``base.html``: header,
navigation, language switch) with the map filling the rest of the window; :func:`embed` gives the
parts of a smaller map that a page template places among its own sections (``map.header``,
``map.html``, ``map.script``; ``base.html`` puts the first and last where they belong).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import folium
import shapely
from branca.element import Element, Figure
from folium.map import Layer
from markupsafe import Markup

from geo.i18n.words import word
from geo.model.feature import Feature
from geo.records.sources import all_sources, registry
from geo.store.base import SourceStore
from maps.assets import STATIC_PREFIX, asset_url, offline_map
from maps.basemap import Basemap
from maps.layers import ApiLayer, PageControls
from maps.render import PageShell, render_page


@dataclass(frozen=True)
class PageContext:
    """What every map needs from the app (the web edge builds it from its settings and the request):
    the page's shell (language, URL root, language switch), basemap and the source registry."""

    shell: PageShell
    tiles: str | None
    attribution: str | None
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    large: frozenset[str] = frozenset()  # collections drawn from vector tiles (maps.layers.TILED beyond the threshold)

    @property
    def lang(self) -> str:
        return self.shell.lang

    @property
    def api_root(self) -> str:
        return self.shell.root


def sources_for_page(data_dir: Path, store: SourceStore | None = None) -> dict[str, dict[str, str]]:
    """The sources (the registry, and the store's when given) as the popups need them; a missing registry
    gives bare ids, not an error."""
    try:
        sources = registry(data_dir) if store is None else all_sources(store, data_dir)
    except FileNotFoundError:
        return {}
    return {sid: {"title": s.title, "publisher": s.publisher, "address": s.address, "date": s.date}
            for sid, s in sources.items()}


@dataclass
class MapPage:
    """One map: what it shows and how it opens (``fit`` is ``[[south, west], [north, east]]``)."""

    title: str
    layers: Sequence[Layer]
    fit: list[list[float]] | None = None
    single: bool = False  # one collection: zoom to its features once they are drawn
    controls: bool = True  # craftmap's legend, search, fullscreen and time filters
    overlay_html: str = ""  # the page's own elements over the map (trusted HTML, e.g. a legend)
    fit_padding: tuple[int, int] = (0, 0)
    height: int | None = None  # pixels of an embedded map; a whole page's map fills the window


@dataclass(frozen=True)
class MapParts:
    """A rendered map split for a page: tags for ``<head>``, the map element, its script."""

    header: Markup
    html: Markup
    script: Markup


FIT_PAD_DEG = 0.01
FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')


def bounds_of(features: Iterable[Feature]) -> list[list[float]] | None:
    """Where a map opens: around the features that have a geometry, padded (``None`` when none has:
    the map then opens on Hải Phòng)."""
    geoms = [f.geometry for f in features if f.geometry is not None and not f.geometry.is_empty]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.GeometryCollection(geoms).bounds
    return [[miny - FIT_PAD_DEG, minx - FIT_PAD_DEG], [maxy + FIT_PAD_DEG, maxx + FIT_PAD_DEG]]


def _uses_module(ctx: PageContext, page: MapPage) -> bool:
    """craftmap's browser module draws the basemap of every map the app serves, the API layers and the
    controls; maps of inlined folium groups in the static export do without it (they open from
    ``file://``, where modules cannot)."""
    return not ctx.shell.static or page.controls or any(isinstance(layer, ApiLayer) for layer in page.layers)


def _has_admin_layer(page: MapPage) -> bool:
    return any(isinstance(layer, ApiLayer) and layer.config["collection"] == "admin_units" for layer in page.layers)


def _draw(ctx: PageContext, page: MapPage) -> Figure:
    """The folium figure of a map: assets served by craftmap, so it works offline."""
    size = {} if page.height is None else {"height": f"{page.height}px"}
    m = offline_map(ctx.tiles, ctx.attribution, prefix=ctx.api_root + STATIC_PREFIX,
                    basemap_name=word("basemap", ctx.lang), **size)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    module = _uses_module(ctx, page)
    if module:
        # The module that fills the layers and adds the controls; it runs once the page is parsed,
        # so after folium's script has queued every layer (maps/static/boot.js).
        src = Markup.escape(asset_url("craftmap_module", ctx.api_root + STATIC_PREFIX))
        figure.header.add_child(Element(f'<script type="module" src="{src}"></script>'), name="craftmap_module")
        # Right after the tile layer, so every tile event is counted (maps/basemap.py).
        Basemap(ctx.lang, ctx.api_root, context=not _has_admin_layer(page), title=page.title).add_to(m)
    if any(isinstance(layer, ApiLayer) and layer.config["tiles"] for layer in page.layers):
        src = Markup.escape(asset_url("protomaps_js", ctx.api_root + STATIC_PREFIX))
        figure.header.add_child(Element(f'<script src="{src}"></script>'), name="protomaps_js")
    for layer in page.layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if page.fit and not page.controls:
        m.fit_bounds(page.fit, padding=page.fit_padding)
    if module:  # the popups' words and the readiness signal; the controls only when asked for
        PageControls(ctx.lang, ctx.sources, fit=page.fit if page.controls else None, single=page.single,
                     controls=page.controls).add_to(m)
    if page.overlay_html:
        figure.html.add_child(Element(page.overlay_html))
    return figure



def embed(ctx: PageContext, page: MapPage) -> MapParts:
    """A map for a page template (see the module docstring)."""
    figure = _draw(ctx, page)
    figure.render()
    # folium's own viewport tag forbids zooming (WCAG 1.4.4); base.html has the page's.
    header = FOLIUM_VIEWPORT.sub("", figure.header.render())
    return MapParts(Markup(header), Markup(figure.html.render()), Markup(figure.script.render()))


def build(ctx: PageContext, page: MapPage) -> str:
    """A whole map page in the site's layout."""
    return render_page("pages/map.html", ctx.shell, title=page.title, map=embed(ctx, page), full_map=True)
