"""The import wizard over a real uvicorn on both stores: preview without writing, confirm writes all,
a bad file writes nothing, a post without the CSRF token or from elsewhere is refused and changes nothing."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from geo.model.collections import FACILITIES
from geo.model.errors import FeatureNotFound
from geo.records import import_uploads
from geo.records.accounts import create_user
from geo.store.base import Store
from tests.api.test_analysis_pages import unlabelled
from tests.api.test_sign_in import PASSWORD, sign_in
from tests.geo.test_importer import POINTS, facilities_frame
from tests.support.records import KIEN_BAI, feature
from tests.support.servers import LiveServer
from tests.support.stores import settings_for

GPKG = "application/geopackage+sqlite3"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def server(any_store: Store, tiny_data: Path) -> Iterator[LiveServer]:
    create_user(any_store, "editor-ha", "editor", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"data_dir": tiny_data, "tiles": "none"})
    with LiveServer(settings) as live:
        yield live


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        assert sign_in(c, "editor-ha").status_code == 303
        yield c


def gpkg_3405(folder: Path) -> Path:
    path = folder / "xuong-3405.gpkg"
    facilities_frame(3405).to_file(path, layer="facilities", driver="GPKG")
    return path


def geojson_9210(folder: Path, bad_row: bool = False) -> Path:
    doc = orjson.loads(facilities_frame(9210).to_json())
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::9210"}}
    if bad_row:
        doc["features"][1]["properties"]["location_precision"] = "somewhere"
        doc["features"][2]["properties"]["sources"] = "src-unknown"
        doc["features"][0]["properties"]["name"] = EVIL  # shown as text in the table and on the map
    path = folder / "xuong-9210.geojson"
    path.write_bytes(orjson.dumps(doc))
    return path


def token_of(html: str, form_id: str = "") -> str:
    part = html[html.index(f'id="{form_id}"'):] if form_id else html
    found = re.search(r'name="csrf_token" value="([^"]+)"', part)
    assert found, html
    return found.group(1)


def upload(client: httpx.Client, path: Path, *, token: str | None = None, crs: str = "",
           origin: str | None = None) -> httpx.Response:
    page = client.get("/workspace/import").text
    data = {"collection": "facilities", "crs": crs, "csrf_token": token_of(page, "import-upload")}
    if token is not None:
        data["csrf_token"] = token
    return client.post("/workspace/import", data=data, files={"file": (path.name, path.read_bytes())},
                       headers={"Origin": origin or str(client.base_url)})


def finished(client: httpx.Client, where: str) -> dict[str, object]:
    """The import's status once it has stopped running (it runs after the confirm's answer)."""
    deadline = time.monotonic() + 60
    while (status := client.get(where + "/status").json())["state"] in ("running", "waiting"):
        assert time.monotonic() < deadline, status
        time.sleep(0.05)
    return status  # type: ignore[no-any-return]


def none_written(store: Store) -> bool:
    for i in range(len(POINTS)):
        with pytest.raises(FeatureNotFound):
            store.get(FACILITIES, f"imp-{i}")
    return True


def test_anonymous_visitors_are_sent_to_sign_in(server: LiveServer) -> None:
    r = httpx.get(server.url + "/workspace/import?lang=en")
    assert r.status_code == 303
    assert r.headers["location"] == "/sign-in?next=%2Fworkspace%2Fimport%3Flang%3Den&lang=en"


CRS_CASES = {
    "gpkg-3405": (gpkg_3405, "VN-2000 / UTM 48N (EPSG:3405)",
                  "declared in the file (the GeoPackage's spatial reference table)"),
    "geojson-9210": (geojson_9210, "VN-2000 / TM-3 105°45′ (EPSG:9210)",
                     "declared in the file (the GeoJSON crs member)"),
}


@pytest.mark.parametrize("case", list(CRS_CASES))
def test_preview_shows_the_crs_found_and_writes_nothing(client: httpx.Client, any_store: Store, tmp_path: Path,
                                                        case: str) -> None:
    make, crs_text, how = CRS_CASES[case]
    r = upload(client, make(tmp_path))
    assert r.status_code == 303
    page = client.get(r.headers["location"] + "?lang=en").text
    found = re.search(r'id="preview-crs">(.*?)<span', page, re.S)
    assert found
    crs_line = html.unescape(re.sub(r"\s+", " ", found.group(1)))
    assert crs_line.strip() == f"{crs_text} — {how}."
    assert page.count('<tr class="ok">') == 3 and 'id="import-confirm"' in page
    assert none_written(any_store)


def test_preview_lists_each_rows_problems_and_offers_no_confirm(client: httpx.Client, any_store: Store,
                                                                tmp_path: Path) -> None:
    r = upload(client, geojson_9210(tmp_path, bad_row=True))
    page = client.get(r.headers["location"] + "?lang=en").text
    rows = re.findall(r'<tr class="(ok|bad)"><td class="num">(\d+)</td>', page)
    assert rows == [("ok", "1"), ("bad", "2"), ("bad", "3")]
    assert "(<code>location_precision</code>)</strong>" in page and "(<code>sources</code>)</strong>" in page
    assert 'id="import-confirm"' not in page and "Nothing was written." in page
    vi = client.get(r.headers["location"]).text  # the same problems in the page's language
    assert "</strong>: không phải giá trị cho phép</li>" in vi
    assert none_written(any_store)


def test_confirm_writes_every_row_and_the_result_links_them(client: httpx.Client, any_store: Store,
                                                            tmp_path: Path) -> None:
    where = upload(client, gpkg_3405(tmp_path)).headers["location"]
    page = client.get(where).text
    done = client.post(where, data={"csrf_token": token_of(page, "import-confirm")},
                       headers={"Origin": str(client.base_url)})
    assert done.status_code == 303
    assert finished(client, where) == {"state": "done", "done": 3, "total": 3, "count": 3}
    result = client.get(where + "?lang=en").text
    assert re.search(r'id="import-count">3<', result)
    assert all(f"/collections/facilities/items/imp-{i}?f=html" in result for i in range(3))
    assert [any_store.get(FACILITIES, f"imp-{i}").version for i in range(3)] == [1, 1, 1]
    again = client.post(where, data={"csrf_token": token_of(page, "import-confirm")},
                        headers={"Origin": str(client.base_url)})
    assert again.status_code == 303  # a second confirm starts nothing (the rows would be duplicates)
    assert [any_store.get(FACILITIES, f"imp-{i}").version for i in range(3)] == [1, 1, 1]


def test_a_file_that_turns_bad_before_confirming_writes_nothing(client: httpx.Client, any_store: Store,
                                                                tmp_path: Path, server: LiveServer) -> None:
    """The confirm re-checks: a record written meanwhile with a row's id makes the whole import fail."""
    where = upload(client, geojson_9210(tmp_path)).headers["location"]
    page = client.get(where).text
    taken = feature("facilities", "imp-2", {"type": "Point", "coordinates": list(KIEN_BAI)}, name="Xưởng",
                    sector="đúc")
    made = client.post("/collections/facilities/items", json=taken,
                       headers={"Origin": server.url, "X-CSRF-Token": token_of(page, "import-confirm")})
    assert made.status_code == 201
    client.post(where, data={"csrf_token": token_of(page, "import-confirm")}, headers={"Origin": server.url})
    assert finished(client, where)["state"] == "failed"
    result = client.get(where + "?lang=en").text
    assert "The import failed: nothing was written." in result and 'id="import-problems"' in result
    for i in range(2):
        with pytest.raises(FeatureNotFound):
            any_store.get(FACILITIES, f"imp-{i}")


