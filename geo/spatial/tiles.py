"""The WebMercatorQuad tile matrix set (OGC 17-083r4, Annex D): tile bounds and its description.

Vector tiles are cut in Web Mercator (EPSG:3857) with ``EXTENT`` units a side and ``BUFFER``
units of margin, so lines and polygons crossing a tile edge join up when drawn. A tile's
features are looked up by its CRS84 bounds (the stores keep CRS84 and index it); every
reprojection goes through ``geo.spatial.crs``.

Thinning (one rule for both stores): a tile holds its features as themselves while at most
``CAP`` match; beyond that it holds counts instead. The features whose bounding-box centre lies
in the tile proper (its margin left out, so each feature counts in exactly one tile) are counted
per cell of a ``GRID`` × ``GRID`` division of the tile's CRS84 box (:class:`Grid`); each
non-empty cell becomes one point, at the mean of its centres, whose only property is ``COUNT``.
A z10 tile over a city of a million facilities is then a few KB instead of tens of MB; the
features themselves come back at the zooms where a tile holds ``CAP`` or fewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from geo.model.errors import TileNotFound
from geo.spatial import crs

TMS_ID = "WebMercatorQuad"
TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
WEB_MERCATOR_URI = "http://www.opengis.net/def/crs/EPSG/0/3857"
MAX_ZOOM = 24  # the deepest tile matrix the set defines
HALF = 20037508.3427892  # half the side of the square world in EPSG:3857 (metres)
EXTENT = 4096  # tile units a side, in the vector tile
BUFFER = 64  # tile units of margin around each tile
CAP = 2000  # features a tile holds as themselves; beyond, counts per cell
GRID = 32  # cells a side of a thinned tile (16 screen pixels each on a 512-pixel tile)
COUNT = "cm_count"  # the one property of a thinned tile's points: how many features the cell holds
_PIXEL_0 = 156543.03392804097  # metres per 256-pixel cell at zoom 0
_SCALE_0 = 559082264.0287178  # scale denominator at zoom 0 (0.28 mm pixels)


@dataclass(frozen=True)
class Tile:
    """One tile of WebMercatorQuad: zoom ``z`` (tile matrix), column ``x`` and row ``y`` (from the top)."""

    z: int
    x: int
    y: int

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """The tile in EPSG:3857 (minx, miny, maxx, maxy)."""
        side = 2 * HALF / 2**self.z
        minx = -HALF + self.x * side
        maxy = HALF - self.y * side
        return (minx, maxy - side, minx + side, maxy)

    @property
    def buffered(self) -> tuple[float, float, float, float]:
        """The tile with its ``BUFFER`` margin, in EPSG:3857: what is drawn into it."""
        minx, miny, maxx, maxy = self.bounds
        pad = (maxx - minx) * BUFFER / EXTENT
        return (minx - pad, miny - pad, maxx + pad, maxy + pad)

    @property
    def lookup_bbox(self) -> tuple[float, float, float, float]:
        """``buffered`` in CRS84, the bbox filter that finds the tile's features."""
        minx, miny, maxx, maxy = self.buffered  # within the world: the margin of an edge tile wraps nowhere
        return crs.web_mercator_bbox_to_crs84((max(minx, -HALF), max(miny, -HALF), min(maxx, HALF), min(maxy, HALF)))


