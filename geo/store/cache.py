"""Values computed from a store's data, kept until the data changes.

Keyed by the store's ``data_version`` (every write and every load changes it), so a cached
vector tile or page summary is never stale: the first request after a write recomputes it.
One small LRU per store object, dropped with the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from geo.store.base import Reader

T = TypeVar("T")
MAX_ENTRIES = 2048  # about 40 MB of vector tiles at their usual 20 KB; summaries are few

_lock = threading.Lock()
_caches: WeakKeyDictionary[Reader, tuple[str, OrderedDict[Hashable, Any]]] = WeakKeyDictionary()


def cached(store: Reader, key: Hashable, compute: Callable[[], T], version: str | None = None) -> T:
    """``compute()`` for ``key`` on the store's current data, computed once per data version.

    ``version`` saves a look-up when the caller already read ``store.data_version()``.
    """
    version = store.data_version() if version is None else version
    with _lock:
        held = _caches.get(store)
        if held is not None and held[0] == version and key in held[1]:
            held[1].move_to_end(key)
            return held[1][key]  # type: ignore[no-any-return]
    value = compute()  # outside the lock: two threads may compute the same value once each
    with _lock:
        held = _caches.get(store)
        if held is None or held[0] != version:
            held = (version, OrderedDict())
            _caches[store] = held
        held[1][key] = value
        while len(held[1]) > MAX_ENTRIES:
            held[1].popitem(last=False)
    return value
