"""Copy a whole store to another store of either kind (GeoPackage ↔ PostGIS), losing nothing.

Every feature travels with all its fields (private ones too) and its version, so ETags held
by clients stay valid across the move; the target is replaced atomically by its ``load_all``.
The audit trail and API tokens stay with the source (the target starts a fresh trail, as
after ``craftmap load``); back them up with the database or file itself.
"""

from __future__ import annotations

from pathlib import Path

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.store.base import Feature, ItemQuery, Store


def open_location(location: str) -> Store:
    """A store from a ``postgresql://…`` URL or a GeoPackage path."""
    if location.startswith(("postgresql://", "postgres://")):
        from geo.store.postgis.store import PostgisStore

        return PostgisStore(location, pool_size=2)
    from geo.store.gpkg.store import GpkgStore

    return GpkgStore(Path(location))


def read_everything(store: Store) -> dict[str, list[Feature]]:
    """Every feature of every collection, private fields and versions included, in store order."""
    counts = store.counts()
    out: dict[str, list[Feature]] = {}
    for cid in LOAD_ORDER:
        q = ItemQuery(limit=max(counts[cid], 1), include_private=True)
        out[cid] = store.query(COLLECTIONS[cid], q).features
    return out


def copy_store(source: Store, target: Store) -> dict[str, int]:
    """Replace ``target``'s content with ``source``'s; returns the target's counts."""
    return target.load_all(read_everything(source))
