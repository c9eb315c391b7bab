"""Synthetic facilities for the benchmarks: clearly made up, reproducible, inside Hải Phòng.

Every record is ``illustrative: true``, has ``location_precision: illustrative``, an id
``synthetic-NNNNNNN`` and a name starting with "Cơ sở minh họa" (illustrative facility),
so a synthetic layer can never be mistaken for the shipped data. A fixed seed gives the
same points on every run and machine, so counts (bbox, sector) are known in advance.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np
import shapely

from geo.model.feature import Feature

SEED = 20240601
# Mainland Hải Phòng (the islands are left out so points fall on land-ish ground).
BBOX = (106.40, 20.65, 106.95, 21.00)
SMALL_BBOX = (106.68, 20.84, 106.70, 20.86)  # about 2 km × 2 km around the city centre
SECTORS = ("đúc kim loại", "cơ khí", "mộc mỹ nghệ", "dệt may", "chế biến thực phẩm", "tái chế nhựa",
           "gốm sứ", "mây tre đan")
FILTER_SECTOR = SECTORS[0]
SOURCE_ID = "synthetic"


@dataclass(frozen=True)
class Synthetic:
    """Arrays of one synthetic layer, shared by the GeoPackage and PostGIS loaders."""

    lon: np.ndarray
    lat: np.ndarray
    sector: np.ndarray  # index into SECTORS
    workers: np.ndarray
    founded: np.ndarray

    @property
    def size(self) -> int:
        return len(self.lon)

    def count_in(self, bbox: tuple[float, float, float, float]) -> int:
        minx, miny, maxx, maxy = bbox
        inside = (self.lon >= minx) & (self.lon <= maxx) & (self.lat >= miny) & (self.lat <= maxy)
        return int(inside.sum())

    def count_sector(self, sector: str) -> int:
        return int((self.sector == SECTORS.index(sector)).sum())


def generate(n: int, seed: int = SEED) -> Synthetic:
    """``n`` points uniformly inside :data:`BBOX`, rounded to 7 decimals (about 1 cm)."""
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = BBOX
    return Synthetic(
        lon=np.round(rng.uniform(minx, maxx, n), 7),
        lat=np.round(rng.uniform(miny, maxy, n), 7),
        sector=rng.integers(0, len(SECTORS), n),
        workers=rng.integers(1, 300, n),
        founded=rng.integers(1950, 2024, n),
    )


def fid(i: int) -> str:
    return f"synthetic-{i:07d}"


def properties(data: Synthetic, i: int) -> dict[str, object]:
    """The registry properties of record ``i``."""
    sector = SECTORS[int(data.sector[i])]
    return {
        "id": fid(i),
        "name": f"Cơ sở minh họa {i} ({sector})",
        "sector": sector,
        "village_id": None,
        "cluster_id": None,
        "founded_year": int(data.founded[i]),
        "workers": int(data.workers[i]),
        "floor_area_m2": None,
        "equipment": ["CNC"] if i % 7 == 0 else [],
        "products": [sector],
        "contact_phone": None,
        "sources": [SOURCE_ID],
        "location_precision": "illustrative",
        "illustrative": True,
        "notes": "Synthetic benchmark record, not real data.",
    }


def features(data: Synthetic) -> list[Feature]:
    points = shapely.points(data.lon, data.lat)
    return [Feature(fid(i), points[i], properties(data, i)) for i in range(data.size)]


class LazyFeatures(Sequence[Feature]):
    """The features of ``data`` made on demand: a million property dicts never sit in memory at once."""

    def __init__(self, data: Synthetic) -> None:
        self.data = data
        self.points = shapely.points(data.lon, data.lat)

    def __len__(self) -> int:
        return self.data.size

    @overload
    def __getitem__(self, i: int) -> Feature: ...
    @overload
    def __getitem__(self, i: slice) -> list[Feature]: ...
    def __getitem__(self, i: int | slice) -> Feature | list[Feature]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return Feature(fid(i), self.points[i], properties(self.data, i))

    def __iter__(self) -> Iterator[Feature]:
        return (self[i] for i in range(len(self)))


def build_gpkg(path: Path, data: Synthetic) -> Path:
    """A craftmap GeoPackage store holding only the synthetic ``facilities`` (other layers empty)."""
    from geo.store.gpkg.store import GpkgStore

    store = GpkgStore(path)
    try:
        store.load_all({"facilities": features(data)})
    finally:
        store.close()
    return path
