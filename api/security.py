"""Who may write, and the headers that protect every response.

Reads are public. Writes need ``Authorization: Bearer <token>`` (``craftmap token create``) or a
signed-in person's session (``api/sessions.py``: same origin and the CSRF token on every write);
``editor`` writes the data collections, ``admin`` also reads the audit log. Every response
carries security headers; CORS stays closed (no ``Access-Control-*`` headers, so browsers
keep the same-origin policy) unless ``ServerSettings.cors_origins`` lists origins.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import sessions
from api.deps import StoreDep
from api.problems import problem
from api.settings import ServerSettings
from geo.model.errors import NotAuthenticated
from geo.records import access as auth
from geo.records.access import Principal

_bearer = HTTPBearer(auto_error=False, description="A token from 'craftmap token create'")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="craftmap"'}


_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def _session_principal(request: Request) -> Principal | None:
    """The signed-in person, if any; a write through the session must be same-origin with its CSRF token."""
    found = sessions.current(request)
    if found is None:
        return None
    if request.method not in _SAFE:
        sessions.same_origin(request)
        sessions.check_token(found.csrf, request.headers.get(sessions.CSRF_HEADER))
    return Principal(found.user.name, found.user.role)


def principal(request: Request, store: StoreDep, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Principal:
    """The caller behind the bearer token or the session cookie, or 401 with a ``WWW-Authenticate``
    challenge."""
    if credentials is None and (person := _session_principal(request)) is not None:
        return person
    if credentials is None:
        raise NotAuthenticated("This needs a bearer token (Authorization: Bearer …).", headers=_CHALLENGE)
    try:
        return auth.verify(store, credentials.credentials.strip())
    except NotAuthenticated as exc:
        raise NotAuthenticated(exc.detail, headers={
            "WWW-Authenticate": 'Bearer realm="craftmap", error="invalid_token"'}) from None


def editor(who: Annotated[Principal, Depends(principal)]) -> Principal:
    return auth.require(who, "editor")


def admin(who: Annotated[Principal, Depends(principal)]) -> Principal:
    return auth.require(who, "admin")


EditorDep = Annotated[Principal, Depends(editor)]
AdminDep = Annotated[Principal, Depends(admin)]


def _tile_sources(tiles: str) -> str:
    """``img-src`` entries for the configured basemap (none when it is off)."""
    if tiles.lower() == "none":
        return ""
    if tiles.startswith(("http://", "https://")):
        parts = urlsplit(tiles.replace("{s}", "*"))
        return f" {parts.scheme}://{parts.netloc}"
    return " https://tile.openstreetmap.org https://*.tile.openstreetmap.org https:"


def content_security_policy(settings: ServerSettings) -> str:
    """Own scripts and styles plus the inline ones folium writes; data only from this origin."""
    return ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:{_tile_sources(settings.tiles)}; font-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'self'")


class SecurityHeaders:
    """Pure ASGI middleware adding security headers to every response (a route's own win)."""

    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.headers = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "X-Frame-Options": "SAMEORIGIN",
            "Content-Security-Policy": content_security_policy(settings),
            "Cross-Origin-Opener-Policy": "same-origin",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
        }
        if (settings.base_url or "").startswith("https://"):
            self.headers["Strict-Transport-Security"] = "max-age=31536000"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        extra = self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _has_nul(scope: Scope) -> bool:
    query = scope.get("query_string", b"")
    return "\x00" in scope["path"] or b"%00" in (scope.get("raw_path") or b"") or b"%00" in query or b"\x00" in query


class RejectNul:
    """400 for a NUL character anywhere in the path or query string.

    No record or parameter can contain one, and PostgreSQL refuses NUL in text: without this
    guard such a request would reach the PostGIS store and fail as a 500.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _has_nul(scope):
            response = problem(400, "Invalid parameter", "The request contains a NUL character.",
                               scope["path"].replace("\x00", ""))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def install(app: FastAPI, settings: ServerSettings) -> None:
    """Security headers always; CORS only for the configured origins; NUL characters refused."""
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "Content-Crs", "Accept"],
            expose_headers=["ETag", "Location", "Content-Crs"])
    app.add_middleware(RejectNul)
    app.add_middleware(SecurityHeaders, settings=settings)
