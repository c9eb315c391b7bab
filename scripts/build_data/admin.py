"""Administrative units through time: the pre-2025 communes of old Hải Phòng and old Hải Dương (MIT
vietnam63), the districts dissolved from them, and the 114 units of today assembled from them."""

from __future__ import annotations

from pathlib import Path
from string import Template
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.spatial import crs
from scripts.build_data.geometry import area_ha, as_multi, fill_gaps, finish
from scripts.build_data.output import feature
from scripts.build_data.reader import Rec, load
from scripts.build_data.units2025 import VALID_FROM, NewUnit, assemble


def district_type(name: str) -> str:
    return next(t for t in ("Thành phố", "Thị xã", "Quận", "Huyện") if name.startswith(t))


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
            "id": code, "name": name, "level": "district", "unit_type": district_type(name), "gso_code": code,
            "district_code": code, "district_name": name, "province_name": grp.iloc[0]["province_name_vi"],
            "valid_to": facts["valid_to"], "area_ha": area_ha(geom), "location_precision": "digitized",
            "notes": note, "sources": facts["sources"]},
            as_multi(geom)))
    return feats, geoms


def _text(value: Any) -> str | None:
    """A text column of the GeoJSON (pandas reads a missing one as NaN)."""
    return value if isinstance(value, str) and value else None


def commune_record(key: str, r: Any, successors: list[NewUnit], how: str) -> Rec:
    """A pre-2025 commune with the units of today its territory went to, and how that is known."""
    rec = {"id": key, "name": r["commune_name_vi"], "level": "commune", "unit_type": r["commune_type"],
           "gso_code": _text(r["commune_code"]), "district_code": r["district_code"],
           "district_name": r["district_name_vi"], "province_name": r["province_name_vi"],
           "area_ha": area_ha(r.geometry), "location_precision": "digitized",
           "successor": successors[0].name, "successor_codes": [u.code for u in successors],
           "successor_method": {"same_code": "merge_table"}.get(how, how)}
    names = ", ".join(u.name for u in successors)
    if how == "same_code":
        facts = load("admin_units", "merged_communes")
        note = Template(facts["split_note"]).substitute(names=names) if successors[1:] else None
        return rec | {"valid_to": facts["valid_to"], "sources": facts["sources"], "notes": note}
    if how == "documented":
        facts = load("admin_units", "merged_before_2019")
        return rec | {"valid_to": facts["valid_to"][r["commune_name_vi"]], "sources": facts["sources"],
                      "notes": f"{_text(r['merged_before_2019']) or facts['pham_menh']}. Today: {names}."}
    facts = load("admin_units", f"absorbed_communes_{r['province_code']}")
    return rec | {"valid_to": facts["valid_to"], "sources": facts["sources"],
                  "notes": facts["notes"] + Template(facts["inferred_note"]).substitute(names=names)}


def new_unit_record(unit: NewUnit) -> tuple[Rec, BaseGeometry | None]:
    """A unit of today; how its outline was made is in ``outline_method`` and ``outline_note``."""
    facts = load("admin_units", "units_2025")
    geom = None if unit.geometry is None else finish(crs.from_metric([unit.geometry])[0])
    method = "none" if geom is None else "exact" if unit.exact else "approximate"
    note = facts["outline_notes"][method] + ("" if not unit.reasons else " Why: " + "; ".join(unit.reasons) + ".")
    rec = {"id": f"{unit.code}-2025", "name": unit.name, "level": "commune", "unit_type": unit.unit_type,
           "gso_code": unit.code, "province_name": facts["province_name"], "valid_from": VALID_FROM,
           "parts": [{"code": p.code, "name": p.name, "district": p.district, "province": p.province or None,
                      "merge": p.merge} for p in unit.parts],
           "outline_method": method, "outline_note": note,
           "area_ha": None if geom is None else area_ha(geom),
           "location_precision": {"exact": "digitized", "approximate": "approximate"}.get(method, "unknown"),
           "sources": facts["sources"]}
    return rec, geom


def _district_successors(feats: list[Rec]) -> None:
    """A district went to every unit of today that one of its communes went to."""
    communes = [f["properties"] for f in feats if f["properties"]["level"] == "commune"]
    for f in feats:
        d = f["properties"]
        if d["level"] == "district":
            mine = [c for c in communes if c["district_code"] == d["district_code"]]
            d["successor_codes"] = sorted({code for c in mine for code in c["successor_codes"]})
            d["successor_method"] = "inferred" if any(c["successor_method"] == "inferred" for c in mine) \
                else "merge_table"


def build_admin(shared: Path) -> tuple[list[Rec], gpd.GeoDataFrame, dict[str, BaseGeometry]]:
    """Districts dissolved from the communes, the communes, then today's units."""
    units, communes, assigned = assemble(shared / "data" / "boundaries")
    by_old: dict[str, list[NewUnit]] = {}
    for u in units:
        for p in u.parts:
            if not any(far.startswith(f"{p.code} ") for far in u.far):  # a suspected error of the table
                by_old.setdefault(p.code, []).append(u)
    feats, districts = district_features(communes)
    order = sorted(communes.index, key=lambda k: (-int(communes.at[k, "province_code"]), k))
    for key, r in communes.loc[order].iterrows():
        old_code, how = assigned[key]
        feats.append(feature("admin_units", commune_record(key, r, by_old[old_code], how),
                             as_multi(r.geometry)))
    _district_successors(feats)
    for unit in sorted(units, key=lambda u: u.code):
        rec, geom = new_unit_record(unit)
        feats.append(feature("admin_units", rec, None if geom is None else as_multi(geom)))
    return feats, communes, districts
