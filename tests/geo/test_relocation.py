"""Relocation: the greedy order, remaining land, what does not fit, and the shipped Mỹ Đồng scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.analysis.relocation import relocate
from geo.model.errors import FeatureNotFound, InvalidParameter
from geo.store.gpkg.store import GpkgStore
from tests.support.capacity import MD_X, MD_Y, READY, build_store, cluster, relocation_layout


@pytest.fixture
def two_clusters(tmp_path: Path) -> GpkgStore:
    """``relocation_layout``: 'near', 'far' and 'ships'."""
    return build_store(tmp_path, *relocation_layout())


def test_nearest_cluster_and_largest_piece_first(two_clusters: GpkgStore) -> None:
    result = relocate(two_clusters, "my-dong", 10, 1_000)
    near = result["assignments"][0]
    assert near["cluster_id"] == "near" and (near["first"], near["last"]) == (1, 8)
    # 0.5 ha piece takes 5, the 0.3 ha piece takes 3
    assert [(p["plots"], p["workshops"]) for p in near["pieces"]] == [(["n-big"], 5), (["n-small"], 3)]
    far = result["assignments"][1]
    assert far["cluster_id"] == "far" and (far["first"], far["last"], far["workshops"]) == (9, 10, 2)
    assert result["assigned"] == 10 and result["unassigned"]["workshops"] == 0
    rows = {r["cluster_id"]: r for r in result["clusters"]}
    assert rows["near"]["free_after_ha"] == 0.0
    assert rows["far"]["free_after_ha"] == 0.8  # 1 ha less two workshops of 1,000 m²
    assert [e["cluster_id"] for e in result["excluded"]] == ["ships"]
    assert "not among the allowed industries" in result["excluded"][0]["reasons"][0]


def test_what_does_not_fit_is_reported(two_clusters: GpkgStore) -> None:
    result = relocate(two_clusters, "my-dong", 30, 1_000)
    assert result["assigned"] == 18
    assert result["unassigned"] == {"workshops": 12, "first": 19, "last": 30, "reason": result["unassigned"]["reason"]}
    assert "no more free land" in result["unassigned"]["reason"]
    assert "12 do not fit" in result["summary"]


def test_same_input_same_answer(two_clusters: GpkgStore) -> None:
    assert relocate(two_clusters, "my-dong", 7, 800) == relocate(two_clusters, "my-dong", 7, 800)


def test_workshop_bigger_than_any_piece(two_clusters: GpkgStore) -> None:
    result = relocate(two_clusters, "my-dong", 2, 20_000)
    assert result["assignments"] == [] and result["unassigned"]["workshops"] == 2
    assert result["excluded"], "clusters without a big enough piece are excluded with their reasons"


def test_declared_free_land_is_one_piece(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c1", MD_X + 500, MD_Y, industrial_area_ha=3.0, leased_area_ha=2.0,
                                           **READY)], [])
    result = relocate(store, "my-dong", 20, 1_000)
    assert result["assigned"] == 10
    assert result["assignments"][0]["category"] == "possible_if_confirmed"  # no plot data for a single piece
    assert result["clusters"][0]["free_after_ha"] == pytest.approx(0.0)


def test_industry_defaults_to_the_village_craft(two_clusters: GpkgStore) -> None:
    result = relocate(two_clusters, "my-dong", 1, 100)
    assert result["request"]["industry"] == "đúc kim loại"
    assert result["request"]["industry_from"] == "village's first craft"
    shipyard = relocate(two_clusters, "my-dong", 1, 100, industry="shipbuilding")
    assert shipyard["assignments"][0]["cluster_id"] == "ships"


@pytest.mark.parametrize(("workshops", "m2"), [(0, 100.0), (-3, 100.0), (1, 0.0), (1, -10.0), (1, float("nan"))])
def test_bad_parameters(two_clusters: GpkgStore, workshops: int, m2: float) -> None:
    with pytest.raises(InvalidParameter):
        relocate(two_clusters, "my-dong", workshops, m2)


def test_unknown_village(two_clusters: GpkgStore) -> None:
    with pytest.raises(FeatureNotFound):
        relocate(two_clusters, "atlantis", 1, 100)


def test_real_my_dong_workshops(real_store_path: Path) -> None:
    store = GpkgStore(real_store_path)
    result = relocate(store, "v-my-dong", 193, 500)
    assert result["assigned"] == 193 and result["unassigned"]["workshops"] == 0
    assert {a["cluster_id"] for a in result["assignments"]} <= {"c-my-dong", "c-kien-bai"}
    rows = {r["cluster_id"]: r for r in result["clusters"]}
    used = sum(r["used_ha"] for r in rows.values())
    assert used == pytest.approx(193 * 500 / 10_000)
    md = rows["c-my-dong"]
    assert md["free_after_ha"] == round(md["free_before_ha"] - md["used_ha"], 4)
    assert all(a["category"] == "possible_if_confirmed" for a in result["assignments"])
    store.close()
