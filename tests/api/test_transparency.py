from __future__ import annotations

import re
from pathlib import Path

import httpx
import orjson
import pytest

from geo.settings import ROOT
from tests.support.servers import LiveServer

DATA = ROOT / "data"


def raw_projects() -> list[dict]:
    return [f["properties"] for f in orjson.loads((DATA / "projects.geojson").read_bytes())["features"]]


def data_value(html: str, element_id: str) -> int:
    match = re.search(rf'<data id="{element_id}" value="(\d+)"', html)
    assert match, element_id
    return int(match.group(1))


def project_rows(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', html)


@pytest.fixture(scope="module")
def page(http: httpx.Client) -> str:
    r = http.get("/transparency")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_lists_every_project_with_the_facts_the_issue_names(page: str) -> None:
    ids = project_rows(page)
    assert sorted(ids) == sorted(p["id"] for p in raw_projects())
    assert "Mỹ Đồng giai đoạn 2019 - 2020" in page
    assert "hơn 3,865 tỷ đồng" in page  # the 2017 plan, a lower bound
    machinery = [p for p in raw_projects() if p["id"].startswith("pr-may-moc-")]
    assert len(machinery) == 7
    for sector in {p["sector"] for p in machinery}:
        assert f"<th scope=\"row\">{sector}</th>" in page  # each sector has a chart row


def test_totals_equal_the_sum_of_published_figures(page: str) -> None:
    projects = raw_projects()
    expected = 0
    for p in projects:
        if p["budget_total_vnd"] is not None:
            expected += p["budget_total_vnd"]
        elif p["budget_public_vnd"] is not None or p["budget_counterpart_vnd"] is not None:
            expected += (p["budget_public_vnd"] or 0) + (p["budget_counterpart_vnd"] or 0)
    assert data_value(page, "total-money") == expected
    assert data_value(page, "total-public") == sum(p["budget_public_vnd"] or 0 for p in projects)
    published = sum(1 for p in projects if p["budget_total_vnd"] is not None or p["budget_public_vnd"] is not None)
    assert f"{published}/{len(projects)} bản ghi có số liệu công bố" in page


def test_district_money_sums_and_never_splits(page: str) -> None:
    table = page[page.index('id="money-by-district"'):page.index('id="commune-h"')]
    values = [int(v) for v in re.findall(r'<data(?: id="[^"]+")? value="(\d+)"', table)]
    assert sum(values) == data_value(page, "total-money")
    assert "Huyện Thủy Nguyên" in table and "Quận Kiến An" in table
    # the 2017 plan names two districts: its money is not attributable to one
    assert data_value(page, "district-unattributed") >= 3_865_000_000


def test_filter_narrows_the_list(http: httpx.Client, page: str) -> None:
    everything = project_rows(page)
    narrowed = project_rows(http.get("/transparency", params={"year": "2019"}).text)
    # the pilot (2019–2020) and Tràng Minh's remediation (Decision of 2014, plant working about 2022; FACTS F2.2)
    assert sorted(narrowed) == ["pr-my-dong-diem-2019", "pr-xu-ly-o-nhiem-trang-minh"]
    environment = project_rows(http.get("/transparency", params={"programme": "environment", "year": ""}).text)
    assert len(environment) == 3 < len(everything)
    by_site = project_rows(http.get("/transparency", params={"site": "v-trang-minh"}).text)
    assert by_site == ["pr-xu-ly-o-nhiem-trang-minh"]


def test_project_page(http: httpx.Client) -> None:
    r = http.get("/transparency/projects/pr-my-dong-diem-2019", params={"lang": "en"})
    assert r.status_code == 200
    html = r.text
    assert 'lang="en"' in html
    for component in ("Machinery", "Study tour", "Brand", "Pollution treatment"):
        assert component in html
    assert "Làng nghề đúc Mỹ Đồng" in html
    assert 'href="https://' in html  # sources are linked
    assert html.count("not published") >= 3
    assert "/static/leaflet/leaflet.js" in html and "cdn" not in html.lower()


@pytest.mark.parametrize(("url", "status"), [
    ("/transparency/projects/no-such-project", 404),
    ("/transparency?year=abc", 400),
    ("/transparency?lang=fr", 400),
    ("/pollution?distance_km=0", 400),
    ("/pollution?distance_km=far", 400),
])
def test_bad_requests(http: httpx.Client, url: str, status: int) -> None:
    r = http.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


def test_pollution_chain_money_site_pollution(http: httpx.Client) -> None:
    html = http.get("/pollution").text
    for source_id, money in (("p-my-dong", "hơn 81 tỷ đồng"), ("p-trang-minh", "hơn 120 tỷ đồng")):
        start = html.index(f'id="source-{source_id}"')
        section = html[start:html.index("</article>", start)]
        assert money in section  # the remediation money sits with its pollution source
    assert "Chưa có giá trị đo nào được công bố" in html
    assert "Phân loại theo báo cáo" in html
    near = http.get("/pollution", params={"distance_km": "3"}).text
    assert near.count("km)") > html.count("km)")  # a wider radius finds more communes


def test_private_fields_never_reach_a_page(tiny_live: LiveServer, tmp_path: Path) -> None:
    with httpx.Client(base_url=tiny_live.url) as client:
        for url in ("/transparency", "/transparency/projects/p-pilot", "/pollution?distance_km=50", "/downloads",
                    "/transparency?lang=en"):
            r = client.get(url)
            assert r.status_code == 200, url
            assert "0000 000 00" not in r.text and "contact_phone" not in r.text
