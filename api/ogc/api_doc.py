"""``/api`` (the OpenAPI 3.0 document) and ``/docs`` (Swagger UI served by craftmap, no CDN).

OWSLib's ``api()`` follows the landing page's ``service-desc`` link only when it is typed
exactly ``application/vnd.oai.openapi+json;version=3.0``. FastAPI's ``/openapi.json`` stays.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from api.deps import paging_parameters
from api.ogc_schemas import add_components
from api.openapi30 import downgrade, typed_parameters
from api.problems import document_problems
from api.responses import ORJSONResponse
from api.urls import OPENAPI

router = APIRouter(tags=["Capabilities"])

SWAGGER_STATIC = "/static/swagger-ui"


class OpenAPIResponse(ORJSONResponse):
    media_type = OPENAPI


@router.get("/api", response_class=OpenAPIResponse,
            responses={200: {"description": "The OpenAPI definition", "content": {OPENAPI: {}}}})
def api_definition(request: Request) -> OpenAPIResponse:
    """This API's OpenAPI 3.0 definition."""
    return OpenAPIResponse(request.app.openapi())


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs() -> HTMLResponse:
    """Swagger UI on the OpenAPI document, with every asset served locally."""
    return get_swagger_ui_html(openapi_url="/api", title="craftmap — API",
                               swagger_js_url=f"{SWAGGER_STATIC}/swagger-ui-bundle.js",
                               swagger_css_url=f"{SWAGGER_STATIC}/swagger-ui.css",
                               swagger_favicon_url=f"{SWAGGER_STATIC}/favicon-32x32.png")


def install(app: FastAPI) -> None:
    """Serve OpenAPI 3.0 from every route that describes the API, and Swagger UI's files."""
    generate = app.openapi

    def openapi30() -> dict[str, object]:
        if getattr(app.state, "openapi30", None) is None:
            described = add_components(document_problems(generate()))
            app.state.openapi30 = downgrade(typed_parameters(described, paging_parameters(app.state.settings)))
        return app.state.openapi30  # type: ignore[no-any-return]

    app.openapi = openapi30  # type: ignore[method-assign]
    app.mount(SWAGGER_STATIC, StaticFiles(directory=swagger_ui_path), name="static-swagger-ui")
