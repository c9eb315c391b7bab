"""Stores: one contract (``base``), one SQL implementation (``sql``), two engines (``gpkg``, ``postgis``)."""

from __future__ import annotations

import os
from pathlib import Path

from geo.settings import Settings
from geo.store.base import Store

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(where: Settings | str | os.PathLike[str], pool_size: int = 10) -> Store:
    """The store at ``where``: settings (PostGIS when ``database_url`` is set, else their GeoPackage),
    a ``postgresql://…`` URL, or a GeoPackage path. The one place an engine is chosen."""
    if isinstance(where, Settings):
        where = where.database_url or where.store
    location = os.fspath(where)
    if location.startswith(POSTGRES_SCHEMES):
        from geo.store.postgis.store import PostgisStore

        return PostgisStore(location, pool_size=pool_size)
    from geo.store.gpkg.store import GpkgStore

    return GpkgStore(Path(location))
