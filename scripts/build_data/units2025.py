"""Today's 114 units of Hải Phòng (from 1 July 2025), assembled from the pre-2025 commune polygons.

No open polygons of the new units exist. The merge table (dvhcvn/20250701, MIT) says which old units of
01/03/2025 each new unit is made of, fully or partly; the commune polygons (vietnam63, MIT) are those of
about 2016, coded with the 2019 GSO list. Between them lie the 2019–2025 mergers, which the code lists
show only as codes that disappear. So every old polygon is first given a unit of 01/03/2025:

- ``same_code``: its 2019 code is still an old code of the merge table;
- ``documented``: one of the four Hải Dương communes merged in 2019 by a named resolution (SOURCE.md §6);
- ``inferred``: its code was retired; it goes to the surviving commune of the same 2019 district with
  which it shares the longest border (the sources do not say which neighbour absorbed it).

Then each new unit takes the whole territory of its ``full`` parts; the territory of a ``partial`` part
is divided between the new units that share it, each piece going to the nearest of their other parts
(a Voronoi split, not the legal line). An outline is ``exact`` only when every part is full and
same-coded and no retired commune touches it; otherwise ``approximate``, with a note saying why.
All work is in EPSG:3405 metres.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

METRIC = "EPSG:3405"
FAR_M = 10_000.0  # a partly merged old unit this far from a new unit's other parts is not drawn into it
TOUCH_M = 60.0  # thinned polygons (≈160 m) leave gaps and overlaps; borders closer than this touch
SEED_STEP_M = 250.0  # spacing of the seed points along the cores for the Voronoi split
VALID_FROM = "2025-07-01"


@dataclass
class Part:
    """One old (01/03/2025) unit in a new unit."""

    code: str
    name: str
    district: str
    province: str
    merge: str  # full | partial


@dataclass
class NewUnit:
    """A unit of today with the geometry assembled for it (EPSG:3405) and why it is approximate."""

    code: str
    name: str
    unit_type: str
    parts: list[Part] = field(default_factory=list)
    geometry: BaseGeometry | None = None
    reasons: list[str] = field(default_factory=list)
    far: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return self.geometry is not None and not self.reasons


def read_merges(path: Path) -> dict[str, NewUnit]:
    """New code → unit with its parts, in the order of the merge table."""
    units: dict[str, NewUnit] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            unit = units.setdefault(row["new_code"], NewUnit(row["new_code"], row["new_name"], row["new_type"]))
            unit.parts.append(Part(row["old_code_2025_03"], row["old_name_2025_03"],
                                   row["old_district_2025_03"], row["old_province_2025_03"],
                                   row["merge_type"]))
    return units


def read_communes(bdir: Path) -> gpd.GeoDataFrame:
    """Both provinces' pre-2025 communes (CRS84), one row per polygon (4 Hải Dương rows lack a code)."""
    frames = [gpd.read_file(bdir / f"{p}_communes_pre2025.geojson") for p in ("haiphong", "haiduong")]
    df = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")
    if "merged_before_2019" not in df:
        df["merged_before_2019"] = None
    df["key"] = [c if isinstance(c, str) and c else f"vn63-{s}" for c, s in
                 zip(df["commune_code"], df["src_commune_id"], strict=True)]
    return df.set_index("key", drop=False)


# Codes of 01/03/2025 for the communes merged in 2019 (SOURCE.md §6): Kênh Giang → Văn Đức,
# Quang Trung and Phúc Thành B → Quang Thành, Thái Sơn and Phạm Mệnh → Phạm Thái.
DOCUMENTED = {("290", "Xã Kênh Giang"): "10585", ("292", "Xã Quang Trung"): "10705",
              ("292", "Xã Phúc Thành B"): "10705", ("292", "Xã Thái Sơn"): "10693",
              ("292", "Xã Phạm Mệnh"): "10693"}


