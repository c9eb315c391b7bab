"""``craftmap load``: read ``data/``, check every record, compute areas, build the store.

Nothing is written unless every record of every file passes; the store swaps the new
data in atomically.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection
from geo.model.errors import CraftmapError, InvalidFeature
from geo.model.feature import Feature
from geo.records.editing import with_computed_area
from geo.records.placement import Gazetteer, placed
from geo.records.sources import registry
from geo.records.validate import check_links, parse_feature
from geo.store.base import Store

log = logging.getLogger(__name__)

AREA_TOLERANCE = 0.05  # 5 %: declared and computed areas further apart are reported


class LoadError(CraftmapError):
    """A data file or record that cannot be loaded; the message names file, record and problem."""

    title = "Invalid data"


@dataclass
class LoadReport:
    """What a load read and what it noticed without refusing."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_collection(path: Path, collection: Collection) -> list[Feature]:
    """Parse one GeoJSON file; the first bad record stops the load with its id and problems."""
    try:
        doc = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise LoadError(f"{path}: file missing") from None
    except orjson.JSONDecodeError as exc:
        raise LoadError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(
            doc.get("features"), list):
        raise LoadError(f"{path}: not a GeoJSON FeatureCollection")
    features: list[Feature] = []
    seen: set[str] = set()
    for index, raw in enumerate(doc["features"]):
        try:
            feature = parse_feature(collection, raw)
        except InvalidFeature as exc:
            rid = raw.get("id") if isinstance(raw, dict) else None
            raise LoadError(f"{path.name}: record {rid or f'#{index}'}: {_describe(exc.errors)}",
                            errors=exc.errors) from None
        if feature.id in seen:
            raise LoadError(f"{path.name}: record {feature.id}: duplicate id")
        seen.add(feature.id)
        features.append(feature)
    return features


def _describe(problems: list[dict[str, str]]) -> str:
    return "; ".join(f"{p['field']} {p['problem']}" for p in problems)


def _area_warnings(collection: Collection, features: list[Feature]) -> list[str]:
    declared_name = collection.declared_area_field
    if declared_name is None:
        return []
    out = []
    for f in features:
        declared, computed = f.properties.get(declared_name), f.properties.get("area_ha")
        if declared and computed and abs(computed - declared) / declared > AREA_TOLERANCE:
            out.append(f"{collection.id}/{f.id}: declared {declared_name} {declared} ha but the outline "
                       f"measures {computed} ha (EPSG:3405)")
    return out


def read_dataset(data_dir: Path) -> tuple[dict[str, list[Feature]], LoadReport]:
    """Read and check every collection and every link; raise ``LoadError`` on the first bad record."""
    try:
        sources = registry(data_dir)
    except (OSError, ValueError) as exc:
        raise LoadError(f"sources.csv: {exc}") from None
    report = LoadReport()
    data: dict[str, list[Feature]] = {}
    gazetteer: Gazetteer | None = None
    for cid in LOAD_ORDER:
        collection = COLLECTIONS[cid]
        features = [placed(collection, with_computed_area(collection, f), gazetteer)
                    for f in read_collection(data_dir / f"{cid}.geojson", collection)]
        if cid == "admin_units":
            gazetteer = Gazetteer(features)
        data[cid] = features
        report.warnings += _area_warnings(collection, features)
    ids = {cid: {f.id for f in feats} for cid, feats in data.items()}

    def exists(target: str, ref: str) -> bool:
        return ref in sources if target == "sources" else ref in ids.get(target, set())

    for cid in LOAD_ORDER:
        for feature in data[cid]:
            problems = check_links(COLLECTIONS[cid], feature, exists)
            if problems:
                raise LoadError(f"{cid}.geojson: record {feature.id}: {_describe(problems)}", errors=problems)
    report.counts = {cid: len(feats) for cid, feats in data.items()}
    return data, report


def load(data_dir: Path, store: Store) -> LoadReport:
    """Check ``data_dir`` completely, then replace the store's content with it."""
    data, report = read_dataset(data_dir)
    report.counts = store.load_all(data)
    for w in report.warnings:
        log.warning(w)
    return report
