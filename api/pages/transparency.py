"""``/transparency``: funded projects with filters, totals, charts and a money map; one page per project."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from api.deps import LangDep, SettingsDep, StoreDep
from api.pages.params import ProjectFilterDep
from api.problems import problem_responses
from api.render import map_context, page_part, render
from api.urls import page_href
from geo.analysis import stats
from geo.i18n.words import word
from geo.model.collections import PROJECTS
from geo.model.feature import Feature
from geo.records.sources import all_sources
from geo.store.base import Store
from maps import public_maps as pm
from maps.builder import MapPage, MapParts, bounds_of, embed

router = APIRouter(tags=["Public pages"])



def _unit_labels(units: dict[str, Feature], money: stats.AreaMoney, lang: str) -> dict[str, str]:
    from geo.i18n.money import format_vnd

    return {uid: f"{u.properties.get('name')}: {format_vnd(money.by_unit[uid].amount, lang)}"
            for uid, u in units.items()}


def _money_map(request: Request, projects: list[Feature], places: stats.Places, *, districts: stats.AreaMoney,
               communes: stats.AreaMoney, lang: str) -> MapParts:
    """Beneficiary sites over the district and commune choropleths of money."""
    layers = [
        pm.choropleth(list(places.districts.values()), {k: v.amount for k, v in districts.by_unit.items()},
                      _unit_labels(places.districts, districts, lang), name=word("layer.money_per_district", lang)),
        pm.choropleth(list(places.communes.values()), {k: v.amount for k, v in communes.by_unit.items()},
                      _unit_labels(places.communes, communes, lang), name=word("layer.money_per_commune", lang),
                      show=False),
        pm.points(((p, p.properties.get("title") or p.id, page_href(request, f"/transparency/projects/{p.id}",
                                                                    lang="en" if lang == "en" else None))
                   for p in projects), word("layer.beneficiary_sites", lang), "#1f3b57")]
    return embed(map_context(request, lang), MapPage(word("layer.beneficiary_sites", lang), layers, controls=False,
                                                     height=420))


def _rows(projects: list[Feature], places: stats.Places) -> list[dict[str, Any]]:
    rows = []
    for p in projects:
        where = stats.place(p, places)
        rows.append({"f": p, "p": p.properties, "amount": stats.amount(p.properties),
                     "districts": sorted(places.districts[d].properties.get("name") or d for d in where.districts
                                         if d in places.districts)})
    return rows


@router.get("/transparency", response_class=HTMLResponse, responses=problem_responses(400))
def transparency(request: Request, store: StoreDep, lang: LangDep,
                 flt: ProjectFilterDep) -> HTMLResponse:
    """Every funded project, filtered; totals, money by year, sector, programme, district and commune.
    The summaries and the money map are cached by data version, language and filters."""
    context = page_part(request, store, ("transparency", lang, flt),
                        lambda: _summaries(request, store, lang, flt))
    return render(request, "pages/transparency.html", lang, flt=flt, **context)


def _summaries(request: Request, store: Store, lang: str, flt: stats.ProjectFilter) -> dict[str, Any]:
    places = stats.Places.from_store(store)
    everything = store.read_all(PROJECTS)
    projects = stats.filter_projects(everything, flt, places)
    districts = stats.money_by_area(projects, places, "district")
    communes = stats.money_by_area(projects, places, "commune")
    today = stats.money_by_area(projects, places, "today")
    return {
        "options": stats.filter_options(everything, places), "rows": _rows(projects, places),
        "total_count": len(everything), "totals": stats.totals(projects), "by_year": stats.by_year(projects),
        "by_sector": stats.by_field(projects, "sector"), "by_programme": stats.by_field(projects, "programme"),
        "by_component": stats.by_component(projects), "districts": districts, "communes": communes, "today": today,
        "places": places, "palette": pm.PALETTE, "no_money": pm.NO_MONEY,
        "map": _money_map(request, projects, places, districts=districts, communes=communes, lang=lang)}


@router.get("/transparency/projects/{project_id}", response_class=HTMLResponse,
            responses=problem_responses(400, 404))
def project_page(request: Request, project_id: str, store: StoreDep, settings: SettingsDep,
                 lang: LangDep) -> HTMLResponse:
    """One project: components, beneficiaries on a map, budget split, status, outcome, sources."""
    project = store.get(PROJECTS, project_id)
    places = stats.Places.from_store(store)
    p = project.properties
    linked = {
        "villages": [places.villages[i] for i in p.get("village_ids") or [] if i in places.villages],
        "clusters": [places.clusters[i] for i in p.get("cluster_ids") or [] if i in places.clusters],
        "facilities": [places.facilities[i] for i in p.get("facility_ids") or [] if i in places.facilities],
        "pollution_sources": [places.pollution_sources[i] for i in p.get("pollution_source_ids") or []
                              if i in places.pollution_sources],
    }
    layers = [pm.points([(project, p.get("title") or project.id, None)], word("layer.project", lang), "#1f3b57")]
    for key, colour in (("villages", "#2b8a3e"), ("clusters", "#6741d9"), ("facilities", "#e8590c"),
                        ("pollution_sources", "#b30000")):
        layers.append(pm.points([(f, f.properties.get("name") or f.id, None) for f in linked[key]], key, colour))
    fit = bounds_of([project, *(f for fs in linked.values() for f in fs)])
    parts = embed(map_context(request, lang), MapPage(str(p.get("title") or project.id), layers, fit=fit,
                                                      controls=False, height=360))
    return render(request, "pages/project.html", lang, f=project, p=p, amount=stats.amount(p), linked=linked,
                  placement=stats.place(project, places), places=places,
                  sources=all_sources(store, settings.data_dir), map=parts)
