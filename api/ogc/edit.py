"""OGC API - Features Part 4: create, replace, update (merge patch) and delete, plus file imports.

Every write needs an editor's bearer token; replace, update and delete need ``If-Match`` with
the feature's ETag (428 without it, 412 when someone else wrote first). The store writes the
feature and its audit row in one transaction, so a refused request changes nothing.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.deps import EditableDep, SettingsDep, StoreDep
from api.problems import problem_responses
from api.request_body import (
    JSON_TYPES,
    MERGE_PATCH,
    UPLOAD_TYPES,
    ContentCrsDep,
    FeatureBody,
    IfMatchDep,
    PatchBody,
    UploadDep,
)
from api.responses import GeoJSONResponse, ORJSONResponse
from api.security import EditorDep
from api.serialize import feature_dict, geometries_json
from api.urls import GEOJSON, JSON, link, url_for
from geo.model.collections import Collection
from geo.model.feature import Feature
from geo.records.editing import Editor
from geo.records.importer import import_file
from geo.records.sources import all_source_ids
from geo.store.base import Store

router = APIRouter(tags=["Editing (OGC API - Features Part 4)"])

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
]

_FEATURE_SCHEMA = {"type": "object", "required": ["type", "geometry", "properties"],
                   "properties": {"type": {"enum": ["Feature"]}, "id": {"type": "string"},
                                  "geometry": {"type": ["object", "null"]}, "properties": {"type": "object"}}}
_ETAG = {"ETag": {"description": "The new version, for the next If-Match", "schema": {"type": "string"}}}


def _body_doc(types: tuple[str, ...], schema: dict[str, Any]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {t: {"schema": schema} for t in types}}}


def etag(feature: Feature) -> str:
    """The strong, quoted entity tag of a feature version (as ``GET …/items/{fid}`` sends it)."""
    return f'"{feature.version}"'


def _version(store: Store, c: Collection, feature_id: str, versions: tuple[int, ...]) -> int:
    """The If-Match version to check: with several tags, the current one if listed."""
    if len(versions) == 1:
        return versions[0]
    current = store.get(c, feature_id).version
    return current if current in versions else versions[0]


def _editor(request: Request, store: Store, who_name: str, source_crs: str) -> Editor:
    return Editor(store, who_name, all_source_ids(store, request.app.state.settings.data_dir), source_crs)


def _response(request: Request, c: Collection, feature: Feature, status: int = 200) -> GeoJSONResponse:
    public = Feature(feature.id, feature.geometry,
                     {k: v for k, v in feature.properties.items() if k not in c.private_names}, feature.version)
    href = url_for(request, f"/collections/{c.id}/items/{feature.id}")
    links = [link(href, "self", GEOJSON), link(url_for(request, f"/collections/{c.id}"), "collection", JSON)]
    headers = {"ETag": etag(feature)}
    if status == 201:
        headers["Location"] = href
    return GeoJSONResponse(feature_dict(public, geometries_json([public])[0], links), status_code=status,
                           headers=headers)


WRITE_ERRORS = (400, 401, 403, 404, 405, 409, 413, 415, 422)




@router.post("/collections/{collection_id}/items", status_code=201, response_class=GeoJSONResponse,
             responses={201: {"description": "Created", "headers": {
                 **_ETAG, "Location": {"description": "The new feature", "schema": {"type": "string"}}}},
                 **problem_responses(*WRITE_ERRORS)},
             openapi_extra=_body_doc(JSON_TYPES, _FEATURE_SCHEMA))
def create_item(*, request: Request, who: EditorDep, c: EditableDep, store: StoreDep, body: FeatureBody,
                source_crs: ContentCrsDep) -> GeoJSONResponse:
    """Add a feature (an id is assigned when the body has none). Needs an editor token."""
    feature = _editor(request, store, who.name, source_crs).create(c, body)
    return _response(request, c, feature, 201)


@router.put("/collections/{collection_id}/items/{feature_id}", response_class=GeoJSONResponse,
            responses={200: {"description": "Replaced", "headers": _ETAG},
                       **problem_responses(*WRITE_ERRORS, 412, 428)},
            openapi_extra=_body_doc(JSON_TYPES, _FEATURE_SCHEMA))
def replace_item(*, request: Request, who: EditorDep, c: EditableDep, feature_id: str, store: StoreDep,
                 versions: IfMatchDep, body: FeatureBody, source_crs: ContentCrsDep) -> GeoJSONResponse:
    """Replace a whole feature; ``If-Match`` must carry its current ETag."""
    editor = _editor(request, store, who.name, source_crs)
    feature = editor.replace(c, feature_id, body, _version(store, c, feature_id, versions))
    return _response(request, c, feature)


@router.patch("/collections/{collection_id}/items/{feature_id}", response_class=GeoJSONResponse,
              responses={200: {"description": "Updated", "headers": _ETAG},
                         **problem_responses(*WRITE_ERRORS, 412, 428)},
              openapi_extra=_body_doc((MERGE_PATCH, *JSON_TYPES), {"type": "object"}))
def update_item(*, request: Request, who: EditorDep, c: EditableDep, feature_id: str, store: StoreDep,
                versions: IfMatchDep, body: PatchBody, source_crs: ContentCrsDep) -> GeoJSONResponse:
    """Change some properties or the geometry (RFC 7396 merge patch; ``null`` removes a property)."""
    editor = _editor(request, store, who.name, source_crs)
    feature = editor.patch(c, feature_id, body, _version(store, c, feature_id, versions))
    return _response(request, c, feature)


@router.delete("/collections/{collection_id}/items/{feature_id}", status_code=204,
               responses={204: {"description": "Deleted"},
                          **problem_responses(400, 401, 403, 404, 405, 409, 412, 428)})
def delete_item(*, request: Request, who: EditorDep, c: EditableDep, feature_id: str, store: StoreDep,
                versions: IfMatchDep) -> Response:
    """Delete a feature; refused while other records link to it."""
    editor = _editor(request, store, who.name, "OGC:CRS84")
    editor.delete(c, feature_id, _version(store, c, feature_id, versions))
    return Response(status_code=204)


@router.post("/collections/{collection_id}/import", status_code=201, response_class=ORJSONResponse,
             responses={201: {"description": "Every record imported"}, **problem_responses(*WRITE_ERRORS)},
             openapi_extra={"requestBody": {"required": True, "content": {
                 t: {"schema": {"type": "string", "format": "binary"}} for t in UPLOAD_TYPES}}})
async def import_items(*, request: Request, who: EditorDep, c: EditableDep, store: StoreDep,
                       settings: SettingsDep, upload: UploadDep, crs: str | None = None) -> ORJSONResponse:
    """Import a whole file (GeoJSON, GeoPackage, zipped Shapefile, CSV with lon/lat): all rows or none.

    ``crs`` names the CRS of a file that declares none (EPSG:4326, EPSG:3405, EPSG:9210).
    A rejected file gets 422 listing every bad row, field and problem.
    """
    sources = all_source_ids(store, settings.data_dir)
    report = await run_in_threadpool(import_file, upload, c, store, actor=who.name, sources=sources,
                                     given_crs=crs)
    return ORJSONResponse({"collection": report.collection, "imported": report.count, "format": report.format,
                           "crs": report.crs}, status_code=201)
