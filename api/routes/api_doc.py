"""``/api``: the OpenAPI document under the media type OGC clients look for.

OWSLib's ``api()`` follows the landing page's ``service-desc`` link only when it is typed
exactly ``application/vnd.oai.openapi+json;version=3.0``. FastAPI's ``/openapi.json`` stays.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.links import OPENAPI
from api.responses import ORJSONResponse

router = APIRouter(tags=["Capabilities"])


class OpenAPIResponse(ORJSONResponse):
    media_type = OPENAPI


@router.get("/api", response_class=OpenAPIResponse,
            responses={200: {"description": "The OpenAPI definition", "content": {OPENAPI: {}}}})
def api_definition(request: Request) -> OpenAPIResponse:
    """This API's OpenAPI definition."""
    return OpenAPIResponse(request.app.openapi())
