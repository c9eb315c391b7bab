"""Saving the workspace form: provenance, validation inline, If-Match, and the conflict view.

A save is a normal form POST (same origin, the session's CSRF token). What the entry rests on —
a document or "entered by me today" — becomes a source in the store (``geo.records.sources``) cited
by the record. The record is checked as the API checks it, so the same problems come back, each
shown next to its field; nothing is stored while any remain. The write goes through ``Editor`` with
the version the form was opened at: when someone saved in between (``VersionConflict``, the API's
412), the conflict view shows their version and the officer's field by field
(``geo.records.versions.changes``) and a merged save is made against their version. Nothing is
overwritten unseen: a field only they changed defaults to theirs, one only the officer changed to
the officer's, and lists of sources keep both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from api import sessions
from api.deps import EditableDep, LangDep, StoreDep
from api.pages import workspace_form as wf
from api.pages.officer import PROVENANCE_FIELDS, form_version, provenance
from api.pages.workspace import edit_page, gate
from api.render import render
from api.urls import page_href
from geo.model.errors import DuplicateFeature, FeatureNotFound, InvalidFeature, VersionConflict
from geo.model.feature import Feature
from geo.model.fields import Collection
from geo.records.editing import Editor, LinkResolver, check_feature, to_geojson, with_new_id
from geo.records.sources import all_source_ids, confirmation_problems
from geo.records.versions import FieldChange, changes, feature_of
from geo.store.base import Store
from maps.values import field_title, show

router = APIRouter(tags=["Workspace"], include_in_schema=False)

def _json(form: FormData, name: str) -> dict[str, Any] | None:
    try:
        value = orjson.loads(str(form.get(name) or "null"))
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _as_feature(fid: str, raw: dict[str, Any] | None, version: int = 0) -> Feature | None:
    try:
        return feature_of(fid, raw, version)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None


def _editable(c: Collection, found: list[FieldChange]) -> list[FieldChange]:
    return [ch for ch in found if ch.name not in wf.COMPUTED]


def merged(c: Collection, theirs: Feature, mine: dict[str, Any], form: FormData) -> dict[str, Any]:
    """Their record with, for each field that differs, the officer's choice: mine, theirs, or both (lists)."""
    out = to_geojson(theirs)
    out["properties"] = {k: v for k, v in out["properties"].items() if k not in wf.COMPUTED}
    mine_feature = _as_feature(theirs.id, mine)
    for ch in _editable(c, changes(c, theirs, mine_feature, include_private=True)):
        choice = form.get(f"choice.{ch.name}")
        value = ch.after if choice == "mine" else ch.before
        if choice == "both" and isinstance(ch.before, list) and isinstance(ch.after, list):
            value = list(dict.fromkeys([*ch.before, *ch.after]))
        if ch.name == "geometry":
            out["geometry"] = value
        else:
            out["properties"][ch.name] = value
    return out


@dataclass(frozen=True)
class Attempt:
    """One posted form: where it goes, who sent it and what it holds."""

    request: Request
    c: Collection
    feature_id: str | None
    store: Store
    lang: str
    actor: str
    form: FormData

    def again(self, current: Feature | None, raw: dict[str, Any], problems: list[dict[str, str]], *, status: int,
              version: int, base: dict[str, Any] | None) -> HTMLResponse:
        """The form again with what was posted and each problem next to its field."""
        kept = {k: str(self.form.get(k) or "") for k in PROVENANCE_FIELDS}
        return edit_page(self.request, self.store, self.lang, self.c, current=current, props=raw["properties"],
                         geometry=raw.get("geometry"), problems=problems, status=status, version=version,
                         base=base, form=kept)


async def _save(request: Request, c: Collection, feature_id: str | None, store: Store, lang: str) -> Response:
    who = gate(request, lang)
    if isinstance(who, Response):
        return who
    sessions.same_origin(request)
    form = await request.form()
    sessions.check_token(who.csrf, str(form.get(sessions.CSRF_FIELD) or ""))
    return await run_in_threadpool(save, Attempt(request, c, feature_id, store, lang, who.user.name, form))


@router.post("/workspace/{collection_id:collection}/new", response_class=HTMLResponse)
async def create_record(request: Request, c: EditableDep, store: StoreDep, lang: LangDep) -> Response:
    """Create a record from the form."""
    return await _save(request, c, None, store, lang)


@router.post("/workspace/{collection_id:collection}/{feature_id}", response_class=HTMLResponse)
async def save_record(request: Request, c: EditableDep, feature_id: str, store: StoreDep, lang: LangDep) -> Response:
    """Save the form against the version it was opened at (or, from the conflict view, the merged record)."""
    return await _save(request, c, feature_id, store, lang)


