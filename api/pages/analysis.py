"""``/analysis/site-search`` and ``/analysis/relocation``: where a workshop, or a village's workshops, can go.

Thin handlers: parameters are parsed here, every rule lives in ``geo.analysis.site_search`` and
``geo.analysis.relocation`` (which document the checks, the treatment of unknown figures and the order of the
greedy assignment). A search that finds nothing is a 200 with empty candidates and the reasons.
Sentences (``detail``, ``reasons``, ``summary`` …) are English unless ``?lang=vi|en`` is given; each
check also carries a stable ``code``.

The same URLs are pages for browsers (``Accept: text/html`` or ``?f=html``, as ``api.deps.negotiate``
decides): a GET form (so the URL carries the query and a shared link gives the same answer), the
candidate clusters on a map and in a table with every check and what to confirm. JSON stays the
default for every other client, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from folium.map import Layer

from api.deps import LangDep, StoreDep, negotiate, sentence_lang
from api.pages.params import RelocationDep, RelocationParams, SiteSearchDep, SiteSearchParams
from api.problems import problem_responses, status_of
from api.render import map_context, render
from api.responses import ORJSONResponse
from api.urls import HTML, JSON, page_href
from geo.analysis import relocation, site_search
from geo.model.collections import CLUSTERS, VILLAGES
from geo.model.errors import CraftmapError
from geo.store.base import Store
from maps.analysis_map import Candidate, PointPicker, candidates_group, fit_of, origin_group
from maps.builder import MapPage, MapParts, embed
from maps.pages import admin_layers

router = APIRouter(tags=["Analysis"])

FORMATS = ("json", "html")
_BOTH: dict[int | str, dict[str, Any]] = {200: {"content": {JSON: {}, HTML: {}}}}


def _villages(store: Store) -> list[tuple[str, str]]:
    """The villages a form offers as origins: id and name, by name."""
    rows = [(v.id, str(v.properties.get("name") or v.id)) for v in store.read_all(VILLAGES)]
    return sorted(rows, key=lambda r: (r[1].casefold(), r[0]))


def _map(request: Request, store: Store, lang: str, rows: list[dict[str, Any]],
         origin: dict[str, Any] | None) -> MapParts:
    """The candidates coloured by category, the origin, and the point picker for the form."""
    clusters = {c.id: c for c in store.read_all(CLUSTERS)}
    found = [Candidate(clusters[r["cluster_id"]], r["category"], str(r["name"] or r["cluster_id"]),
                       page_href(request, f"/capacity/{r['cluster_id']}", lang="en" if lang == "en" else None))
             for r in rows if r["cluster_id"] in clusters]
    ctx = map_context(request, lang)
    point = None if origin is None else (float(origin["lon"]), float(origin["lat"]))
    layers: list[Layer] = [*admin_layers(ctx, ())]
    layers.append(candidates_group(found, "Cụm công nghiệp phù hợp" if lang != "en" else "Candidate clusters"))
    if origin is not None and point is not None:
        layers.append(origin_group(point[0], point[1], str(origin.get("label") or "")))
    layers.append(PointPicker())
    return embed(ctx, MapPage("Tìm địa điểm" if lang != "en" else "Site search", layers, fit=fit_of(found, point),
                              controls=False, height=420))


def _answer(compute: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any] | None, str, int]:
    """Run a query for a page: the answer, or the error's sentence and status (the page shows the form again)."""
    try:
        return compute(), "", 200
    except CraftmapError as exc:
        return None, exc.detail, status_of(exc)


def _page(request: Request, store: Store, lang: str, template: str, *, p: SiteSearchParams | RelocationParams,
          run: Callable[[], dict[str, Any]], rows_key: str) -> HTMLResponse:
    """An analysis as a page: the form (the URL is the query), then the candidates on a map and in a table."""
    result, error, status = (None, "", 200)
    if p.given():
        result, error, status = _answer(run)
    rows = result[rows_key] if result else []
    parts = _map(request, store, lang, rows, result["request"]["origin"] if result else None)
    response = render(request, template, lang, p=p, result=result, error=error, villages=_villages(store), map=parts)
    response.status_code = status
    return response


@router.get("/analysis/site-search", response_model=None, responses={**_BOTH, **problem_responses(400, 404)})
def site_search_route(*, request: Request, store: StoreDep, lang: LangDep, p: SiteSearchDep,
                      f: str | None = None) -> ORJSONResponse | HTMLResponse:
    """Clusters that can take a workshop, ranked (``fits`` before ``possible_if_confirmed``), with score
    components and every check; every excluded cluster with its reasons. Exactly one of ``area_ha`` and
    ``area_m2``; an origin as ``village`` or ``lon`` + ``lat``. ``f=html`` (or ``Accept: text/html``): the page."""
    if negotiate(request, f, FORMATS) == "html":
        return _page(request, store, lang, "pages/site_search.html", p=p,
                     run=lambda: site_search.search(store, p.request(store), lang), rows_key="candidates")
    return ORJSONResponse(site_search.search(store, p.request(store), sentence_lang(request, lang)))


def _relocate(store: Store, p: RelocationParams, lang: str) -> dict[str, Any]:
    village, workshops, workshop_m2 = p.required()
    return relocation.relocate(store, village, workshops, workshop_m2,
                               industry=p.industry.strip() if p.industry else None, max_km=p.max_km, lang=lang)


@router.get("/analysis/relocation", response_model=None, responses={**_BOTH, **problem_responses(400, 404)})
def relocation_route(*, request: Request, store: StoreDep, lang: LangDep, p: RelocationDep,
                     f: str | None = None) -> ORJSONResponse | HTMLResponse:
    """A deterministic greedy assignment of the workshops to clusters (order explained in ``order``),
    the land left in each cluster afterwards, and what does not fit. The industry defaults to the
    village's first craft. ``village``, ``workshops`` and ``workshop_m2`` are required for JSON;
    ``f=html`` (or ``Accept: text/html``): the page with its form."""
    if negotiate(request, f, FORMATS) == "html":
        return _page(request, store, lang, "pages/relocation.html", p=p, run=lambda: _relocate(store, p, lang),
                     rows_key="clusters")
    return ORJSONResponse(_relocate(store, p, sentence_lang(request, lang)))
