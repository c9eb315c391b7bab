"""Part 2 CRS, ``/search`` and the HTML views, over a real uvicorn."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.records import MY_DONG
from tests.support.responses import assert_problem, ids
from tests.support.servers import tiny_client

EPSG = "http://www.opengis.net/def/crs/EPSG/0/{}"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with tiny_client(tmp_path_factory.mktemp("crs")) as client:
        yield client


def test_provincial_grid_gives_metric_coordinates_and_content_crs(tiny: httpx.Client) -> None:
    r = tiny.get("/collections/villages/items", params={"crs": EPSG.format(9210)})
    assert r.headers["content-crs"] == f"<{EPSG.format(9210)}>"
    x, y = r.json()["features"][0]["geometry"]["coordinates"]
    assert 5e5 < x < 7e5 and 2.2e6 < y < 2.4e6


def test_epsg_4326_is_lat_lon_and_crs84_lon_lat(tiny: httpx.Client) -> None:
    one = tiny.get("/collections/villages/items/my-dong", params={"crs": EPSG.format(4326)})
    assert one.headers["content-crs"] == f"<{EPSG.format(4326)}>"
    assert one.json()["geometry"]["coordinates"] == pytest.approx([MY_DONG[1], MY_DONG[0]])
    default = tiny.get("/collections/villages/items/my-dong")
    assert default.headers["content-crs"] == "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>"
    assert default.json()["geometry"]["coordinates"] == pytest.approx(list(MY_DONG))


def test_bbox_crs_reprojects_the_bbox(tiny: httpx.Client) -> None:
    r = tiny.get("/collections/villages/items", params={"crs": EPSG.format(9210)})
    x, y = r.json()["features"][0]["geometry"]["coordinates"]
    near = f"{x - 100},{y - 100},{x + 100},{y + 100}"
    far = f"{x + 1000},{y + 1000},{x + 2000},{y + 2000}"
    assert ids(tiny.get("/collections/villages/items", params={"bbox": near, "bbox-crs": EPSG.format(9210)})) == [
        "my-dong"]
    assert ids(tiny.get("/collections/villages/items", params={"bbox": far, "bbox-crs": EPSG.format(9210)})) == []
    lat_lon = f"{MY_DONG[1] - 0.01},{MY_DONG[0] - 0.01},{MY_DONG[1] + 0.01},{MY_DONG[0] + 0.01}"
    assert ids(tiny.get("/collections/villages/items", params={"bbox": lat_lon, "bbox-crs": "EPSG:4326"})) == [
        "my-dong"]


@pytest.mark.parametrize("q", ["my dong", "Mỹ Đồng", "MY ĐONG"])
def test_search_finds_my_dong_ranked(tiny: httpx.Client, q: str) -> None:
    body = tiny.get("/search", params={"q": q}).json()
    found = [(h["collection"], h["id"]) for h in body["hits"]]
    assert ("villages", "my-dong") in found and ("admin_units", "11521") in found
    ranks = [h["rank"] for h in body["hits"]]
    assert ranks == sorted(ranks)
    hit = body["hits"][0]
    assert tiny.get(hit["links"][0]["href"]).status_code == 200


def test_search_ranks_the_exact_name_first(tiny: httpx.Client) -> None:
    body = tiny.get("/search", params={"q": "xa my dong"}).json()
    assert (body["hits"][0]["collection"], body["hits"][0]["id"]) == ("admin_units", "11521")
    assert body["hits"][0]["rank"] == 0
    scoped = tiny.get("/search", params={"q": "my dong", "collections": "villages"}).json()
    assert {h["collection"] for h in scoped["hits"]} == {"villages"}


def test_html_pages_escape_data_and_speak_both_languages(tiny: httpx.Client) -> None:
    vi = tiny.get("/collections/facilities/items", params={"f": "html"})
    assert "Xưởng đúc &lt;b&gt;thử&lt;/b&gt;" in vi.text and "<b>thử</b>" not in vi.text
    assert 'lang="vi"' in vi.text
    en = tiny.get("/collections/facilities/items/f-1", params={"f": "html", "lang": "en"})
    assert 'lang="en"' in en.text and "Production facilities" in en.text
    for path in ("/", "/conformance", "/collections", "/collections/villages", "/search"):
        page = tiny.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
    assert "Mỹ Đồng" in tiny.get("/search", params={"q": "my dong", "f": "html"}).text


BAD = [
    ("/collections/nope", 404),
    ("/collections/nope/items", 404),
    ("/collections/villages/items/nope", 404),
    ("/collections/nope/queryables", 404),
    ("/collections/villages/items?bbox=1,2,3", 400),
    ("/collections/villages/items?bbox=a,b,c,d", 400),
    ("/collections/villages/items?bbox=3,2,1,4", 400),
    ("/collections/villages/items?limit=0", 400),
    ("/collections/villages/items?offset=-1", 400),
    ("/collections/villages/items?offset=1000000000000000000000", 400),
    ("/collections/villages/items?datetime=yesterday", 400),
    ("/collections/villages/items?crs=EPSG:2000", 400),
    ("/collections/villages/items?bbox=1,2,3,4&bbox-crs=urn:nope", 400),
    ("/collections/villages/items/my-dong?crs=http://www.opengis.net/def/crs/EPSG/0/3857", 400),
    ("/collections/villages/items?filter=name%20%3D", 400),
    ("/collections/villages/items?filter=nope%20%3D%201", 400),
    ("/collections/villages/items?filter=%7B&filter-lang=cql2-json", 400),
    ("/collections/villages/items?filter=x&filter-lang=ecql", 400),
    ("/collections/villages/items?sortby=contact_phone", 400),
    ("/collections/villages/items?contact_phone=1", 400),
    ("/collections/villages/items?households=many", 400),
    ("/collections/villages/items?f=xml", 400),
    ("/collections/villages/items?lang=fr", 400),
    ("/search", 400),
    ("/search?q=%20%20", 400),
    ("/search?q=x&collections=nope", 400),
]


@pytest.mark.parametrize(("path", "status"), BAD, ids=[b[0] for b in BAD])
def test_bad_requests_get_problem_json(tiny: httpx.Client, path: str, status: int) -> None:
    assert_problem(tiny.get(path), status)
