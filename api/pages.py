"""Rendering of the public HTML pages (Jinja2, autoescaped), Vietnamese by default, ``?lang=en``.

Links in pages are root-relative (``/transparency/...``) and carry ``lang=en`` when the page is in
English; the static export rewrites them into relative file paths. A request with the header
``X-Craftmap-Static: 1`` comes from that export: pages then leave out what needs a server
(the filter form) and say so.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from geo.i18n import money
from geo.i18n.labels import label
from geo.model.errors import InvalidParameter

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC_HEADER = "x-craftmap-static"

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


async def lang_query(lang: Annotated[str | None, Query(description="Page language: vi (default) or en")] = None) -> str:
    if lang in (None, "", "vi"):
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidParameter(f"lang must be vi or en, got '{lang}'.")


LangDep = Annotated[str, Depends(lang_query)]


def is_static(request: Request) -> bool:
    return request.headers.get(STATIC_HEADER) == "1"


def root_path(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def render(request: Request, template: str, lang: str, **context: Any) -> HTMLResponse:
    """Render a page template with the helpers every page uses."""
    root = root_path(request)

    def href(path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if lang == "en":
            query.setdefault("lang", "en")
        return root + path + ("?" + urlencode(query) if query else "")

    def switch_href(to: str) -> str:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
        if to == "en":
            query.append(("lang", "en"))
        return root + request.url.path.removeprefix(root) + ("?" + urlencode(query) if query else "")

    helpers = {
        "map": None, "lang": lang, "href": href, "switch_href": switch_href, "static": is_static(request),
        "t": lambda vi, en: en if lang == "en" else vi,
        "vnd": lambda amount, qualifier=None: money.format_vnd(amount, lang, qualifier),
        "exact": lambda amount: money.exact(amount, lang),
        "label": lambda group, value: label(group, value, lang),
        "num": lambda n: money.group_digits(int(n), lang),
        "dec": lambda x, places=1: money.number(Decimal(str(x)), lang, places),
    }
    html = _env.get_template(template).render({**helpers, **context})
    return HTMLResponse(html)
