"""``/pollution``: each source with its values against the standard, what lies near it, and the money
spent on it, so the chain money → site → pollution reads in one place."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse

from api.deps import LangDep, SettingsDep, StoreDep
from api.problems import problem_responses
from api.render import map_context, page_part, render
from geo.analysis import stats
from geo.i18n.words import word
from geo.model.collections import COLLECTIONS
from geo.model.errors import InvalidParameter
from geo.model.feature import Feature
from geo.records.sources import all_sources
from geo.spatial import proximity
from geo.store.base import Store
from maps import public_maps as pm
from maps.builder import MapPage, bounds_of, embed

router = APIRouter(tags=["Public pages"])

DEFAULT_DISTANCE_KM = 1.0


def distance_query(distance_km: Annotated[str | None, Query(
        description="Radius around each source, in km (above 0, at most 50)")] = None) -> float:
    if distance_km in (None, ""):
        return DEFAULT_DISTANCE_KM
    try:
        value = float(distance_km.replace(",", "."))
    except ValueError:
        raise InvalidParameter(f"distance_km must be a number of kilometres, got '{distance_km}'.") from None
    return proximity.check_distance_km(value)


def ratio(m: dict[str, Any]) -> float | None:
    """How many times the standard a measured value is (``None`` when either is missing)."""
    value, limit = m.get("value"), m.get("standard_value")
    if not isinstance(value, int | float) or not isinstance(limit, int | float) or not limit:
        return None
    return round(value / limit, 1)


def _entries(sources: list[Feature], projects: list[Feature], places: stats.Places,
             distance_m: float) -> list[dict[str, Any]]:
    communes = list(places.communes.values())
    villages = list(places.villages.values())
    out = []
    for s in sources:
        funded = [p for p in projects if s.id in (p.properties.get("pollution_source_ids") or [])]
        out.append({
            "f": s, "p": s.properties, "village": places.villages.get(s.properties.get("village_id") or ""),
            "commune": places.communes.get(s.properties.get("commune_id") or ""),
            "measurements": [{**m, "ratio": ratio(m)} for m in s.properties.get("measurements") or []],
            "villages_near": proximity.within(s.geometry, villages, distance_m),
            "communes_near": proximity.within(s.geometry, communes, distance_m),
            "projects": [{"f": p, "amount": stats.amount(p.properties)} for p in funded],
            "money": stats.totals(funded).money,
        })
    return out


@router.get("/pollution", response_class=HTMLResponse, responses=problem_responses(400))
def pollution(request: Request, store: StoreDep, settings: SettingsDep, lang: LangDep,
              distance_km: Annotated[float, Depends(distance_query)]) -> HTMLResponse:
    """Pollution sources, nearby villages and communes, and the remediation money linked to each
    (cached by data version, language and distance)."""
    context = page_part(request, store, ("pollution", lang, distance_km),
                        lambda: _summaries(request, store, lang, distance_km))
    return render(request, "pages/pollution.html", lang, distance_km=distance_km,
                  sources=all_sources(store, settings.data_dir), **context)


def _summaries(request: Request, store: Store, lang: str, distance_km: float) -> dict[str, Any]:
    places = stats.Places.from_store(store)
    sources = store.read_all(COLLECTIONS["pollution_sources"])
    entries = _entries(sources, store.read_all(COLLECTIONS["projects"]), places, distance_km * 1000)
    near = {n.feature.id: n.feature for e in entries for n in e["villages_near"]}
    layers = [pm.points([(s, s.properties.get("name") or s.id, f"#source-{s.id}") for s in sources],
                        word("layer.pollution_sources", lang), "#b30000"),
              pm.points([(v, v.properties.get("name") or v.id, None) for v in near.values()],
                        word("layer.villages_within", lang), "#2b8a3e"),
              pm.circles(sources, distance_km * 1000, f"{distance_km:g} km")]
    parts = embed(map_context(request, lang), MapPage(word("layer.pollution_sources", lang), layers,
                                                      fit=bounds_of(sources), controls=False, height=380))
    return {"entries": entries, "map": parts}