def shared_border(a: BaseGeometry, b: BaseGeometry) -> float:
    """Length of common border, measured as the overlap of thin buffers (robust to thinning gaps)."""
    return float(a.buffer(TOUCH_M).intersection(b.buffer(TOUCH_M)).area) / (2 * TOUCH_M)


def assign_2025_03(communes: gpd.GeoDataFrame, old_codes: set[str]) -> dict[str, tuple[str, str]]:
    """Polygon key → (code of 01/03/2025, how it was found: same_code | documented | inferred)."""
    out: dict[str, tuple[str, str]] = {}
    for key, r in communes.iterrows():
        if (doc := DOCUMENTED.get((r["district_code"], r["commune_name_vi"]))) is not None:
            out[key] = (doc, "documented")
        elif r["commune_code"] in old_codes:
            out[key] = (r["commune_code"], "same_code")
    pending = [k for k in communes.index if k not in out]
    while pending:
        progress = False
        for key in list(pending):
            geom, district = communes.geometry[key], communes.at[key, "district_code"]
            near = [(shared_border(geom, communes.geometry[k]), k) for k in out
                    if communes.at[k, "district_code"] == district and communes.geometry[k].distance(geom) < TOUCH_M]
            if near:
                _, best = max(near)
                out[key] = (out[best][0], "inferred")
                pending.remove(key)
                progress = True
        if not progress:
            raise ValueError(f"no surviving neighbour for {pending}")
    return out


def territories(communes: gpd.GeoDataFrame, assigned: dict[str, tuple[str, str]]) -> dict[str, BaseGeometry]:
    """Code of 01/03/2025 → union of the polygons assigned to it."""
    groups: dict[str, list[BaseGeometry]] = defaultdict(list)
    for key, (code, _) in assigned.items():
        groups[code].append(communes.geometry[key])
    return {code: shapely.union_all(gs) for code, gs in groups.items()}


def seeds(core: BaseGeometry, near: BaseGeometry) -> list[tuple[float, float]]:
    """Points every ``SEED_STEP_M`` along the boundary of ``core`` that lie close to ``near``."""
    line = shapely.segmentize(core.boundary, SEED_STEP_M)
    zone = near.buffer(3000)
    return [tuple(c) for c in shapely.get_coordinates(line) if zone.contains(shapely.Point(c))]


