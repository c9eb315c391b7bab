"""Today's 114 units as shipped: counts, honest outlines, and a union that covers both old provinces."""

from __future__ import annotations

from collections import Counter
from typing import Any

import shapely
from shapely.geometry import shape

from geo.spatial.crs import to_metric
from tests.data.test_dataset import features


def units(today: bool) -> list[dict[str, Any]]:
    return [f for f in features("admin_units") if (f["properties"]["valid_from"] is not None) == today]


def test_114_units_67_xa_45_phuong_2_dac_khu_each_with_parts() -> None:
    new = [f["properties"] for f in units(today=True)]
    assert Counter(p["unit_type"] for p in new) == {"Xã": 67, "Phường": 45, "Đặc khu": 2}
    assert all(p["parts"] and p["valid_to"] is None for p in new)
    assert {p["merge"] for q in new for p in q["parts"]} == {"full", "partial"}


def test_an_approximate_outline_says_so_and_an_exact_one_has_only_full_parts() -> None:
    for f in units(today=True):
        p = f["properties"]
        if p["outline_method"] == "exact":
            assert {part["merge"] for part in p["parts"]} == {"full"}, p["name"]
        elif p["outline_method"] == "approximate":
            assert p["outline_note"].startswith("APPROXIMATE") and "not an official boundary" in p["outline_note"]
            assert p["location_precision"] == "approximate"
        else:
            assert f["geometry"] is None and p["name"] == "Đặc khu Bạch Long Vĩ"
    methods = Counter(f["properties"]["outline_method"] for f in units(today=True))
    assert methods["approximate"] > methods["exact"] > 0


def test_the_union_of_todays_units_covers_both_old_provinces() -> None:
    new = shapely.union_all(to_metric([shape(f["geometry"]) for f in units(today=True) if f["geometry"]]))
    old = [f for f in units(today=False) if f["properties"]["level"] == "commune"]
    assert {f["properties"]["province_name"] for f in old} == {"Thành phố Hải Phòng", "Tỉnh Hải Dương"}
    old_union = shapely.union_all(to_metric([shape(f["geometry"]) for f in old]))
    assert old_union.difference(new).area < 10_000  # < 1 ha uncovered, from rounding to 6 decimals
    assert new.area > 2_900e6  # about 3,000 km² of thinned polygons


def test_my_dong_commune_went_to_thien_huong_and_le_ich_moc() -> None:
    [my_dong] = [f["properties"] for f in features("admin_units") if f["id"] == "11521"]
    names = {f["properties"]["gso_code"]: f["properties"]["name"] for f in units(today=True)}
    assert {names[c] for c in my_dong["successor_codes"]} == {"Phường Thiên Hương", "Phường Lê Ích Mộc"}
    assert my_dong["successor_method"] == "merge_table"
    [kien_bai] = [f["properties"] for f in features("admin_units") if f["id"] == "11554"]
    assert kien_bai["successor_method"] == "inferred" and "infers" in kien_bai["notes"]
