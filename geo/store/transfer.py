"""Copy a whole store to another store of either kind (GeoPackage ↔ PostGIS), losing nothing.

Every feature travels with all its fields (private ones too) and its version, so ETags held
by clients stay valid across the move; the target is replaced atomically by its ``load_all``.
The sources entered in the workspace travel too, since records cite them. The audit trail and API
tokens stay with the source (the target starts a fresh trail, as after ``craftmap load``); back them
up with the database or file itself.
"""

from __future__ import annotations

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.model.feature import Feature
from geo.store.base import Reader, SourceStore, Store

COPY_ACTOR = "craftmap store copy"


def read_everything(store: Reader) -> dict[str, list[Feature]]:
    """Every feature of every collection, private fields and versions included, in store order."""
    return {cid: store.read_all(COLLECTIONS[cid], include_private=True) for cid in LOAD_ORDER}


def copy_store(source: Reader, target: Store) -> dict[str, int]:
    """Replace ``target``'s content with ``source``'s, its entered sources added; returns the target's counts."""
    counts = target.load_all(read_everything(source))
    if isinstance(source, SourceStore):
        for s in source.stored_sources().values():
            target.add_source(s, COPY_ACTOR)
    return counts
