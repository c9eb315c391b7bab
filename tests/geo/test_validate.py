"""The loader refuses bad records with the file, the record id and the problem."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from geo.records.loader import LoadError, read_dataset
from tests.support.records import (
    BOWTIE,
    EMPTY_POLYGON,
    HANOI,
    SWAPPED,
    UNCLOSED,
    multi,
    square,
    tiny_records,
    write_dataset,
)


def _mutate(collection: str, index: int, **changes: Any) -> dict[str, list[dict[str, Any]]]:
    records = copy.deepcopy(tiny_records())
    rec = records[collection][index]
    for key, value in changes.items():
        if key == "geometry":
            rec["geometry"] = value
        elif key == "drop":
            rec["properties"].pop(value)
        else:
            rec["properties"][key] = value
    return records


BAD = [
    # (collection, index, change, expected fragment of the message)
    ("villages", 0, {"name": None}, "name is required"),
    ("villages", 0, {"establishments": "193"}, "establishments must be of type integer"),
    ("villages", 0, {"establishments": -1}, "establishments must be ≥ 0"),
    ("villages", 0, {"establishments": True}, "not a boolean"),
    ("villages", 0, {"craft_group": "magic"}, "craft_group must be one of"),
    ("villages", 0, {"crafts": "đúc"}, "crafts must be of type array"),
    ("villages", 0, {"crafts": [1]}, "crafts[0] must be of type string"),
    ("villages", 0, {"sources": []}, "must name at least one source"),
    ("villages", 0, {"sources": ["nowhere"]}, "refers to 'nowhere', which is not in sources"),
    ("villages", 0, {"location_precision": "exact"}, "location_precision must be one of"),
    ("villages", 0, {"illustrative": None}, "illustrative is required"),
    ("villages", 0, {"colour": "red"}, "colour is not a property of villages"),
    ("villages", 0, {"commune_id": "99999"}, "refers to '99999', which is not in admin_units"),
    ("villages", 0, {"id": "bad id!"}, "id must be 1-100 letters"),
    ("villages", 0, {"geometry": HANOI}, "outside Hải Phòng"),
    ("villages", 0, {"geometry": SWAPPED}, "look swapped"),
    ("villages", 0, {"geometry": None}, "geometry is required"),
    ("villages", 0, {"geometry": {"type": "Point", "coordinates": ["a", 1]}}, "[lon, lat] numbers"),
    ("villages", 0, {"geometry": {"type": "LineString", "coordinates": [[106.6, 20.9], [106.7, 20.9]]}},
     "must be a Point"),
    ("clusters", 0, {"geometry": multi(BOWTIE)}, "is invalid: Self-intersection"),
    ("clusters", 0, {"geometry": multi(UNCLOSED)}, "not closed"),
    ("clusters", 0, {"geometry": EMPTY_POLYGON}, "is empty"),
    ("clusters", 0, {"kind": "factory"}, "kind must be one of"),
    ("clusters", 0, {"status_date": "2019-13-45"}, "must be a date"),
    ("cluster_plots", 0, {"cluster_id": "nowhere"}, "refers to 'nowhere', which is not in clusters"),
    ("projects", 0, {"village_ids": ["ghost"]}, "refers to 'ghost', which is not in villages"),
    ("projects", 0, {"budget_total_vnd": 1.5}, "budget_total_vnd must be of type integer"),
    ("admin_units", 1, {"geometry": square(106.63, 20.94)}, None),  # a Polygon is promoted: valid
]


@pytest.mark.parametrize(("collection", "index", "change", "expected"), BAD)
def test_loader_refuses_bad_record(tmp_path: Path, collection: str, index: int, change: dict[str, Any],
                                   expected: str | None) -> None:
    records = _mutate(collection, index, **change)
    folder = write_dataset(tmp_path / "data", records)
    if expected is None:
        data, _ = read_dataset(folder)
        assert data[collection][index].geometry.geom_type == "MultiPolygon"
        return
    with pytest.raises(LoadError) as info:
        read_dataset(folder)
    message = info.value.detail
    fid = records[collection][index]["id"]  # the feature's own id, even when properties.id is the bad part
    assert message.startswith(f"{collection}.geojson: record {fid}: ")
    assert expected in message


def test_duplicate_id_refused(tmp_path: Path) -> None:
    records = tiny_records()
    records["villages"].append(copy.deepcopy(records["villages"][0]))
    with pytest.raises(LoadError, match=r"record my-dong: duplicate id"):
        read_dataset(write_dataset(tmp_path / "data", records))


def test_not_geojson_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data")
    (folder / "villages.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(LoadError, match=r"villages\.geojson: not valid JSON"):
        read_dataset(folder)


def test_missing_file_refused(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data")
    (folder / "projects.geojson").unlink()
    with pytest.raises(LoadError, match=r"projects\.geojson: file missing"):
        read_dataset(folder)


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Làng nghề đúc Mỹ Đồng")
    records = _mutate("villages", 0, name=decomposed)
    data, _ = read_dataset(write_dataset(tmp_path / "data", records))
    assert data["villages"][0].properties["name"] == unicodedata.normalize("NFC", decomposed)
    assert data["villages"][0].properties["name"] != decomposed
