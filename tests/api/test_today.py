"""Today's Hải Phòng over a real uvicorn: units by period, records placed in both frames, old Hải Dương inside."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from typer.testing import CliRunner

from api.cli import app
from geo.model.collections import FACILITIES
from geo.store.gpkg.store import GpkgStore
from tests.support.editing import EditEnv, edit_env
from tests.support.records import feature

GJ = {"Content-Type": "application/geo+json"}
# Centroid of Phường Phạm Ngũ Lão, old Thành phố Hải Dương (vietnam63), and a point in central Hà Nội.
OLD_HAI_DUONG = [106.32107, 20.93637]
HANOI = [105.85, 21.03]


def matched(http: httpx.Client, **params: str) -> dict[str, object]:
    r = http.get("/collections/admin_units/items", params={"limit": "1000", **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_datetime_gives_todays_114_units_or_the_old_frame(http: httpx.Client) -> None:
    today = matched(http, datetime="2026-01-01")
    assert today["numberMatched"] == 114
    assert {f["properties"]["outline_method"] for f in today["features"]} == {"exact", "approximate", "none"}
    assert all(f["properties"]["parts"] for f in today["features"])
    old = matched(http, datetime="2020-01-01")
    provinces = {f["properties"]["province_name"] for f in old["features"]}
    assert provinces == {"Thành phố Hải Phòng", "Tỉnh Hải Dương"}
    assert all(f["properties"]["valid_from"] is None for f in old["features"])
    # The four Hải Dương communes merged in 2019 are gone by 2020; 223 + 265 + 14 + 12 − 5 (with Phạm Mệnh).
    assert old["numberMatched"] == 509


def test_my_dong_village_in_both_frames(http: httpx.Client) -> None:
    p = http.get("/collections/villages/items/v-my-dong").json()["properties"]
    assert p["former_unit_names"] == ["Xã Mỹ Đồng, Huyện Thủy Nguyên"]
    assert set(p["current_unit_names"]) == {"Phường Thiên Hương", "Phường Lê Ích Mộc"}
    assert p["current_unit_method"] == "merge_table"  # old Lê Hồng Phong was split: two candidates
    found = http.get("/collections/villages/items", params={"current_unit": "11557"}).json()
    assert "v-my-dong" in {f["id"] for f in found["features"]}
    elsewhere = http.get("/collections/villages/items", params={"current_unit": "11875"}).json()
    assert "v-my-dong" not in {f["id"] for f in elsewhere["features"]}


@pytest.mark.parametrize("q", ["thien huong", "Thiên Hương"])
def test_search_by_todays_unit_finds_my_dong_and_tells_where_it_was(http: httpx.Client, q: str) -> None:
    hits = http.get("/search", params={"q": q}).json()["hits"]
    [village] = [h for h in hits if (h["collection"], h["id"]) == ("villages", "v-my-dong")]
    assert village["formerUnits"] == ["Xã Mỹ Đồng, Huyện Thủy Nguyên"]
    assert "Phường Thiên Hương" in village["currentUnits"]


def test_villages_csv_carries_both_frames(http: httpx.Client) -> None:
    r = http.get("/downloads/villages.csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")))}
    row = rows["v-my-dong"]
    assert "Xã Mỹ Đồng" in row["former_unit_names"] and "Phường Thiên Hương" in row["current_unit_names"]
    assert row["current_unit_method"] == "merge_table"


@pytest.fixture
def env(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EditEnv]:
    database_url = request.getfixturevalue("pg_url") if store_kind == "postgis" else None
    with edit_env(tmp_path, database_url) as e:
        yield e


def test_create_accepts_old_hai_duong_and_refuses_hanoi(env: EditEnv) -> None:
    inside = feature("facilities", "f-hai-duong", {"type": "Point", "coordinates": OLD_HAI_DUONG},
                     name="Xưởng ở Hải Dương cũ", sector="cơ khí")
    outside = feature("facilities", "f-ha-noi", {"type": "Point", "coordinates": HANOI}, name="Xưởng ở Hà Nội",
                      sector="cơ khí")
    with env.client(env.editor) as client:
        ok = client.post("/collections/facilities/items", json=inside, headers=GJ)
        refused = client.post("/collections/facilities/items", json=outside, headers=GJ)
    assert ok.status_code == 201, ok.text
    assert refused.status_code == 422
    assert "outside Hải Phòng" in refused.text


def test_import_accepts_old_hai_duong_and_refuses_hanoi(tiny_store: GpkgStore, tiny_data: Path,
                                                        tmp_path: Path) -> None:
    env = {"CRAFTMAP_DATA_DIR": str(tiny_data)}
    runner = CliRunner()
    good = tmp_path / "good.geojson"
    good.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": [
        feature("facilities", "hd-1", {"type": "Point", "coordinates": OLD_HAI_DUONG}, name="Xưởng HD",
                sector="cơ khí")]}))
    result = runner.invoke(app, ["import", str(good), "-c", "facilities", "--store", str(tiny_store.path)], env=env)
    assert result.exit_code == 0, result.output
    assert tiny_store.get(FACILITIES, "hd-1").properties["name"] == "Xưởng HD"
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": [
        feature("facilities", "hn-1", {"type": "Point", "coordinates": HANOI}, name="Xưởng HN", sector="cơ khí")]}))
    result = runner.invoke(app, ["import", str(bad), "-c", "facilities", "--store", str(tiny_store.path)], env=env)
    assert result.exit_code == 1
    assert "outside Hải Phòng" in result.output


def test_transparency_totals_by_unit_of_today(http: httpx.Client) -> None:
    html = http.get("/transparency").text
    table = html[html.index('id="money-by-unit-today"'):]
    table = table[:table.index("</table>")]
    assert "Phường Phù Liễn" in table  # Tràng Minh's remediation: one unit today (through the merge table)
    assert "Phường Thiên Hương" in table  # the Mỹ Đồng pilot, placed at its cluster
