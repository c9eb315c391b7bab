from __future__ import annotations

import pytest
import shapely

from geo.model.errors import UnsupportedCRS
from geo.spatial import crs
from tests.support.records import MY_DONG


def test_epsg4326_is_lat_lon() -> None:
    out = crs.transform([shapely.Point(*MY_DONG)], crs.CRS84, "EPSG:4326")[0]
    assert (round(out.x, 5), round(out.y, 5)) == (MY_DONG[1], MY_DONG[0])


@pytest.mark.parametrize("code", [3405, 9210, 32648])
def test_metric_grids_put_my_dong_in_range(code: int) -> None:
    out = crs.transform([shapely.Point(*MY_DONG)], crs.CRS84, f"EPSG:{code}")[0]
    assert 400_000 < out.x < 800_000
    assert 2_200_000 < out.y < 2_400_000


def test_vn2000_differs_from_wgs84_utm() -> None:
    """VN-2000 has its own datum: the same point lands a few hundred metres apart from WGS 84 / UTM 48N."""
    a = crs.transform([shapely.Point(*MY_DONG)], crs.CRS84, "EPSG:3405")[0]
    b = crs.transform([shapely.Point(*MY_DONG)], crs.CRS84, "EPSG:32648")[0]
    assert 50 < a.distance(b) < 1000


def test_area_of_one_hectare_square() -> None:
    square = shapely.box(669000, 2316000, 669100, 2316100)
    back = crs.transform([square], "EPSG:3405", crs.CRS84)[0]
    assert crs.area_ha(back) == 1.0


@pytest.mark.parametrize(("uri", "expected"), [
    ("EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326"),
    ("[EPSG:9210]", "http://www.opengis.net/def/crs/EPSG/0/9210"),
    ("http://www.opengis.net/def/crs/EPSG/0/3405", "http://www.opengis.net/def/crs/EPSG/0/3405"),
    ("https://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
    ("OGC:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
])
def test_normalize_accepts_common_spellings(uri: str, expected: str) -> None:
    assert crs.normalize(uri) in crs.SUPPORTED
    assert crs.normalize(uri) == expected


@pytest.mark.parametrize("uri", ["EPSG:2154", "foo", "http://www.opengis.net/def/crs/EPSG/0/999999"])
def test_unsupported_crs(uri: str) -> None:
    with pytest.raises(UnsupportedCRS):
        crs.normalize(uri)
