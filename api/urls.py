"""The one URL builder: absolute links (JSON ``links``) and page links, both from the public base URL.

The public base is ``CRAFTMAP_BASE_URL`` when configured; otherwise ``X-Forwarded-Proto``/``-Host``
when ``trust_proxy_headers`` says a proxy sets them; otherwise the address the server itself listens
on (the ASGI ``server``) plus its ``root_path``. The request's ``Host`` header is never used: a forged
one must not end up in links or cached responses. Page links are the base's path plus the page path.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"


def _query(params: dict[str, Any]) -> str:
    query = {k: v for k, v in params.items() if v is not None}
    return ("?" + urlencode(query)) if query else ""


def _own_origin(request: Request) -> str:
    scheme = request.scope.get("scheme", "http")
    host, port = request.scope.get("server") or ("127.0.0.1", 80)
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")


def public_base(request: Request) -> str:
    """Scheme, host and path prefix of every absolute link, without a trailing slash."""
    settings = request.app.state.settings
    if settings.base_url:
        return str(settings.base_url).rstrip("/")
    root = str(request.scope.get("root_path", "")).rstrip("/")
    forwarded = request.headers.get("x-forwarded-host")
    if settings.trust_proxy_headers and forwarded:
        proto = request.headers.get("x-forwarded-proto", request.scope.get("scheme", "http"))
        return f"{proto.split(',')[0].strip()}://{forwarded.split(',')[0].strip()}{root}"
    return _own_origin(request) + root


def root_path(request: Request) -> str:
    """The public path prefix (``""`` at the root): what page links start with."""
    return urlsplit(public_base(request)).path.rstrip("/")


def url_for(request: Request, path: str, **params: Any) -> str:
    """An absolute URL of ``path`` with the non-``None`` ``params`` as its query."""
    return public_base(request) + path + _query(params)


def page_href(request: Request, path: str, **params: Any) -> str:
    """A root-relative link to a page (the static export rewrites these into file paths)."""
    return root_path(request) + path + _query(params)


def switch_href(request: Request, lang: str) -> str:
    """The same page in the other language than ``lang``, every other query parameter kept."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    if lang != "en":
        query.append(("lang", "en"))
    path = root_path(request) + request.url.path.removeprefix(root_path(request))
    return path + ("?" + urlencode(query) if query else "")


def link(href: str, rel: str, type_: str, title: str | None = None) -> dict[str, str]:
    out = {"href": href, "rel": rel, "type": type_}
    if title:
        out["title"] = title
    return out
