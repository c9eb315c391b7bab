"""HTML views of the OGC API - Features resources (``?f=html`` or ``Accept: text/html``).

Pages are Jinja2 templates in ``api/templates/ogc`` rendered through ``api.pages.render``
(autoescaped, Vietnamese by default, ``?lang=en``). A small map of the result is made by
``maps.builder`` like every other map; Leaflet itself is served by craftmap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from fastapi import Request
from starlette.responses import HTMLResponse

from api.render import map_context, render
from api.serialize import feature_dict, geometries_json
from api.urls import root_path
from geo.model.collections import Collection
from geo.model.feature import Feature
from maps.builder import MapPage, MapParts, bounds_of, embed
from maps.layers import ApiLayer

MAX_COLUMNS = 6


def items_map(request: Request, features: Sequence[Feature], collection: Collection, lang: str) -> MapParts:
    """A small map of the page's features, drawn by craftmap's own layer code from the page's data (CRS84)."""
    doc = {"type": "FeatureCollection",
           "features": [feature_dict(f, g) for f, g in zip(features, geometries_json(features), strict=True)]}
    layer = ApiLayer(collection.id, lang, api_root=root_path(request), cluster=False,
                     data=orjson.loads(orjson.dumps(doc)))
    return embed(map_context(request, lang), MapPage(collection.title(lang), [layer], fit=bounds_of(features),
                                                     controls=False, height=360))


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
