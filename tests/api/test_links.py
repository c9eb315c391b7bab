"""Links come from the configured public URL, trusted proxy headers when configured, or the server's own
address — never from the request's Host header; ETags compare exactly; ``lang`` has one rule everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from tests.support.editing import edit_env
from tests.support.responses import assert_problem
from tests.support.servers import tiny_client

FORGED = "evil.example"
# JSON documents with absolute links, and pages with page links.
LINKED = ("/", "/collections", "/collections/villages", "/collections/villages/items",
          "/collections/villages/items/my-dong", "/collections/villages/queryables", "/search?q=dong",
          "/capacity", "/capacity/kien-bai", "/collections/villages/items/my-dong/history")
PAGES = ("/?f=html", "/collections/villages/items?f=html", "/capacity?f=html", "/capacity/kien-bai?f=html",
         "/transparency", "/pollution", "/downloads", "/maps/overview", "/maps/capacity", "/search?q=dong&f=html",
         "/collections/villages/items/my-dong/history?f=html")


def hrefs(body: object) -> list[str]:
    return re.findall(r'"href":\s*"([^"]+)"', str(body).replace("'", '"'))


def test_a_forged_host_appears_in_no_link(tmp_path: Path) -> None:
    with tiny_client(tmp_path) as client:
        own = str(client.base_url).rstrip("/")
        for path in LINKED:
            r = client.get(path, headers={"Host": FORGED})
            assert r.status_code == 200, (path, r.text)
            assert FORGED not in r.text, path
            links = hrefs(r.text) or [r.json()["$id"]]
            assert all(h.startswith(own + "/") for h in links), (path, links)
        for path in PAGES:
            r = client.get(path, headers={"Host": FORGED, "X-Forwarded-Host": FORGED})
            assert r.status_code == 200, (path, r.text[:300])
            assert FORGED not in r.text, path


def test_configured_base_url_makes_every_link(tmp_path: Path) -> None:
    base = "https://maps.example.org/craftmap"
    with tiny_client(tmp_path, base_url=base) as client:
        landing = client.get("/").json()
        assert {link["href"].split("?")[0] for link in landing["links"]} >= {base + "/", base + "/collections"}
        page = client.get("/transparency?lang=en").text
        assert 'href="/craftmap/pollution?lang=en"' in page
        assert 'id="lang-switch" href="/craftmap/transparency"' in page
        capacity_page = client.get("/capacity?f=html").text
        assert 'href="/craftmap/maps/capacity"' in capacity_page


def test_proxy_headers_count_only_when_trusted(tmp_path: Path) -> None:
    proxy = {"X-Forwarded-Host": "gis.example.vn", "X-Forwarded-Proto": "https"}
    (tmp_path / "closed").mkdir()
    (tmp_path / "trusted").mkdir()
    with tiny_client(tmp_path / "closed") as client:
        assert "gis.example.vn" not in client.get("/", headers=proxy).text
    with tiny_client(tmp_path / "trusted", trust_proxy_headers=True) as client:
        links = client.get("/collections", headers=proxy).json()["links"]
    assert links[0]["href"] == "https://gis.example.vn/collections"


def test_if_match_compares_exactly(tmp_path: Path) -> None:
    path = "/collections/villages/items/my-dong"
    patch = {"Content-Type": "application/merge-patch+json"}
    with edit_env(tmp_path) as env, env.client(env.editor) as client:
        assert client.get(path).headers["etag"] == '"1"'
        for near_miss in ('"01"', '" 1"', '"1 "', 'W/"1"', '"+1"'):
            r = client.patch(path, json={"properties": {"households": 7}}, headers={**patch, "If-Match": near_miss})
            assert r.status_code == 412, (near_miss, r.text)
        r = client.patch(path, json={"properties": {"households": 7}}, headers={**patch, "If-Match": '"1"'})
        assert r.status_code == 200, r.text
        assert r.headers["etag"] == '"2"'


@pytest.mark.parametrize("path", ["/transparency", "/maps/overview", "/capacity", "/collections?f=html",
                                  "/analysis/site-search?area_ha=1&village=my-dong", "/capacity/kien-bai/chart.svg"])
def test_lang_has_one_rule(tmp_path_factory: pytest.TempPathFactory, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    with tiny_client(tmp_path_factory.mktemp("lang")) as client:
        for bad in ("", "fr", "EN"):
            body = assert_problem(client.get(f"{path}{joiner}lang={bad}"), 400)
            assert "lang" in body["detail"]
        assert client.get(f"{path}{joiner}lang=vi").status_code == 200
        english = client.get(f"{path}{joiner}lang=en")
        assert english.status_code == 200


def test_history_page_has_the_shared_layout(tmp_path: Path) -> None:
    with tiny_client(tmp_path) as client:
        page = client.get("/collections/villages/items/my-dong/history?f=html&lang=en").text
        landing = client.get("/?f=html&lang=en").text
    nav = re.compile(r'<header class="site">.*?</header>', re.S)
    strip = re.compile(r'id="lang-switch" href="[^"]*"')
    assert strip.sub("", nav.search(page).group(0)) == strip.sub("", nav.search(landing).group(0))  # type: ignore[union-attr]
    assert "Change history" in page


def test_problem_for_a_5xx_does_not_echo(tmp_path: Path) -> None:
    from api.settings import ServerSettings
    from tests.support.servers import LiveServer

    with LiveServer(ServerSettings(store=tmp_path / "missing" / "x.gpkg")) as server:
        r = httpx.get(server.url + "/collections/villages/items")
    assert r.status_code == 503
    assert str(tmp_path) not in r.text
