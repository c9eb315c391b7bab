"""Each record's commune then and unit(s) today, written into the shipped files by the same code the loader
and the editor use (``geo.records.placement``), so data/ reads the same as the served records."""

from __future__ import annotations

from shapely.geometry import shape

from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.records.placement import PLACEMENT_FIELDS, Gazetteer
from scripts.build_data.reader import Rec


def _feature(f: Rec) -> Feature:
    return Feature(f["id"], None if f["geometry"] is None else shape(f["geometry"]), f["properties"])


def place_all(layers: dict[str, list[Rec]]) -> None:
    """Fill the placement fields of every record of a collection that has them, in place."""
    gazetteer = Gazetteer(_feature(f) for f in layers["admin_units"])
    for cid, feats in layers.items():
        collection = COLLECTIONS[cid]
        if "current_unit" not in collection.field_names:
            continue
        for f in feats:
            placement = gazetteer.place(collection, _feature(f))
            f["properties"].update({k: placement[k] for k in PLACEMENT_FIELDS})
