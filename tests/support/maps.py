"""Stores for map tests: the tiny dataset, one with hostile text, one with many facilities."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from api.settings import ServerSettings
from tests.support.records import KIEN_BAI, feature, tiny_records, write_dataset
from tests.support.stores import load_gpkg

EVIL = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "</script><script>alert(2)</script>"


def build(folder: Path, records: dict[str, list[dict[str, Any]]] | None = None,
          extra_sources: list[list[str]] | None = None) -> ServerSettings:
    """Write ``records`` as a data folder, load it into a GeoPackage, return settings serving it."""
    data = write_dataset(folder / "data", records)
    if extra_sources:
        with (data / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(extra_sources)
    return ServerSettings(store=load_gpkg(data, folder / "store.gpkg"), data_dir=data, database_url=None)


def evil_records() -> dict[str, list[dict[str, Any]]]:
    """The tiny dataset with markup in every text a map shows: names, crafts, cluster, source."""
    records = tiny_records()
    village = records["villages"][0]["properties"]
    village["name"] = EVIL
    village["crafts"] = [EVIL_SCRIPT]
    village["sources"] = ["src-test", "src-evil"]
    records["clusters"][0]["properties"]["name"] = EVIL_SCRIPT + EVIL
    records["projects"][0]["properties"]["title"] = EVIL
    return records


EVIL_SOURCES = [["src-evil", EVIL, EVIL_SCRIPT, "javascript:alert(3)", "2020", "vi"]]


def many_facilities(n: int) -> dict[str, list[dict[str, Any]]]:
    """The tiny dataset plus ``n`` synthetic facilities spread around Kiền Bái."""
    records = tiny_records()
    lon0, lat0 = KIEN_BAI
    for i in range(n):
        lon = lon0 - 0.15 + 0.3 * ((i * 7919) % 1000) / 1000
        lat = lat0 - 0.1 + 0.2 * ((i * 104729) % 997) / 997
        records["facilities"].append(
            feature("facilities", f"syn-{i}", {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                    name=f"Cơ sở tổng hợp số {i}", sector="cơ khí", workers=i % 50))
    return records
