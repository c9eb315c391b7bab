"""``/workspace/import``: the import wizard for signed-in editors (upload → preview → confirm → result).

1. ``GET /workspace/import``: choose a collection, the file's CRS (or "as the file says") and the file.
2. ``POST /workspace/import`` (multipart, same origin, the session's CSRF token): the file is held under
   a random id (``geo.records.import_uploads``), nothing is written, and the browser goes to
3. ``GET /workspace/import/{id}``: the preview — the CRS found and how, every row with its problems
   (``geo.records.import_preview``: the import's own reader and checks) and a map of the rows in CRS84;
   with no problem, a confirm button:
4. ``POST /workspace/import/{id}`` (same origin, CSRF): the import runs after the answer (all or nothing,
   as ``craftmap import``), and the same page shows its progress (rows checked, then written), refreshing
   itself without JS (``<meta http-equiv="refresh">``) or through ``GET /workspace/import/{id}/status``
   with JS, then the result: the records' links, or every problem and "nothing was written".

Anonymous visitors are sent to ``/sign-in?next=…``; a held upload is only its uploader's.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile
from starlette.responses import Response

from api import sessions
from api.deps import LangDep, StoreDep
from api.pages.officer import form_writer, signed_in, to_sign_in
from api.pages.workspace_form import problem_text
from api.problems import problem_responses
from api.render import map_context, render
from api.responses import ORJSONResponse
from api.urls import page_href
from geo.model.collections import COLLECTIONS, Collection, get_collection
from geo.model.errors import CraftmapError, InvalidParameter, MalformedBody, NotAuthenticated, PayloadTooLarge
from geo.records import import_uploads
from geo.records.import_limits import check_size
from geo.records.import_preview import Preview, preview
from geo.records.importer import FORMATS, MAX_REPORTED
from geo.records.sources import all_source_ids
from maps.builder import MapPage, embed
from maps.import_map import MapRow, bounds, preview_group
from maps.pages import admin_layers
from maps.values import field_title

router = APIRouter(tags=["Workspace"], include_in_schema=False)

CRS_CHOICES = ("EPSG:4326", "EPSG:3405", "EPSG:9210")
_CHUNK = 1 << 20


# How the problem tables name a field and word a problem: the workspace form's own words.
_WORDS = {"field_title": field_title, "problem_text": problem_text}


def editable_collections() -> list[Collection]:
    return [c for c in COLLECTIONS.values() if c.editable]


def _upload_page(request: Request, lang: str, *, status: int = 200, message: str = "", chosen: str = "",
                 crs_given: str = "") -> HTMLResponse:
    response = render(request, "pages/import_upload.html", lang, **_WORDS, collections=editable_collections(),
                      crs_choices=CRS_CHOICES, formats=sorted(FORMATS), message=message, chosen=chosen,
                      crs_given=crs_given)
    response.status_code = status
    return response


@router.get("/workspace/import", response_class=HTMLResponse)
def import_form(request: Request, lang: LangDep, collection: str = "") -> Response:
    """Step 1: the upload form."""
    if signed_in(request) is None:
        return to_sign_in(request)
    return _upload_page(request, lang, chosen=collection)


async def _save(upload: UploadFile, held: import_uploads.Held, limit: int) -> None:
    size = 0
    with held.path.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"The file exceeds the limit of {limit} bytes.")
            out.write(chunk)
    check_size(held.path)


def _fields(form: Any) -> tuple[str, str, str, UploadFile]:
    collection, given = str(form.get("collection") or ""), str(form.get("crs") or "")
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise MalformedBody("Choose a file to upload.")
    if given and given not in CRS_CHOICES:
        raise InvalidParameter(f"crs must be one of {', '.join(CRS_CHOICES)}.")
    return collection, given, str(form.get(sessions.CSRF_FIELD) or ""), upload


@router.post("/workspace/import", response_class=HTMLResponse, responses=problem_responses(400, 401, 403, 413))
async def upload(request: Request, lang: LangDep) -> Response:
    """Step 2: hold the file (nothing is written) and go to its preview."""
    sessions.same_origin(request)
    limit = request.app.state.settings.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > limit + 64_000:
        raise PayloadTooLarge(f"Send a file of at most {limit} bytes (with its Content-Length).")
    async with request.form(max_files=1, max_fields=8) as form:
        collection_id, given, token, file = _fields(form)
        who = form_writer(request, token).name
        name = file.filename or ""
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        collection = get_collection(collection_id)
        if not collection.editable or suffix not in FORMATS:
            why = (f"Cannot import '{suffix or name}' files: use {', '.join(sorted(FORMATS))}."
                   if collection.editable else f"{collection.id} is reference data and cannot be imported into.")
            return _upload_page(request, lang, status=400, message=why, chosen=collection_id, crs_given=given)
        meta = {"collection": collection.id, "crs": given, "owner": who, "filename": name}
        with import_uploads.new_upload(suffix, meta) as held:
            await _save(file, held, limit)
    return RedirectResponse(page_href(request, f"/workspace/import/{held.id}", lang="en" if lang == "en" else None),
                            status_code=303)


def _map_rows(found: Preview, lang: str) -> list[MapRow]:
    word = "Row" if lang == "en" else "Dòng"
    return [MapRow(f"{word} {r.row}: {r.name or r.id or ''}", r.geometry, not r.problems)
            for r in found.rows if r.geometry is not None]


def _preview_page(request: Request, lang: str, held: import_uploads.Held, found: Preview) -> HTMLResponse:
    rows = _map_rows(found, lang)
    layers = [*admin_layers(map_context(request, lang), ()),
              preview_group(rows, "Các dòng của tệp" if lang != "en" else "The file's rows")]
    parts = embed(map_context(request, lang), MapPage(held.meta["filename"], layers, fit=bounds(rows),
                                                      controls=False, height=380))
    shown = found.rows[:MAX_REPORTED]
    return render(request, "pages/import_preview.html", lang, **_WORDS, held=held, found=found, shown=shown,
                  collection=get_collection(found.collection), map=parts,
                  bad_rows=sum(1 for r in found.rows if r.problems))


@router.get("/workspace/import/{upload_id}", response_class=HTMLResponse, responses=problem_responses(404))
async def preview_or_result(request: Request, upload_id: str, store: StoreDep, lang: LangDep) -> Response:
    """Step 3 before confirming (the preview), step 4 after (progress, then the result)."""
    person = signed_in(request)
    if person is None:
        return to_sign_in(request)
    who = person.name
    held = import_uploads.get(upload_id, who)
    status = held.status()
    collection = get_collection(held.meta["collection"])
    if status is not None:
        return render(request, "pages/import_result.html", lang, **_WORDS, held=held, status=status,
                      collection=collection, max_reported=MAX_REPORTED)
    sources = all_source_ids(store, request.app.state.settings.data_dir)
    try:
        found = await run_in_threadpool(preview, held.path, collection, store, sources=sources,
                                        given_crs=held.meta.get("crs") or None)
    except CraftmapError as exc:
        return render(request, "pages/import_preview.html", lang, **_WORDS, held=held, found=None, shown=[],
                      collection=collection, map=None, bad_rows=0, file_error=exc.detail)
    return _preview_page(request, lang, held, found)


@router.post("/workspace/import/{upload_id}", responses=problem_responses(401, 403, 404))
async def confirm(request: Request, upload_id: str, store: StoreDep, lang: LangDep) -> Response:
    """Step 4: start the import (once); the page then shows its progress and result."""
    async with request.form(max_files=0, max_fields=4) as form:
        who = form_writer(request, str(form.get(sessions.CSRF_FIELD) or "")).name
    held = import_uploads.get(upload_id, who)
    target = page_href(request, f"/workspace/import/{held.id}", lang="en" if lang == "en" else None)
    if not held.start():
        return RedirectResponse(target, status_code=303)
    collection = get_collection(held.meta["collection"])
    task = BackgroundTask(import_uploads.run, held, collection, store, actor=who,
                          sources=all_source_ids(store, request.app.state.settings.data_dir))
    return RedirectResponse(target, status_code=303, background=task)


@router.get("/workspace/import/{upload_id}/status", response_class=ORJSONResponse,
            responses=problem_responses(401, 404))
def import_status(request: Request, upload_id: str) -> ORJSONResponse:
    """The import's progress for the page's script: ``state``, ``phase``, ``done`` of ``total``."""
    person = signed_in(request)
    if person is None:
        raise NotAuthenticated("Sign in to follow an import.")
    held = import_uploads.get(upload_id, person.name)
    status = held.status() or {"state": "waiting"}
    return ORJSONResponse({k: v for k, v in status.items() if k in ("state", "phase", "done", "total", "count")},
                          headers={"Cache-Control": "no-store"})
