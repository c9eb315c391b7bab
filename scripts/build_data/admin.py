"""Administrative units: the pre-2025 communes (MIT vietnam63) and the districts dissolved from them."""

from __future__ import annotations

import csv
from pathlib import Path
from string import Template
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from scripts.build_data.geometry import area_ha, as_multi, fill_gaps, finish
from scripts.build_data.output import feature
from scripts.build_data.reader import Rec, load


def read_successors(path: Path) -> dict[str, list[str]]:
    """Old (March 2025) code -> post-July-2025 unit names, in the order of the merge table."""
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = out.setdefault(row["old_code_2025_03"], [])
            if row["new_name"] not in names:
                names.append(row["new_name"])
    return out


def district_features(communes: gpd.GeoDataFrame) -> tuple[list[Rec], dict[str, BaseGeometry]]:
    facts = load("admin_units", "districts")
    feats, geoms = [], {}
    for code, grp in communes.groupby("district_code"):
        others = list(communes[communes.district_code != code].geometry.representative_point())
        geom = finish(fill_gaps(grp.geometry.union_all(), others))
        geoms[code] = geom
        name = grp.iloc[0]["district_name_vi"]
        note = facts["notes"]
        if became := facts["became"].get(code):
            note += Template(facts["became_note"]).substitute(name=became)
        feats.append(feature("admin_units", {
            "id": code, "name": name, "level": "district", "unit_type": name.split()[0], "gso_code": code,
            "district_code": code, "district_name": name, "valid_to": facts["valid_to"],
            "area_ha": area_ha(geom), "location_precision": "digitized", "notes": note,
            "sources": facts["sources"]}, as_multi(geom)))
    return feats, geoms


def commune_record(code: str, r: Any, names: list[str] | None) -> Rec:
    """A commune; one whose code the July 2025 merge table lists gets its successor(s)."""
    rec = {"id": code, "name": r["commune_name_vi"], "level": "commune", "unit_type": r["commune_type"],
           "gso_code": code, "district_code": r["district_code"], "district_name": r["district_name_vi"],
           "area_ha": area_ha(r.geometry), "location_precision": "digitized"}
    if names:
        facts = load("admin_units", "merged_communes")
        split = Template(facts["split_note"]).substitute(names=", ".join(names)) if names[1:] else None
        return rec | {"valid_to": facts["valid_to"], "successor": names[0], "sources": facts["sources"],
                      "notes": split}
    facts = load("admin_units", "absorbed_communes")
    return rec | {"valid_to": facts["valid_to"], "sources": facts["sources"], "notes": facts["notes"]}


def build_admin(shared: Path) -> tuple[list[Rec], gpd.GeoDataFrame, dict[str, BaseGeometry]]:
    """Districts dissolved from the communes (MIT vietnam63), then the communes."""
    bdir = shared / "data" / "boundaries"
    communes = gpd.read_file(bdir / "haiphong_communes_pre2025.geojson").set_index("commune_code", drop=False)
    successors = read_successors(bdir / "haiphong_units_2025-07_merges.csv")
    feats, districts = district_features(communes)
    for code, r in communes.sort_index().iterrows():
        rec = commune_record(code, r, successors.get(code))
        feats.append(feature("admin_units", rec, as_multi(r.geometry)))
    return feats, communes, districts
