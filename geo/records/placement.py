"""Where a record lies: its commune at the time of its sources, and its unit(s) of today (from 1 July 2025).

Every source describes places in the pre-2025 units; every officer now works in the 114 units of
today, whose outlines craftmap can only assemble from the old ones (``outline_method``). So a record is
placed in both frames, and the way its unit of today was found is kept with it:

- ``inside_exact``: the record lies inside a unit whose outline is exact;
- ``inside_approximate``: it lies inside an approximate outline (only trusted for a located record);
- ``merge_table``: from its old commune through the official merge table, possibly several candidates
  when that commune was split; ``merge_table_inferred`` when the old commune was absorbed between 2019
  and 2025 and its successor had to be inferred;
- ``unknown``: no place and no commune.

The loader and the editor both call ``Gazetteer.place``, so a record is placed the same way at load
and on every write.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection
from geo.model.feature import Feature

TODAY_FROM = "2025-07-01"  # Resolution 1669/NQ-UBTVQH15: the 114 units of today
LOCATED = ("surveyed", "digitized", "approximate")  # precisions that say more than "the commune"
PLACEMENT_FIELDS = ("former_unit", "former_unit_names", "current_unit", "current_unit_names",
                    "current_unit_method")


@dataclass(frozen=True)
class Unit:
    """An administrative unit as placement needs it."""

    id: str
    code: str
    label: str
    geometry: BaseGeometry | None
    exact: bool
    successors: tuple[str, ...]
    inferred: bool


def _unit(f: Feature) -> Unit:
    p = f.properties
    district = p.get("district_name")
    label = f"{p['name']}, {district}" if district and p.get("level") == "commune" else p["name"]
    return Unit(f.id, p.get("gso_code") or f.id, label, f.geometry, p.get("outline_method") == "exact",
                tuple(p.get("successor_codes") or ()), p.get("successor_method") == "inferred")


class Gazetteer:
    """The old communes and today's units, indexed for point look-ups."""

    def __init__(self, admin_units: Iterable[Feature]) -> None:
        former: list[Unit] = []
        current: list[Unit] = []
        for f in admin_units:
            p = f.properties
            if p.get("valid_from") and p["valid_from"] >= TODAY_FROM:
                current.append(_unit(f))
            elif p.get("level") == "commune":
                former.append(_unit(f))
        self.former = {u.id: u for u in former}
        self.current = {u.code: u for u in current}
        self._former_list = [u for u in former if u.geometry is not None]
        self._current_list = [u for u in current if u.geometry is not None]
        self._former_tree = shapely.STRtree([u.geometry for u in self._former_list])
        self._current_tree = shapely.STRtree([u.geometry for u in self._current_list])

    def _containing(self, point: Point, today: bool) -> list[Unit]:
        tree, units = ((self._current_tree, self._current_list) if today
                       else (self._former_tree, self._former_list))
        return [units[i] for i in tree.query(point, predicate="within")]

    def place(self, collection: Collection, feature: Feature) -> dict[str, Any]:
        """The placement fields of ``feature``, computed from its geometry and its commune links."""
        points = _points(feature.geometry)
        linked = [self.former[i] for i in _linked_ids(collection, feature) if i in self.former]
        pairs: list[tuple[Point | None, Unit | None]]
        if linked:
            pairs = [(p, linked[min(i, len(linked) - 1)]) for i, p in enumerate(points)]
            pairs += [(None, c) for c in linked[len(points):]]
        else:
            pairs = [(p, next(iter(self._containing(p, today=False)), None)) for p in points]
        former = _unique(c for _, c in pairs if c is not None)
        located = feature.properties.get("location_precision") in LOCATED
        found = [self._today(p, c, located) for p, c in pairs or [(None, None)]]
        units = _unique(u for us, _ in found for u in us)
        methods = [m for _, m in found if m != "unknown"]
        return {"former_unit": [u.id for u in former], "former_unit_names": [u.label for u in former],
                "current_unit": [u.code for u in units], "current_unit_names": [u.label for u in units],
                "current_unit_method": methods[0] if methods else "unknown"}

    def _today(self, point: Point | None, commune: Unit | None, located: bool) -> tuple[list[Unit], str]:
        inside = self._containing(point, today=True) if point is not None else []
        if exact := [u for u in inside if u.exact]:
            return exact[:1], "inside_exact"
        candidates = [self.current[c] for c in (commune.successors if commune else ()) if c in self.current]
        if len(candidates) > 1 and located and (hit := [u for u in candidates if u in inside]):
            return hit[:1], "inside_approximate"
        if candidates:
            return candidates, "merge_table_inferred" if commune and commune.inferred else "merge_table"
        if inside:
            return inside[:1], "inside_approximate"
        return [], "unknown"


def _points(geometry: BaseGeometry | None) -> list[Point]:
    if geometry is None or geometry.is_empty:
        return []
    if isinstance(geometry, Point):
        return [geometry]
    if isinstance(geometry, MultiPoint):
        return list(geometry.geoms)
    return [geometry.representative_point()]


def _linked_ids(collection: Collection, feature: Feature) -> list[str]:
    """Ids in the record's fields that link to ``admin_units`` (its commune, as the sources give it)."""
    out: list[str] = []
    for f in collection.fields:
        if f.link == "admin_units":
            value = feature.properties.get(f.name)
            out += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    return out


def _unique(units: Iterable[Unit]) -> list[Unit]:
    seen: dict[str, Unit] = {}
    for u in units:
        seen.setdefault(u.id, u)
    return list(seen.values())


def placed(collection: Collection, feature: Feature, gazetteer: Gazetteer | None) -> Feature:
    """``feature`` with its placement fields computed; a client cannot set them."""
    if gazetteer is None or "current_unit" not in collection.field_names:
        return feature
    props = {**feature.properties, **gazetteer.place(collection, feature)}
    return Feature(feature.id, feature.geometry, props, feature.version)
