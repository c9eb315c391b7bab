"""Records into GeoJSON features and files: every field of the collection, in schema order, NFC text."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.model.collections import COLLECTIONS
from scripts.build_data.geometry import finish
from scripts.build_data.reader import Rec

SOURCE_COLUMNS = ["id", "title", "publisher", "address", "date", "language"]


def nfc(v: Any) -> Any:
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, list):
        return [nfc(x) for x in v]
    if isinstance(v, dict):
        return {k: nfc(x) for k, x in v.items()}
    return v


def feature(cid: str, rec: Rec, geom: BaseGeometry | None) -> Rec:
    """A GeoJSON feature; keys starting with ``_`` are build inputs, not properties."""
    coll = COLLECTIONS[cid]
    data = {k: v for k, v in rec.items() if not k.startswith("_")}
    if unknown := set(data) - set(coll.field_names):
        raise KeyError(f"{cid}: unknown fields {unknown}")
    props = {f.name: data.get(f.name, [] if f.type == "array" else None) for f in coll.fields}
    props["illustrative"] = bool(props["illustrative"])
    geometry = None if geom is None else mapping(finish(geom))
    return {"type": "Feature", "id": props["id"], "properties": nfc(props), "geometry": geometry}


def write_collection(out: Path, name: str, feats: list[Rec]) -> None:
    """One feature per line, so that a change to the data shows as a readable diff."""
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats)
    text = f'{{"type":"FeatureCollection","name":"{name}","features":[\n{body}\n]}}\n'
    (out / f"{name}.geojson").write_text(text, encoding="utf-8")


def write_sources(out: Path, rows: list[Rec]) -> None:
    with (out / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(SOURCE_COLUMNS)
        for row in rows:
            w.writerow(nfc([row[c] for c in SOURCE_COLUMNS]))
