"""What every officer page shares: the signed-in editor, the form's CSRF check, the provenance fieldset's
source and the ``Editor``.

A page asked for without a session redirects to ``/sign-in`` (and back afterwards); a signed-in
person without the editor role gets 403. A form POST must come from a page of this site and carry the
session's CSRF token (``api.sessions``); its writes are audited under the person's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse

from api import sessions
from api.urls import page_href
from geo.model.errors import InvalidFeature, NotAuthenticated
from geo.model.feature import Source
from geo.records import access
from geo.records.access import Principal
from geo.records.editing import Editor
from geo.records.sources import all_source_ids, document_source_of, officer_source_of


def signed_in(request: Request) -> Principal | None:
    """The signed-in editor (or admin), ``None`` without a session; ``Forbidden`` for any other role."""
    found = sessions.current(request)
    if found is None:
        return None
    return access.require(Principal(found.user.name, found.user.role), "editor")


def to_sign_in(request: Request) -> RedirectResponse:
    """Off to the sign-in page, coming back to this page (path and query) afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    lang = request.query_params.get("lang")
    return RedirectResponse(page_href(request, "/sign-in", next=here, lang=lang if lang == "en" else None),
                            status_code=303)


def form_writer(request: Request, csrf_token: str) -> Principal:
    """The editor behind a form POST: same origin, a live session, its CSRF token; else 403/401."""
    sessions.same_origin(request)
    found = sessions.current(request)
    if found is None:
        raise NotAuthenticated("Sign in first: this form needs a signed-in officer.")
    sessions.check_token(found.csrf, csrf_token)
    return access.require(Principal(found.user.name, found.user.role), "editor")


def form_version(text: str) -> int:
    """The version a form was opened at (its hidden ``version`` field); 0 for a new record or a bad value."""
    text = text.strip()
    return int(text) if text.isdigit() else 0


def editor_for(request: Request, who: Principal) -> Editor:
    """Writes as ``who``, links checked against every source id (the registry's and the store's): make it
    after creating the source an edit cites."""
    store = request.app.state.store
    return Editor(store, who.name, all_source_ids(store, request.app.state.settings.data_dir))


PROVENANCE_FIELDS = ("provenance", "source_number", "source_date", "source_title", "source_address")
PICK_PROVENANCE = "choose what the entry rests on"


def provenance(form: Mapping[str, Any], actor: str) -> tuple[Source | None, list[dict[str, str]]]:
    """The source the posted provenance fieldset names (not stored yet), or the problems with it."""
    choice, text = form.get("provenance"), {k: str(form.get(k) or "") for k in PROVENANCE_FIELDS}
    if choice == "officer":
        return officer_source_of(actor, date.today()), []
    if choice == "document":
        try:
            return document_source_of(actor, number=text["source_number"], date=text["source_date"],
                                      title=text["source_title"], address=text["source_address"]), []
        except InvalidFeature as exc:
            return None, exc.errors
    return None, [{"field": "provenance", "problem": PICK_PROVENANCE}]
