"""The maps of the site-search and relocation pages: the candidate clusters coloured by their category,
the origin, and a click on the map that picks a point of origin for the form (``maps/static/ui/pick_point.js``).

Cluster outlines and names are the page's own data (the answer is computed for this query), inlined
like :mod:`maps.public_maps`; every figure on the map is also in the page's table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import folium
import shapely
from folium.map import Layer
from jinja2 import Template

from geo.model.feature import Feature
from maps.public_maps import safe_text

COLOURS = {"fits": "#2b8a3e", "possible_if_confirmed": "#e08a00", "excluded": "#888888"}


@dataclass(frozen=True)
class Candidate:
    """A cluster on the map: its record, its category and the label of its tooltip and popup."""

    feature: Feature
    category: str
    label: str
    link: str


def candidates_group(candidates: Sequence[Candidate], name: str) -> folium.FeatureGroup:
    """Outlines filled by category; a popup links to the cluster's capacity page."""
    group = folium.FeatureGroup(name=name)
    for c in candidates:
        if c.feature.geometry is None or c.feature.geometry.is_empty:
            continue
        colour = COLOURS.get(c.category, COLOURS["excluded"])
        text = safe_text(c.label)
        outline = folium.GeoJson(
            {"type": "Feature", "geometry": shapely.geometry.mapping(c.feature.geometry), "properties": {}},
            style_function=lambda _f, colour=colour: {"color": colour, "fillColor": colour, "weight": 2,
                                                     "fillOpacity": 0.45},
            tooltip=folium.Tooltip(text),
        )
        folium.Popup(f'<a href="{safe_text(c.link)}">{text}</a>', parse_html=False).add_to(outline)
        outline.add_to(group)
    return group


def origin_group(lon: float, lat: float, label: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=safe_text(label))
    folium.CircleMarker((lat, lon), radius=8, color="#1f3b57", fill=True, fill_opacity=0.9,
                        tooltip=folium.Tooltip(safe_text(label))).add_to(group)
    return group


def fit_of(candidates: Sequence[Candidate], origin: tuple[float, float] | None) -> list[list[float]] | None:
    """Around the candidates and the origin (``None``: the map opens on Hải Phòng)."""
    geoms = [c.feature.geometry for c in candidates if c.feature.geometry is not None]
    if origin is not None:
        geoms.append(shapely.Point(origin))
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.GeometryCollection(geoms).bounds
    pad = 0.01
    return [[miny - pad, minx - pad], [maxy + pad, maxx + pad]]


class PointPicker(Layer):
    """Hands the map to ``pick_point.js``: a click there fills the form's ``lon`` and ``lat`` fields
    (a layer without a layer-control entry, so a ``MapPage`` takes it like any other)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.layerGroup();
            window.craftmap = window.craftmap || {}; window.craftmap.pickMap = {{ this._parent.get_name() }};
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__(name="point-picker", overlay=True, control=False)
        self._name = "PointPicker"
