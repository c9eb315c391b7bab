"""Maps of the public pages: beneficiary sites with a money choropleth, one project, pollution.

Each builder returns :class:`MapParts` (head tags, the map ``<div>``, the script) so a page template
can place the map inside its own semantic HTML; the page stays readable without JS because
every figure on the map is also in a table. Text from data goes into tooltips and popups only
through :func:`safe_text`, which escapes HTML and the characters that would end folium's
JavaScript template literals.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import folium
import shapely
from branca.element import Figure
from markupsafe import Markup

from geo.model.feature import Feature
from maps.assets import js_literal_safe, offline_map

# Sequential palette (light to dark), one colour per money class; 0 money has its own grey.
PALETTE = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")
NO_MONEY = "#f0f0f0"
SIMPLIFY_DEG = 0.001  # about 100 m: enough for a city-wide choropleth, a fraction of the bytes


@dataclass(frozen=True)
class MapParts:
    """A rendered folium map split for embedding: tags for ``<head>``, the map element, its script."""

    header: Markup
    html: Markup
    script: Markup


def safe_text(text: object) -> str:
    """Text from data made safe for folium tooltips/popups (HTML and JS template literals)."""
    return js_literal_safe(html.escape(str(text)))


def money_class(amount: int, top: int) -> int | None:
    """The palette index of an amount, ``None`` for no money; five equal classes up to ``top``."""
    if amount <= 0 or top <= 0:
        return None
    return min(len(PALETTE) - 1, (amount * len(PALETTE) - 1) // top)


def money_colour(amount: int, top: int) -> str:
    index = money_class(amount, top)
    return NO_MONEY if index is None else PALETTE[index]


def parts(m: folium.Map, root_path: str = "") -> MapParts:
    """Render a map into its three parts; asset URLs get the app's root path when mounted under one."""
    figure = m.get_root()
    assert isinstance(figure, Figure)  # a folium.Map's root is always its Figure
    figure.render()
    header = figure.header.render()
    if root_path:
        header = header.replace('="/static/', f'="{root_path}/static/')
    return MapParts(Markup(header), Markup(figure.html.render()), Markup(figure.script.render()))


def new_map(tiles: str | None, attribution: str | None, height: int = 420, lang: str = "vi") -> folium.Map:
    return offline_map(tiles=tiles, attribution=attribution, height=f"{height}px", lang=lang)


def add_choropleth(m: folium.Map, units: Sequence[Feature], money: Mapping[str, int], labels: Mapping[str, str],
                   *, name: str, show: bool = True) -> None:
    """Admin units coloured by the money attributed to them (not by counts)."""
    top = max(money.values(), default=0)
    features = []
    for unit in units:
        if unit.geometry is None:
            continue
        geom = shapely.set_precision(shapely.simplify(unit.geometry, SIMPLIFY_DEG, preserve_topology=True), 1e-5)
        features.append({"type": "Feature", "id": unit.id, "geometry": shapely.geometry.mapping(geom),
                         "properties": {"fill": money_colour(money.get(unit.id, 0), top),
                                        "label": safe_text(labels.get(unit.id, unit.id))}})
    group = folium.FeatureGroup(name=name, show=show)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#555", "weight": 1,
                                  "fillOpacity": 0.7},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(group)
    group.add_to(m)


def add_points(m: folium.Map, features: Iterable[tuple[Feature, str, str | None]], name: str,
               colour: str) -> int:
    """Circle markers at every point of each feature; ``(feature, label, link)``; returns markers drawn."""
    group = folium.FeatureGroup(name=name)
    drawn = 0
    for feature, label, link in features:
        if feature.geometry is None or feature.geometry.is_empty:
            continue
        text = safe_text(label)
        popup = f'<a href="{safe_text(link)}">{text}</a>' if link else text
        geom = feature.geometry
        points = [geom.representative_point()] if geom.geom_type.endswith("Polygon") else list(
            getattr(geom, "geoms", [geom]))
        for point in points:
            folium.CircleMarker((point.y, point.x), radius=7, color=colour, fill=True, fill_opacity=0.8,
                                tooltip=folium.Tooltip(text), popup=folium.Popup(popup, parse_html=False),
                                ).add_to(group)
            drawn += 1
    group.add_to(m)
    return drawn


def add_circle(m: folium.Map, feature: Feature, radius_m: float, label: str) -> None:
    """The search distance around a source, drawn as a circle in metres."""
    if feature.geometry is None:
        return
    point = feature.geometry.representative_point()
    folium.Circle((point.y, point.x), radius=radius_m, color="#b30000", fill=False, weight=1,
                  tooltip=folium.Tooltip(safe_text(label))).add_to(m)


def fit(m: folium.Map, features: Iterable[Feature]) -> None:
    """Zoom to the features that have a geometry (Hải Phòng when none has)."""
    geoms = [f.geometry for f in features if f.geometry is not None and not f.geometry.is_empty]
    if geoms:
        minx, miny, maxx, maxy = shapely.GeometryCollection(geoms).bounds
        pad = 0.01
        m.fit_bounds([(miny - pad, minx - pad), (maxy + pad, maxx + pad)])


def finish(m: folium.Map) -> None:
    folium.LayerControl(collapsed=False).add_to(m)
