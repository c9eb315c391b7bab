"""The import preview's map: each row of the file where it would land (in CRS84), good rows in green,
rows with problems in red, each with its row number and name as a tooltip.

The geometries are the page's own data (a preview is not in the store yet), so the group is inlined
like :mod:`maps.public_maps`; text from the file goes through :func:`maps.public_maps.safe_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
import shapely

from maps.public_maps import safe_text

GOOD, BAD = "#2b8a3e", "#c81e1e"
MAX_DRAWN = 2000  # rows drawn on the map; the table lists them all (up to its own cap)


@dataclass(frozen=True)
class MapRow:
    """What the map shows of one row: its label (``Row 3: name``), geometry (GeoJSON) and whether it passed."""

    label: str
    geometry: dict[str, Any]
    ok: bool


def bounds(rows: Sequence[MapRow]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around the rows drawn, padded a little."""
    geoms = [shapely.geometry.shape(r.geometry) for r in rows[:MAX_DRAWN]]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.GeometryCollection(geoms).bounds
    pad = 0.002
    return [[miny - pad, minx - pad], [maxy + pad, maxx + pad]]


def preview_group(rows: Sequence[MapRow], name: str) -> folium.FeatureGroup:
    """The rows as one layer (circle markers for points, outlines for lines and polygons)."""
    features = [{"type": "Feature", "geometry": r.geometry,
                 "properties": {"label": safe_text(r.label), "colour": GOOD if r.ok else BAD}}
                for r in rows[:MAX_DRAWN]]
    group = folium.FeatureGroup(name=name)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {"color": f["properties"]["colour"], "fillColor": f["properties"]["colour"],
                                  "weight": 2, "fillOpacity": 0.35},
        marker=folium.CircleMarker(radius=6, fill=True, fill_opacity=0.8),
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(group)
    return group
