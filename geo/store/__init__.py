"""Stores: one contract (``base.Store``), a GeoPackage and a PostGIS implementation."""

from __future__ import annotations

from geo.settings import Settings
from geo.store.base import Store


def open_store(settings: Settings) -> Store:
    """The store the settings select: PostGIS when ``database_url`` is set, else the GeoPackage."""
    if settings.database_url:
        from geo.store.postgis.store import PostgisStore

        return PostgisStore(settings.database_url)
    from geo.store.gpkg.store import GpkgStore

    return GpkgStore(settings.store)
