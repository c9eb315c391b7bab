"""``/healthz``: is the store readable, and what does it hold."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.problems import problem_responses
from api.responses import ORJSONResponse

router = APIRouter(tags=["Health"])


@router.get("/healthz", response_class=ORJSONResponse, responses=problem_responses(503))
def healthz(store: StoreDep) -> ORJSONResponse:
    """200 with feature counts when the store answers; 503 problem+json otherwise."""
    return ORJSONResponse({"status": "ok", "counts": store.counts()})
