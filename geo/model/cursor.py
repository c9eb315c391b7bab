"""The keyset cursor of ``next`` links: where the last page ended, so the next one seeks there.

A page found by ``OFFSET`` costs the rows it skips; a page found by its keyset (the last row's
sort values and row id) costs only its own rows, at the start and at the end of a collection.
The cursor is opaque to clients: base64url of a small JSON document with a digest of its
content, the collection and the sort order, so a cursor that was edited, truncated or carried
to another collection or ``sortby`` is refused (400) instead of seeking somewhere arbitrary.
The digest is a checksum, not a secret: a forged cursor can only position a read of public data.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from geo.model.errors import InvalidParameter

_SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class Cursor:
    """The end of a page: the last row's sort values (as the engine compares them) and row id, and
    how many features came before the page the cursor opens (its offset, for links and counts)."""

    keys: tuple[Any, ...]
    fid: int
    position: int


def _digest(payload: bytes, collection_id: str, sortby: Sequence[tuple[str, bool]]) -> str:
    order = ",".join(("+" if asc else "-") + name for name, asc in sortby)
    return hashlib.sha256(b"\0".join([payload, collection_id.encode(), order.encode()])).hexdigest()[:16]


def encode(cursor: Cursor, collection_id: str, sortby: Sequence[tuple[str, bool]]) -> str:
    """The opaque text of ``cursor`` for a ``next`` link."""
    payload = orjson.dumps([list(cursor.keys), cursor.fid, cursor.position])
    doc = orjson.dumps({"p": payload.decode(), "d": _digest(payload, collection_id, sortby)})
    return base64.urlsafe_b64encode(doc).rstrip(b"=").decode()


def decode(text: str, collection_id: str, sortby: Sequence[tuple[str, bool]]) -> Cursor:
    """The cursor ``encode`` wrote for this collection and sort order, or ``InvalidParameter``."""
    bad = InvalidParameter("Invalid cursor: use the 'cursor' of a 'next' link of this query unchanged.")
    try:
        doc = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        payload = doc["p"].encode()
        if doc["d"] != _digest(payload, collection_id, sortby):
            raise bad
        keys, fid, position = orjson.loads(payload)
    except (binascii.Error, orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        raise bad from None
    valid = (isinstance(keys, list) and len(keys) == len(sortby) and all(isinstance(k, _SCALARS) for k in keys)
             and all(type(n) is int and n >= 0 for n in (fid, position)))
    if not valid:
        raise bad
    return Cursor(tuple(keys), fid, position)
