"""``/collections/{collectionId}/queryables`` (OGC API - Features Part 3)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import CollectionDep, LangDep
from api.ogc_schemas import ref
from api.problems import problem_responses
from api.responses import ORJSONResponse
from api.urls import url_for
from geo.model.queryables import queryables as queryables_schema

router = APIRouter(tags=["Filtering"])

SCHEMA_JSON = "application/schema+json"


class SchemaJSONResponse(ORJSONResponse):
    media_type = SCHEMA_JSON


@router.get("/collections/{collection_id}/queryables", response_class=SchemaJSONResponse,
            responses={200: {"description": "JSON Schema of the properties filters may use",
                             "content": {SCHEMA_JSON: {"schema": ref("JSONSchema")}}},
                       **problem_responses(400, 404)})
def queryables(request: Request, c: CollectionDep, lang: LangDep) -> SchemaJSONResponse:
    """The properties a `filter` or a property parameter may name, as JSON Schema."""
    return SchemaJSONResponse(queryables_schema(c, url_for(request, f"/collections/{c.id}/queryables"), lang))
