"""The shipped dataset: complete, sourced, honest about precision, and carrying the seed articles' figures."""

from __future__ import annotations

import csv
from collections import Counter
from typing import Any

import orjson

from geo.model.collections import COLLECTIONS, LOAD_ORDER
from geo.records.loader import read_dataset
from geo.settings import ROOT
from geo.spatial.text import fold

DATA = ROOT / "data"


def features(cid: str) -> list[dict[str, Any]]:
    return orjson.loads((DATA / f"{cid}.geojson").read_bytes())["features"]


def by_name(cid: str, *words: str) -> list[dict[str, Any]]:
    name_field = COLLECTIONS[cid].name_field
    return [f for f in features(cid) if all(fold(w) in fold(f["properties"][name_field]) for w in words)]


def test_the_loader_accepts_the_shipped_data() -> None:
    _, report = read_dataset(DATA)
    assert set(report.counts) == set(LOAD_ORDER)
    assert all(report.counts[cid] > 0 for cid in LOAD_ORDER)


def test_every_record_has_sources_and_precision() -> None:
    source_ids = {row["id"] for row in csv.DictReader((DATA / "sources.csv").open(encoding="utf-8"))}
    for cid in LOAD_ORDER:
        for f in features(cid):
            p = f["properties"]
            assert p["sources"] and set(p["sources"]) <= source_ids, (cid, f["id"])
            assert p["location_precision"] in COLLECTIONS[cid].field("location_precision").enum, (cid, f["id"])


def test_sources_registry_columns() -> None:
    with (DATA / "sources.csv").open(encoding="utf-8") as fh:
        assert csv.DictReader(fh).fieldnames == ["id", "title", "publisher", "address", "date", "language"]


def test_admin_units_are_both_old_provinces_and_todays_114() -> None:
    old = [f["properties"] for f in features("admin_units") if f["properties"]["valid_from"] is None]
    new = [f["properties"] for f in features("admin_units") if f["properties"]["valid_from"] == "2025-07-01"]
    assert Counter((p["province_name"], p["level"]) for p in old) == {
        ("Thành phố Hải Phòng", "commune"): 223, ("Thành phố Hải Phòng", "district"): 14,
        ("Tỉnh Hải Dương", "commune"): 265, ("Tỉnh Hải Dương", "district"): 12}
    assert len(new) == 114
    codes = {p["gso_code"] for p in old}
    assert {"11521", "11554", "11509", "11875", "311", "10507", "288"} <= codes
    for p in old:
        assert p["valid_to"] in ("2019-03-01", "2019-11-01", "2025-01-01", "2025-03-01", "2025-07-01")
        assert p["successor_codes"], p["id"]


def test_kien_bai_point_is_11_ha_phase_1() -> None:
    [kb] = by_name("clusters", "Kiền Bái")
    p = kb["properties"]
    assert p["developed_area_ha"] == 11 and p["planned_area_ha"] is None  # 11 ha is phase 1 (FACTS F1.2)
    assert p["phase"] == "1"
    assert p["kind"] == "diem_cong_nghiep"
    assert p["location_precision"] == "approximate" and p["outline"] != "surveyed"


def test_my_dong_cluster_expansion_area_and_investment() -> None:
    [md] = [f for f in by_name("clusters", "Mỹ Đồng") if f["properties"]["kind"] == "cum_cong_nghiep_lang_nghe"]
    p = md["properties"]
    assert p["expansion_area_ha"] == 28.1
    assert p["expansion_investment_vnd"] == 280_500_000_000
    assert "end-2019" in p["notes"]


def test_cluster_outlines_are_sized_to_the_declared_area() -> None:
    data, _ = read_dataset(DATA)
    for f in data["clusters"]:
        p = f.properties
        declared = p["planned_area_ha"] or p["developed_area_ha"] or p["expansion_area_ha"]
        if f.properties["outline"] == "sized_to_declared_area":
            assert f.properties["area_ha"] == declared, f.id  # to the 0.01 ha the product shows


