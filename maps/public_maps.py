"""Layers of the public pages' maps: beneficiary sites with a money choropleth, one project, pollution.

Each function returns a folium group for a :class:`maps.builder.MapPage`; the pages call
:func:`maps.builder.embed` to place the map inside their own semantic HTML. A page stays readable
without JS because every figure on the map is also in a table. Text from data goes into tooltips
and popups only through :func:`safe_text`, which escapes HTML and the characters that would end
folium's JavaScript template literals.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

import folium
import shapely

from geo.model.feature import Feature
from maps.assets import js_literal_safe

# Sequential palette (light to dark), one colour per money class; 0 money has its own grey.
PALETTE = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")
NO_MONEY = "#f0f0f0"
SIMPLIFY_DEG = 0.001  # about 100 m: enough for a city-wide choropleth, a fraction of the bytes


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


def choropleth(units: Sequence[Feature], money: Mapping[str, int], labels: Mapping[str, str], *, name: str,
               show: bool = True) -> folium.FeatureGroup:
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
    return group


def points(features: Iterable[tuple[Feature, str, str | None]], name: str, colour: str) -> folium.FeatureGroup:
    """Circle markers at every point of each feature; ``(feature, label, link)``."""
    group = folium.FeatureGroup(name=name)
    for feature, label, link in features:
        if feature.geometry is None or feature.geometry.is_empty:
            continue
        text = safe_text(label)
        popup = f'<a href="{safe_text(link)}">{text}</a>' if link else text
        geom = feature.geometry
        spots = [geom.representative_point()] if geom.geom_type.endswith("Polygon") else list(
            getattr(geom, "geoms", [geom]))
        for point in spots:
            folium.CircleMarker((point.y, point.x), radius=7, color=colour, fill=True, fill_opacity=0.8,
                                tooltip=folium.Tooltip(text), popup=folium.Popup(popup, parse_html=False),
                                ).add_to(group)
    return group


def circles(features: Iterable[Feature], radius_m: float, label: str) -> folium.FeatureGroup:
    """The search distance around each source, drawn as a circle in metres (not listed in the layer control)."""
    group = folium.FeatureGroup(name=label, control=False)
    for feature in features:
        if feature.geometry is None:
            continue
        point = feature.geometry.representative_point()
        folium.Circle((point.y, point.x), radius=radius_m, color="#b30000", fill=False, weight=1,
                      tooltip=folium.Tooltip(safe_text(label))).add_to(group)
    return group
