"""The embedded store: one GeoPackage file, read and written through ``sqlite3``.

The file is built by GDAL (pyogrio) so it is a GeoPackage that QGIS and GDAL open,
with GDAL's R-tree index and triggers; craftmap then reads and writes it with plain
SQLite in WAL mode, registering the few SQL functions GDAL's triggers call.
Each layer has two internal columns: ``cm_version`` (the ETag) and ``cm_search``
(folded text for accent-insensitive search).
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import orjson
import pandas as pd
import shapely

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection, Field
from geo.model.errors import DuplicateFeature, FeatureNotFound, InvalidParameter, StoreUnavailable, VersionConflict
from geo.store.base import AuditEntry, Extent, Feature, ItemQuery, Page, Store
from geo.store.codec import filter_index_columns, from_column, search_text, to_column
from geo.store.gpkg import blob as gpkg_blob
from geo.store.gpkg.tokens import TOKENS_SCHEMA, GpkgTokens, copy_tokens
from geo.store.sql.temporal import iso_interval, temporal_clause

log = logging.getLogger(__name__)

INTERNAL_COLUMNS = ("cm_version", "cm_search")
_PANDAS_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS craftmap_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'replace', 'delete')),
  collection TEXT NOT NULL,
  feature_id TEXT NOT NULL,
  version INTEGER,
  before TEXT,
  after TEXT
);
CREATE INDEX IF NOT EXISTS craftmap_audit_feature ON craftmap_audit (collection, feature_id);
CREATE TABLE IF NOT EXISTS craftmap_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _q(name: str) -> str:
    """Quote an identifier; names come from the registry, never from requests."""
    return '"' + name.replace('"', '""') + '"'


def _bbox_hits(blob: bytes | None, minx: float, miny: float, maxx: float, maxy: float) -> int:
    geom = gpkg_blob.decode(blob)
    return int(geom is not None and geom.intersects(shapely.box(minx, miny, maxx, maxy)))


class GpkgStore(GpkgTokens, Store):
    """A GeoPackage file; one SQLite connection per thread."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------
    def _open(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        gpkg_blob.register_functions(conn)
        conn.create_function("cm_bbox_hits", 5, _bbox_hits, deterministic=True)
        from geo.store.gpkg.functions import register as register_filter_functions

        register_filter_functions(conn)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        try:
            inode = self.path.stat().st_ino
        except FileNotFoundError:
            raise StoreUnavailable(f"No store at {self.path}: run 'craftmap load' first.") from None
        if conn is not None and self._local.inode != inode:
            # `craftmap load` swapped in a new file while this process was serving: follow it.
            with self._lock:
                self._conns.remove(conn)
            conn.close()
            conn = None
        if conn is None:
            conn = self._open(self.path)
            self._local.inode = inode
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full, I/O error)
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()
        self._local = threading.local()

    # -- rows --------------------------------------------------------------------------------
    @staticmethod
    def _columns(collection: Collection, include_private: bool) -> list[Field]:
        return list(collection.fields if include_private else collection.public_fields)

    def _select(self, collection: Collection, fields: list[Field]) -> str:
        cols = ", ".join(_q(f.name) for f in fields)
        return f"SELECT geom, cm_version, {cols} FROM {_q(collection.id)}"

    @staticmethod
    def _features(rows: list[tuple[Any, ...]], fields: list[Field]) -> list[Feature]:
        names, converted = _row_layout(tuple(fields))
        geoms = list(gpkg_blob.decode_many([r[0] for r in rows])) if rows else []
        out = []
        for row, geom in zip(rows, geoms, strict=True):
            values = row[2:]
            props = dict(zip(names, values, strict=True))
            for i, f in converted:  # only JSON and boolean columns need decoding
                if values[i] is not None:
                    props[f.name] = from_column(f, values[i])
            out.append(Feature(id=props["id"], geometry=geom, properties=props, version=row[1]))
        return out

    # -- reads -------------------------------------------------------------------------------
    def _where(self, collection: Collection, q: ItemQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        table = collection.id
        if q.bbox is not None:
            minx, miny, maxx, maxy = q.bbox
            clauses.append(
                f"fid IN (SELECT id FROM {_q(f'rtree_{table}_geom')} "
                "WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)"
            )
            params += [maxx, minx, maxy, miny]
            if collection.geometry_type not in ("Point",):
                clauses.append("cm_bbox_hits(geom, ?, ?, ?, ?)")
                params += [minx, miny, maxx, maxy]
        if q.datetime is not None and collection.temporal is not None:
            sql, p = temporal_clause(collection, q.datetime, _q)
            clauses.append(sql)
            params += p
        for name, value in q.properties.items():
            f = collection.field(name)
            if f.type == "array":
                clauses.append(f"EXISTS (SELECT 1 FROM json_each({_q(name)}) WHERE value = ?)")
            else:
                clauses.append(f"{_q(name)} = ?")
            params.append(to_column(f, value) if f.type == "boolean" else value)
        if q.ids is not None:
            clauses.append(f"id IN ({', '.join('?' * len(q.ids))})" if q.ids else "0")
            params += list(q.ids)
        if q.filter is not None:
            from geo.store.sql.filter import to_sqlite

            sql, p = to_sqlite(q.filter, collection)
            clauses.append(sql)
            params += p
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @staticmethod
    def _order(collection: Collection, q: ItemQuery) -> str:
        parts = []
        for name, ascending in q.sortby:
            if name not in collection.field_names or name in collection.private_names:
                raise InvalidParameter(f"Cannot sort by '{name}': not a property of {collection.id}.")
            parts.append(f"{_q(name)} {'ASC' if ascending else 'DESC'}")
        parts.append("fid")
        return " ORDER BY " + ", ".join(parts)

    def query(self, collection: Collection, q: ItemQuery) -> Page:
        where, params = self._where(collection, q)
        fields = self._columns(collection, q.include_private)
        conn = self.conn
        matched = self._count(conn, collection.id, where, params)
        order = self._order(collection, q)
        if q.offset and not q.sortby:
            # Seek instead of skipping: finding the first fid of the page reads only the rowids,
            # so a deep page costs about as much as the first one.
            seek = f"fid >= (SELECT fid FROM {_q(collection.id)}{where} ORDER BY fid LIMIT 1 OFFSET ?)"
            sql = f"{self._select(collection, fields)}{where + ' AND ' if where else ' WHERE '}{seek}{order} LIMIT ?"
            args = [*params, *params, q.offset, q.limit]
        else:
            sql = f"{self._select(collection, fields)}{where}{order} LIMIT ? OFFSET ?"
            args = [*params, q.limit, q.offset]
        rows = conn.execute(sql, args).fetchall() if q.limit > 0 else []
        return Page(features=self._features(rows, fields), number_matched=matched)

    @staticmethod
    def _count(conn: sqlite3.Connection, table: str, where: str, params: list[Any]) -> int:
        """Matches of a query; unfiltered, GDAL's trigger-maintained feature count answers in O(1)."""
        if not where:
            row = conn.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", [table]).fetchone()
            if row is not None and row[0] is not None:
                return int(row[0])
        return int(conn.execute(f"SELECT COUNT(*) FROM {_q(table)}{where}", params).fetchone()[0])

    def get(self, collection: Collection, feature_id: str, include_private: bool = False) -> Feature:
        fields = self._columns(collection, include_private)
        row = self.conn.execute(f"{self._select(collection, fields)} WHERE id = ?", [feature_id]).fetchone()
        if row is None:
            raise FeatureNotFound(f"No feature '{feature_id}' in {collection.id}.")
        return self._features([row], fields)[0]

    def extent(self, collection: Collection) -> Extent:
        conn = self.conn
        row = conn.execute(
            f"SELECT MIN(minx), MIN(miny), MAX(maxx), MAX(maxy) FROM {_q(f'rtree_{collection.id}_geom')}"
        ).fetchone()
        # The R-tree keeps float32 bounds rounded outwards: round outwards again to 6 decimals.
        bbox = None if row[0] is None else (math.floor(row[0] * 1e6) / 1e6, math.floor(row[1] * 1e6) / 1e6,
                                            math.ceil(row[2] * 1e6) / 1e6, math.ceil(row[3] * 1e6) / 1e6)
        interval = None
        if collection.temporal is not None:
            start, end = collection.temporal
            end = end or start
            lo, hi = conn.execute(
                f"SELECT MIN({_q(start)}), MAX({_q(end)}) FROM {_q(collection.id)}"
            ).fetchone()
            interval = iso_interval(collection, lo, hi)
        return Extent(bbox=bbox, interval=interval)

    def counts(self) -> dict[str, int]:
        conn = self.conn
        return {cid: self._count(conn, cid, "", []) for cid in LOAD_ORDER}

    def search(self, terms: Sequence[str], collections: Sequence[Collection], limit: int) -> list[
            tuple[Collection, Feature]]:
        hits: list[tuple[Collection, Feature]] = []
        for collection in collections:
            fields = self._columns(collection, include_private=False)
            where = " AND ".join("cm_search LIKE ? ESCAPE '\\'" for _ in terms) or "1"
            params = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                      for t in terms]
            rows = self.conn.execute(
                f"{self._select(collection, fields)} WHERE {where} ORDER BY fid LIMIT ?", [*params, limit]
            ).fetchall()
            hits += [(collection, f) for f in self._features(rows, fields)]
        return hits

    # -- writes ------------------------------------------------------------------------------
    def _row_values(self, collection: Collection, feature: Feature) -> dict[str, Any]:
        values = {f.name: to_column(f, feature.properties.get(f.name)) for f in collection.fields}
        values["geom"] = gpkg_blob.encode(feature.geometry)
        values["cm_search"] = search_text(collection, feature.properties)
        return values

    def _current(self, conn: sqlite3.Connection, collection: Collection, feature_id: str) -> Feature | None:
        fields = list(collection.fields)
        row = conn.execute(f"{self._select(collection, fields)} WHERE id = ?", [feature_id]).fetchone()
        return None if row is None else self._features([row], fields)[0]

    @staticmethod
    def _snapshot(feature: Feature | None) -> str | None:
        if feature is None:
            return None
        geometry = None if feature.geometry is None else orjson.loads(shapely.to_geojson(feature.geometry))
        return orjson.dumps({"geometry": geometry, "properties": feature.properties}).decode()

    def _audit(self, conn: sqlite3.Connection, action: str, *, collection: Collection, feature_id: str,
               version: int | None, before: Feature | None, after: Feature | None, actor: str) -> None:
        conn.execute(
            "INSERT INTO craftmap_audit (at, actor, action, collection, feature_id, version, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_now(), actor, action, collection.id, feature_id, version, self._snapshot(before),
             self._snapshot(after)],
        )

    def create(self, collection: Collection, feature: Feature, actor: str) -> Feature:
        values = self._row_values(collection, feature)
        with self._write() as conn:
            if conn.execute(f"SELECT 1 FROM {_q(collection.id)} WHERE id = ?", [feature.id]).fetchone():
                raise DuplicateFeature(f"A feature '{feature.id}' already exists in {collection.id}.")
            # A re-created id continues the numbering of its deleted predecessor, so an ETag from before
            # the deletion can never match the new record.
            version = conn.execute(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM craftmap_audit WHERE collection = ? AND feature_id = ?",
                [collection.id, feature.id]).fetchone()[0]
            values["cm_version"] = version
            cols = ", ".join(_q(c) for c in values)
            conn.execute(f"INSERT INTO {_q(collection.id)} ({cols}) VALUES ({', '.join('?' * len(values))})",
                         list(values.values()))
            created = Feature(feature.id, feature.geometry, dict(feature.properties), version)
            self._audit(conn, "create", collection=collection, feature_id=feature.id, version=version, before=None,
                        after=created, actor=actor)
        return created

    def replace(self, collection: Collection, feature: Feature, if_version: int, actor: str) -> Feature:
        values = self._row_values(collection, feature)
        sets = ", ".join(f"{_q(c)} = ?" for c in values)
        with self._write() as conn:
            before = self._current(conn, collection, feature.id)
            if before is None:
                raise FeatureNotFound(f"No feature '{feature.id}' in {collection.id}.")
            if before.version != if_version:
                raise VersionConflict(
                    f"'{feature.id}' is at version {before.version}, not {if_version}: reload and retry.",
                    current_version=before.version)
            conn.execute(f"UPDATE {_q(collection.id)} SET {sets}, cm_version = cm_version + 1 WHERE id = ?",
                         [*values.values(), feature.id])
            after = Feature(feature.id, feature.geometry, dict(feature.properties), if_version + 1)
            self._audit(conn, "replace", collection=collection, feature_id=feature.id, version=after.version,
                        before=before, after=after, actor=actor)
        return after

    def delete(self, collection: Collection, feature_id: str, if_version: int, actor: str) -> None:
        with self._write() as conn:
            before = self._current(conn, collection, feature_id)
            if before is None:
                raise FeatureNotFound(f"No feature '{feature_id}' in {collection.id}.")
            if before.version != if_version:
                raise VersionConflict(
                    f"'{feature_id}' is at version {before.version}, not {if_version}: reload and retry.",
                    current_version=before.version)
            conn.execute(f"DELETE FROM {_q(collection.id)} WHERE id = ?", [feature_id])
            # The deletion takes the next version: re-creating the id continues from there.
            self._audit(conn, "delete", collection=collection, feature_id=feature_id, version=if_version + 1,
                        before=before,
                        after=None, actor=actor)

    def create_many(self, collection: Collection, features: Sequence[Feature], actor: str,
                    progress: Callable[[int], None] | None = None) -> int:
        if not features:
            return 0
        names = [*(f.name for f in collection.fields), "geom", "cm_search", "cm_version"]
        insert = (f"INSERT INTO {_q(collection.id)} ({', '.join(_q(c) for c in names)}) "
                  f"VALUES ({', '.join('?' * len(names))})")
        audit = ("INSERT INTO craftmap_audit (at, actor, action, collection, feature_id, version, before, "
                 "after) VALUES (?, ?, 'create', ?, ?, ?, NULL, ?)")
        with self._write() as conn:
            for start in range(0, len(features), 1000):
                chunk = features[start:start + 1000]
                ids = [f.id for f in chunk]
                taken = conn.execute(f"SELECT id FROM {_q(collection.id)} WHERE id IN "
                                     f"({', '.join('?' * len(ids))}) LIMIT 1", ids).fetchone()
                if taken:
                    raise DuplicateFeature(f"A feature '{taken[0]}' already exists in {collection.id}.")
                # Ids deleted earlier continue their numbering, as in ``create``.
                last = dict(conn.execute(
                    "SELECT feature_id, MAX(version) FROM craftmap_audit WHERE collection = ? AND feature_id IN "
                    f"({', '.join('?' * len(ids))}) GROUP BY feature_id", [collection.id, *ids]).fetchall())
                versions = [(last.get(f.id) or 0) + 1 for f in chunk]
                conn.executemany(insert, [[*self._row_values(collection, f).values(), v]
                                          for f, v in zip(chunk, versions, strict=True)])
                at = _now()
                conn.executemany(audit, [[at, actor, collection.id, f.id, v, self._snapshot(f)]
                                         for f, v in zip(chunk, versions, strict=True)])
                if progress is not None:
                    progress(start + len(chunk))
        return len(features)

    # -- audit -------------------------------------------------------------------------------
    @staticmethod
    def _entry(row: tuple[Any, ...]) -> AuditEntry:
        before, after = row[7], row[8]
        return AuditEntry(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                          orjson.loads(before) if before else None, orjson.loads(after) if after else None)

    def history(self, collection: Collection, feature_id: str) -> list[AuditEntry]:
        rows = self.conn.execute(
            "SELECT * FROM craftmap_audit WHERE collection = ? AND feature_id = ? ORDER BY seq",
            [collection.id, feature_id]).fetchall()
        return [self._entry(r) for r in rows]

    def audit_log(self, limit: int, offset: int) -> list[AuditEntry]:
        rows = self.conn.execute("SELECT * FROM craftmap_audit ORDER BY seq DESC LIMIT ? OFFSET ?",
                                 [limit, offset]).fetchall()
        return [self._entry(r) for r in rows]

    # -- bulk load ---------------------------------------------------------------------------
    def load_all(self, data: Mapping[str, Sequence[Feature]]) -> dict[str, int]:
        """Build the whole file beside the old one, check it, then swap it in with one rename."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".building-{os.getpid()}-{self.path.name}")
        tmp.unlink(missing_ok=True)
        try:
            for cid in LOAD_ORDER:
                _write_layer(tmp, COLLECTIONS[cid], data.get(cid, ()))
            conn = self._open(tmp)
            try:
                conn.executescript(_SCHEMA + TOKENS_SCHEMA)
                if self.path.exists():  # tokens survive a reload of the data
                    with suppress(sqlite3.DatabaseError):
                        conn.executemany("INSERT INTO craftmap_tokens VALUES (?, ?, ?, ?, ?)",
                                         list(copy_tokens(self.conn)))
                conn.execute("INSERT OR REPLACE INTO craftmap_meta VALUES ('loaded_at', ?)", [_now()])
                for cid in LOAD_ORDER:
                    conn.execute(f"CREATE UNIQUE INDEX {_q(cid + '_id')} ON {_q(cid)} (id)")
                    # A compact copy of the rowids: deep pages skip through it instead of the table.
                    conn.execute(f"CREATE INDEX {_q(cid + '_fid')} ON {_q(cid)} (fid)")
                    for name in filter_index_columns(COLLECTIONS[cid]):
                        conn.execute(f"CREATE INDEX {_q(f'{cid}_{name}')} ON {_q(cid)} ({_q(name)})")
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise StoreUnavailable("The new store failed SQLite's integrity check.")
                counts = {cid: conn.execute(f"SELECT COUNT(*) FROM {_q(cid)}").fetchone()[0] for cid in LOAD_ORDER}
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            self.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
        return counts


@lru_cache(maxsize=64)
def _row_layout(fields: tuple[Field, ...]) -> tuple[list[str], list[tuple[int, Field]]]:
    """Column names, and the positions of the columns whose values need decoding."""
    names = [f.name for f in fields]
    converted = [(i, f) for i, f in enumerate(fields) if f.is_json or f.type in ("boolean", "date")]
    return names, converted


def _write_layer(path: Path, collection: Collection, features: Sequence[Feature]) -> None:
    """Write one layer with GDAL so the file carries GDAL's R-tree, triggers and metadata."""
    columns: dict[str, Any] = {}
    for f in collection.fields:
        values = [to_column(f, feat.properties.get(f.name)) for feat in features]
        dtype = _PANDAS_DTYPES.get(f.type, "object")
        columns[f.name] = pd.array(values, dtype=dtype) if dtype != "object" else pd.Series(values, dtype=object)
    columns["cm_version"] = pd.array([feat.version for feat in features], dtype="Int64")
    columns["cm_search"] = pd.Series([search_text(collection, feat.properties) for feat in features],
                                     dtype=object)
    frame = gpd.GeoDataFrame(columns, geometry=[feat.geometry for feat in features], crs="EPSG:4326")
    frame.to_file(
        path, layer=collection.id, engine="pyogrio", driver="GPKG", geometry_type=collection.geometry_type,
        layer_options={"FID": "fid", "GEOMETRY_NAME": "geom", "SPATIAL_INDEX": "YES",
                       "DESCRIPTION": collection.description_en, "IDENTIFIER": collection.title_en},
        dataset_options={"VERSION": "1.3"}, append=path.exists(),
    )
