"""Open-data files: every collection as GeoJSON and CSV, and one GeoPackage of all layers.

Only the fields the registry marks public are written (never ``contact_phone``, never the
store's internal columns). GeoJSON is RFC 7946 (CRS84) unless VN-2000 / TM-3 (EPSG:9210) is
asked for, in which case it carries the legacy ``crs`` member that GDAL and QGIS read. The CSV
is UTF-8 with a byte-order mark so Excel keeps Vietnamese diacritics; geometry is WKT (in the
chosen CRS) plus ``lon``/``lat`` in WGS 84 of a point on the feature. The GeoPackage is written
by GDAL as version 1.3 so older GDAL and QGIS open it without warnings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection, Field
from geo.model.errors import UnsupportedCRS
from geo.model.feature import Feature
from geo.publish.csv_writer import csv_document
from geo.publish.files import MEDIA_TYPES, ExportedFile
from geo.publish.provenance import write_notes
from geo.spatial import crs
from geo.store.base import Store

GPKG_NAME = "craftmap.gpkg"
# The CRSs files are offered in. Files keep each CRS's axis order, so EPSG:4326 (lat, lon) is
# not offered: it would swap the coordinates of every GIS tool that reads files as x, y.
EXPORT_CRSS = {crs.CRS84: "WGS 84 (CRS84)", crs.EPSG_URI.format(code=9210): "VN-2000 / TM-3 105°45′ (EPSG:9210)"}


def export_crs(uri: str | None) -> str:
    """The normalised CRS of a download or export; ``UnsupportedCRS`` outside ``EXPORT_CRSS``."""
    target = crs.CRS84 if not uri else crs.normalize(uri)
    if target not in EXPORT_CRSS:
        raise UnsupportedCRS(f"Files are offered in {' or '.join(EXPORT_CRSS.values())}.")
    return target
GEOGRAPHIC_DECIMALS = 7
METRIC_DECIMALS = 3
_PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}




def crs_suffix(target_crs: str) -> str:
    """``""`` for CRS84, ``-epsg9210`` for VN-2000 / TM-3, used in file names."""
    uri = crs.normalize(target_crs)
    return "" if uri == crs.CRS84 else "-" + crs.SUPPORTED[uri].replace(":", "").lower()


def file_name(collection_id: str | None, fmt: str, target_crs: str = crs.CRS84) -> str:
    stem = "craftmap" if collection_id is None else collection_id
    return f"{stem}{crs_suffix(target_crs)}.{fmt}"


def _reproject(features: Sequence[Feature], target_crs: str) -> np.ndarray:
    geoms = np.array([f.geometry for f in features], dtype=object)
    if not len(geoms) or crs.normalize(target_crs) == crs.CRS84:
        return shapely.transform(geoms, lambda c: np.round(c, GEOGRAPHIC_DECIMALS)) if len(geoms) else geoms
    out = crs.transform(geoms, crs.CRS84, target_crs)
    decimals = GEOGRAPHIC_DECIMALS if crs.pyproj_crs(target_crs).is_geographic else METRIC_DECIMALS
    rounded: np.ndarray = shapely.transform(out, lambda c: np.round(c, decimals))
    return rounded


def public_properties(collection: Collection, props: Mapping[str, Any]) -> dict[str, Any]:
    """Only the registry's public fields, in registry order (whatever else ``props`` holds)."""
    return {f.name: props.get(f.name) for f in collection.public_fields}


def geojson_bytes(collection: Collection, features: Sequence[Feature], target_crs: str = crs.CRS84) -> bytes:
    """A FeatureCollection of the public fields; RFC 7946 in CRS84, with a ``crs`` member otherwise."""
    geoms = _reproject(features, target_crs)
    texts = shapely.to_geojson(geoms) if len(geoms) else []
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": collection.id, "features": [
        {"type": "Feature", "id": f.id, "geometry": None if t is None else orjson.Fragment(t),
         "properties": public_properties(collection, f.properties)}
        for f, t in zip(features, texts, strict=True)]}
    uri = crs.normalize(target_crs)
    if uri != crs.CRS84:
        code = crs.SUPPORTED[uri].split(":")[1]
        doc = {"type": "FeatureCollection", "name": collection.id,
               "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{code}"}},
               "features": doc["features"]}
    return orjson.dumps(doc)


