"""The one way a map page is built: a :class:`PageContext` and a :class:`MapPage` in, HTML out.

Every ``/maps/…`` page (overview, layer maps, cluster map, capacity map) is a ``MapPage``: its title,
its layers in drawing order (``ApiLayer`` fetching from the API, or a folium group of data the page
holds), how it opens, and whether it gets craftmap's controls (legend, search, fullscreen, time
filters). ``build`` makes the offline folium map, adds the layers and the layer control, and renders
the page in the reader's language.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import folium
from branca.element import Element, Figure
from folium.map import Layer

from geo.i18n.words import word
from geo.records.sources import registry
from maps.assets import STATIC_PREFIX, asset_url, offline_map
from maps.layers import PageControls


@dataclass(frozen=True)
class PageContext:
    """What every page needs from the app (the web edge builds it from its settings and the request):
    language, URL root, basemap and the source registry."""

    lang: str
    api_root: str
    tiles: str | None
    attribution: str | None
    sources: dict[str, dict[str, str]] = field(default_factory=dict)


def sources_for_page(data_dir: Path) -> dict[str, dict[str, str]]:
    """The source registry as the popups need it; a missing registry gives bare ids, not an error."""
    try:
        sources = registry(data_dir)
    except FileNotFoundError:
        return {}
    return {sid: {"title": s.title, "publisher": s.publisher, "address": s.address, "date": s.date}
            for sid, s in sources.items()}


@dataclass
class MapPage:
    """One map page: what it shows and how it opens (``fit`` is ``[[south, west], [north, east]]``)."""

    title: str
    layers: Sequence[Layer]
    fit: list[list[float]] | None = None
    single: bool = False  # one collection: zoom to its features once they are drawn
    controls: bool = True  # craftmap's legend, search, fullscreen and time filters
    overlay_html: str = ""  # the page's own elements over the map (trusted HTML, e.g. a legend)
    fit_padding: tuple[int, int] = (0, 0)


def build(ctx: PageContext, page: MapPage) -> str:
    """The complete HTML page (assets served by craftmap, so it works offline)."""
    m = offline_map(ctx.tiles, ctx.attribution, prefix=ctx.api_root + STATIC_PREFIX,
                    basemap_name=word("basemap", ctx.lang))
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.title = html.escape(page.title)  # branca does not escape the title
    # The module that fills the layers and adds the controls; it runs once the page is parsed, so
    # after folium's script has queued every layer (maps/static/boot.js).
    module = html.escape(asset_url("craftmap_module", ctx.api_root + STATIC_PREFIX))
    figure.header.add_child(Element(f'<script type="module" src="{module}"></script>'), name="craftmap_module")
    for layer in page.layers:
        layer.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if page.fit and not page.controls:
        m.fit_bounds(page.fit, padding=page.fit_padding)
    # Always: the popups' words and the readiness signal; the controls only when asked for.
    PageControls(ctx.lang, ctx.sources, fit=page.fit if page.controls else None, single=page.single,
                 controls=page.controls).add_to(m)
    if page.overlay_html:
        figure.html.add_child(Element(page.overlay_html))
    return figure.render().replace("<html>", f'<html lang="{ctx.lang}">', 1)
