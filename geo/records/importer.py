"""``craftmap import`` and ``POST /collections/{id}/import``: files in, checked records out.

Reads GeoJSON, GeoPackage, zipped Shapefile and CSV (``lon``/``lat``, ``x``/``y`` or ``wkt``
columns) in CRS84 / EPSG:4326 or VN-2000 (EPSG:3405, EPSG:9210), reprojects to CRS84, checks
every row exactly as ``craftmap load`` does, and writes all rows in one transaction — or
none, with a report naming each bad row, field and problem. Files store coordinates in
x = east / longitude order whatever the CRS's authority axis order (as GDAL reads them).
"""

from __future__ import annotations

import csv
import io
import itertools
import logging
import math
import zipfile
from collections.abc import Callable, Iterator
from collections.abc import Collection as Container
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import shapely

from geo.model.collections import Collection, Field
from geo.model.errors import ImportFailed, InvalidFeature, InvalidParameter, MalformedBody, UnsupportedCRS
from geo.model.feature import Feature
from geo.model.limits import DEFAULT_LIMITS, Limits
from geo.records.editing import LinkResolver, check_feature, links_hold
from geo.records.import_limits import check_gpkg_tables, check_row_count, check_size, check_zip, public_message
from geo.spatial import crs
from geo.store.base import Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``; phases are ``check`` and ``write``."""

FORMATS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".zip": "shapefile", ".csv": "csv"}
MAX_REPORTED = 1000  # a report names at most this many problems (and says how many there were)
_IGNORED_COLUMNS = {"fid", "cm_version", "cm_search", "geometry", "lon", "lat", "x", "y", "wkt"}
_TRUE = {"true", "1", "yes", "có", "co", "x"}
_FALSE = {"false", "0", "no", "không", "khong", ""}


@dataclass(frozen=True)
class Row:
    """One record as read: its 1-based row (CSV: line number) and a GeoJSON Feature dict in CRS84."""

    row: int
    raw: dict[str, Any]


@dataclass(frozen=True)
class ImportReport:
    collection: str
    format: str
    crs: str
    count: int
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detected:
    """The CRS a file is read in and how it was found: ``file`` (declared in it), ``given`` (``--crs``)
    or ``default`` (the format's: RFC 7946 GeoJSON and lon/lat CSV columns are CRS84)."""

    uri: str
    how: str


def _file_crs(declared: str | None, given: str | None, default: str | None) -> Detected:
    """The CRS to read with: the file's own, else ``--crs``, else the format's default."""
    if declared and given and crs.normalize(declared) != crs.normalize(given):
        raise UnsupportedCRS(f"The file declares {declared} but --crs says {given}.")
    chosen = declared or given or default
    if chosen is None:
        raise UnsupportedCRS("The file declares no CRS: give one (EPSG:4326, EPSG:3405 or EPSG:9210).")
    how = "file" if declared else "given" if given else "default"
    return Detected(crs.normalize(chosen), how)  # UnsupportedCRS for anything craftmap does not serve


def _xy_to_crs84(geoms: list[Any], uri: str) -> list[Any]:
    """Reproject geometries in x = east order; EPSG:4326 in that order is already CRS84."""
    if uri in (crs.CRS84, crs.EPSG_URI.format(code=4326)):
        return geoms
    return list(crs.transform(np.asarray(geoms, dtype=object), uri, crs.CRS84))


def coerce(f: Field, value: Any) -> Any:
    """A cell of a text or GDAL table to the field's JSON type; a cell that does not convert is
    kept as is so validation reports it with the field name."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, datetime | date):
        return value.isoformat()[:10] if f.type == "date" else value.isoformat()
    if isinstance(value, str):
        value = value.strip()
        if value == "" and f.type != "boolean":
            return None
    text = value if isinstance(value, str) else None
    try:
        if f.type == "integer" and text is not None:
            return int(text)
        if f.type == "integer" and isinstance(value, float) and value.is_integer():
            return int(value)
        if f.type == "number" and text is not None:
            return float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
        if f.type in ("array", "object") and text is not None and text[:1] in "[{":
            return orjson.loads(text)
    except (ValueError, orjson.JSONDecodeError):
        return value
    if f.type == "boolean" and text is not None and text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    if f.type == "boolean" and isinstance(value, int) and value in (0, 1):
        return bool(value)
    if f.type == "array" and text is not None:
        return [part.strip() for part in text.replace("|", ";").split(";") if part.strip()]
    return value


def _column_map(collection: Collection, columns: list[str]) -> dict[str, str]:
    """File column → field name; Shapefile's 10-character truncations are recognised."""
    out: dict[str, str] = {}
    for col in columns:
        if col in collection.field_names:
            out[col] = col
        elif col.lower() not in _IGNORED_COLUMNS:
            matches = [n for n in collection.field_names if len(col) == 10 and n[:10] == col]
            out[col] = matches[0] if len(matches) == 1 else col
    return out


def _properties(collection: Collection, cells: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    names = set(collection.field_names)
    return {name: coerce(collection.field(name), cells[col]) if name in names else cells[col]
            for col, name in mapping.items()}


def _geojson_rows(collection: Collection, data: bytes, given: str | None) -> tuple[list[Row], Detected]:
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise MalformedBody(f"The file is not valid JSON: {exc}") from None
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(
            doc.get("features"), list):
        raise MalformedBody("The file is not a GeoJSON FeatureCollection.")
    check_row_count(len(doc["features"]))
    member = doc.get("crs")
    props = member.get("properties") if isinstance(member, dict) else None
    named = props.get("name") if isinstance(props, dict) else None
    if isinstance(named, str) and named.startswith("urn:ogc:def:crs:"):
        named = named.removeprefix("urn:ogc:def:crs:").replace("::", ":")  # EPSG::9210 → EPSG:9210
        named = "CRS84" if named.endswith("CRS84") else named
    detected = _file_crs(named if isinstance(named, str) else None, given, crs.CRS84)
    uri = detected.uri
    rows = [Row(i, _loosely_typed(collection, f) if isinstance(f, dict) else {"type": None})
            for i, f in enumerate(doc["features"], 1)]
    geoms = [read_geometry(r.raw.get("geometry")) for r in rows]
    if uri not in (crs.CRS84, crs.EPSG_URI.format(code=4326)):
        done = _xy_to_crs84([g for g in geoms if g is not None], uri)
        it = iter(done)
        for r, g in zip(rows, geoms, strict=True):
            if g is not None:
                r.raw["geometry"] = orjson.loads(shapely.to_geojson(next(it)))
    return rows, detected


def _loosely_typed(collection: Collection, raw: dict[str, Any]) -> dict[str, Any]:
    """GIS tools export lists and numbers as text (``"a; b"``, ``"12"``): convert them as for CSV.

    They also write their own row number as the feature ``id``: ``properties.id`` wins over it.
    """
    props = raw.get("properties")
    if not isinstance(props, dict):
        return raw
    names = set(collection.field_names)
    out = {**raw, "properties": {k: coerce(collection.field(k), v) if k in names else v
                                 for k, v in props.items()}}
    if props.get("id") is not None:
        out.pop("id", None)
    return out


def read_geometry(raw: Any) -> Any:
    try:
        return shapely.from_geojson(orjson.dumps(raw)) if isinstance(raw, dict) else None
    except (shapely.errors.GEOSException, ValueError, TypeError):
        return None  # left as is: validation names the problem


def _csv_rows(collection: Collection, data: bytes, given: str | None,
              limits: Limits = DEFAULT_LIMITS) -> tuple[list[Row], Detected]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MalformedBody("The CSV file is not UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    cols = [c.strip() for c in reader.fieldnames or []]
    lower = {c.lower(): c for c in cols}
    xy = next(((lower[a], lower[b]) for a, b in (("lon", "lat"), ("longitude", "latitude"), ("x", "y"))
               if a in lower and b in lower), None)
    if xy is None and "wkt" not in lower:
        raise MalformedBody("The CSV needs lon and lat (or x and y, or wkt) columns.")
    detected = _file_crs(None, given, crs.CRS84 if xy and xy[0].lower() != "x" else None)
    mapping = _column_map(collection, cols)
    rows, geoms = [], []
    try:
        records = list(itertools.islice(reader, limits.max_import_rows + 1))
    except csv.Error as exc:
        raise MalformedBody(f"The CSV cannot be read at line {reader.line_num}: {exc}") from None
    check_row_count(len(records), limits)
    for line, cells in enumerate(records, start=2):
        rec = {k.strip(): v for k, v in cells.items() if k is not None}
        geoms.append(_csv_geometry(rec, xy, lower.get("wkt")))
        rows.append(Row(line, {"type": "Feature", "properties": _properties(collection, rec, mapping)}))
    return _attach(rows, geoms, detected.uri), detected


def _csv_geometry(rec: dict[str, Any], xy: tuple[str, str] | None, wkt: str | None) -> Any:
    try:
        if wkt and (rec.get(wkt) or "").strip():
            return shapely.from_wkt(rec[wkt])
        if xy and (rec.get(xy[0]) or "").strip():
            return shapely.Point(float(rec[xy[0]].replace(",", ".")), float(rec[xy[1]].replace(",", ".")))
    except (ValueError, TypeError, shapely.errors.GEOSException):
        return "unreadable"
    return None


def _attach(rows: list[Row], geoms: list[Any], uri: str) -> list[Row]:
    """Reproject the readable geometries in one pass and put GeoJSON into each row."""
    good = [i for i, g in enumerate(geoms) if g is not None and not isinstance(g, str)]
    moved = _xy_to_crs84([geoms[i] for i in good], uri) if good else []
    texts = shapely.to_geojson(np.asarray(moved, dtype=object)) if good else []
    for i, text in zip(good, texts, strict=True):
        rows[i].raw["geometry"] = orjson.loads(text) if text is not None else None
    for i, g in enumerate(geoms):
        if isinstance(g, str):
            rows[i].raw["geometry"] = {"type": "Unreadable", "coordinates": []}
        elif g is None:
            rows[i].raw["geometry"] = None
    return rows


def _gdal_rows(collection: Collection, path: Path, source: str, given: str | None) -> tuple[list[Row], Detected]:
    import pyogrio

    if path.suffix.lower() == ".gpkg":
        check_gpkg_tables(path)
    try:
        layers = [name for name, _ in pyogrio.list_layers(source)]
        layer = collection.id if collection.id in layers else layers[0] if len(layers) == 1 else None
        if layer is None:
            raise InvalidParameter(f"The file has layers {', '.join(layers)}: name one '{collection.id}'.")
        check_row_count(pyogrio.read_info(source, layer=layer)["features"])
        frame = pyogrio.read_dataframe(source, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.CRSError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError, pyogrio.errors.FeatureError,
            RuntimeError, ValueError) as exc:
        raise MalformedBody(f"GDAL cannot read the file: {public_message(exc, path)}") from None
    epsg = frame.crs.to_epsg() if frame.crs is not None else None
    declared = None if frame.crs is None else f"EPSG:{epsg}" if epsg else frame.crs.to_string()
    if declared == "EPSG:4326" and given and crs.normalize(given) == crs.CRS84:
        declared = given
    detected = _file_crs(declared, given, None)
    cols = [c for c in frame.columns if c != frame.geometry.name]
    mapping = _column_map(collection, cols)
    records = frame[cols].to_dict("records")
    rows = [Row(i, {"type": "Feature", "properties": _properties(collection, rec, mapping)})
            for i, rec in enumerate(records, start=1)]
    return _attach(rows, list(frame.geometry.array), detected.uri), detected


def _shapefile_source(path: Path, collection: Collection) -> str:
    check_zip(path)
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".shp")]
    if not names:
        raise MalformedBody("The .zip file holds no .shp file.")
    chosen = next((n for n in names if Path(n).stem == collection.id), names[0] if len(names) == 1 else None)
    if chosen is None:
        raise InvalidParameter(f"The zip holds {len(names)} shapefiles: name one '{collection.id}.shp'.")
    return f"/vsizip/{path}/{chosen}"


def read_rows(path: Path, collection: Collection, given_crs: str | None = None
              ) -> tuple[list[Row], str, Detected]:
    """Rows of a file in CRS84, the format name and the CRS it was read in (and how that was found)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise MalformedBody(f"Cannot import '{path.suffix}' files: use {', '.join(sorted(FORMATS))}.")
    check_size(path)
    if fmt == "geojson":
        rows, detected = _geojson_rows(collection, path.read_bytes(), given_crs)
    elif fmt == "csv":
        rows, detected = _csv_rows(collection, path.read_bytes(), given_crs)
    elif fmt == "shapefile":
        rows, detected = _gdal_rows(collection, path, _shapefile_source(path, collection), given_crs)
    else:
        rows, detected = _gdal_rows(collection, path, str(path), given_crs)
    return rows, fmt, detected


def _problems(row: Row, fid: Any, problems: list[dict[str, str]]) -> Iterator[dict[str, Any]]:
    for p in problems:
        yield {"row": row.row, "id": fid if isinstance(fid, str) else None, **p}


def judge_rows(collection: Collection, rows: list[Row], store: Store, sources: Container[str],
           progress: Progress | None = None) -> tuple[list[Feature], list[dict[str, Any]]]:
    """Every row checked: the records that passed and every problem by row and field (nothing written;
    ``geo.records.import_preview`` shows the same findings before an import)."""
    links = LinkResolver(store, sources)
    for f in collection.fields:
        if f.link and f.link != "sources":
            refs = [r.raw.get("properties", {}).get(f.name) for r in rows if isinstance(r.raw.get("properties"),
                                                                                         dict)]
            links.prefetch(f.link, [x for v in refs for x in (v if isinstance(v, list) else [v])])
    links.prefetch(collection.id, [r.raw.get("properties", {}).get("id") for r in rows
                                   if isinstance(r.raw.get("properties"), dict)])
    features: list[Feature] = []
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, start=1):
        props = row.raw.get("properties")
        fid = props.get("id", row.raw.get("id")) if isinstance(props, dict) else row.raw.get("id")
        try:
            feature = check_feature(collection, row.raw, links)
        except InvalidFeature as exc:
            errors += _problems(row, fid, exc.errors)
        else:
            if feature.id in seen:
                errors += _problems(row, fid, [{"field": "id", "problem": f"repeats row {seen[feature.id]}"}])
            elif links.exists(collection.id, feature.id):
                errors += _problems(row, fid, [{"field": "id", "problem": f"already exists in {collection.id}"}])
            seen.setdefault(feature.id, row.row)
            features.append(feature)
        if progress is not None and (n % 500 == 0 or n == len(rows)):
            progress("check", n, len(rows))
    return features, errors


def check_rows(collection: Collection, rows: list[Row], store: Store, sources: Container[str],
               progress: Progress | None = None) -> list[Feature]:
    """Every row checked; ``ImportFailed`` lists (up to ``MAX_REPORTED``) problems by row and field."""
    features, errors = judge_rows(collection, rows, store, sources, progress)
    if errors:
        shown = errors[:MAX_REPORTED]
        more = f" (the first {MAX_REPORTED} are listed)" if len(errors) > MAX_REPORTED else ""
        raise ImportFailed(f"{len(errors)} problem(s) in {len({e['row'] for e in errors})} row(s){more}; "
                           "nothing was imported. First: row "
                           f"{shown[0]['row']}: {shown[0]['field']} {shown[0]['problem']}", shown)
    return features


def import_file(path: Path, collection: Collection, store: Store, *, actor: str, sources: Container[str],
                given_crs: str | None = None, progress: Progress | None = None) -> ImportReport:
    """Read, check and write a whole file, or nothing."""
    from geo.records.editing import ensure_editable

    ensure_editable(collection)
    rows, fmt, detected = read_rows(path, collection, given_crs)
    if not rows:
        raise ImportFailed("The file holds no records.", [{"row": "0", "field": "(file)", "problem": "is empty"}])
    features = check_rows(collection, rows, store, sources, progress)
    total = len(features)
    count = store.create_many(collection, features, actor,
                              None if progress is None else lambda done: progress("write", done, total),
                              links_hold(collection, features, sources))
    log.info("imported %d %s from %s by %s", count, collection.id, path.name, actor)
    return ImportReport(collection.id, fmt, detected.uri, count, tuple(f.id for f in features))
