"""The FastAPI application, built by ``create_app(settings)``; nothing is read at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import problems
from api.routes import (
    analysis,
    api_doc,
    capacity,
    collections,
    downloads,
    health,
    items,
    landing,
    pollution,
    queryables,
    search,
    transparency,
)
from api.routes import maps as map_pages
from api.routes import static as static_files
from geo import __version__
from geo.settings import Settings, get_settings
from geo.store import open_store


def create_app(settings: Settings | None = None) -> FastAPI:
    """An app bound to one store; uvicorn calls this as a factory."""
    settings = settings or get_settings()
    app = FastAPI(
        title="craftmap",
        version=__version__,
        description="Craft villages, industrial clusters, pollution sources and industrial-promotion "
                    "projects of Hải Phòng, as OGC API - Features, maps and open data.",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    problems.register(app)
    # capacity before map pages: its /maps/capacity must win over /maps/{collection_id}
    for module in (landing, collections, items, health, capacity, analysis):
        app.include_router(module.router)
    for ogc in (queryables, search, api_doc):
        app.include_router(ogc.router)
    app.include_router(map_pages.router)
    for public in (transparency, pollution, downloads):
        app.include_router(public.router)
    static_files.mount(app)
    from api import security
    from api.routes import audit, edit

    app.include_router(edit.router)
    app.include_router(audit.router)
    security.install(app, settings)

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.store.close()
