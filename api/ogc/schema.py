"""``/collections/{collectionId}/schema`` (OGC API - Features Part 5: Schemas)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import CollectionDep, LangDep
from api.ogc.queryables import SCHEMA_JSON, SchemaJSONResponse
from api.ogc_schemas import ref
from api.problems import problem_responses
from api.urls import url_for
from geo.model.schema import schema as feature_schema

router = APIRouter(tags=["Schemas"])


@router.get("/collections/{collection_id}/schema", response_class=SchemaJSONResponse,
            responses={200: {"description": "JSON Schema 2020-12 of the collection's features",
                             "content": {SCHEMA_JSON: {"schema": ref("JSONSchema")}}},
                       **problem_responses(400, 404)})
def schema(request: Request, c: CollectionDep, lang: LangDep) -> SchemaJSONResponse:
    """Every public property with its type, unit and title, and the roles of id, geometry and time."""
    return SchemaJSONResponse(feature_schema(c, url_for(request, f"/collections/{c.id}/schema"), lang))
