"""The audit trail: ``/audit`` for admins, and each feature's public change history.

The public history says when and what changed, field by field, never who (the token's
name is for admins) and never a private field.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api import sessions
from api.deps import CollectionDep, LangDep, LimitDep, OffsetDep, StoreDep, wants_html
from api.pages.history_view import history_view, public_change
from api.problems import problem_responses
from api.render import render
from api.responses import ORJSONResponse
from api.security import AdminDep
from api.urls import HTML, JSON, link, url_for
from geo.model.errors import FeatureNotFound

router = APIRouter(tags=["Audit"])


@router.get("/collections/{collection_id}/items/{feature_id}/history", response_model=None,
            responses={200: {"content": {JSON: {}, HTML: {}}}, **problem_responses(400, 404)})
def history(*, request: Request, c: CollectionDep, feature_id: str, store: StoreDep, lang: LangDep,
            f: str | None = None) -> ORJSONResponse | HTMLResponse:
    """Every change of one feature, oldest first (also of deleted features): when and what, not who."""
    entries = store.history(c, feature_id)
    if not entries:
        store.get(c, feature_id)  # 404 for an unknown feature; an existing one has an empty history
    if wants_html(request, f):
        try:
            current = store.get(c, feature_id).version
        except FeatureNotFound:
            current = 0  # deleted: any earlier version can bring it back
        person = sessions.current(request)
        admin = person is not None and person.user.role == "admin"  # the audit names who; the public page never
        return render(request, "pages/history.html", lang, collection=c, feature_id=feature_id, current=current,
                      versions=history_view(c, entries, current, lang, with_actor=admin))
    changes = [public_change(c, e) for e in entries]
    self_href = url_for(request, f"/collections/{c.id}/items/{feature_id}/history")
    return ORJSONResponse({"collection": c.id, "featureId": feature_id, "changes": changes, "links": [
        link(self_href, "self", JSON), link(self_href + "?f=html", "alternate", HTML),
        link(url_for(request, f"/collections/{c.id}/items/{feature_id}"), "item", "application/geo+json")]})


@router.get("/audit", response_class=ORJSONResponse, responses=problem_responses(400, 401, 403))
def audit(*, request: Request, who: AdminDep, store: StoreDep, limit: LimitDep, offset: OffsetDep) -> ORJSONResponse:
    """The newest writes first, with the token name that made each one and full before/after. Admins only."""
    entries = store.audit_log(limit, offset)
    body = [{"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "collection": e.collection,
             "featureId": e.feature_id, "version": e.version, "before": e.before, "after": e.after}
            for e in entries]
    links = [link(url_for(request, "/audit", limit=limit, offset=offset), "self", JSON)]
    if len(entries) == limit:
        links.append(link(url_for(request, "/audit", limit=limit, offset=offset + limit), "next", JSON))
    return ORJSONResponse({"entries": body, "links": links})

