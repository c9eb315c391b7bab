"""The land-use officers' daily moves, one screen each (editors): ``/workspace/moves/plot-leased``,
``/workspace/moves/wastewater`` and ``/workspace/moves/project-budget``.

Each screen: choose the record (or name it in the URL: ``?plot=``, ``?cluster=``, ``?project=``), fill in
what changed and what it rests on (a document, or "entered by me today"), save. The save is a merge patch
(``geo.records.moves``) with If-Match of the version shown: when someone saved first the page says so,
shows their values and keeps the officer's, overwriting nothing. Problems come back next to their fields.
The fields of each move are declared in ``api.pages.move_forms``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from api.deps import LangDep
from api.pages.move_forms import MOVES, Move, Problems
from api.pages.officer import editor_for, form_version, form_writer, provenance, signed_in, to_sign_in
from api.problems import problem_responses
from api.render import render
from api.urls import page_href
from geo.model.collections import COLLECTIONS
from geo.model.errors import FeatureNotFound, InvalidFeature, UnknownCollection, VersionConflict
from geo.model.feature import Feature
from geo.records import sources
from geo.records.access import Principal
from geo.store.base import Store
from maps.values import field_title, show

router = APIRouter(tags=["Workspace"], include_in_schema=False)



def _move(name: str) -> Move:
    try:
        return MOVES[name]
    except KeyError:
        raise UnknownCollection(f"No move '{name}': the moves are {', '.join(MOVES)}.") from None


@dataclass
class Screen:
    """What one rendering of a move's screen shows."""

    move: Move
    record: Feature | None
    values: dict[str, str]
    problems: Problems
    status: int = 200
    notice: str = ""


def _summary(request: Request, move: Move, record: Feature, lang: str) -> list[dict[str, str]]:
    """The record's fields the move touches, as now recorded; links and sources by their names."""
    c, store = move.collection, request.app.state.store
    out = []
    for n in move.summary:
        value, target = record.properties.get(n), c.field(n).link
        if target == "sources" and value:
            known = sources.all_sources(store, request.app.state.settings.data_dir)
            text = "; ".join(known[s].title if s in known else s for s in value)
        elif target is not None and isinstance(value, str):
            try:
                text = str(store.get(COLLECTIONS[target], value).properties.get(COLLECTIONS[target].name_field))
            except FeatureNotFound:
                text = value
        else:
            text = show(c, n, value, lang)
        out.append({"field": n, "title": field_title(c, n, lang), "value": text})
    return out


def _render(request: Request, lang: str, screen: Screen) -> HTMLResponse:
    store: Store = request.app.state.store
    move, record = screen.move, screen.record
    choices = move.choices(store, request.query_params.get("cluster"), lang)
    fields = move.fields(record, screen.values, screen.problems, lang) if record is not None else []
    response = render(request, "pages/moves_form.html", lang, move=move, record=record, choices=choices,
                      fields=fields, values=screen.values, problems=screen.problems, notice=screen.notice,
                      summary=_summary(request, move, record, lang) if record is not None else [],
                      links=move.links(record) if record is not None else [], today=date.today().isoformat(),
                      source_problems={k: v for k, v in screen.problems.items() if k.startswith("source_")})
    response.status_code = screen.status
    return response


def _record(store: Store, move: Move, feature_id: str | None) -> Feature | None:
    if not feature_id:
        return None
    try:
        return store.get(move.collection, feature_id, include_private=True)
    except FeatureNotFound:
        raise FeatureNotFound(f"No {move.collection.id} record '{feature_id}'.") from None


@router.get("/workspace/moves", response_class=HTMLResponse, responses=problem_responses(403))
def moves_index(request: Request, lang: LangDep) -> Response:
    """The three moves, one line each."""
    if signed_in(request) is None:
        return to_sign_in(request)
    return render(request, "pages/moves_index.html", lang, moves=MOVES)


@router.get("/workspace/moves/{move_name}", response_class=HTMLResponse, responses=problem_responses(403, 404))
def move_page(request: Request, move_name: str, lang: LangDep) -> Response:
    """The move's screen; with the record chosen, its form (the version shown is the one saved over)."""
    move = _move(move_name)
    if signed_in(request) is None:
        return to_sign_in(request)
    record = _record(request.app.state.store, move, request.query_params.get(move.param))
    notice = "saved" if request.query_params.get("saved") == "1" and record is not None else ""
    return _render(request, lang, Screen(move, record, {}, {}, notice=notice))


@router.post("/workspace/moves/{move_name}", response_class=HTMLResponse,
             responses=problem_responses(400, 401, 403, 404))
async def move_save(request: Request, move_name: str, lang: LangDep) -> Response:
    """Save the move: CSRF and same origin, inline problems (422), a stale version (412), else 303 back."""
    move = _move(move_name)
    form = await request.form()
    values = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    who = form_writer(request, values.get("csrf_token", ""))
    return await run_in_threadpool(_save, request, lang, move, who, values)


def _save(request: Request, lang: str, move: Move, who: Principal, values: dict[str, str]) -> Response:
    store: Store = request.app.state.store
    record = _record(store, move, values.get(move.param))
    if record is None:
        return _render(request, lang, Screen(move, None, values, {move.param: "required"}, 422))
    changes, problems = move.parse(values)
    source, errors = provenance(values, who.name)
    problems.update(move.problems_of(errors))
    if form_version(values.get("version", "")) != record.version:
        return _stale(request, lang, move, record=record, values=values, problems=problems)
    if problems or source is None:
        return _render(request, lang, Screen(move, record, values, problems, 422))
    try:
        patch = move.patch(record.properties, store.add_source(source, who.name).id, changes)
        editor_for(request, who).patch(move.collection, record.id, patch, record.version)
    except VersionConflict:
        return _stale(request, lang, move, record=store.get(move.collection, record.id, include_private=True),
                      values=values, problems={})
    except InvalidFeature as exc:
        return _render(request, lang, Screen(move, record, values, move.problems_of(exc.errors), 422))
    target = page_href(request, f"/workspace/moves/{move.name}", **{move.param: record.id}, saved="1",
                       lang="en" if lang == "en" else None)
    return RedirectResponse(target, status_code=303)


def _stale(request: Request, lang: str, move: Move, *, record: Feature, values: dict[str, str],
           problems: Problems) -> HTMLResponse:
    """Someone saved first: their values in the summary, the officer's kept in the form, saved over only
    if the officer saves again (the form now carries the newest version)."""
    kept = {**values, "version": str(record.version)}
    return _render(request, lang, Screen(move, record, kept, problems, 412, notice="stale"))