def test_pilot_project_components() -> None:
    [pilot] = by_name("projects", "cụm công nghiệp làng nghề đúc Mỹ Đồng giai đoạn 2019 - 2020")
    p = pilot["properties"]
    assert p["programme"] == "national"
    assert (p["year_start"], p["year_end"]) == (2019, 2020)
    kinds = {c["kind"] for c in p["components"]}
    assert {"workshop", "management_training", "study_tour", "machinery", "brand", "demonstration_model",
            "pollution_treatment"} <= kinds
    assert p["budget_total_vnd"] is None  # not published: never guessed


def test_seven_machinery_projects_by_sector() -> None:
    machinery = [f["properties"] for f in features("projects")
                 if f["properties"]["kind"] == "project" and "seed-000" in ",".join(f["properties"]["sources"])]
    sectors = Counter(fold(p["sector"]) for p in machinery)
    assert sum(sectors.values()) == 7
    assert sorted(sectors.values()) == [2, 2, 3]


def test_2017_plan_total() -> None:
    [plan] = [f["properties"] for f in features("projects") if f["properties"]["kind"] == "plan"
              and f["properties"]["year_start"] == 2017]
    assert plan["project_count"] == 13
    assert plan["budget_total_vnd"] == 3_865_000_000
    assert plan["budget_qualifier"] == "more_than"


def test_remediation_projects_linked_to_pollution_sources() -> None:
    env = {f["id"]: f["properties"] for f in features("projects") if f["properties"]["programme"] == "environment"}
    money = sorted(p["budget_total_vnd"] or p["budget_public_vnd"] or 0 for p in env.values())
    assert 81_000_000_000 in money and 120_000_000_000 in money
    sources = {f["id"] for f in features("pollution_sources")}
    assert any(set(p["pollution_source_ids"] or []) & sources for p in env.values())


def test_pollution_sources_my_dong_and_trang_minh() -> None:
    names = [fold(f["properties"]["name"]) for f in features("pollution_sources")]
    assert any("my dong" in n for n in names) and any("trang minh" in n for n in names)


def test_villages_of_facts_section_a() -> None:
    names = " | ".join(fold(f["properties"]["name"]) for f in features("villages"))
    for village in ("my dong", "bao ha", "chinh my", "kinh giao", "trang minh"):
        assert village in names
    assert len(features("villages")) >= 15


def test_my_dong_village_figures() -> None:
    [v] = by_name("villages", "Mỹ Đồng")
    assert v["properties"]["establishments"] == 193
    assert v["properties"]["production_value_vnd"] == 1_993_000_000_000


def test_illustrative_records_are_flagged_and_plots_are_all_illustrative() -> None:
    for f in features("cluster_plots"):
        assert f["properties"]["illustrative"] is True
        assert f["properties"]["location_precision"] == "illustrative"
    for cid in LOAD_ORDER:
        for f in features(cid):
            p = f["properties"]
            if p["location_precision"] == "illustrative":
                assert p["illustrative"] is True, (cid, f["id"])
            if p["illustrative"]:
                assert "craftmap-illustrative" in p["sources"], (cid, f["id"])


def test_private_values_only_on_illustrative_records() -> None:
    for cid in ("villages", "facilities"):
        for f in features(cid):
            if f["properties"].get("contact_phone"):
                assert f["properties"]["illustrative"] is True


def test_geojson_is_rfc7946_right_hand() -> None:
    import shapely
    from shapely.geometry import shape

    for cid in ("admin_units", "clusters", "cluster_plots"):
        for f in features(cid):
            if f["geometry"] is None:  # Đặc khu Bạch Long Vĩ: no polygon of any of its parts
                assert f["properties"]["outline_method"] == "none"
                continue
            geom = shape(f["geometry"])
            polys = geom.geoms if hasattr(geom, "geoms") else [geom]
            for poly in polys:
                assert poly.exterior.is_ccw, (cid, f["id"])
                assert all(not r.is_ccw for r in poly.interiors), (cid, f["id"])
            assert shapely.is_valid(geom)
