"""``/capacity`` and ``/capacity/{id}`` over a real uvicorn serving the shipped data."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from geo.layers import CLUSTERS
from geo.store.base import Feature
from geo.store.gpkg import GpkgStore
from tests.conftest import LiveServer
from tests.geo.capacity_support import KB_X, KB_Y, build_store, cluster, plot

PROBLEM = "application/problem+json"


def test_lists_kien_bai_and_my_dong_with_bases(http: httpx.Client) -> None:
    r = http.get("/capacity")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    rows = {c["id"]: c for c in body["clusters"]}
    kb, md = rows["c-kien-bai"], rows["c-my-dong"]
    assert kb["figures"]["planned"] == {**kb["figures"]["planned"], "value": 11.0, "basis": "declared"}
    assert kb["phase"] == "1"
    assert md["figures"]["planned"]["value"] == 28.1 and md["figures"]["planned"]["basis"] == "declared"
    for row in (kb, md):
        free = row["figures"]["free"]
        assert free["basis"] == "computed_from_plots" and free["illustrative"] is True
        assert row["computed_from"] == "plots"
    unknown = [c for c in body["clusters"] if c["figures"]["planned"]["basis"] == "unknown"]
    assert unknown and all(c["figures"]["free"]["value"] is None for c in unknown)
    assert set(body["bases"]) >= {"declared", "computed_from_plots", "computed_from_outline", "unknown"}


@pytest.mark.parametrize(("params", "expected"), [
    ({"sector": "casting"}, {"c-kien-bai", "c-my-dong"}),
    ({"sector": "DUC KIM LOAI"}, {"c-kien-bai", "c-my-dong"}),
    ({"district": "thuy nguyen", "status": "completed_phase"}, {"c-kien-bai"}),
    ({"sector": "shipbuilding"}, {"c-an-hong", "c-an-tho", "c-quang-phuc"}),
])
def test_filters(http: httpx.Client, params: dict[str, str], expected: set[str]) -> None:
    r = http.get("/capacity", params=params)
    assert r.status_code == 200
    assert {c["id"] for c in r.json()["clusters"]} == expected


@pytest.mark.parametrize("params", [{"status": "finished"}, {"f": "xml"}])
def test_bad_parameters_are_problems(http: httpx.Client, params: dict[str, str]) -> None:
    r = http.get("/capacity", params=params)
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM


def test_csv_has_bom_and_one_line_per_cluster(http: httpx.Client) -> None:
    r = http.get("/capacity", params={"f": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == len(http.get("/capacity").json()["clusters"])
    kb = next(x for x in rows if x["id"] == "c-kien-bai")
    assert kb["name"] == "Điểm công nghiệp Kiền Bái"
    assert (kb["planned_ha"], kb["planned_basis"]) == ("11.0", "declared")
    assert kb["free_illustrative"] == "True"


@pytest.mark.parametrize(("params", "headers"), [({"f": "html"}, {}), ({}, {"Accept": "text/html"})])
def test_html_table(http: httpx.Client, params: dict[str, str], headers: dict[str, str]) -> None:
    r = http.get("/capacity", params=params, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'class="sortable"' in r.text and "Kiền Bái" in r.text
    script = re.search(r'<script src="([^"]+)"', r.text)
    assert script is not None and script.group(1).startswith("/static/")
    assert http.get(script.group(1)).status_code == 200
    assert "https://" not in r.text.split("<body>")[0]  # no CDN in the head


def test_detail(http: httpx.Client) -> None:
    r = http.get("/capacity/c-kien-bai")
    assert r.status_code == 200
    body = r.json()
    assert body["figures"]["planned"]["value"] == 11.0
    assert len(body["plots"]) == 8 and all(p["illustrative"] for p in body["plots"])
    assert sum(p["area_ha"] for p in body["plots"] if p["status"] == "free") == pytest.approx(
        body["figures"]["free"]["value"], abs=0.001)
    sectors = {s["sector"] for s in body["tenants_by_sector"]}
    assert "đúc kim loại" in sectors
    assert body["infrastructure"]["wastewater"]["status"] == "unknown"
    assert body["infrastructure"]["wastewater"]["illustrative"] is True
    assert body["history"] == []
    chart = next(x["href"] for x in body["links"] if x["rel"] == "describedby")
    svg = http.get(chart)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.text)
    assert root.tag.endswith("svg")
    assert any((e.get("class") or "").startswith("seg-leased") for e in root.iter())


def test_detail_html_embeds_the_chart(http: httpx.Client) -> None:
    r = http.get("/capacity/c-my-dong", params={"f": "html"})
    assert r.status_code == 200 and "<svg" in r.text and "Mỹ Đồng" in r.text


@pytest.mark.parametrize("path", ["/capacity/nope", "/capacity/nope/chart.svg"])
def test_unknown_cluster_is_404_problem(http: httpx.Client, path: str) -> None:
    r = http.get(path)
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM


def test_capacity_map_links_no_cdn(http: httpx.Client) -> None:
    r = http.get("/maps/capacity")
    assert r.status_code == 200
    for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', r.text):
        assert src.startswith("/static/"), src


# -- a writable store: history and escaping ---------------------------------------------------------

@pytest.fixture
def edited(tmp_path: Path) -> Iterator[tuple[LiveServer, GpkgStore]]:
    from geo.settings import Settings

    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, leased_area_ha=1.0, name="<script>x</script> Cụm")],
                        [plot("p1", "c1", "leased", KB_X, KB_Y, tenant="${alert(1)}")])
    current = store.get(CLUSTERS, "c1", include_private=True)
    store.replace(CLUSTERS, Feature("c1", current.geometry, {**current.properties, "leased_area_ha": 1.5},
                                    current.version), current.version, "steward")
    with LiveServer(Settings(store=store.path, database_url=None, tiles="none")) as live:
        yield live, store
    store.close()


def test_history_and_escaping(edited: tuple[LiveServer, GpkgStore]) -> None:
    live, _ = edited
    with httpx.Client(base_url=live.url) as client:
        body = client.get("/capacity/c1").json()
        assert body["history"][0]["changes"] == {"leased_area_ha": {"before": 1.0, "after": 1.5}}
        page = client.get("/capacity/c1", params={"f": "html"}).text
        assert "<script>x</script>" not in page and "&lt;script&gt;" in page
        table = client.get("/capacity", params={"f": "html"}).text
        assert "<script>x</script>" not in table
        m = client.get("/maps/capacity").text
        assert "<script>x</script>" not in m and "${alert(1)}" not in m
        svg = client.get("/capacity/c1/chart.svg").text
        ET.fromstring(svg)  # still well-formed XML with the name escaped
