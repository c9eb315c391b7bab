"""``/sign-in`` and ``/sign-out``: people's sessions (``geo.records.accounts``, ``api.sessions``).

The sign-in form is protected like every other form: same origin, and a CSRF token that, before any
session exists, is a random value held both in an HttpOnly cookie and in the form (double submit).
A failed attempt is answered only after the throttle's delay (an ``asyncio`` sleep: no worker is
held), and a lock is said on the page with how long it lasts.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from api import sessions
from api.deps import LangDep, StoreDep
from api.problems import problem_responses
from api.render import render
from api.urls import page_href
from geo.i18n.words import word
from geo.model.errors import AccountLocked, NotAuthenticated
from geo.records import accounts

router = APIRouter(tags=["Accounts"], include_in_schema=False)

FormText = Annotated[str, Form(max_length=1000)]
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def _form(request: Request, lang: str, *, status: int = 200, message: str = "", name: str = "",
          next_path: str = "") -> HTMLResponse:
    kept = request.cookies.get(sessions.FORM_COOKIE, "")
    token = kept if _TOKEN.fullmatch(kept) else secrets.token_urlsafe(32)  # a second tab keeps working
    response = render(request, "pages/sign_in.html", lang, message=message, name=name, form_csrf=token,
                      next_path=next_path)
    response.status_code = status
    sessions.set_cookie(response, request, sessions.FORM_COOKIE, token)
    return response


def _local(path: str) -> str:
    """Where to go after signing in: a path of this site only (never ``//host`` or a URL)."""
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/"


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request, lang: LangDep, next: str = "") -> HTMLResponse:
    """The sign-in form (or, when signed in, who you are)."""
    return _form(request, lang, next_path=_local(next) if next else "")


@router.post("/sign-in", response_class=HTMLResponse, responses=problem_responses(403))
async def sign_in(request: Request, *, store: StoreDep, lang: LangDep, name: FormText = "", password: FormText = "",
                  csrf_token: FormText = "", next: FormText = "") -> Response:
    """Check the password; on success a new session and a redirect, else the form again saying why."""
    sessions.same_origin(request)
    sessions.check_token(request.cookies.get(sessions.FORM_COOKIE), csrf_token)
    address = request.client.host if request.client else "unknown"
    policy = request.app.state.settings.lockout()
    try:
        done = await run_in_threadpool(accounts.sign_in, store, name.strip(), password, address, policy)
    except AccountLocked as exc:
        await asyncio.sleep(float(exc.extra.get("delay", 0)))
        minutes = int(request.app.state.settings.signin_lock_minutes)
        return _form(request, lang, status=429, message=word("account.locked", lang).format(minutes=minutes),
                     name=name, next_path=next)
    except NotAuthenticated as exc:
        await asyncio.sleep(float(exc.extra.get("delay", 0)))
        return _form(request, lang, status=401, message=word("account.wrong", lang), name=name, next_path=next)
    target = _local(next) if next else page_href(request, "/", lang="en" if lang == "en" else None)
    response = RedirectResponse(target, status_code=303)
    sessions.set_cookie(response, request, sessions.COOKIE, done.cookie)
    sessions.clear_cookie(response, request, sessions.FORM_COOKIE)
    return response


@router.post("/sign-out", responses=problem_responses(403))
def sign_out(request: Request, store: StoreDep, lang: LangDep, csrf_token: FormText = "") -> Response:
    """End the session here and on the server (the old cookie no longer works anywhere)."""
    sessions.same_origin(request)
    found = sessions.current(request)
    if found is not None:
        sessions.check_token(found.csrf, csrf_token)
        accounts.sign_out(store, request.cookies.get(sessions.COOKIE, ""))
    response = RedirectResponse(page_href(request, "/", lang="en" if lang == "en" else None), status_code=303)
    sessions.clear_cookie(response, request, sessions.COOKIE)
    return response

