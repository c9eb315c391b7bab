"""The ceiling of this stack: FastAPI on uvicorn answering from memory, with no I/O at all.

At start it reads ``BENCH_BASELINE_BODIES`` (a JSON object mapping ``path?query`` to the
response body craftmap gave for it) and then serves those exact bytes, so the baseline
sends the same payloads as craftmap but skips the store, the query and the serialisation.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
from fastapi import FastAPI, Request, Response


def create_app() -> FastAPI:
    raw = orjson.loads(Path(os.environ["BENCH_BASELINE_BODIES"]).read_bytes())
    bodies = {k: v.encode() for k, v in raw.items()}
    # async handlers: nothing blocks, so no thread-pool hop either.
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/collections")
    async def collections() -> Response:
        return Response(b'{"collections":[]}', media_type="application/json")

    @app.get("/collections/{collection_id}/items")
    async def items(collection_id: str, request: Request) -> Response:
        body = bodies.get(f"{request.url.path}?{request.url.query}")
        if body is None:
            return Response(b'{"title":"not prepared"}', status_code=404, media_type="application/problem+json")
        return Response(body, media_type="application/geo+json")

    return app
