"""Deleting a record with confirmation, and restoring an old version from its history (officers' pages).

``/workspace/{collection}/{id}/delete``: GET shows what would go and, when other records link to it, by
which records — then there is no delete button; POST (CSRF token, the version shown) deletes through
``Editor.delete`` and is refused with 409 while links exist. ``/workspace/{collection}/{id}/restore``
(POST: the version to restore and the current version as If-Match) writes a new version equal to the
old one, audited under the officer's name: nothing is lost, a deleted record comes back the same way.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from api.deps import EditableDep, LangDep, StoreDep
from api.pages.history_view import snapshots
from api.pages.officer import editor_for, form_version, form_writer, signed_in, to_sign_in
from api.problems import problem_responses
from api.render import render
from api.urls import page_href
from geo.model.collections import COLLECTIONS, Collection
from geo.model.errors import FeatureInUse, FeatureNotFound, InvalidParameter, VersionConflict
from geo.model.limits import parse_int
from geo.records.editing import referrers
from geo.store.base import Store

router = APIRouter(tags=["Workspace"], include_in_schema=False)

FormText = Annotated[str, Form(max_length=1000)]


def _name(c: Collection, props: dict[str, Any]) -> str:
    return str(props.get(c.name_field) or props.get("id") or "")


def linking_records(store: Store, c: Collection, feature_id: str) -> tuple[int, list[dict[str, str]]]:
    """How many records link to the feature, and a few of them with their collection, id and name."""
    total, sample = referrers(store, c, feature_id)
    out = []
    for ref in sample:
        cid, _, fid = ref.partition("/")
        other = COLLECTIONS[cid]
        try:
            name = _name(other, store.get(other, fid).properties)
        except FeatureNotFound:
            name = fid
        out.append({"collection": cid, "collection_title_vi": other.title_vi, "collection_title_en": other.title_en,
                    "id": fid, "name": name})
    return total, out


def _confirm(request: Request, lang: str, c: Collection, feature_id: str, *, status: int = 200,
             message: str = "") -> HTMLResponse:
    store: Store = request.app.state.store
    record = store.get(c, feature_id)
    total, links = linking_records(store, c, feature_id)
    response = render(request, "pages/moves_delete.html", lang, collection=c, record=record,
                      record_name=_name(c, record.properties), total=total, links=links, message=message)
    response.status_code = status
    return response


def _version(text: str, name: str = "version") -> int:
    value = form_version(text)
    if value < 1:
        raise InvalidParameter(f"{name} must be a version number (1 or more).")
    return value


@router.get("/workspace/{collection_id}/{feature_id}/delete", response_class=HTMLResponse,
            responses=problem_responses(403, 404, 405))
def delete_page(request: Request, c: EditableDep, feature_id: str, lang: LangDep) -> Response:
    """The confirmation page: the record, and the records that link to it (then no delete button)."""
    if signed_in(request) is None:
        return to_sign_in(request)
    return _confirm(request, lang, c, feature_id)


@router.post("/workspace/{collection_id}/{feature_id}/delete", response_class=HTMLResponse,
             responses=problem_responses(400, 401, 403, 404, 405))
def delete_record(request: Request, *, c: EditableDep, feature_id: str, lang: LangDep, csrf_token: FormText = "",
                  version: FormText = "") -> Response:
    """Delete at the version shown; 409 while records link to it, 412 when it changed meanwhile."""
    who = form_writer(request, csrf_token)
    try:
        editor_for(request, who).delete(c, feature_id, _version(version))
    except FeatureInUse:
        return _confirm(request, lang, c, feature_id, status=409)
    except VersionConflict:
        return _confirm(request, lang, c, feature_id, status=412, message="changed")
    target = page_href(request, f"/collections/{c.id}/items/{feature_id}/history", f="html",
                      lang="en" if lang == "en" else None)
    return RedirectResponse(target, status_code=303)


@router.post("/workspace/{collection_id}/{feature_id}/restore", response_class=HTMLResponse,
             responses=problem_responses(400, 401, 403, 404, 405, 412))
def restore(request: Request, *, c: EditableDep, feature_id: str, store: StoreDep, lang: LangDep,
            csrf_token: FormText = "", version: FormText = "", current: FormText = "") -> Response:
    """A new version equal to ``version``; ``current`` is the version the officer saw (0: deleted)."""
    who = form_writer(request, csrf_token)
    old = snapshots(store.history(c, feature_id)).get(_version(version))
    if old is None:
        raise FeatureNotFound(f"'{feature_id}' has no version {version} in its history.")
    raw = {"type": "Feature", "id": feature_id, "geometry": old.get("geometry"),
           "properties": dict(old.get("properties") or {})}
    seen = parse_int(current.strip() or "0", "current")
    history_href = page_href(request, f"/collections/{c.id}/items/{feature_id}/history", f="html",
                             lang="en" if lang == "en" else None)
    try:
        _write_back(request, who, c, raw, seen)
    except VersionConflict:
        response = render(request, "pages/moves_message.html", lang, status="stale", back=history_href)
        response.status_code = 412
        return response
    return RedirectResponse(history_href, status_code=303)


def _write_back(request: Request, who: Any, c: Collection, raw: dict[str, Any], seen: int) -> None:
    """Write ``raw`` as the record's next version if it is still at ``seen`` (0: deleted, created again)."""
    store: Store = request.app.state.store
    try:
        now = store.get(c, raw["id"], include_private=True).version
    except FeatureNotFound:
        now = 0
    if seen != now:
        raise VersionConflict(f"'{raw['id']}' is at version {now}, not {seen}.")
    if now == 0:
        editor_for(request, who).create(c, raw)
    else:
        editor_for(request, who).replace(c, raw["id"], raw, now)

