"""Capacity figures are worded in English unless another language is asked for: every function and method that
takes ``lang`` reads English by default (``geo.i18n.lang`` refuses any other spelling, so a wrong default fails)."""

from __future__ import annotations

from pathlib import Path

from geo.analysis import capacity
from geo.model.collections import CLUSTER_PLOTS, CLUSTERS
from geo.records.validate import parse_feature
from tests.support.capacity import MD_X, MD_Y, READY, build_store, cluster, plot


def _balance() -> capacity.Balance:
    """A cluster with an illustrative free plot (so it carries a flag) and no declared wastewater treatment."""
    c = parse_feature(CLUSTERS, cluster("c", MD_X, MD_Y, **{**READY, "wastewater_treatment": None}))
    p = parse_feature(CLUSTER_PLOTS, plot("p", "c", "free", MD_X, MD_Y, illustrative=True,
                                          location_precision="illustrative"))
    return capacity.balance_of(c, [p])


def test_bases_flags_balances_and_wastewater_read_english_by_default() -> None:
    b = _balance()
    assert capacity.bases() == capacity.bases("en") != capacity.bases("vi")
    assert b.flags
    assert [f.message() for f in b.flags] == [f.message("en") for f in b.flags]
    assert b.as_dict() == b.as_dict("en") != b.as_dict("vi")
    assert capacity.wastewater(b) == capacity.wastewater(b, "en") != capacity.wastewater(b, "vi")


def test_detail_reads_english_by_default(tmp_path: Path) -> None:
    store = build_store(tmp_path, [cluster("c", MD_X, MD_Y, **{**READY, "wastewater_treatment": None})],
                        [plot("p", "c", "free", MD_X, MD_Y, illustrative=True, location_precision="illustrative")])
    try:
        assert capacity.detail(store, "c")[1] == capacity.detail(store, "c", "en")[1]
    finally:
        store.close()
