"""``/downloads``: every collection as GeoJSON and CSV, one GeoPackage, with licence and provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse, Response

from api.deps import LangDep, SettingsDep, StoreDep
from api.problems import problem_responses
from api.render import render
from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.model.errors import DownloadNotFound
from geo.publish import export, provenance
from geo.publish.csv_writer import csv_document
from geo.publish.export import export_crs
from geo.publish.files import MEDIA_TYPES
from geo.records.sources import COLUMNS as SOURCE_COLUMNS
from geo.records.sources import all_sources

router = APIRouter(tags=["Open data"])



def crs_query(crs_param: Annotated[str | None, Query(
        alias="crs", description="EPSG:9210 for VN-2000 / TM-3; default WGS 84")] = None) -> str:
    return export_crs(crs_param)


CrsDep = Annotated[str, Depends(crs_query)]


@router.get("/downloads", response_class=HTMLResponse)
def downloads(request: Request, store: StoreDep, settings: SettingsDep, lang: LangDep) -> HTMLResponse:
    """The list of open-data files with what each holds, its licence and provenance."""
    counts = store.counts()
    return render(request, "pages/downloads.html", lang, collections=[COLLECTIONS[c] for c in LOAD_ORDER],
                  counts=counts, notes=provenance.collection_notes(settings.data_dir),
                  licence=provenance.licence_text(settings.data_dir))


def _attachment(data: bytes, media_type: str, name: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/downloads/{filename}", responses={
    200: {"content": {"application/geo+json": {}, "text/csv": {}, "application/geopackage+sqlite3": {},
                      "text/markdown": {}}, "description": "The file"},
    **problem_responses(400, 404)})
def download(filename: str, store: StoreDep, settings: SettingsDep, target: CrsDep) -> Response:
    """One file: ``{collection}.geojson``, ``{collection}.csv``, ``craftmap.gpkg``, or a note file."""
    stem, _, ext = filename.rpartition(".")
    if filename == export.GPKG_NAME:
        data = export.gpkg_bytes(export.read_layers(store), target)
        return _attachment(data, MEDIA_TYPES["gpkg"], export.file_name(None, "gpkg", target))
    if stem in COLLECTIONS and ext in ("geojson", "csv"):
        collection = COLLECTIONS[stem]
        render_file = export.geojson_bytes if ext == "geojson" else export.csv_bytes
        data = render_file(collection, store.read_all(collection), target)
        return _attachment(data, MEDIA_TYPES[ext], export.file_name(stem, ext, target))
    if filename == "LICENCE.md":
        return _attachment(provenance.licence_document(settings.data_dir).encode(), "text/markdown; charset=utf-8",
                           filename)
    if filename == "PROVENANCE.md":
        return _attachment(provenance.readme(settings.data_dir).encode(), "text/markdown; charset=utf-8", filename)
    if filename == "sources.csv" and (settings.data_dir / "sources.csv").exists():
        rows = [[s.id, s.title, s.publisher, s.address, s.date, s.language, s.kind, s.number]
                for s in all_sources(store, settings.data_dir).values()]
        return _attachment(csv_document([*SOURCE_COLUMNS, "kind", "number"], rows), "text/csv; charset=utf-8",
                           filename)
    raise DownloadNotFound(f"No download named '{filename}'.")
