"""Coordinate reference systems: CRS84 for storage and GeoJSON, metric CRSs for measuring.

Every conversion in craftmap goes through this module. Transformers follow each CRS's
authority axis order (EPSG:4326 is lat, lon; CRS84 is lon, lat), as OGC API - Features
Part 2 requires.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry.base import BaseGeometry

from geo.model.errors import UnsupportedCRS

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI = "http://www.opengis.net/def/crs/EPSG/0/{code}"

METRIC_EPSG = 3405  # VN-2000 / UTM zone 48N: areas and distances
PROVINCIAL_EPSG = 9210  # VN-2000 / TM-3 105-45: the Hải Phòng land-office grid

SUPPORTED: dict[str, str] = {
    CRS84: "OGC:CRS84",
    EPSG_URI.format(code=4326): "EPSG:4326",
    EPSG_URI.format(code=3405): "EPSG:3405",
    EPSG_URI.format(code=9210): "EPSG:9210",
    EPSG_URI.format(code=32648): "EPSG:32648",
}

# Today's Hải Phòng (from 1 July 2025: old Hải Phòng with the Bạch Long Vĩ island, and old Hải Dương,
# which reaches 106.12 E and 21.24 N) in CRS84, with a small margin. Hà Nội ends near 106.02 E.
HAIPHONG_BBOX = (106.10, 20.00, 107.85, 21.30)


def normalize(uri: str) -> str:
    """Accept the OGC URI, ``EPSG:nnnn`` and the CURIE ``[EPSG:nnnn]``; return the OGC URI."""
    text = uri.strip().strip("[]")
    if text in SUPPORTED:
        return text
    upper = text.upper()
    if upper in ("OGC:CRS84", "CRS84"):
        return CRS84
    if upper.startswith("EPSG:"):
        candidate = EPSG_URI.format(code=upper[5:])
        if candidate in SUPPORTED:
            return candidate
    if text.startswith("https://www.opengis.net/"):
        return normalize("http://" + text[len("https://"):])
    raise UnsupportedCRS(f"CRS '{uri}' is not served. Supported: {', '.join(SUPPORTED)}.")


@lru_cache(maxsize=32)
def pyproj_crs(uri: str) -> CRS:
    return CRS.from_user_input(SUPPORTED[normalize(uri)])


@lru_cache(maxsize=64)
def transformer(source: str, target: str) -> Transformer:
    """A cached transformer between two supported CRSs, in their authority axis order."""
    return Transformer.from_crs(pyproj_crs(source), pyproj_crs(target))


def transform(geoms: np.ndarray | list[BaseGeometry | None], source: str, target: str) -> np.ndarray:
    """Reproject an array of geometries (``None`` stays ``None``) in one vectorised pass."""
    arr = np.asarray(geoms, dtype=object)
    if normalize(source) == normalize(target):
        return arr
    return _apply(transformer(normalize(source), normalize(target)), arr)


def _apply(t: Transformer, arr: np.ndarray) -> np.ndarray:
    """Every coordinate of ``arr`` through ``t``, in one vectorised pass."""

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = t.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    out: np.ndarray = shapely.transform(arr, fn)
    return out


def transform_bbox(bbox: tuple[float, float, float, float], source: str, target: str = CRS84) -> tuple[
        float, float, float, float]:
    """Reproject a bbox given in ``source`` axis order to ``target``, densifying its edges."""
    if normalize(source) == normalize(target):
        return bbox
    t = transformer(normalize(source), normalize(target))
    out = t.transform_bounds(*bbox, densify_pts=21)
    return (out[0], out[1], out[2], out[3])


@lru_cache(maxsize=2)
def _web_mercator(inverse: bool) -> Transformer:
    a, b = ("EPSG:3857", "OGC:CRS84") if inverse else ("OGC:CRS84", "EPSG:3857")
    return Transformer.from_crs(a, b, always_xy=True)


def to_web_mercator(geoms: np.ndarray | list[BaseGeometry | None]) -> np.ndarray:
    """CRS84 geometries in Web Mercator (EPSG:3857, metres), the CRS of vector tiles."""
    return _apply(_web_mercator(False), np.asarray(geoms, dtype=object))


def crs84_bbox_to_web_mercator(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A CRS84 box (latitudes within ±85.05°) in Web Mercator: the tiles a collection's extent covers."""
    out = _web_mercator(False).transform_bounds(*bbox, densify_pts=2)
    return (out[0], out[1], out[2], out[3])


def web_mercator_bbox_to_crs84(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A Web Mercator box as CRS84 (lon, lat) bounds: the filter of a tile's features."""
    out = _web_mercator(True).transform_bounds(*bbox, densify_pts=2)
    return (out[0], out[1], out[2], out[3])


def to_metric(geoms: np.ndarray | list[BaseGeometry | None]) -> np.ndarray:
    """Geometries in VN-2000 / UTM 48N (metres), for areas and distances."""
    return transform(geoms, CRS84, EPSG_URI.format(code=METRIC_EPSG))


def from_metric(geoms: np.ndarray | list[BaseGeometry | None]) -> np.ndarray:
    """Geometries in VN-2000 / UTM 48N (metres) back to CRS84, after constructing them in metres."""
    return transform(geoms, EPSG_URI.format(code=METRIC_EPSG), CRS84)


def area_ha(geom: BaseGeometry | None) -> float | None:
    """Area in hectares computed in VN-2000 / UTM 48N, rounded to 0.01 ha."""
    if geom is None or geom.is_empty:
        return None
    return round(float(shapely.area(to_metric([geom])[0])) / 10_000, 2)