def _cell(f: Field, value: Any) -> Any:
    """A CSV cell: lists of words joined by "; ", lists of objects as JSON, booleans true/false."""
    if value is None:
        return ""
    if f.type == "array":
        if all(isinstance(v, str | int | float) for v in value):
            return "; ".join(str(v) for v in value)
        return orjson.dumps(value).decode()
    if f.type == "object":
        return orjson.dumps(value).decode()
    if f.type == "boolean":
        return "true" if value else "false"
    return value


def csv_bytes(collection: Collection, features: Sequence[Feature], target_crs: str = crs.CRS84) -> bytes:
    """CSV in UTF-8 with BOM: public fields, ``wkt`` (in ``target_crs``), ``lon``/``lat`` (WGS 84)."""
    fields = collection.public_fields
    geoms = _reproject(features, target_crs)
    rows = []
    for feat, geom in zip(features, geoms, strict=True):
        row = [_cell(f, feat.properties.get(f.name)) for f in fields]
        if feat.geometry is None or feat.geometry.is_empty:
            row += ["", "", ""]
        else:
            point = feat.geometry.representative_point()
            row += [shapely.to_wkt(geom, rounding_precision=-1, trim=True),
                    round(point.x, GEOGRAPHIC_DECIMALS), round(point.y, GEOGRAPHIC_DECIMALS)]
        rows.append(row)
    return csv_document([*(f.name for f in fields), "wkt", "lon", "lat"], rows)


def _frame(collection: Collection, features: Sequence[Feature], target_crs: str) -> gpd.GeoDataFrame:
    columns: dict[str, Any] = {}
    for f in collection.public_fields:
        values = [feat.properties.get(f.name) for feat in features]
        if f.is_json:
            values = [None if v is None else orjson.dumps(v).decode() for v in values]
        dtype = _PANDAS_DTYPES.get(f.type, "object")
        columns[f.name] = pd.array(values, dtype=dtype) if dtype != "object" else pd.Series(values, dtype=object)
    epsg = crs.SUPPORTED[crs.normalize(target_crs)].replace("OGC:CRS84", "EPSG:4326")
    return gpd.GeoDataFrame(columns, geometry=list(_reproject(features, target_crs)), crs=epsg)


def write_gpkg(path: Path, layers: Mapping[str, Sequence[Feature]], target_crs: str = crs.CRS84) -> Path:
    """One GeoPackage (version 1.3) with a layer per collection, public fields only."""
    path.unlink(missing_ok=True)
    for cid in LOAD_ORDER:
        collection = COLLECTIONS[cid]
        _frame(collection, layers.get(cid, ()), target_crs).to_file(
            path, layer=cid, engine="pyogrio", driver="GPKG", geometry_type=collection.geometry_type,
            layer_options={"SPATIAL_INDEX": "YES", "DESCRIPTION": collection.description_en,
                           "IDENTIFIER": collection.title_en},
            dataset_options={"VERSION": "1.3"}, append=path.exists())
    return path


def gpkg_bytes(layers: Mapping[str, Sequence[Feature]], target_crs: str = crs.CRS84) -> bytes:
    """The GeoPackage as bytes, built in a temporary folder (GDAL writes files, not streams)."""
    with tempfile.TemporaryDirectory(prefix="craftmap-export-") as tmp:
        return write_gpkg(Path(tmp) / GPKG_NAME, layers, target_crs).read_bytes()


def read_layers(store: Store) -> dict[str, list[Feature]]:
    """Every collection's public features (the store leaves private fields out)."""
    return {cid: store.read_all(COLLECTIONS[cid]) for cid in LOAD_ORDER}


def write_all(store: Store, out: Path, target_crs: str = crs.CRS84, data_dir: Path | None = None) -> list[
        ExportedFile]:
    """Write every download into ``out``: GeoJSON and CSV per collection, the GeoPackage, the notes."""
    out.mkdir(parents=True, exist_ok=True)
    layers = read_layers(store)
    written: list[ExportedFile] = []
    for cid in LOAD_ORDER:
        for fmt, render in (("geojson", geojson_bytes), ("csv", csv_bytes)):
            name = file_name(cid, fmt, target_crs)
            data = render(COLLECTIONS[cid], layers[cid], target_crs)
            (out / name).write_bytes(data)
            written.append(ExportedFile(name, cid, fmt, MEDIA_TYPES[fmt], len(data)))
    gpkg = write_gpkg(out / file_name(None, "gpkg", target_crs), layers, target_crs)
    written.append(ExportedFile(gpkg.name, None, "gpkg", MEDIA_TYPES["gpkg"], gpkg.stat().st_size))
    if data_dir is not None:
        written += write_notes(out, data_dir)
    return written
