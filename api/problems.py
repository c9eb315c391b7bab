"""RFC 9457 problem details for every error, with ONE table from domain error class to HTTP status.

The domain errors (``geo.model.errors``) know nothing of HTTP; ``STATUS`` gives each class its status
(a subclass takes its nearest listed ancestor's). 5xx are logged with the traceback and answered with
a generic message, never the error's own words.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from geo.model import errors as e
from geo.records.loader import LoadError

STATUS: dict[type[e.CraftmapError], int] = {
    e.InvalidParameter: 400, e.MalformedBody: 400,
    e.NotAuthenticated: 401, e.Forbidden: 403,
    e.UnknownCollection: 404, e.FeatureNotFound: 404, e.DownloadNotFound: 404, e.TileNotFound: 404,
    e.ReadOnlyCollection: 405,
    e.DuplicateFeature: 409, e.FeatureInUse: 409, e.TokenExists: 409, e.AccountExists: 409,
    e.VersionConflict: 412, e.PayloadTooLarge: 413, e.UnsupportedMediaType: 415, e.AccountLocked: 429,
    e.InvalidFeature: 422, LoadError: 422, e.PreconditionRequired: 428,
    e.StoreUnavailable: 503,
}

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["title", "status"],
}


def problem(status: int, title: str, detail: str | None = None, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> Response:
    """A problem+json response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON, headers=headers)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting problem+json for the given statuses."""
    return {s: {"description": "Problem details (RFC 9457)",
                "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}} for s in statuses}


def status_of(exc: e.CraftmapError) -> int:
    """The HTTP status of a domain error: its class's entry in ``STATUS``, else its nearest ancestor's."""
    return next((STATUS[k] for k in type(exc).__mro__ if k in STATUS), 500)


async def _craftmap_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, e.CraftmapError)
    status = status_of(exc)
    if status >= 500:
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc.detail, exc_info=exc)
        return problem(status, exc.title, f"{exc.title}; the error was logged.", request.url.path)
    extra = {k: v for k, v in exc.extra.items() if k in ("errors", "current_version")}
    headers = exc.extra.get("headers")  # e.g. WWW-Authenticate on 401, Allow on 405
    return problem(status, exc.title, exc.detail, request.url.path, headers=headers, **extra)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "request",
               "problem": e.get("msg", "invalid")} for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['problem']}" for e in errors)
    return problem(400, "Invalid parameter", detail, request.url.path, errors=errors)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    titles = {404: "Not found", 405: "Method not allowed", 406: "Not acceptable", 413: "Payload too large",
              415: "Unsupported media type"}
    return problem(exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail), request.url.path,
                   headers=getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("Unhandled error on %s", request.url.path, exc_info=exc)
    return problem(500, "Internal error", "The server failed; the error was logged.", request.url.path)


def register(app: FastAPI) -> None:
    """Install the handlers on ``app``."""
    app.add_exception_handler(e.CraftmapError, _craftmap_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def document_problems(doc: dict[str, Any]) -> dict[str, Any]:
    """Make the OpenAPI say what the handlers above really send.

    FastAPI documents a 422 ``HTTPValidationError`` body on every operation, but request
    validation errors leave as 400 problem+json. Every operation with query or header
    parameters can answer 400, every one with path parameters 404; 422 remains only where a
    route documents it for an invalid feature body, as problem+json.
    """
    problem_content = {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}
    for operations in doc.get("paths", {}).values():
        for method, op in operations.items():
            responses = op.setdefault("responses", {})
            unprocessable = responses.pop("422", None)
            if unprocessable is not None and method in ("post", "put", "patch") and "requestBody" in op:
                responses["422"] = {"description": "Invalid feature (problem details)", "content": problem_content}
            places = {p.get("in") for p in op.get("parameters", [])}
            if places & {"query", "header"} or "requestBody" in op:
                responses.setdefault("400", {"description": "Invalid parameter (problem details)",
                                             "content": problem_content})
            if "path" in places:
                responses.setdefault("404", {"description": "Not found (problem details)",
                                             "content": problem_content})
    schemas = doc.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    return doc
