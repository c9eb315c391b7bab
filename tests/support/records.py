"""Canonical tiny records and geometries near Hải Phòng, shared by the tests."""

from __future__ import annotations

import copy
import csv
from pathlib import Path
from typing import Any

import orjson

from geo.model.collections import COLLECTIONS, LOAD_ORDER

MY_DONG = (106.63284, 20.93895)  # commune centroid of Xã Mỹ Đồng (FACTS A1)
KIEN_BAI = (106.63347, 20.91867)


def square(lon: float, lat: float, half: float = 0.002) -> dict[str, Any]:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]
    return {"type": "Polygon", "coordinates": [ring]}


def multi(poly: dict[str, Any]) -> dict[str, Any]:
    return {"type": "MultiPolygon", "coordinates": [poly["coordinates"]]}


BOWTIE = {"type": "Polygon", "coordinates": [[[106.60, 20.90], [106.62, 20.92], [106.62, 20.90], [106.60, 20.92],
                                              [106.60, 20.90]]]}
UNCLOSED = {"type": "Polygon", "coordinates": [[[106.60, 20.90], [106.62, 20.90], [106.62, 20.92],
                                                [106.60, 20.92]]]}
HANOI = {"type": "Point", "coordinates": [105.85, 21.03]}
SWAPPED = {"type": "Point", "coordinates": [20.93895, 106.63284]}
EMPTY_POLYGON: dict[str, Any] = {"type": "Polygon", "coordinates": []}


def blank(collection_id: str) -> dict[str, Any]:
    """Every field of the collection set to None."""
    return {f.name: None for f in COLLECTIONS[collection_id].fields}


def feature(collection_id: str, fid: str, geometry: dict[str, Any] | None, **props: Any) -> dict[str, Any]:
    p = blank(collection_id)
    p.update({"id": fid, "sources": ["src-test"], "location_precision": "approximate", "illustrative": True})
    p.update(props)
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": p}


def tiny_records() -> dict[str, list[dict[str, Any]]]:
    """One small, valid record set covering every collection and every link."""
    lon, lat = MY_DONG
    return {
        "admin_units": [
            feature("admin_units", "311", multi(square(lon, lat, 0.05)), name="Huyện Thủy Nguyên", level="district",
                    unit_type="Huyện", gso_code="311", district_code="311", district_name="Huyện Thủy Nguyên",
                    valid_to="2025-07-01"),
            feature("admin_units", "11521", multi(square(lon, lat, 0.01)), name="Xã Mỹ Đồng", level="commune",
                    unit_type="Xã", gso_code="11521", district_code="311", district_name="Huyện Thủy Nguyên",
                    valid_to="2025-01-01"),
        ],
        "villages": [
            feature("villages", "my-dong", {"type": "Point", "coordinates": [lon, lat]},
                    name="Làng nghề đúc Mỹ Đồng", commune_id="11521", crafts=["đúc kim loại"], craft_group="metal",
                    establishments=193, pollution_risk="high", contact_phone="0000 000 000"),
        ],
        "clusters": [
            feature("clusters", "kien-bai", multi(square(*KIEN_BAI, 0.0015)), name="Điểm công nghiệp Kiền Bái",
                    kind="diem_cong_nghiep", district_name="Huyện Thủy Nguyên", planned_area_ha=11.0,
                    outline="sized_to_declared_area", allowed_industries=["đúc kim loại"]),
        ],
        "cluster_plots": [
            feature("cluster_plots", "kb-1", square(*KIEN_BAI, 0.0005), name="Lô 1", cluster_id="kien-bai",
                    status="free"),
        ],
        "facilities": [
            feature("facilities", "f-1", {"type": "Point", "coordinates": [KIEN_BAI[0], KIEN_BAI[1]]},
                    name="Xưởng đúc <b>thử</b>", sector="đúc", cluster_id="kien-bai", village_id="my-dong",
                    contact_phone="0000 000 001"),
        ],
        "pollution_sources": [
            feature("pollution_sources", "ps-my-dong", {"type": "Point", "coordinates": [lon, lat]},
                    name="Ô nhiễm làng nghề Mỹ Đồng", commune_id="11521", village_id="my-dong", severity="high",
                    assessment_date="2020-06-01"),
        ],
        "projects": [
            feature("projects", "p-pilot", {"type": "MultiPoint", "coordinates": [[lon, lat]]},
                    title="Đề án điểm Mỹ Đồng", programme="national", kind="project", year_start=2019,
                    year_end=2020, village_ids=["my-dong"], cluster_ids=["kien-bai"]),
            feature("projects", "p-unknown-place", None, title="Đề án máy móc", programme="local", kind="project",
                    location_precision="unknown"),
        ],
    }


def write_dataset(folder: Path, records: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """Write records as a data folder (GeoJSON per collection plus sources.csv)."""
    records = copy.deepcopy(records if records is not None else tiny_records())
    folder.mkdir(parents=True, exist_ok=True)
    for cid in LOAD_ORDER:
        doc = {"type": "FeatureCollection", "features": records.get(cid, [])}
        (folder / f"{cid}.geojson").write_bytes(orjson.dumps(doc))
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "publisher", "address", "date", "language"])
        w.writerow(["src-test", "Test source", "tests", "", "", "en"])
    return folder
