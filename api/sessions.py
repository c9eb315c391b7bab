"""Browser sessions at the web edge: the cookie, the CSRF token and the same-origin check.

The session itself is a server-side record (``geo.records.accounts``): the cookie holds 256 random
bits, HttpOnly, SameSite=Lax, Secure when the public base URL is https, with no expiry of its own
(the server ends it after ``session_idle_minutes`` unused). A state-changing request that relies
on the cookie must come from a page of this site — its ``Origin`` (or, lacking one, ``Referer``)
is the public base URL's origin — and carry the session's CSRF token (a hidden ``csrf_token``
field, or the ``X-CSRF-Token`` header for scripts), compared in constant time.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from api.urls import public_base, root_path
from geo.model.errors import Forbidden
from geo.model.feature import SessionRecord
from geo.records import accounts

COOKIE = "craftmap_session"
FORM_COOKIE = "craftmap_form"  # the sign-in form's CSRF token, before any session exists
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_NONE = object()


def current(request: Request) -> SessionRecord | None:
    """The request's live session (looked up once per request), or ``None``."""
    found = getattr(request.state, "session", _NONE)
    if found is _NONE:
        cookie = request.cookies.get(COOKIE, "")
        idle = request.app.state.settings.session_idle_minutes * 60
        found = accounts.session(request.app.state.store, cookie, idle) if cookie else None
        request.state.session = found
    return found  # type: ignore[return-value]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request: Request) -> None:
    """``Forbidden`` unless the request says it comes from a page of this site."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if not claimed or claimed == "null" or _origin(claimed) != _origin(public_base(request)):
        raise Forbidden("This form must be sent from a page of this site (Origin or Referer missing or foreign).")


def check_token(expected: str | None, given: str | None) -> None:
    """``Forbidden`` unless ``given`` is the expected CSRF token (constant-time comparison)."""
    if not expected or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise Forbidden("The form's CSRF token is missing or wrong: reload the page and send it again.")


def secure(request: Request) -> bool:
    return public_base(request).startswith("https://")


def set_cookie(response: Response, request: Request, name: str, value: str) -> None:
    response.set_cookie(name, value, path=root_path(request) + "/", httponly=True, samesite="lax",
                        secure=secure(request))


def clear_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(name, path=root_path(request) + "/", httponly=True, samesite="lax",
                           secure=secure(request))
