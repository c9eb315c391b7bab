"""Values computed from a store's data, kept until the data changes.

Keyed by the store's ``data_version`` (every write and every load changes it), so a cached
vector tile or page summary is never stale: the first request after a write recomputes it.
Small LRUs per store object, dropped with the store: one for what pages and tiles show, one for
the counts and offset marks of queries, so many distinct queries never push the tiles out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from geo.store.base import Reader

T = TypeVar("T")
ROOMS = {
    "views": 2048,  # tiles, summaries, page parts: about 40 MB of vector tiles at their usual 20 KB
    "queries": 4096,  # numbers matched and offset marks of filtered item queries (small)
}

_lock = threading.Lock()
_caches: WeakKeyDictionary[Reader, tuple[str, dict[str, OrderedDict[Hashable, Any]]]] = WeakKeyDictionary()


def cached(store: Reader, key: Hashable, compute: Callable[[], T], version: str | None = None,
           room: str = "views") -> T:
    """``compute()`` for ``key`` on the store's current data, computed once per data version.

    ``version`` saves a look-up when the caller already read ``store.data_version()``; ``room`` is the
    LRU (``ROOMS``) the value is kept in.
    """
    version = store.data_version() if version is None else version
    with _lock:
        held = _caches.get(store)
        entries = held[1].get(room) if held is not None and held[0] == version else None
        if entries is not None and key in entries:
            entries.move_to_end(key)
            return entries[key]  # type: ignore[no-any-return]
    value = compute()  # outside the lock: two threads may compute the same value once each
    with _lock:
        held = _caches.get(store)
        if held is None or held[0] != version:
            held = (version, {})
            _caches[store] = held
        entries = held[1].setdefault(room, OrderedDict())
        entries[key] = value
        while len(entries) > ROOMS[room]:
            entries.popitem(last=False)
    return value
