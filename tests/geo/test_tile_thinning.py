"""Low-zoom thinning of vector tiles on both stores (``geo.spatial.tiles``: CAP, GRID, COUNT).

5,000 synthetic facilities in a 2 km square: a z10 tile over them holds counts per cell whose sum
is the number of facilities whose point lies in the tile, each cell point inside its own cell; a
z18 tile holds the facilities themselves. The expected tiles and cells are computed here with the
slippy-map formula, independently of ``geo.spatial.tiles``.
"""

from __future__ import annotations

import math
from collections import Counter

import mapbox_vector_tile
import pytest
from shapely.geometry import Point

from bench import synthetic
from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature, ItemQuery
from geo.spatial import tiles
from geo.store.base import Store

FACILITIES = COLLECTIONS["facilities"]
N = 5000
BOX = (106.680, 20.840, 106.700, 20.860)


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def tile_box(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    n = 2**z

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


@pytest.fixture
def crowded(empty_store: Store) -> tuple[Store, synthetic.Synthetic]:
    data = synthetic.generate(N)
    minx, miny, maxx, maxy = BOX
    data = synthetic.Synthetic(lon=minx + (data.lon - synthetic.BBOX[0]) * (maxx - minx) / 0.55,
                               lat=miny + (data.lat - synthetic.BBOX[1]) * (maxy - miny) / 0.35,
                               sector=data.sector, workers=data.workers, founded=data.founded)
    empty_store.load_all({"facilities": synthetic.features(data)})
    return empty_store, data


def _decode(body: bytes) -> list[dict]:  # type: ignore[type-arg]
    return list(mapbox_vector_tile.decode(body).get("facilities", {})
                .get("features", []))


def test_a_crowded_low_zoom_tile_holds_counts_per_cell(crowded: tuple[Store, synthetic.Synthetic]) -> None:
    store, data = crowded
    z = 10
    x, y = tile_of(106.69, 20.85, z)
    west, south, east, north = tile_box(z, x, y)
    inside = [(lon, lat) for lon, lat in zip(data.lon, data.lat, strict=True)
              if west <= lon < east and south <= lat < north]
    assert len(inside) == N  # the square lies in one z10 tile
    body = store.tile(FACILITIES, z, x, y, ItemQuery())
    features = _decode(body)
    assert 0 < len(features) <= tiles.GRID**2
    assert all(set(f["properties"]) == {tiles.COUNT} for f in features)
    assert sum(f["properties"][tiles.COUNT] for f in features) == N
    size = tiles.EXTENT / tiles.GRID  # a cell in tile units (decoded with y up, from the south edge)
    expected = Counter((min(tiles.GRID - 1, int((lon - west) / (east - west) * tiles.GRID)),
                        min(tiles.GRID - 1, int((lat - south) / (north - south) * tiles.GRID))) for lon, lat in inside)
    got = {}
    for f in features:
        px, py = f["geometry"]["coordinates"]
        got[(int(px // size), int(py // size))] = f["properties"][tiles.COUNT]
    # Each cell's point (the mean of its points) lies inside its cell. The GeoPackage counts from its
    # R-tree, whose boxes are 32-bit floats (a few cm at this longitude): a point that close to a cell
    # edge may count in the neighbour, so a handful may move; PostGIS matches exactly.
    assert set(got) == set(expected)
    moved = sum(abs(got[k] - expected[k]) for k in got) // 2
    assert moved <= N // 500
    assert len(body) < 40_000


def test_filters_apply_to_the_counts(crowded: tuple[Store, synthetic.Synthetic]) -> None:
    store, data = crowded
    z = 10
    x, y = tile_of(106.69, 20.85, z)
    sector = synthetic.SECTORS[0]
    body = store.tile(FACILITIES, z, x, y, ItemQuery(properties={"sector": sector}))
    counted = sum(f["properties"].get(tiles.COUNT, 1) for f in _decode(body))
    assert counted == data.count_sector(sector)


def test_a_tile_with_few_features_holds_them(crowded: tuple[Store, synthetic.Synthetic]) -> None:
    store, data = crowded
    z = 17
    x, y = tile_of(106.69, 20.85, z)
    west, south, east, north = tile_box(z, x, y)
    ids = {synthetic.fid(i) for i, (lon, lat) in enumerate(zip(data.lon, data.lat, strict=True))
           if west <= lon <= east and south <= lat <= north}
    features = _decode(store.tile(FACILITIES, z, x, y, ItemQuery()))
    got = {f["properties"]["id"] for f in features}
    assert ids and ids <= got and len(got) <= tiles.CAP
    assert all(tiles.COUNT not in f["properties"] and "name" in f["properties"] for f in features)


def test_a_write_is_counted_in_the_next_thinned_tile(crowded: tuple[Store, synthetic.Synthetic]) -> None:
    store, _ = crowded
    z = 10
    x, y = tile_of(106.69, 20.85, z)

    def counted() -> int:
        return sum(f["properties"][tiles.COUNT] for f in _decode(store.tile(FACILITIES, z, x, y, ItemQuery())))

    assert counted() == N  # and the centres it counted from are now held for this data version
    one = synthetic.features(synthetic.generate(1))[0]
    added = Feature("synthetic-added", Point(106.69, 20.85), {**one.properties, "id": "synthetic-added"})
    store.create(FACILITIES, added, actor="test")
    assert counted() == N + 1
    store.delete(FACILITIES, "synthetic-added", 1, actor="test")
    store.delete(FACILITIES, synthetic.fid(0), 1, actor="test")
    assert counted() == N - 1