@pytest.mark.parametrize("how", ["no token", "wrong token", "foreign origin"])
def test_confirm_without_the_token_or_from_elsewhere_is_refused(client: httpx.Client, any_store: Store,
                                                                tmp_path: Path, how: str) -> None:
    where = upload(client, gpkg_3405(tmp_path)).headers["location"]
    token = token_of(client.get(where).text, "import-confirm")
    data = {} if how == "no token" else {"csrf_token": token[:-2] + "xx" if how == "wrong token" else token}
    origin = "http://evil.example" if how == "foreign origin" else str(client.base_url)
    r = client.post(where, data=data, headers={"Origin": origin})
    assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"
    assert 'id="import-confirm"' in client.get(where).text  # still waiting for a confirm
    assert none_written(any_store)


@pytest.mark.parametrize("how", ["no token", "foreign origin"])
def test_upload_without_the_token_or_from_elsewhere_is_refused(client: httpx.Client, tmp_path: Path,
                                                               how: str) -> None:
    r = upload(client, gpkg_3405(tmp_path), token="" if how == "no token" else None,
               origin="http://evil.example" if how == "foreign origin" else None)
    assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"


def test_an_upload_is_only_its_uploaders(client: httpx.Client, server: LiveServer, any_store: Store,
                                         tmp_path: Path) -> None:
    where = upload(client, gpkg_3405(tmp_path)).headers["location"]
    create_user(any_store, "editor-lan", "editor", PASSWORD)
    with httpx.Client(base_url=server.url) as other:
        sign_in(other, "editor-lan")
        assert other.get(where).status_code == 404
        assert other.get(where + "/status").status_code == 404