@dataclass(frozen=True)
class Grid:
    """The cells of a thinned tile: ``n`` × ``n`` equal parts of its CRS84 box, counted from the
    west and the south. A centre ``(x, y)`` is in the grid when ``west <= x < east`` and
    ``south <= y < north``; its cell is ``(floor((x - west) / dx), floor((y - south) / dy))``."""

    west: float
    south: float
    east: float
    north: float
    n: int = GRID

    @property
    def dx(self) -> float:
        return (self.east - self.west) / self.n

    @property
    def dy(self) -> float:
        return (self.north - self.south) / self.n

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """The cell of a centre, or ``None`` outside the tile proper."""
        if not (self.west <= x < self.east and self.south <= y < self.north):
            return None
        return min(self.n - 1, int((x - self.west) // self.dx)), min(self.n - 1, int((y - self.south) // self.dy))


@dataclass(frozen=True)
class Centres:
    """The bounding-box centres of every feature of a collection, sorted by ``xs``: what thinned tiles
    count, kept in memory so a tile's cells come from two binary searches instead of a scan of the index."""

    xs: np.ndarray
    ys: np.ndarray

    @classmethod
    def of(cls, xy: np.ndarray) -> Centres:
        """From an ``(n, 2)`` array of centres in any order."""
        xy = xy.reshape(-1, 2)
        order = np.argsort(xy[:, 0], kind="stable")
        return cls(np.ascontiguousarray(xy[order, 0]), np.ascontiguousarray(xy[order, 1]))


def cell_counts(g: Grid, c: Centres) -> list[tuple[int, float, float]]:
    """``(count, mean x, mean y)`` of every non-empty cell of ``g``: the rule the stores' SQL follows
    (a centre in the tile proper, its cell the floor of its offset over the cell size)."""
    lo, hi = np.searchsorted(c.xs, [g.west, g.east], side="left")
    xs, ys = c.xs[lo:hi], c.ys[lo:hi]
    inside = (ys >= g.south) & (ys < g.north)
    xs, ys = xs[inside], ys[inside]
    if not len(xs):
        return []
    side = g.n + 1  # a centre a rounding error short of the east or north edge can floor to n
    cells = np.floor((xs - g.west) / g.dx).astype(np.int64) * side + np.floor((ys - g.south) / g.dy).astype(np.int64)
    size = side * side
    counts = np.bincount(cells, minlength=size)
    sx, sy = np.bincount(cells, weights=xs, minlength=size), np.bincount(cells, weights=ys, minlength=size)
    full = np.flatnonzero(counts)
    return [(int(counts[i]), float(sx[i] / counts[i]), float(sy[i] / counts[i])) for i in full]


def grid(t: Tile) -> Grid:
    """The cells a thinned tile counts its features in (the tile without its margin, in CRS84)."""
    return Grid(*crs.web_mercator_bbox_to_crs84(t.bounds))


def thinned(matched: int) -> bool:
    """Whether a tile with ``matched`` features holds counts per cell rather than the features."""
    return matched > CAP


def tile(z: int, x: int, y: int) -> Tile:
    """The tile at ``z/y/x``, or ``TileNotFound`` when it lies outside the tile matrix set."""
    if not 0 <= z <= MAX_ZOOM:
        raise TileNotFound(f"Tile matrix {z} is not in {TMS_ID} (0 to {MAX_ZOOM}).")
    if not (0 <= x < 2**z and 0 <= y < 2**z):
        raise TileNotFound(f"Tile {z}/{y}/{x} is outside tile matrix {z} (rows and columns 0 to {2**z - 1}).")
    return Tile(z, x, y)


def limits(bbox: tuple[float, float, float, float], max_zoom: int = MAX_ZOOM) -> list[dict[str, Any]]:
    """``tileMatrixSetLimits`` of a CRS84 extent: at each zoom, the rows and columns it touches
    (clients such as GDAL read only those tiles)."""
    lat = 85.0511287798  # the latitude Web Mercator's square world ends at
    minx, miny, maxx, maxy = crs.crs84_bbox_to_web_mercator(
        (bbox[0], max(bbox[1], -lat), bbox[2], min(bbox[3], lat)))
    out = []
    for z in range(max_zoom + 1):
        side, last = 2 * HALF / 2**z, 2**z - 1

        def index(v: float, last: int = last, side: float = side) -> int:
            return min(last, max(0, int(v // side)))

        out.append({"tileMatrix": str(z), "minTileRow": index(HALF - maxy), "maxTileRow": index(HALF - miny),
                    "minTileCol": index(minx + HALF), "maxTileCol": index(maxx + HALF)})
    return out


def tile_matrix_set() -> dict[str, Any]:
    """The JSON description of WebMercatorQuad (OGC 2D Tile Matrix Set 2.0 encoding)."""
    return {
        "id": TMS_ID,
        "title": "Google Maps Compatible for the World",
        "uri": TMS_URI,
        "crs": WEB_MERCATOR_URI,
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        "tileMatrices": [{
            "id": str(z),
            "scaleDenominator": _SCALE_0 / 2**z,
            "cellSize": _PIXEL_0 / 2**z,
            "cornerOfOrigin": "topLeft",
            "pointOfOrigin": [-HALF, HALF],
            "tileWidth": 256,
            "tileHeight": 256,
            "matrixWidth": 2**z,
            "matrixHeight": 2**z,
        } for z in range(MAX_ZOOM + 1)],
    }
