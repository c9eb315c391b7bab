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

from geo.model.collections import CLUSTERS
from geo.model.feature import Feature
from geo.store.gpkg.store import GpkgStore
from tests.support.capacity import KB_X, KB_Y, build_store, cluster, plot
from tests.support.servers import LiveServer

PROBLEM = "application/problem+json"


def test_lists_kien_bai_and_my_dong_with_bases(http: httpx.Client) -> None:
    r = http.get("/capacity")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    rows = {c["id"]: c for c in body["clusters"]}
    kb, md = rows["c-kien-bai"], rows["c-my-dong"]
    # FACTS F1.2/F1.3: Kiền Bái's 11 ha is phase 1 (developed), Mỹ Đồng's 28.1 ha its expansion: no planned total
    assert kb["figures"]["developed"] == {**kb["figures"]["developed"], "value": 11.0, "basis": "declared"}
    assert kb["phase"] == "1"
    assert kb["figures"]["planned"]["basis"] == md["figures"]["planned"]["basis"] == "unknown"
    for row in (kb, md):
        free = row["figures"]["free"]
        assert free["basis"] == "computed_from_plots" and free["illustrative"] is True
        assert row["computed_from"] == "plots"
    unknown = [c for c in body["clusters"] if c["figures"]["planned"]["basis"] == "unknown"]
    assert unknown and all(c["figures"]["free"]["value"] is None for c in unknown if c["computed_from"] != "plots")
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
    assert (kb["planned_ha"], kb["planned_basis"]) == ("", "unknown")  # 11 ha is phase 1 (FACTS F1.2)
    assert (kb["developed_ha"], kb["developed_basis"]) == ("11.0", "declared")
    assert kb["free_illustrative"] == "True"


