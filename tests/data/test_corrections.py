"""FACTS F (second review): one test per correction F1.1–F1.8, each failing on the data shipped before it, and
the sourced facts of F2, a weak source never standing alone behind a figure."""

from __future__ import annotations

import csv

from geo.records.loader import read_dataset
from tests.data.test_dataset import DATA, by_name, features


def props(cid: str, fid: str) -> dict[str, object]:
    [f] = [f for f in features(cid) if f["id"] == fid]
    return f["properties"]


def test_f1_1_quyet_tien_has_no_2023_date_and_includes_high_tech() -> None:
    p = props("clusters", "c-quyet-tien")
    assert p["status_date"] is None
    assert "công nghệ cao" in p["allowed_industries"]


def test_f1_2_kien_bai_11_ha_is_phase_1_not_the_planned_total() -> None:
    p = props("clusters", "c-kien-bai")
    assert p["planned_area_ha"] is None and p["developed_area_ha"] == 11


def test_f1_3_my_dong_28_1_ha_is_the_expansion_and_the_cluster_operates() -> None:
    p = props("clusters", "c-my-dong")
    assert p["planned_area_ha"] is None and p["investment_vnd"] is None
    assert (p["expansion_area_ha"], p["expansion_investment_vnd"]) == (28.1, 280_500_000_000)
    assert p["status"] == "operating"


def test_f1_4_my_dong_cluster_has_no_investor() -> None:
    p = props("clusters", "c-my-dong")
    assert p["investor"] is None and "UBND huyện Thủy Nguyên" in str(p["notes"])


def test_f1_5_nominal_markers_have_no_area() -> None:
    data, _ = read_dataset(DATA)
    markers = [f for f in data["clusters"] if f.properties["outline"] == "nominal_marker"]
    assert len(markers) >= 5  # the five B2 clusters
    assert all(f.properties["area_ha"] is None for f in markers)


def test_f1_6_listed_crafts_carry_no_invented_village_name() -> None:
    listed = [f["properties"] for f in features("villages")
              if "named after the craft" in (f["properties"]["notes"] or "")]
    assert len(listed) >= 9
    for p in listed:
        assert not p["name"].startswith("Làng"), p["name"]
        assert "chưa được xác nhận" in p["description"]


def test_f1_7_nhan_hoa_makes_con_giong_not_puppets() -> None:
    p = props("villages", "v-con-roi-nhan-hoa")
    assert p["crafts"] == ["làm con giống"] and p["craft_group"] != "puppetry"
    assert "Nhân Mục" in p["name"]


def test_f1_8_bao_ha_keeps_both_ages_each_with_its_source() -> None:
    p = props("villages", "v-bao-ha")
    assert "thế kỷ 15" in p["description"] and "720 năm" in p["description"]
    assert {"thegioidisan-bao-ha", "langngheviet-bao-ha-28756"} <= set(p["sources"])


def test_f2_trang_minh_decision_plant_and_operation() -> None:
    p = props("projects", "pr-xu-ly-o-nhiem-trang-minh")
    assert "1354/QĐ-UBND" in p["description"] and "1.500 m³" in p["description"]
    assert (p["year_start"], p["implementer"]) == (2014, "UBND quận Kiến An")
    assert {"diendandn-trang-minh", "plo-trang-minh"} <= set(p["sources"])


def test_f2_city_counts_and_the_411_8_bn_plan() -> None:
    [plan] = by_name("projects", "411,8") or by_name("projects", "14 dự án")
    p = plan["properties"]
    assert (p["budget_total_vnd"], p["project_count"], p["year_start"], p["year_end"]) == (
        411_800_000_000, 14, 2021, 2030)
    notes = props("projects", "pr-xu-ly-o-nhiem-my-dong")["notes"]
    assert "39 (18 recognised, 21 not)" in str(notes)


def test_f2_my_dong_102_units_and_pollution_media() -> None:
    assert "102 cơ sở" in str(props("villages", "v-my-dong")["description"])
    assert set(props("pollution_sources", "p-my-dong")["media"]) == {"air", "noise", "wastewater"}


def test_the_reworded_copy_is_replaced_by_its_original() -> None:
    for cid in ("villages", "pollution_sources", "projects"):
        assert all("realcom-nuoc-thai" not in f["properties"]["sources"] for f in features(cid))


def test_a_weak_source_never_stands_alone() -> None:
    rows = list(csv.DictReader((DATA / "sources.csv").open(encoding="utf-8")))
    weak = {r["id"] for r in rows if "WEAK" in r["title"]}
    assert weak
    for cid in ("villages", "clusters", "pollution_sources", "projects"):
        for f in features(cid):
            cited = set(f["properties"]["sources"])
            if cited:
                assert cited - weak, f["id"]
    assert "5.4" not in str(props("clusters", "c-my-dong")["expansion_area_ha"])
