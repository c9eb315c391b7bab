"""Reading write requests: body size and depth, content type, JSON, ``If-Match`` and ``Content-Crs``.

Each parser raises a domain error (413, 415, 400, 428, 412) before any store work starts.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header, Query, Request

from geo.model.errors import MalformedBody, PayloadTooLarge, PreconditionRequired, UnsupportedMediaType, VersionConflict
from geo.model.limits import json_depth
from geo.spatial import crs

JSON_TYPES = ("application/geo+json", "application/json")
MERGE_PATCH = "application/merge-patch+json"
UPLOAD_TYPES = {"application/geo+json": ".geojson", "application/json": ".geojson", "text/csv": ".csv",
                "application/geopackage+sqlite3": ".gpkg", "application/zip": ".zip",
                "application/x-zip-compressed": ".zip"}
_STRONG_TAG = re.compile(r'^"(0|[1-9]\d{0,17})"$')  # exact: "01" is not version 1


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _chunks(request: Request, limit: int) -> AsyncIterator[bytes]:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"The body has {declared} bytes; the limit is {limit}.")
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"The body exceeds the limit of {limit} bytes.")
        yield chunk


async def _json(request: Request, accepted: tuple[str, ...]) -> Any:
    if media_type(request) not in accepted:
        raise UnsupportedMediaType(f"Send the body as {' or '.join(accepted)}, not "
                                   f"'{media_type(request) or 'nothing'}'.")
    settings = request.app.state.settings
    body = b"".join([c async for c in _chunks(request, settings.max_body_bytes)])
    try:
        doc = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise MalformedBody(f"The body is not valid JSON: {exc}") from None
    # Before validation or merge-patch recurse into it (geometry coordinates nest 4 levels).
    settings.limits.check("max_body_depth", json_depth(doc), "The nesting depth of the JSON body")
    return doc


async def feature_body(request: Request) -> Any:
    """A GeoJSON Feature for POST and PUT."""
    return await _json(request, JSON_TYPES)


async def patch_body(request: Request) -> Any:
    """An RFC 7396 merge patch (``application/merge-patch+json``, or plain JSON)."""
    return await _json(request, (MERGE_PATCH, *JSON_TYPES))


async def upload_file(request: Request) -> AsyncIterator[Path]:
    """The uploaded file in a temporary folder, removed after the response."""
    suffix = UPLOAD_TYPES.get(media_type(request))
    if suffix is None:
        raise UnsupportedMediaType(f"Upload one of {', '.join(sorted(UPLOAD_TYPES))}.")
    with tempfile.TemporaryDirectory(prefix="craftmap-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as fh:
            async for chunk in _chunks(request, request.app.state.settings.max_upload_bytes):
                fh.write(chunk)
        yield path


def if_match_versions(if_match: Annotated[str | None, Header(
        description="The ETag of the version being changed (from GET); required")] = None) -> tuple[int, ...]:
    """The versions named by ``If-Match``: 428 without one (no blind overwrites, ``*`` included)."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired("Send If-Match with the ETag from GET, so no one's edit is lost.")
    tags = [t.strip() for t in if_match.split(",")]
    if "*" in tags:
        raise PreconditionRequired("If-Match: * would overwrite blindly; send the feature's ETag.")
    versions = tuple(int(m.group(1)) for t in tags if (m := _STRONG_TAG.match(t)))
    if not versions:
        raise VersionConflict(f"If-Match {if_match[:100]} names no current version: reload the feature.")
    return versions


def content_crs(content_crs: Annotated[str | None, Header(
                    description="CRS of the body's coordinates, e.g. <http://www.opengis.net/def/crs/EPSG/0/9210>"
                )] = None,
                crs_param: Annotated[str | None, Query(alias="crs", description="Same as Content-Crs")] = None
                ) -> str:
    """The CRS of the body's geometry: ``Content-Crs`` or ``?crs=``, default CRS84; unknown → 400."""
    if content_crs and crs_param and crs.normalize(content_crs.strip("<> ")) != crs.normalize(crs_param):
        raise MalformedBody("Content-Crs and crs disagree.")
    given = content_crs or crs_param
    return crs.CRS84 if given is None else crs.normalize(given.strip().strip("<>"))


FeatureBody = Annotated[Any, Depends(feature_body)]
PatchBody = Annotated[Any, Depends(patch_body)]
UploadDep = Annotated[Path, Depends(upload_file)]
IfMatchDep = Annotated[tuple[int, ...], Depends(if_match_versions)]
ContentCrsDep = Annotated[str, Depends(content_crs)]
