"""GeoPackage geometry blobs (GeoPackage 1.3, clause 2.1.3): a small header, then WKB.

Reading and writing them ourselves lets the store use plain ``sqlite3``; the
functions GDAL's R-tree triggers call (``ST_MinX`` …) are registered from here.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}
_EMPTY_FLAG = 0b0001_0000


def _header_size(blob: bytes) -> int:
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    envelope = (blob[3] >> 1) & 0b111
    return 8 + 8 * _ENVELOPE_DOUBLES[envelope]


def wkb_of(blob: bytes) -> bytes:
    """The WKB part of a blob."""
    return blob[_header_size(blob):]


def decode(blob: bytes | None) -> BaseGeometry | None:
    """One blob to a shapely geometry (``None`` stays ``None``)."""
    if blob is None:
        return None
    return shapely.from_wkb(wkb_of(blob))


def decode_many(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Many blobs to a shapely array in one vectorised call."""
    wkbs = np.array([None if b is None else wkb_of(b) for b in blobs], dtype=object)
    geoms: np.ndarray = shapely.from_wkb(wkbs)
    return geoms


def encode(geom: BaseGeometry | None, srs_id: int = 4326) -> bytes | None:
    """A shapely geometry to a blob with an [minx, maxx, miny, maxy] envelope (points have none)."""
    if geom is None:
        return None
    if geom.is_empty:
        flags = 0b0000_0001 | _EMPTY_FLAG
        return b"GP\x00" + bytes([flags]) + struct.pack("<i", srs_id) + _wkb(geom)
    if geom.geom_type == "Point":
        header = b"GP\x00\x01" + struct.pack("<i", srs_id)
    else:
        minx, miny, maxx, maxy = geom.bounds
        header = b"GP\x00\x03" + struct.pack("<i4d", srs_id, minx, maxx, miny, maxy)
    return header + _wkb(geom)


def _wkb(geom: BaseGeometry) -> bytes:
    """Little-endian WKB, as the GeoPackage blob carries it."""
    out: bytes = shapely.to_wkb(geom, byte_order=1)
    return out


def _bounds(blob: bytes | None) -> tuple[float, float, float, float] | None:
    geom = decode(blob)
    if geom is None or geom.is_empty:
        return None
    b = geom.bounds
    return (b[0], b[1], b[2], b[3])


def _is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    if blob[3] & _EMPTY_FLAG:
        return 1
    geom = decode(blob)
    return int(geom is None or geom.is_empty)


def _coord(index: int):  # type: ignore[no-untyped-def]
    def fn(blob: bytes | None) -> float | None:
        b = _bounds(blob)
        return None if b is None else b[index]

    return fn


def register_functions(conn: sqlite3.Connection) -> None:
    """Register the SQL functions that GDAL's R-tree triggers call, so plain sqlite3 can write."""
    conn.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    conn.create_function("ST_MinX", 1, _coord(0), deterministic=True)
    conn.create_function("ST_MinY", 1, _coord(1), deterministic=True)
    conn.create_function("ST_MaxX", 1, _coord(2), deterministic=True)
    conn.create_function("ST_MaxY", 1, _coord(3), deterministic=True)
