"""``craftmap export --static``: run the app in-process and let ``api.static_site`` crawl it.

Requests go through httpx's ASGI transport (no socket, no server) with the header that tells
pages they are being exported (``api.pages.STATIC_HEADER``).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from api.app import create_app
from api.pages import STATIC_HEADER
from api.static_site import StaticReport, export_site
from geo.settings import Settings


def build_static(settings: Settings, out: Path) -> StaticReport:
    """Write the public pages, maps, assets and downloads of ``settings``' store into ``out``.

    The crawl runs its own event loop in a worker thread, so it works from plain scripts and from
    callers that already run a loop (Playwright's sync API, notebooks).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_crawl, settings, out).result()


def _crawl(settings: Settings, out: Path) -> StaticReport:
    app = create_app(settings)
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://craftmap.local",
                               headers={STATIC_HEADER: "1"})

    def fetch(url: str) -> tuple[int, str, bytes]:
        response = loop.run_until_complete(client.get(url))
        return response.status_code, response.headers.get("content-type", ""), response.content

    try:
        return export_site(out, fetch)
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()
        app.state.store.close()