def split(territory: BaseGeometry, sharers: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Divide ``territory`` between new units: each piece to the nearest seed geometry (Voronoi)."""
    points: list[tuple[float, float]] = []
    owner: list[str] = []
    for code, seed_geom in sharers.items():
        pts = seeds(seed_geom, territory) if seed_geom.area > 0 else []
        pts = pts or [tuple(shapely.get_coordinates(seed_geom.representative_point())[0])]
        points += pts
        owner += [code] * len(pts)
    uniq: dict[tuple[float, float], str] = {}
    for p, o in zip(points, owner, strict=True):
        uniq.setdefault((round(p[0], 1), round(p[1], 1)), o)
    cells = shapely.voronoi_polygons(MultiPoint(list(uniq)), extend_to=territory.envelope.buffer(5000),
                                     ordered=True)
    pieces: dict[str, list[BaseGeometry]] = defaultdict(list)
    for cell, o in zip(cells.geoms, uniq.values(), strict=True):
        pieces[o].append(cell)
    return {o: territory.intersection(shapely.union_all(cs)) for o, cs in pieces.items()}


def retired_near(geom: BaseGeometry, communes: gpd.GeoDataFrame,
                 assigned: dict[str, tuple[str, str]]) -> list[str]:
    """Names of communes with a retired code that touch ``geom``."""
    return [f"{communes.at[k, 'commune_name_vi']} ({communes.at[k, 'district_name_vi']})"
            for k, (_, how) in assigned.items() if how == "inferred"
            and communes.geometry[k].distance(geom) < TOUCH_M]


def assemble(bdir: Path) -> tuple[list[NewUnit], gpd.GeoDataFrame, dict[str, tuple[str, str]]]:
    """The 114 units with geometries (EPSG:3405), plus the communes (CRS84) and their 01/03/2025 unit."""
    units = read_merges(bdir / "haiphong_units_2025-07_merges.csv")
    communes_ll = read_communes(bdir)
    communes = communes_ll.to_crs(METRIC)
    assigned = assign_2025_03(communes, {p.code for u in units.values() for p in u.parts})
    terr = territories(communes, assigned)
    cores = {u.code: shapely.union_all([terr[p.code] for p in u.parts if p.merge == "full" and p.code in terr])
             for u in units.values()}
    pieces: dict[str, list[BaseGeometry]] = defaultdict(list)
    for code, geom in cores.items():
        if not geom.is_empty:
            pieces[code].append(geom)
    for old_code, sharers in _sharers(units).items():
        if old_code not in terr:
            continue
        near = [c for c in sharers if cores[c].is_empty or cores[c].distance(terr[old_code]) <= FAR_M]
        for c in set(sharers) - set(near):  # a row of the table that cannot be drawn: say so, draw the rest
            units[c].far.append(f"{old_code} {_part_name(units[c], old_code)} "
                                f"({cores[c].distance(terr[old_code]) / 1000:.0f} km away)")
        seeds_for = {c: cores[c] if not cores[c].is_empty else _meeting(units[c], terr) for c in near}
        for c, piece in split(terr[old_code], seeds_for).items():
            pieces[c].append(piece)
    for unit in units.values():
        if pieces[unit.code]:
            unit.geometry = shapely.union_all(pieces[unit.code])
        unit.reasons = _reasons(unit, terr, communes, assigned)
    return list(units.values()), communes_ll, assigned


def _part_name(unit: NewUnit, code: str) -> str:
    return next(p.name for p in unit.parts if p.code == code)


def _sharers(units: dict[str, NewUnit]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for u in units.values():
        for p in u.parts:
            if p.merge == "partial":
                out[p.code].append(u.code)
    return out


def _meeting(unit: NewUnit, terr: dict[str, BaseGeometry]) -> BaseGeometry:
    """Seed for a unit made only of partial parts: where its parts meet, else its first part's centre."""
    geoms = [terr[p.code] for p in unit.parts if p.code in terr]
    if len(geoms) > 1:
        meet = shapely.intersection_all([g.buffer(TOUCH_M * 5) for g in geoms])
        if not meet.is_empty:
            return meet.centroid
    return geoms[0].representative_point()


def _reasons(unit: NewUnit, terr: dict[str, BaseGeometry], communes: gpd.GeoDataFrame,
             assigned: dict[str, tuple[str, str]]) -> list[str]:
    """Why the outline is not exact; empty when it is."""
    out = []
    if partial := [p.name for p in unit.parts if p.merge == "partial"]:
        out.append(f"partly merged old units ({', '.join(partial)}) divided by a Voronoi split between the "
                   "new units sharing them, not the legal line")
    if unit.far:
        out.append("merge-table parts lying far from its other parts, left out of the outline (a suspected "
                   f"error of the table, e.g. a namesake): {', '.join(unit.far)}")
    if missing := [f"{p.name} ({p.code})" for p in unit.parts if p.code not in terr]:
        out.append(f"old units without a polygon: {', '.join(missing)}")
    own = {p.code for p in unit.parts}
    if inferred := [f"{communes.at[k, 'commune_name_vi']} ({communes.at[k, 'district_name_vi']})"
                    for k, (c, how) in assigned.items() if c in own and how == "inferred"]:
        out.append("communes absorbed 2019–2025 whose successor was inferred (longest shared border in "
                   f"the same 2019 district): {', '.join(inferred)}")
    if unit.geometry is not None and not inferred and (near := retired_near(unit.geometry, communes, assigned)):
        out.append(f"touches communes absorbed 2019–2025 that may belong to it: {', '.join(near)}")
    return out