def test_anonymous_posts_are_refused(server: LiveServer, tmp_path: Path) -> None:
    with httpx.Client(base_url=server.url) as anonymous:
        path = gpkg_3405(tmp_path)
        r = anonymous.post("/workspace/import", data={"collection": "facilities", "csrf_token": "x"},
                           files={"file": (path.name, path.read_bytes())}, headers={"Origin": server.url})
        assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"


def test_a_file_over_the_upload_limit_is_refused(any_store: Store, tiny_data: Path, tmp_path: Path) -> None:
    create_user(any_store, "editor-ha", "editor", PASSWORD)
    settings = settings_for(any_store).model_copy(update={"data_dir": tiny_data, "tiles": "none",
                                                          "max_upload_bytes": 2048})
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as c:
        sign_in(c, "editor-ha")
        r = upload(c, gpkg_3405(tmp_path))
        assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
        assert none_written(any_store)


def test_the_progress_page_shows_rows_done_of_total(client: httpx.Client, tmp_path: Path) -> None:
    """While an import runs the page shows a <progress> of the rows checked (or written) and refreshes itself."""
    where = upload(client, gpkg_3405(tmp_path)).headers["location"]
    held = import_uploads.get(where.rsplit("/", 1)[1], "editor-ha")
    assert held.start()
    held.write_status({"state": "running", "phase": "check", "done": 500, "total": 1200})
    page = client.get(where + "?lang=en").text
    assert '<progress id="import-progress" max="1200" value="500">' in page
    assert '<meta http-equiv="refresh" content="2">' in page and "Checking" in page
    assert client.get(where + "/status").json() == {"state": "running", "phase": "check", "done": 500,
                                                    "total": 1200}


def test_a_csv_in_vn2000_needs_its_crs_chosen(client: httpx.Client, any_store: Store, tmp_path: Path) -> None:
    x, y = facilities_frame(3405).geometry.iloc[0].coords[0]
    path = tmp_path / "xy.csv"
    path.write_text("id,name,sector,sources,location_precision,illustrative,x,y\n"
                    f"imp-0,Xưởng,đúc,src-test,approximate,true,{x},{y}\n", encoding="utf-8")
    unread = client.get(upload(client, path).headers["location"] + "?lang=en").text
    assert "The file cannot be read" in unread and 'id="import-confirm"' not in unread
    chosen = client.get(upload(client, path, crs="EPSG:3405").headers["location"] + "?lang=en").text
    assert "chosen by you in step 1" in chosen and 'id="import-confirm"' in chosen
    assert none_written(any_store)


def test_every_control_of_the_wizard_has_a_label(client: httpx.Client, tmp_path: Path) -> None:
    assert unlabelled(client.get("/workspace/import").text) == []
    assert unlabelled(client.get(upload(client, gpkg_3405(tmp_path)).headers["location"]).text) == []
