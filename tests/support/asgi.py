"""The app in process, without a socket: for tests of responses that need no real server or client.

A plain ``httpx.Client`` whose transport hands each request to ``create_app(settings)`` through
httpx's ASGI transport, on an event loop in a portal thread; the app's lifespan runs around the
client. (Starlette's own ``TestClient`` warns that its httpx use is deprecated.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

from api.settings import ServerSettings


class PortalTransport(httpx.BaseTransport):
    """A synchronous transport that runs the async ASGI transport on ``portal``'s event loop."""

    def __init__(self, portal: BlockingPortal, app: Any) -> None:
        self.portal = portal
        self.inner = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def send() -> httpx.Response:
            response = await self.inner.handle_async_request(request)
            content = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=content,
                                  request=request)

        return self.portal.call(send)


@contextmanager
def app_client(settings: ServerSettings, base_url: str = "http://127.0.0.1") -> Iterator[httpx.Client]:
    """A client of ``create_app(settings)`` in this process; the lifespan runs on enter and exit."""
    from api.app import create_app

    app = create_app(settings)
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(app.router.lifespan_context(app)):
        with httpx.Client(transport=PortalTransport(portal, app), base_url=base_url, timeout=30) as client:
            yield client
