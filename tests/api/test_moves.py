"""The officers' daily moves over a real uvicorn on both stores, signed in through the sign-in form:
each saves with If-Match and a cited source, refuses without its CSRF token, answers problems next to
their fields and a stale version with the newer values, and the capacity and project pages follow at once.

Expected areas are measured here independently of the app: pyproj to EPSG:3405, shapely's planar area."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from geo.model.collections import COLLECTIONS
from geo.records.editing import Editor
from geo.store.base import Store
from tests.api.test_moves_records import (
    OFFICER,
    hidden,
    officer,
    post_form,
    server,  # noqa: F401 - the fixture, shared
)
from tests.support.records import KIEN_BAI, square
from tests.support.servers import LiveServer

PLOTS, CLUSTERS, PROJECTS = COLLECTIONS["cluster_plots"], COLLECTIONS["clusters"], COLLECTIONS["projects"]
DOCUMENT = {"provenance": "document", "source_number": "125/QĐ-UBND", "source_date": "2026-11-20",
            "source_title": "Quyết định cho thuê đất lô 1 Kiền Bái"}


def area_3405_ha(geojson: dict[str, object]) -> float:
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:3405", always_xy=True)
    return round(shapely.ops.transform(to_utm.transform, shape(geojson)).area / 10_000, 4)


def form_of(client: httpx.Client, path: str) -> dict[str, str]:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return {"csrf_token": hidden(page.text), "version": hidden(page.text, "version")}


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:  # noqa: F811
    with officer(server) as c:
        yield c


def test_mark_a_plot_leased_confirms_it_and_capacity_follows(client: httpx.Client, any_store: Store) -> None:
    before = client.get("/capacity/kien-bai").json()
    assert before["figures"]["leased"]["value"] == 0.0 and before["figures"]["leased"]["illustrative"] is True
    form = form_of(client, "/workspace/moves/plot-leased?plot=kb-1")
    assert form["version"] == "1"
    r = post_form(client, "/workspace/moves/plot-leased", {**form, "plot": "kb-1", "tenant": "Công ty Đúc Hà",
                                                           "sector": "đúc kim loại", "date": "2026-11-25", **DOCUMENT})
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/workspace/moves/plot-leased?plot=kb-1&saved=1"
    assert 'id="moves-saved"' in client.get(r.headers["location"]).text
    plot = any_store.get(PLOTS, "kb-1")
    source = next(s for s in plot.properties["sources"] if s.startswith("doc-"))
    assert plot.version == 2 and plot.properties["status"] == "leased" and plot.properties["illustrative"] is False
    assert (plot.properties["tenant"], plot.properties["industry"], plot.properties["status_date"]) == (
        "Công ty Đúc Hà", "đúc kim loại", "2026-11-25")
    assert any_store.history(PLOTS, "kb-1")[-1].actor == OFFICER
    after = client.get("/capacity/kien-bai").json()
    leased = after["figures"]["leased"]
    assert leased["value"] == area_3405_ha(square(*KIEN_BAI, 0.0005)) and leased["value"] > 0.9
    assert leased["illustrative"] is False and source in leased["sources"]
    assert after["occupancy"]["value"] == 1.0
    listed = next(c for c in client.get("/capacity").json()["clusters"] if c["id"] == "kien-bai")
    assert listed["figures"]["leased"] == leased  # the table follows at once too
    assert "Công ty Đúc Hà" in client.get("/maps/capacity").text  # and the map's plot popups
    page = client.get("/capacity/kien-bai?f=html").text
    row = re.search(r"<tr><td>Lô 1</td>.*?</tr>", page, re.S)
    assert row is not None and "Quyết định cho thuê đất lô 1 Kiền Bái" in row.group(0)
    assert "Công ty Đúc Hà" in row.group(0)


def test_problems_come_back_next_to_their_fields_and_nothing_changes(
        client: httpx.Client, any_store: Store) -> None:
    form = form_of(client, "/workspace/moves/plot-leased?plot=kb-1")
    r = post_form(client, "/workspace/moves/plot-leased", {**form, "plot": "kb-1", "tenant": " ", "sector": "đúc",
                                                           "date": "25/11/2026"})
    assert r.status_code == 422
    assert re.search(r'id="f-tenant"[^>]*aria-describedby="err-tenant"[^>]*aria-invalid="true"', r.text)
    assert 'id="err-date"' in r.text and 'id="err-provenance"' in r.text and 'id="err-sector"' not in r.text
    assert 'value="đúc"' in r.text  # what the officer typed stays
    r = post_form(client, "/workspace/moves/plot-leased", {**form, "plot": "kb-1", "tenant": "Công ty A",
                                                           "sector": "đúc", "date": "2026-11-25",
                                                           "provenance": "document", "source_title": "QĐ"})
    assert r.status_code == 422 and 'id="err-source_number"' in r.text
    assert any_store.get(PLOTS, "kb-1").version == 1
    assert any_store.stored_sources() == {}


def test_a_stale_version_shows_the_newer_values_and_overwrites_nothing(
        client: httpx.Client, any_store: Store) -> None:
    form = form_of(client, "/workspace/moves/plot-leased?plot=kb-1")
    Editor(any_store, "other-officer", frozenset({"src-test"})).patch(
        PLOTS, "kb-1", {"properties": {"status": "reserved", "tenant": "Công ty Khác"}}, 1)
    mine = {**form, "plot": "kb-1", "tenant": "Công ty Của Tôi", "sector": "đúc", "date": "2026-11-25",
            "provenance": "officer"}
    r = post_form(client, "/workspace/moves/plot-leased", mine)
    assert r.status_code == 412 and 'id="moves-stale"' in r.text
    assert '<td data-field="tenant">Công ty Khác</td>' in r.text
    assert 'value="Công ty Của Tôi"' in r.text and hidden(r.text, "version") == "2"
    assert any_store.get(PLOTS, "kb-1").properties["tenant"] == "Công ty Khác"
    r = post_form(client, "/workspace/moves/plot-leased", {**mine, "version": "2"})
    assert r.status_code == 303
    assert any_store.get(PLOTS, "kb-1").properties["tenant"] == "Công ty Của Tôi"


def test_forms_without_the_token_or_a_session_are_refused(server: LiveServer, client: httpx.Client,  # noqa: F811
                                                          any_store: Store) -> None:
    form = form_of(client, "/workspace/moves/wastewater?cluster=kien-bai")
    data = {**form, "cluster": "kien-bai", "treatment": "yes", "provenance": "officer"}
    assert post_form(client, "/workspace/moves/wastewater", {**data, "csrf_token": "x"}).status_code == 403
    assert client.post("/workspace/moves/wastewater", data=data,
                       headers={"Origin": "http://evil.example"}).status_code == 403
    with httpx.Client(base_url=server.url) as stranger:
        assert stranger.post("/workspace/moves/wastewater", data=data,
                             headers={"Origin": server.url}).status_code == 401
        assert stranger.get("/workspace/moves/wastewater").status_code == 303
    assert any_store.get(CLUSTERS, "kien-bai").version == 1


def test_record_wastewater_treatment_entered_by_the_officer(client: httpx.Client, any_store: Store) -> None:
    assert client.get("/capacity/kien-bai").json()["infrastructure"]["wastewater"]["status"] == "unknown"
    form = form_of(client, "/workspace/moves/wastewater?cluster=kien-bai")
    r = post_form(client, "/workspace/moves/wastewater", {**form, "cluster": "kien-bai", "treatment": "yes",
                                                          "provenance": "officer"})
    assert r.status_code == 303, r.text
    cluster = any_store.get(CLUSTERS, "kien-bai")
    officer_source = next(s for s in cluster.properties["sources"] if s.startswith("officer-"))
    assert cluster.properties["wastewater_treatment"] is True and cluster.properties["illustrative"] is False
    detail = client.get("/capacity/kien-bai").json()
    assert detail["infrastructure"]["wastewater"]["status"] == "present"
    assert detail["history"][-1]["changes"]["wastewater_treatment"] == {"before": None, "after": True}
    assert officer_source in detail["sources"]
    public = httpx.get(f"{str(client.base_url).rstrip('/')}/capacity/kien-bai?f=html").text
    assert OFFICER not in officer_source and OFFICER not in public
    assert "Số liệu do cán bộ nhập trên craftmap ngày" in public


def test_enter_a_project_budget_and_status(client: httpx.Client, any_store: Store) -> None:
    components = [{"kind": "machinery", "description": "máy đúc", "budget_vnd": None},
                  {"kind": "training", "description": "tập huấn", "budget_vnd": 5_000_000}]
    Editor(any_store, "loader", frozenset({"src-test"})).patch(PROJECTS, "p-pilot",
                                                               {"properties": {"components": components}}, 1)
    form = form_of(client, "/workspace/moves/project-budget?project=p-pilot")
    assert form["version"] == "2"
    data = {**form, "project": "p-pilot", "budget_total_vnd": "1500000000", "budget_public_vnd": "1000000000",
            "budget_counterpart_vnd": "", "budget_qualifier": "about", "status": "in_progress",
            "component_0_budget_vnd": "800000000", "component_1_budget_vnd": "5000000", **DOCUMENT}
    bad = post_form(client, "/workspace/moves/project-budget", {**data, "budget_public_vnd": "1.000.000.000"})
    assert bad.status_code == 422 and 'id="err-budget_public_vnd"' in bad.text
    assert 'id="err-budget_total_vnd"' not in bad.text
    r = post_form(client, "/workspace/moves/project-budget", data)
    assert r.status_code == 303, r.text
    p = any_store.get(PROJECTS, "p-pilot").properties
    assert (p["budget_total_vnd"], p["budget_public_vnd"], p["budget_counterpart_vnd"]) == (
        1_500_000_000, 1_000_000_000, None)
    assert (p["budget_qualifier"], p["status"], p["illustrative"]) == ("about", "in_progress", False)
    assert p["components"] == [{**components[0], "budget_vnd": 800_000_000}, components[1]]
    page = client.get("/transparency/projects/p-pilot").text
    assert "1,5 tỷ đồng" in page
    history = client.get("/collections/projects/items/p-pilot/history?f=html").text
    assert "<td>—</td><td>1,5 tỷ đồng</td>" in history


def test_every_control_of_the_moves_has_a_label(client: httpx.Client) -> None:
    for path in ("/workspace/moves/plot-leased?plot=kb-1", "/workspace/moves/wastewater?cluster=kien-bai",
                 "/workspace/moves/project-budget?project=p-pilot&lang=en"):
        page = client.get(path).text
        main = page[page.index("<main"):]
        ids = re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*id="([^"]+)"', main)
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', main))
        assert ids and set(ids) <= labelled, (path, set(ids) - labelled)
        controls = re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*>', main)
        assert len(controls) == len(ids)
