"""HTML views of the OGC API - Features resources (``?f=html`` or ``Accept: text/html``).

Pages are Jinja2 templates in ``api/templates/ogc`` rendered through ``api.pages.render``
(autoescaped, Vietnamese by default, ``?lang=en``). A small Leaflet map of the result is
drawn from GeoJSON embedded as inert JSON; Leaflet itself is served by craftmap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from fastapi import Request
from markupsafe import Markup
from starlette.responses import HTMLResponse

from api.render import render
from api.serialize import feature_dict, geometries_json
from geo.model.collections import Collection
from geo.model.feature import Feature
from maps.assets import OSM_URL, asset_url

MAX_COLUMNS = 6


def safe_json(data: Any) -> Markup:
    """JSON that can sit inside ``<script type="application/json">`` whatever the data says."""
    text = orjson.dumps(data).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def map_context(request: Request, features: Sequence[Feature], collection_id: str) -> dict[str, Any]:
    """What ``ogc/_map.html`` needs: local Leaflet URLs, optional basemap, the features (CRS84)."""
    geoms = geometries_json(features)
    doc = {"type": "FeatureCollection",
           "features": [feature_dict(f, g) | {"href": f"/collections/{collection_id}/items/{f.id}"}
                        for f, g in zip(features, geoms, strict=True)]}
    tiles = request.app.state.settings.tiles
    tile_url = OSM_URL if tiles == "OpenStreetMap" else (tiles if "{z}" in tiles else None)
    return {"leaflet_js": asset_url("leaflet_js"), "leaflet_css": asset_url("leaflet_css"),
            "map_data": safe_json(doc), "tile_url": tile_url,
            "tile_attribution": request.app.state.settings.tiles_attribution}


def columns(collection: Collection) -> list[tuple[str, str, str]]:
    """``(name, title_vi, title_en)`` of the scalar public fields a results table shows."""
    out = []
    for f in collection.public_fields:
        if f.name in ("id", collection.name_field) or f.type in ("object",) or f.name == "sources":
            continue
        out.append((f.name, f.title_vi, f.title_en))
    return out[:MAX_COLUMNS]


def show(value: Any) -> str:
    """A property value as table text (lists joined, missing values blank)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return orjson.dumps(value).decode()
    return str(value)


def page(request: Request, template: str, lang: str, **context: Any) -> HTMLResponse:
    return render(request, f"ogc/{template}", lang, show=show, **context)
