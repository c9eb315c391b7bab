"""OWSLib (Accept: */*, offset paging, api() through the typed service-desc link)."""

from __future__ import annotations

import pytest
from owslib.ogcapi.features import Features

from geo.model.collections import LOAD_ORDER
from tests.support.records import MY_DONG
from tests.support.servers import ProcessServer

pytestmark = pytest.mark.client


def test_owslib_lists_collections_and_reads_the_api(process_live: ProcessServer) -> None:
    w = Features(process_live.url)
    assert sorted(w.feature_collections()) == sorted(LOAD_ORDER)
    assert "/collections/{collection_id}/items" in w.api()["paths"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in w.conformance()["conformsTo"]


def test_owslib_reads_items_with_bbox_and_offset(process_live: ProcessServer) -> None:
    w = Features(process_live.url)
    lon, lat = MY_DONG
    near = w.collection_items("villages", bbox=[lon - 0.02, lat - 0.02, lon + 0.02, lat + 0.02], limit=100)
    names = [f["properties"]["name"] for f in near["features"]]
    assert any("Mỹ Đồng" in n for n in names)
    everything = w.collection_items("villages", limit=1000)
    total = everything["numberMatched"]
    assert total == len(everything["features"]) > 2
    first = w.collection_items("villages", limit=2, offset=0)["features"]
    second = w.collection_items("villages", limit=2, offset=2)["features"]
    assert [f["id"] for f in first + second] == [f["id"] for f in everything["features"][:4]]
