"""The FastAPI application, built by ``create_app(settings)``; nothing is read at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import problems, security
from api.routes import (
    analysis,
    api_doc,
    audit,
    capacity,
    collections,
    downloads,
    edit,
    health,
    items,
    landing,
    pollution,
    queryables,
    search,
    static,
    tiles,
    transparency,
)
from api.routes import maps as map_pages
from geo import __version__
from geo.settings import Settings, get_settings
from geo.store import open_store

# Order matters where paths overlap: /maps/capacity (capacity) before /maps/{collection_id} (map pages).
ROUTERS = (landing, api_doc, collections, queryables, items, tiles, edit, audit, search, health, capacity, analysis,
           map_pages, transparency, pollution, downloads)


def create_app(settings: Settings | None = None) -> FastAPI:
    """An app bound to one store; uvicorn calls this as a factory."""
    settings = settings or get_settings()
    app = FastAPI(
        title="craftmap",
        version=__version__,
        description="Craft villages, industrial clusters, pollution sources and industrial-promotion "
                    "projects of Hải Phòng, as OGC API - Features, maps and open data.",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    problems.register(app)
    for module in ROUTERS:
        app.include_router(module.router)
    api_doc.install(app)
    static.mount(app)
    security.install(app, settings)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.store.close()