@pytest.mark.parametrize(("params", "headers"), [({"f": "html"}, {}), ({}, {"Accept": "text/html"})])
def test_html_table(http: httpx.Client, params: dict[str, str], headers: dict[str, str]) -> None:
    r = http.get("/capacity", params=params, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'class="sortable"' in r.text and "Kiền Bái" in r.text
    script = re.search(r'<script type="module" src="([^"]+)"', r.text)  # the sorting module
    assert script is not None and script.group(1).startswith("/static/")
    assert http.get(script.group(1)).status_code == 200
    assert "https://" not in r.text.split("<body>")[0]  # no CDN in the head


ENGLISH_TABLE = ("Areas in hectares", "Click a column heading", "Free land is unknown", "The outline",
                 "cluster(s)", "Cluster land capacity", "Occupancy")


def test_html_table_is_vietnamese_by_default(http: httpx.Client) -> None:
    page = http.get("/capacity", params={"f": "html"}).text
    assert '<html lang="vi">' in page
    for words in ("<h1>Quỹ đất cụm công nghiệp</h1>", "<th>Còn trống</th>", "<th>Tỷ lệ lấp đầy</th>",
                  "<th>Dự trữ</th>", "Tính từ các lô", "Đã công bố", "Chưa rõ diện tích đất còn trống",
                  "Ranh giới được vẽ theo diện tích công bố (59,33 ha)"):
        assert words in page, words
    for sentence in ENGLISH_TABLE:
        assert sentence not in page, sentence
    assert re.search(r'<td class="num"[^>]*>59,33<', page), "Vietnamese decimal comma"
    assert 'href="/capacity?f=html&amp;lang=en"' in page  # the switch keeps the other parameters


def test_html_table_in_english(http: httpx.Client) -> None:
    page = http.get("/capacity", params={"f": "html", "lang": "en", "sector": "casting"}).text
    assert '<html lang="en">' in page
    assert "<h1>Cluster land capacity</h1>" in page and "<th>Free</th>" in page
    assert "computed from illustrative plots" in page and "Tính từ các lô" not in page
    assert re.search(r">2\.65<", page) and "2,65" not in page
    assert "/capacity/c-kien-bai?f=html&amp;lang=en" in page  # links stay in English
    switch = re.search(r'id="lang-switch" href="([^"]+)"', page)
    assert switch is not None and "lang=" not in switch.group(1) and "sector=casting" in switch.group(1)


def test_json_sentences_stay_english_unless_asked(http: httpx.Client) -> None:
    default = {c["id"]: c for c in http.get("/capacity").json()["clusters"]}
    vi = {c["id"]: c for c in http.get("/capacity", params={"lang": "vi"}).json()["clusters"]}
    assert [f["code"] for f in default["c-my-dong"]["flags"]] == [f["code"] for f in vi["c-my-dong"]["flags"]]
    by_code = {f["code"]: f["message"] for f in default["c-le-thien-dai-ban"]["flags"]}
    assert by_code["outline_sized_to_declared"].startswith("The outline was drawn to the declared area (59.33 ha)")
    vi_code = {f["code"]: f["message"] for f in vi["c-le-thien-dai-ban"]["flags"]}
    assert vi_code["outline_sized_to_declared"].startswith("Ranh giới được vẽ theo diện tích công bố (59,33 ha)")
    body = http.get("/capacity/c-kien-bai", params={"lang": "vi"}).json()
    assert body["infrastructure"]["wastewater"]["note"].startswith("Chưa có thông tin cho cụm này.")
    assert http.get("/capacity/c-kien-bai").json()["infrastructure"]["wastewater"]["note"].startswith("Not recorded")


@pytest.mark.parametrize("path", ["/capacity", "/capacity/c-kien-bai", "/maps/capacity",
                                  "/capacity/c-kien-bai/chart.svg"])
def test_unknown_language_is_a_problem(http: httpx.Client, path: str) -> None:
    r = http.get(path, params={"lang": "fr"})
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM


def test_detail_page_languages(http: httpx.Client) -> None:
    vi = http.get("/capacity/c-kien-bai", params={"f": "html"}).text
    assert '<html lang="vi">' in vi and "<h2>Cân đối đất (ha)</h2>" in vi and "<h2>Lưu ý</h2>" in vi
    assert "Ranh giới được vẽ theo diện tích công bố (11 ha); đo lại (11,00 ha)" in vi
    assert "Đã cho thuê" in vi and "Hoàn thành giai đoạn" in vi and "Tỷ lệ lấp đầy 72 %" in vi
    assert "The outline was drawn" not in vi and "Land balance" not in vi and "No edits" not in vi
    en = http.get("/capacity/c-kien-bai", params={"f": "html", "lang": "en"}).text
    assert '<html lang="en">' in en and "Land balance (ha)" in en and "The outline was drawn" in en
    assert "Cân đối đất" not in en and 'href="/capacity/c-kien-bai?f=html"' in en  # switch back to vi


def test_capacity_map_languages(http: httpx.Client) -> None:
    vi = http.get("/maps/capacity").text
    assert '<html lang="vi">' in vi and "Cụm: tỷ lệ lấp đầy" in vi and "Clusters: occupancy" not in vi
    assert "Tỷ lệ lấp đầy 72 %" in vi and 'href="/maps/capacity?lang=en"' in vi
    en = http.get("/maps/capacity", params={"lang": "en"}).text
    assert '<html lang="en">' in en and "Clusters: occupancy" in en and "occupancy 72%" in en


def test_chart_languages(http: httpx.Client) -> None:
    assert "Còn trống" in http.get("/capacity/c-kien-bai/chart.svg").text
    assert "Free 2.65 ha" in http.get("/capacity/c-kien-bai/chart.svg", params={"lang": "en"}).text


def test_detail(http: httpx.Client) -> None:
    r = http.get("/capacity/c-kien-bai")
    assert r.status_code == 200
    body = r.json()
    assert body["figures"]["developed"]["value"] == 11.0 and body["figures"]["planned"]["value"] is None
    assert len(body["plots"]) == 8 and all(p["illustrative"] for p in body["plots"])
    free = [p["area_ha"] for p in body["plots"] if p["status"] == "free"]
    # each plot and the total are shown to 4 decimals: they may differ by the half-units rounded away, no more
    assert sum(free) == pytest.approx(body["figures"]["free"]["value"], abs=0.00005 * (len(free) + 1))
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
    from api.settings import ServerSettings

    store = build_store(tmp_path, [cluster("c1", KB_X, KB_Y, leased_area_ha=1.0, name="<script>x</script> Cụm")],
                        [plot("p1", "c1", "leased", KB_X, KB_Y, tenant="${alert(1)}")])
    current = store.get(CLUSTERS, "c1", include_private=True)
    store.replace(CLUSTERS, Feature("c1", current.geometry, {**current.properties, "leased_area_ha": 1.5},
                                    current.version), current.version, "steward")
    with LiveServer(ServerSettings(store=store.path, database_url=None, tiles="none")) as live:
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
