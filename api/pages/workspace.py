"""``/workspace``: the officers' list of the records they may edit, and the edit form of one record.

Editors and admins only (a signed-in session: ``api/sessions.py``); anyone else is sent to sign in,
and a signed-in person without the role gets a 403 page. The list has a section per editable
collection (admin units stay read-only), sorted by last change (the audit trail), with a filter
that ignores accents (``geo.spatial.text.fold``, the same fold the page's script uses). The form
is ``api/pages/workspace_form.py``; saving, validation errors and the conflict view are
``api/pages/workspace_save.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
import shapely
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.convertors import Convertor, register_url_convertor
from starlette.responses import Response

from api import sessions
from api.deps import EditableDep, LangDep, StoreDep
from api.pages import workspace_form as wf
from api.pages.officer import to_sign_in
from api.render import render
from api.urls import page_href
from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection
from geo.model.feature import Feature, SessionRecord
from geo.records.access import Principal
from geo.records.editing import to_geojson
from geo.records.sources import all_sources
from geo.spatial.text import fold
from geo.store.base import Store
from geo.store.cache import cached

router = APIRouter(tags=["Workspace"], include_in_schema=False)


class CollectionConvertor(Convertor[str]):
    """``{collection_id:collection}`` matches only the registry's ids, so other pages under ``/workspace/``
    (the import wizard's) are never taken for a collection."""

    regex = "|".join(sorted(COLLECTIONS, key=len, reverse=True))

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("collection", CollectionConvertor())

AUDIT_SCAN = 5000  # newest audit rows read to date the list's last changes
MAP_LINKS = ("clusters",)  # collections whose outlines the edit map shows (a plot snaps to its cluster)
PLACED = frozenset({"id", "geometry", "sources", "provenance", "source_number", "source_date", "source_title",
                    "source_address"})  # problems the form shows beside these inputs


def gate(request: Request, lang: str) -> SessionRecord | Response:
    """The signed-in editor or admin, or the response for anyone else (sign in first; or 403)."""
    found = sessions.current(request)
    if found is None:
        return to_sign_in(request)
    if not Principal(found.user.name, found.user.role).allows("editor"):
        response = render(request, "pages/workspace_forbidden.html", lang)
        response.status_code = 403
        return response
    return found


def last_changes(store: Store) -> dict[tuple[str, str], str]:
    """When each record last changed, from the newest audit rows (records never edited are absent)."""
    out: dict[tuple[str, str], str] = {}
    for entry in store.audit_log(AUDIT_SCAN, 0):
        out.setdefault((entry.collection, entry.feature_id), entry.at)
    return out


def _name(c: Collection, f: Feature) -> str:
    return str(f.properties.get(c.name_field) or f.id)


def _rows(c: Collection, features: list[Feature], changed: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    rows = [{"id": f.id, "name": _name(c, f), "version": f.version, "at": changed.get((c.id, f.id), ""),
             "status": f.properties.get("status"), "illustrative": bool(f.properties.get("illustrative")),
             "key": fold(" ".join([f.id, _name(c, f), *(str(f.properties.get(n) or "") for n in c.searchable_fields)]))}
            for f in features]
    rows.sort(key=lambda r: fold(str(r["name"])))
    rows.sort(key=lambda r: str(r["at"]), reverse=True)  # stable: the changed first, newest first; then by name
    return rows


def _map_feature(c: Collection, f: Feature, href: str) -> dict[str, Any] | None:
    if f.geometry is None:
        return None
    return {"type": "Feature", "geometry": orjson.loads(shapely.to_geojson(f.geometry)),
            "properties": {"collection": c.id, "name": _name(c, f), "href": href}}


@router.get("/workspace", response_class=HTMLResponse)
def workspace(request: Request, store: StoreDep, lang: LangDep, q: str = "", collection: str = "") -> Response:
    """Every record the officer may edit, per collection, newest change first; ``q`` filters without accents."""
    who = gate(request, lang)
    if isinstance(who, Response):
        return who
    changed = last_changes(store)
    wanted, sections, features = fold(q), [], []
    for cid in LOAD_ORDER:
        c = COLLECTIONS[cid]
        if collection and collection != cid:
            continue
        everything = store.read_all(c)
        listed = c.editable or bool(q) or collection == cid  # reference data only when asked for
        rows = [r for r in _rows(c, everything, changed) if wanted in r["key"]] if listed else []
        sections.append({"collection": c, "rows": rows, "total": len(everything)})
        if c.editable:
            shown = {r["id"] for r in rows}
            features += [m for f in everything if f.id in shown and (m := _map_feature(
                c, f, page_href(request, f"/workspace/{cid}/{f.id}", lang="en" if lang == "en" else None)))]
    return render(request, "pages/workspace_list.html", lang, sections=sections, q=q, chosen=collection,
                  collections=[COLLECTIONS[c] for c in LOAD_ORDER], map_data={"type": "FeatureCollection",
                                                                                "features": features})


def link_options(store: Store) -> dict[str, list[tuple[str, str]]]:
    """The records a link field may name, as ``(id, "name (id)")`` select options, per target collection
    (computed once per version of the data)."""
    return cached(store, ("workspace.link_options",), lambda: _link_options(store))


def _link_options(store: Store) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for cid in LOAD_ORDER:
        c = COLLECTIONS[cid]
        features = store.read_all(c)
        if cid == "admin_units":
            features = [f for f in features if f.properties.get("level") == "commune"]
        out[cid] = sorted(((f.id, f"{_name(c, f)} ({f.id})") for f in features), key=lambda o: fold(o[1]))
    return out


def outlines(store: Store) -> dict[str, Any]:
    """The cluster outlines the edit map shows and snaps plots to (once per version of the data)."""
    return cached(store, ("workspace.outlines",), lambda: _outlines(store))


def _outlines(store: Store) -> dict[str, Any]:
    feats = [{"type": "Feature", "id": f.id, "geometry": orjson.loads(shapely.to_geojson(f.geometry)),
              "properties": {"id": f.id, "name": _name(COLLECTIONS[cid], f)}}
             for cid in MAP_LINKS for f in store.read_all(COLLECTIONS[cid]) if f.geometry is not None]
    return {"type": "FeatureCollection", "features": feats}


def edit_page(request: Request, store: Store, lang: str, c: Collection, *, current: Feature | None,
              props: dict[str, Any], geometry: Any, form: dict[str, str] | None = None,
              problems: list[dict[str, str]] | None = None, status: int = 200, version: int | None = None,
              base: dict[str, Any] | None = None) -> HTMLResponse:
    """The edit form of ``current`` (``None``: a new record) showing ``props``/``geometry`` and any problems.

    ``version`` and ``base`` are what the officer started from (a form shown again keeps them, so a
    save made meanwhile by someone else is still caught); by default the current record's."""
    if current is not None and base is None:
        base = to_geojson(current)
    errors = wf.errors_by_field(problems or [], lang)
    fields = wf.controls(c, props, lang, link_options(store))
    for ff in fields:
        ff.errors = errors.pop(ff.name, [])
    settings = request.app.state.settings
    sources = all_sources(store, settings.data_dir)
    cited = [(sid, sources[sid].title if sid in sources else sid) for sid in props.get("sources") or []]
    declared = c.declared_area_field or ("declared_area_ha" if "declared_area_ha" in c.field_names else None)
    response = render(
        request, "pages/workspace_edit.html", lang, collection=c, current=current, fields=fields, cited=cited,
        all_sources=sorted(((s.id, s.title) for s in sources.values()), key=lambda o: fold(o[1])),
        form=form or {}, errors=errors, has_errors=bool(problems), today=date.today().isoformat(),
        geometry="" if geometry is None else orjson.dumps(geometry).decode(), declared_field=declared,
        base="" if base is None else orjson.dumps(base).decode(),
        version=version if version is not None else (0 if current is None else current.version),
        outlines=outlines(store), tiles=settings.tiles, attribution=settings.tiles_attribution,
        saved=request.query_params.get("saved"), new_id=props.get("id") if current is None else None,
        unplaced=[(k, v) for k, v in errors.items() if k not in PLACED])
    response.status_code = status
    return response


@router.get("/workspace/{collection_id:collection}/new", response_class=HTMLResponse)
def new_record(request: Request, c: EditableDep, store: StoreDep, lang: LangDep) -> Response:
    """An empty form (query parameters named after fields prefill them, e.g. ``?cluster_id=c-kien-bai``)."""
    who = gate(request, lang)
    if isinstance(who, Response):
        return who
    props: dict[str, Any] = {f.name: request.query_params[f.name] for f in c.fields
                             if f.name in request.query_params and f.type in ("string", "date")}
    props.setdefault("illustrative", False)
    return edit_page(request, store, lang, c, current=None, props=props, geometry=None)


@router.get("/workspace/{collection_id:collection}/{feature_id}", response_class=HTMLResponse)
def edit_record(request: Request, c: EditableDep, feature_id: str, store: StoreDep, lang: LangDep) -> Response:
    """The form of one record, with its current version (what the save's If-Match checks)."""
    who = gate(request, lang)
    if isinstance(who, Response):
        return who
    current = store.get(c, feature_id, include_private=True)
    geometry = None if current.geometry is None else orjson.loads(shapely.to_geojson(current.geometry))
    return edit_page(request, store, lang, c, current=current, props=current.properties, geometry=geometry)
