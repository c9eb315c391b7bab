"""``/capacity`` (every cluster's land balance), ``/capacity/{id}``, its chart, and ``/maps/capacity``.

Content negotiation: ``?f=json|csv|html`` first, then ``Accept`` (``text/html``, ``text/csv``); JSON
by default. The services live in ``geo.analysis.capacity``; pages and charts in ``maps.capacity``/``maps.charts``.

Language (``?lang=vi|en``): pages, charts and the map are Vietnamese by default. JSON keeps its English
sentences (flag ``message``, wastewater ``note``, bases) unless ``lang`` is given, so existing clients
read what they always read; the flag ``code`` is the stable, machine-readable part.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from api.deps import LangDep, StoreDep, negotiate, sentence_lang
from api.pages.params import CapacityDep
from api.problems import problem_responses
from api.render import map_context, shell
from api.responses import ORJSONResponse
from api.urls import HTML, JSON, link, url_for
from geo.analysis import capacity
from geo.publish.csv_writer import csv_document
from geo.records.sources import all_sources
from maps.capacity import capacity_map_html, detail_html, table_html
from maps.charts import balance_svg

router = APIRouter(tags=["Capacity"])

CSV = "text/csv"
SVG = "image/svg+xml"
FORMATS = ("json", "csv", "html")

FormatQ = Annotated[str | None, Query(description="json (default), csv or html")]


@router.get("/capacity", response_class=ORJSONResponse, responses={
    **problem_responses(400),
    200: {"description": "Land balance of every cluster",
          "content": {JSON: {}, CSV: {"schema": {"type": "string"}}, HTML: {"schema": {"type": "string"}}}}})
def capacity_list(*, request: Request, store: StoreDep, where: CapacityDep, f: FormatQ = None,
                  lang: LangDep) -> Response:
    """Every cluster's land balance: each figure with its basis (declared, computed from plots or outline,
    derived, unknown), whether it is illustrative, its date and sources; occupancy; flags (stable ``code``
    and ``message``, in English unless ``lang`` is given; the HTML table is Vietnamese by default)."""
    fmt = negotiate(request, f, FORMATS)
    words = lang if fmt == "html" else sentence_lang(request, lang)
    rows = [b.as_dict(words) for b in capacity.balances(store, district=where.district, status=where.status,
                                                        sector=where.sector)]
    filters = where.given()
    if fmt == "html":
        return HTMLResponse(table_html(rows, filters, shell(request, lang)))
    if fmt == "csv":
        return Response(to_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="capacity.csv"'})
    links = [link(url_for(request, "/capacity", **filters), "self", JSON),
             link(url_for(request, "/capacity", **filters, f="csv"), "alternate", CSV, "CSV"),
             link(url_for(request, "/capacity", **filters, f="html"), "alternate", HTML, "Table"),
             link(url_for(request, "/maps/capacity"), "related", HTML, "Capacity map")]
    return ORJSONResponse({"clusters": rows, "numberReturned": len(rows), "filters": filters,
                           "bases": capacity.bases(words), "tolerance": capacity.TOLERANCE, "links": links})


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """One line per cluster, each figure as value, basis and illustrative columns; UTF-8 with BOM for Excel."""
    head = ["id", "name", "kind", "district_name", "status", "status_date", "phase", "outline", "computed_from"]
    figures = list(capacity.FIGURES)
    header = [*head, *(f"{n}_{s}" for n in figures for s in ("ha", "basis", "illustrative")),
              "occupancy", "occupancy_basis", "occupancy_illustrative", "flags", "sources"]
    lines = []
    for r in rows:
        line = [r[k] for k in head]
        for n in figures:
            fig = r["figures"][n]
            line += [fig["value"], fig["basis"], fig["illustrative"]]
        occ = r["occupancy"]
        line += [occ["value"], occ["basis"], occ["illustrative"], ";".join(fl["code"] for fl in r["flags"]),
                 ";".join(r["sources"])]
        lines.append(line)
    return csv_document(header, lines)


@router.get("/capacity/{cluster_id}", response_class=ORJSONResponse, responses={
    **problem_responses(400, 404),
    200: {"description": "One cluster's balance, plots, tenants, infrastructure and history",
          "content": {JSON: {}, HTML: {"schema": {"type": "string"}}}}})
def capacity_detail(*, request: Request, cluster_id: str, store: StoreDep, lang: LangDep,
                    f: FormatQ = None) -> Response:
    """The balance of one cluster with its plots, tenants by sector, wastewater treatment, the history of
    its declared figures (from the audit trail) and a link to its chart. Sentences as in ``/capacity``."""
    fmt = negotiate(request, f, ("json", "html"))
    b, body = capacity.detail(store, cluster_id, lang if fmt == "html" else sentence_lang(request, lang))
    if fmt == "html":
        known = all_sources(store, request.app.state.settings.data_dir)
        return HTMLResponse(detail_html(b, body, shell(request, lang), known))
    body["links"] = [link(url_for(request, f"/capacity/{cluster_id}"), "self", JSON),
                     link(url_for(request, f"/capacity/{cluster_id}", f="html"), "alternate", HTML, "Page"),
                     link(url_for(request, f"/capacity/{cluster_id}/chart.svg"), "describedby", SVG, "Chart"),
                     link(url_for(request, f"/collections/clusters/items/{cluster_id}"), "canonical",
                          "application/geo+json", "Cluster record")]
    return ORJSONResponse(body)


@router.get("/capacity/{cluster_id}/chart.svg", response_class=Response, responses={
    **problem_responses(400, 404), 200: {"description": "Stacked bar of the land balance", "content": {SVG: {}}}})
def capacity_chart(cluster_id: str, store: StoreDep, lang: LangDep) -> Response:
    """The land balance as a stacked bar (SVG, made on the server; hatched segments are illustrative);
    labels in Vietnamese, or English with ``?lang=en``."""
    return Response(balance_svg(capacity.balance(store, cluster_id), lang=lang), media_type=SVG)


@router.get("/maps/capacity", response_class=HTMLResponse, responses={
    **problem_responses(400), 200: {"description": "Capacity map", "content": {HTML: {"schema": {"type": "string"}}}}})
def capacity_map(request: Request, store: StoreDep, lang: LangDep) -> HTMLResponse:
    """Clusters coloured by occupancy (chart in the popup) and plots by status; works offline.
    Vietnamese by default, English with ``?lang=en``."""
    return HTMLResponse(capacity_map_html(capacity.balances(store), map_context(request, lang)))