def _posted(a: Attempt) -> tuple[Feature | None, dict[str, Any], list[dict[str, str]], int, dict[str, Any] | None]:
    """The record now, the posted one, problems reading it, and the version and record the officer started from
    (after the conflict view: their version)."""
    current = None if a.feature_id is None else a.store.get(a.c, a.feature_id, include_private=True)
    if current is not None and a.form.get("merge") == "1":
        return current, merged(a.c, current, _json(a.form, "mine") or {}, a.form), [], current.version, \
            to_geojson(current)
    raw, problems = wf.read_form(a.c, a.form, a.feature_id, current)
    return current, raw, problems, form_version(str(a.form.get("version") or "")), _json(a.form, "base")


def save(a: Attempt) -> Response:
    """Check everything, then store the source and write the record; else the form again with its problems."""
    try:
        current, raw, problems, version, base = _posted(a)
    except FeatureNotFound:
        return deleted_page(a, None)
    source, more = provenance(a.form, a.actor)
    problems += more
    props = raw["properties"]
    if source is not None:
        props["sources"] = list(dict.fromkeys([*(props.get("sources") or []), source.id]))
    problems += confirmation_problems(current, props, source)
    ids = all_source_ids(a.store, a.request.app.state.settings.data_dir) | ({source.id} if source else set())
    raw = with_new_id(a.c, raw) if a.feature_id is None else raw
    try:
        check_feature(a.c, raw, LinkResolver(a.store, ids), a.feature_id)
    except InvalidFeature as exc:
        problems += exc.errors
    if problems or source is None:
        return a.again(current, raw, problems, status=422, version=version, base=base)
    a.store.add_source(source, a.actor)
    editor = Editor(a.store, a.actor, ids)
    try:
        saved = editor.create(a.c, raw) if a.feature_id is None else editor.replace(a.c, a.feature_id, raw, version)
    except VersionConflict:
        try:
            return conflict_page(a, raw, base)
        except FeatureNotFound:
            return deleted_page(a, raw)
    except DuplicateFeature:
        return a.again(current, raw, [{"field": "id", "problem": "exists"}], status=409, version=version, base=base)
    except InvalidFeature as exc:  # a link target deleted meanwhile
        return a.again(current, raw, exc.errors, status=422, version=version, base=base)
    target = page_href(a.request, f"/workspace/{a.c.id}/{saved.id}", saved=saved.version,
                       lang="en" if a.lang == "en" else None)
    return RedirectResponse(target, status_code=303)


DELETED = "was deleted meanwhile"


def deleted_page(a: Attempt, raw: dict[str, Any] | None) -> HTMLResponse:
    """The record was deleted while the officer edited it: their content as a new record's form, nothing lost."""
    if raw is None:
        raw = _json(a.form, "mine") if a.form.get("merge") == "1" else None
        raw = raw or wf.read_form(a.c, a.form, a.feature_id, None)[0]
    raw["properties"]["id"] = a.feature_id
    return edit_page(a.request, a.store, a.lang, a.c, current=None, props=raw["properties"],
                     geometry=raw.get("geometry"), problems=[{"field": "id", "problem": DELETED}], status=409,
                     form={k: str(a.form.get(k) or "") for k in PROVENANCE_FIELDS})


def _who_changed(c: Collection, name: str, base: Feature | None, theirs: Feature, mine: Feature | None) -> str:
    if base is None:
        return "both"
    they = any(ch.name == name for ch in changes(c, base, theirs, include_private=True))
    you = any(ch.name == name for ch in changes(c, base, mine, include_private=True))
    return "both" if they and you else ("they" if they else "you")


def conflict_page(a: Attempt, mine: dict[str, Any], base_raw: dict[str, Any] | None) -> HTMLResponse:
    """Their version and the officer's, field by field, each with a choice; posting it saves the merge."""
    c, store, lang, feature_id = a.c, a.store, a.lang, a.feature_id or ""
    theirs = store.get(c, feature_id, include_private=True)
    mine_feature, base = _as_feature(feature_id, mine), _as_feature(feature_id, base_raw)
    rows = []
    for ch in _editable(c, changes(c, theirs, mine_feature, include_private=True)):
        who = _who_changed(c, ch.name, base, theirs, mine_feature)
        default = "both" if ch.name == "sources" else ("theirs" if who == "they" else "mine")
        rows.append({"name": ch.name, "label": field_title(c, ch.name, lang),
                     "theirs": show(c, ch.name, ch.before, lang), "mine": show(c, ch.name, ch.after, lang),
                     "who": who, "default": default,
                     "lists": isinstance(ch.before, list) and isinstance(ch.after, list)})
    at = next((e.at for e in reversed(store.history(c, feature_id))), "")
    response = render(a.request, "pages/workspace_conflict.html", lang, collection=c, theirs=theirs, rows=rows, at=at,
                      mine=orjson.dumps(mine).decode(),
                      kept={k: str(a.form.get(k) or "") for k in PROVENANCE_FIELDS})
    response.status_code = 409
    return response
