"""``/analysis/site-search`` and ``/analysis/relocation`` over a real uvicorn serving the shipped data."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

PROBLEM = "application/problem+json"
MY_DONG_CASTING = {"area_ha": "0.5", "industry": "casting", "village": "v-my-dong"}


def test_my_dong_casting_half_hectare(http: httpx.Client) -> None:
    r = http.get("/analysis/site-search", params=MY_DONG_CASTING)
    assert r.status_code == 200
    body = r.json()
    assert body["request"]["area_m2"] == 5000 and body["request"]["needs_wastewater_treatment"] is True
    assert body["request"]["origin"]["village"] == "v-my-dong"
    ranked = body["candidates"]
    assert [c["rank"] for c in ranked] == list(range(1, len(ranked) + 1))
    assert {ranked[0]["cluster_id"], ranked[1]["cluster_id"]} == {"c-kien-bai", "c-my-dong"}
    assert ranked[0]["score"]["total"] >= ranked[1]["score"]["total"]
    assert set(ranked[0]["score"]) == {"proximity", "room", "certainty", "total"}
    assert body["fits"] == []  # free land exists only in illustrative plots
    assert "illustrative" in " ".join(ranked[0]["to_confirm"])
    assert body["excluded"] and all(e["reasons"] for e in body["excluded"])
    assert "policy" in body and body["summary"]


def test_same_search_in_vietnamese_and_square_metres(http: httpx.Client) -> None:
    english = http.get("/analysis/site-search", params=MY_DONG_CASTING).json()
    vietnamese = http.get("/analysis/site-search",
                          params={"area_m2": "5000", "industry": "Đúc kim loại", "village": "v-my-dong"}).json()
    assert [c["cluster_id"] for c in english["candidates"]] == [c["cluster_id"] for c in vietnamese["candidates"]]


def test_point_origin_and_distance_limit(http: httpx.Client) -> None:
    r = http.get("/analysis/site-search", params={"area_ha": "0.5", "industry": "casting", "lon": "106.63284",
                                                 "lat": "20.93895", "max_km": "5"})
    assert r.status_code == 200
    body = r.json()
    assert all(c["distance_km"] <= 5 for c in body["candidates"])
    assert any("km" in reason for e in body["excluded"] for reason in e["reasons"])


def test_nothing_fits_is_200_with_reasons(http: httpx.Client) -> None:
    # 500 ha is more than any cluster with a known size; the others are more than 5 km away
    r = http.get("/analysis/site-search", params={"area_ha": "500", "industry": "casting", "village": "v-my-dong",
                                                 "max_km": "5"})
    assert r.status_code == 200
    body = r.json()
    assert body["candidates"] == [] and body["fits"] == [] and body["possible_if_confirmed"] == []
    clusters = http.get("/collections/clusters/items", params={"limit": 1}).json()["numberMatched"]
    assert len(body["excluded"]) == clusters == 22 and all(e["reasons"] for e in body["excluded"])
    assert "No cluster can take it" in body["summary"]


@pytest.mark.parametrize(("params", "status"), [
    ({"area_ha": "-1", "village": "v-my-dong"}, 400),
    ({"area_ha": "0", "village": "v-my-dong"}, 400),
    ({"area_ha": "1", "area_m2": "100", "village": "v-my-dong"}, 400),
    ({"village": "v-my-dong"}, 400),
    ({"area_ha": "abc", "village": "v-my-dong"}, 400),
    ({"area_ha": "1"}, 400),
    ({"area_ha": "1", "lon": "106.6"}, 400),
    ({"area_ha": "1", "village": "v-my-dong", "lon": "106.6", "lat": "20.9"}, 400),
    ({"area_ha": "1", "lon": "20.9", "lat": "106.6"}, 400),
    ({"area_ha": "1", "village": "v-my-dong", "max_km": "-2"}, 400),
    ({"area_ha": "1", "village": "v-nowhere"}, 404),
])
def test_site_search_bad_parameters(http: httpx.Client, params: dict[str, str], status: int) -> None:
    r = http.get("/analysis/site-search", params=params)
    assert r.status_code == status
    assert r.headers["content-type"] == PROBLEM and r.json()["detail"]


def test_relocation_of_my_dong_workshops(http: httpx.Client) -> None:
    r = http.get("/analysis/relocation", params={"village": "v-my-dong", "workshops": "193", "workshop_m2": "500"})
    assert r.status_code == 200
    body = r.json()
    assert body["assigned"] == 193 and body["unassigned"]["workshops"] == 0
    numbers = [n for a in body["assignments"] for n in range(a["first"], a["last"] + 1)]
    assert numbers == list(range(1, 194))
    assert body["order"] and body["clusters"]
    for row in body["clusters"]:
        if row["free_before_ha"] is not None:
            assert row["free_after_ha"] == round(max(row["free_before_ha"] - row["used_ha"], 0.0), 4)


def test_relocation_reports_what_does_not_fit(http: httpx.Client) -> None:
    r = http.get("/analysis/relocation", params={"village": "v-my-dong", "workshops": "1000", "workshop_m2": "2000"})
    body = r.json()
    assert r.status_code == 200 and body["unassigned"]["workshops"] > 0
    assert body["assigned"] + body["unassigned"]["workshops"] == 1000
    assert body["unassigned"]["reason"]


@pytest.mark.parametrize(("params", "status"), [
    ({"village": "v-my-dong", "workshops": "0", "workshop_m2": "500"}, 400),
    ({"village": "v-my-dong", "workshops": "5", "workshop_m2": "-1"}, 400),
    ({"village": "v-my-dong", "workshops": "five", "workshop_m2": "500"}, 400),
    ({"village": "v-my-dong", "workshop_m2": "500"}, 400),
    ({"village": "v-nowhere", "workshops": "5", "workshop_m2": "500"}, 404),
])
def test_relocation_bad_parameters(http: httpx.Client, params: dict[str, str], status: int) -> None:
    r = http.get("/analysis/relocation", params=params)
    assert r.status_code == status and r.headers["content-type"] == PROBLEM


def _checks(body: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = body["candidates"] + body["excluded"]
    return [(c["cluster_id"], k["check"], k["code"]) for c in rows for k in c["checks"]]


def test_site_search_sentences_in_vietnamese_with_the_same_codes(http: httpx.Client) -> None:
    en = http.get("/analysis/site-search", params=MY_DONG_CASTING).json()
    vi = http.get("/analysis/site-search", params={**MY_DONG_CASTING, "lang": "vi"}).json()
    assert _checks(en) == _checks(vi)
    assert {code for *_, code in _checks(en)} >= {"land_total.pass", "distance.measured"}
    top_en, top_vi = en["candidates"][0], vi["candidates"][0]
    land_en = next(k["detail"] for k in top_en["checks"] if k["check"] == "land_total")
    land_vi = next(k["detail"] for k in top_vi["checks"] if k["check"] == "land_total")
    assert "ha free (illustrative plots)" in land_en and "ha (lô minh họa)" in land_vi and "Còn trống" in land_vi
    assert re.search(r"\d,\d\d ha", land_vi) and not re.search(r"\d\.\d\d ha", land_vi)
    assert vi["summary"].startswith("Tìm 0,50 ha đất cho ngành casting") and en["summary"].startswith("Looking for")
    assert "Một cụm phù hợp" in vi["policy"] and en["policy"].startswith("A cluster fits")


def test_relocation_in_vietnamese(http: httpx.Client) -> None:
    params = {"village": "v-my-dong", "workshops": "1000", "workshop_m2": "2000", "lang": "vi"}
    body = http.get("/analysis/relocation", params=params).json()
    assert body["unassigned"]["reason"].startswith("Các cụm đủ điều kiện không còn đất trống")
    assert "cơ sở không bố trí được" in body["summary"] and body["order"].startswith("Các cụm phù hợp")
    assert all("needs" not in r for e in body["excluded"] for r in e["reasons"])
