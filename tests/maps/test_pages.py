"""The ``/maps/…`` routes in process (one over a real uvicorn): HTML, languages, errors, size, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.asgi import app_client
from tests.support.maps import EVIL, EVIL_SCRIPT, EVIL_SOURCES, build, evil_records, many_facilities
from tests.support.servers import LiveServer

EXTERNAL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = build(tmp_path_factory.mktemp("maps"), evil_records(), EVIL_SOURCES)
    with app_client(settings) as c:
        yield c


@pytest.mark.parametrize("path", ["/maps/overview", "/maps/villages", "/maps/admin_units", "/maps/projects",
                                  "/maps/clusters/kien-bai"])
def test_pages_are_html_with_only_local_assets(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in r.text
    assert not EXTERNAL.search(r.text)
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', r.text):
        assert client.get(asset).status_code == 200, asset


def test_english_with_lang_en(client: httpx.Client) -> None:
    vi, en = client.get("/maps/overview"), client.get("/maps/overview", params={"lang": "en"})
    assert '<html lang="en">' in en.text
    assert "Craft villages" in en.text and "Craft villages" not in vi.text
    assert "<title>Bản đồ tổng quan" in vi.text and "<title>Overview" in en.text


@pytest.mark.parametrize(("path", "status"), [
    ("/maps/overview?lang=fr", 400), ("/maps/nowhere", 404), ("/maps/clusters/nope", 404),
    ("/maps/villages?lang=<b>", 400),
])
def test_bad_requests_are_problems(client: httpx.Client, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


def test_data_is_fetched_not_inlined(client: httpx.Client) -> None:
    page = client.get("/maps/overview").text
    assert "Làng nghề đúc" not in page and "my-dong" not in page
    assert "/collections/villages/items" in page


def test_cluster_page_escapes_the_cluster_name(client: httpx.Client) -> None:
    page = client.get("/maps/clusters/kien-bai").text
    assert EVIL not in page and EVIL_SCRIPT not in page
    assert "<title>" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_sources_are_in_the_page_but_not_as_markup(client: httpx.Client) -> None:
    page = client.get("/maps/overview").text
    assert "src-evil" in page
    assert EVIL not in page and EVIL_SCRIPT not in page


def test_overview_with_ten_thousand_facilities_stays_small(tmp_path: Path) -> None:
    settings = build(tmp_path, many_facilities(10_000))
    with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=60) as c:
        page = c.get("/maps/overview").content
        matched = c.get("/collections/facilities/items", params={"limit": 1}).json()["numberMatched"]
    assert matched == 10_001
    assert len(page) < 500_000
    assert b"syn-9999" not in page
    # Beyond maps.layers.TILE_THRESHOLD the facilities come from vector tiles; the small layers stay GeoJSON.
    configs = {c["collection"]: c for c in map(json.loads, re.findall(rb"craftmap\.layer\(\w+, (\{.*?\})\);", page))}
    assert configs["facilities"]["tiles"]["url"] == "/collections/facilities/tiles/WebMercatorQuad/{z}/{y}/{x}"
    assert [cid for cid, c in configs.items() if c["tiles"]] == ["facilities"]
    assert b"/static/protomaps/protomaps-leaflet.js" in page


def test_small_layers_need_no_tile_renderer(client: httpx.Client) -> None:
    page = client.get("/maps/overview").text
    assert '"tiles": null' in page and '"tiles": {' not in page
    assert "protomaps" not in page
