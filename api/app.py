"""The FastAPI application, built by ``create_app(settings)``; nothing is read at import time."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

import anyio.to_thread
from fastapi import FastAPI

from api import problems, security, static
from api.ogc import api_doc, collections, edit, health, items, landing, queryables, schema, search, tiles
from api.pages import (
    account,
    analysis,
    audit,
    capacity,
    downloads,
    pollution,
    transparency,
    workspace,
    workspace_import,
    workspace_records,
    workspace_save,
)
from api.pages import maps as map_pages
from api.pages import moves as officer_moves
from api.settings import ServerSettings, server_settings
from geo import __version__
from geo.store import open_store
from geo.store.base import Store

# Order matters where paths overlap: /maps/capacity (capacity) before /maps/{collection_id} (map pages).
ROUTERS = (landing, api_doc, collections, queryables, schema, items, tiles, edit, audit, search, health, capacity,
           analysis, map_pages, transparency, pollution, downloads, account, workspace_import, workspace_records,
           officer_moves, workspace, workspace_save)


def create_app(settings: ServerSettings | None = None, store: Store | None = None) -> FastAPI:
    """An app bound to one store (opened from ``settings`` unless given); uvicorn calls this as a factory."""
    settings = settings or server_settings()
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
    app.state.store = store or open_store(settings)
    problems.register(app)
    for module in ROUTERS:
        app.include_router(module.router)
    api_doc.install(app)
    static.mount(app)
    security.install(app, settings)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.settings.threads
    _freeze_startup_objects()
    yield
    app.state.store.close()


@cache
def _freeze_startup_objects() -> None:
    """Move what exists at start-up (modules, the registry, the app) out of the collector's sight, once per
    process: the collections a request triggers then scan only its own garbage, which keeps the slowest
    answers short (the pauses otherwise grow with every library imported)."""
    gc.collect()
    gc.freeze()
