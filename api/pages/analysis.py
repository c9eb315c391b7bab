"""``/analysis/site-search`` and ``/analysis/relocation``: where a workshop, or a village's workshops, can go.

Thin handlers: parameters are parsed here, every rule lives in ``geo.analysis.site_search`` and
``geo.analysis.relocation`` (which document the checks, the treatment of unknown figures and the order of the
greedy assignment). A search that finds nothing is a 200 with empty candidates and the reasons.
Sentences (``detail``, ``reasons``, ``summary`` …) are English unless ``?lang=vi|en`` is given; each
check also carries a stable ``code``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import LangDep, StoreDep, sentence_lang
from api.pages.params import IndustryQ, MaxKmQ, SiteSearchDep
from api.problems import problem_responses
from api.responses import ORJSONResponse
from geo.analysis import relocation, site_search

router = APIRouter(tags=["Analysis"])

@router.get("/analysis/site-search", response_class=ORJSONResponse, responses=problem_responses(400, 404))
def site_search_route(*, request: Request, store: StoreDep, lang: LangDep, p: SiteSearchDep) -> ORJSONResponse:
    """Clusters that can take a workshop, ranked (``fits`` before ``possible_if_confirmed``), with score
    components and every check; every excluded cluster with its reasons. Exactly one of ``area_ha`` and
    ``area_m2``; an origin as ``village`` or ``lon`` + ``lat``."""
    return ORJSONResponse(site_search.search(store, p.request(store), sentence_lang(request, lang)))


@router.get("/analysis/relocation", response_class=ORJSONResponse, responses=problem_responses(400, 404))
def relocation_route(*, request: Request, store: StoreDep, lang: LangDep,
                     village: Annotated[str, Query(description="Village id the workshops leave")],
                     workshops: Annotated[int, Query(description="Number of workshops to move", ge=1,
                                                     le=relocation.MAX_WORKSHOPS)],
                     workshop_m2: Annotated[float, Query(description="Land per workshop (m²)", gt=0)],
                     industry: IndustryQ = None, max_km: MaxKmQ = None) -> ORJSONResponse:
    """A deterministic greedy assignment of the workshops to clusters (order explained in ``order``),
    the land left in each cluster afterwards, and what does not fit. The industry defaults to the
    village's first craft."""
    return ORJSONResponse(relocation.relocate(store, village, workshops, workshop_m2,
                                              industry=industry.strip() if industry else None, max_km=max_km,
                                              lang=sentence_lang(request, lang)))
