"""``/capacity`` (every cluster's land balance), ``/capacity/{id}``, its chart, and ``/maps/capacity``.

Content negotiation: ``?f=json|csv|html`` first, then ``Accept`` (``text/html``, ``text/csv``); JSON
by default. The services live in ``geo.analysis.capacity``; pages and charts in ``maps.capacity``/``maps.charts``.

Language (``?lang=vi|en``): pages, charts and the map are Vietnamese by default. JSON keeps its English
sentences (flag ``message``, wastewater ``note``, bases) unless ``lang`` is given, so existing clients
read what they always read; the flag ``code`` is the stable, machine-readable part.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from starlette.responses import HTMLResponse, Response

from api.deps import SettingsDep, StoreDep, accepts
from api.links import HTML, JSON, link, url
from api.pages import LangDep
from api.problems import problem_responses
from api.responses import ORJSONResponse
from geo.analysis import capacity
from geo.model.collections import CLUSTER_STATUSES
from geo.model.errors import InvalidParameter
from geo.publish.csv_writer import csv_document
from geo.settings import Settings
from maps.capacity import capacity_map_html, detail_html, table_html
from maps.charts import balance_svg

router = APIRouter(tags=["Capacity"])

CSV = "text/csv"
SVG = "image/svg+xml"
FORMATS = ("json", "csv", "html")

DistrictQ = Annotated[str | None, Query(description="District name; accent- and case-insensitive substring")]
StatusQ = Annotated[str | None, Query(description=f"Cluster status: {', '.join(CLUSTER_STATUSES)}")]
SectorQ = Annotated[str | None, Query(description="An industry allowed in the cluster, in Vietnamese or English "
                                                  "(casting, đúc, cơ khí …); synonyms are folded")]
FormatQ = Annotated[str | None, Query(description="json (default), csv or html")]


def negotiate(request: Request, f: str | None, allowed: tuple[str, ...] = FORMATS) -> str:
    """``?f=`` first; otherwise ``text/html`` or ``text/csv`` only when the client names them."""
    if f is not None:
        if f not in allowed:
            raise InvalidParameter(f"f must be one of {', '.join(allowed)}, got '{f}'.")
        return f
    if "html" in allowed and accepts(request, "text/html"):
        return "html"
    if "csv" in allowed and accepts(request, CSV):
        return "csv"
    return "json"


def root_path(settings: Settings) -> str:
    return urlsplit(settings.base_url).path.rstrip("/") if settings.base_url else ""


def text_lang(request: Request, lang: str) -> str:
    """The language of sentences in JSON: English unless ``lang`` was asked for (pages default to vi)."""
    return lang if "lang" in request.query_params else "en"


def switch_href(request: Request, settings: Settings, lang: str) -> str:
    """The same page in the other language (other query parameters kept)."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    if lang == "vi":
        query.append(("lang", "en"))
    root = root_path(settings)
    return root + request.url.path.removeprefix(root) + ("?" + urlencode(query) if query else "")


@router.get("/capacity", response_class=ORJSONResponse, responses={
    **problem_responses(400),
    200: {"description": "Land balance of every cluster",
          "content": {JSON: {}, CSV: {"schema": {"type": "string"}}, HTML: {"schema": {"type": "string"}}}}})
def capacity_list(*, request: Request, store: StoreDep, settings: SettingsDep, district: DistrictQ = None,
                  status: StatusQ = None, sector: SectorQ = None, f: FormatQ = None,
                  lang: LangDep) -> Response:
    """Every cluster's land balance: each figure with its basis (declared, computed from plots or outline,
    derived, unknown), whether it is illustrative, its date and sources; occupancy; flags (stable ``code``
    and ``message``, in English unless ``lang`` is given; the HTML table is Vietnamese by default)."""
    fmt = negotiate(request, f)
    words = lang if fmt == "html" else text_lang(request, lang)
    rows = [b.as_dict(words) for b in capacity.balances(store, district=district, status=status, sector=sector)]
    filters = {k: v for k, v in (("district", district), ("status", status), ("sector", sector)) if v}
    if fmt == "html":
        return HTMLResponse(table_html(rows, filters, root_path(settings), lang, switch_href(request, settings, lang)))
    if fmt == "csv":
        return Response(to_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="capacity.csv"'})
    links = [link(url(request, "/capacity", **filters), "self", JSON),
             link(url(request, "/capacity", **filters, f="csv"), "alternate", CSV, "CSV"),
             link(url(request, "/capacity", **filters, f="html"), "alternate", HTML, "Table"),
             link(url(request, "/maps/capacity"), "related", HTML, "Capacity map")]
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
def capacity_detail(*, request: Request, cluster_id: str, store: StoreDep, settings: SettingsDep, lang: LangDep,
                    f: FormatQ = None) -> Response:
    """The balance of one cluster with its plots, tenants by sector, wastewater treatment, the history of
    its declared figures (from the audit trail) and a link to its chart. Sentences as in ``/capacity``."""
    fmt = negotiate(request, f, ("json", "html"))
    b, body = capacity.detail(store, cluster_id, lang if fmt == "html" else text_lang(request, lang))
    if fmt == "html":
        return HTMLResponse(detail_html(b, body, root_path(settings), lang, switch_href(request, settings, lang)))
    body["links"] = [link(url(request, f"/capacity/{cluster_id}"), "self", JSON),
                     link(url(request, f"/capacity/{cluster_id}", f="html"), "alternate", HTML, "Page"),
                     link(url(request, f"/capacity/{cluster_id}/chart.svg"), "describedby", SVG, "Chart"),
                     link(url(request, f"/collections/clusters/items/{cluster_id}"), "canonical",
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
def capacity_map(store: StoreDep, settings: SettingsDep, lang: LangDep) -> HTMLResponse:
    """Clusters coloured by occupancy (chart in the popup) and plots by status; works offline.
    Vietnamese by default, English with ``?lang=en``."""
    return HTMLResponse(capacity_map_html(capacity.balances(store), settings.tiles, settings.tiles_attribution,
                                          root_path(settings), lang))
