"""Absolute links, honouring ``CRAFTMAP_BASE_URL`` behind a proxy."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"


def base(request: Request) -> str:
    configured = request.app.state.settings.base_url
    return (configured or str(request.base_url)).rstrip("/")


def url(request: Request, path: str, **params: Any) -> str:
    query = {k: v for k, v in params.items() if v is not None}
    return base(request) + path + (("?" + urlencode(query)) if query else "")


def link(href: str, rel: str, type_: str, title: str | None = None) -> dict[str, str]:
    out = {"href": href, "rel": rel, "type": type_}
    if title:
        out["title"] = title
    return out
