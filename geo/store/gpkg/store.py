"""The embedded store: one GeoPackage file, read and written through ``sqlite3``.

The file is built by GDAL (pyogrio) so it is a GeoPackage that QGIS and GDAL open,
with GDAL's R-tree index and triggers; craftmap then reads and writes it with plain
SQLite in WAL mode, registering the few SQL functions GDAL's triggers call.
Each layer has two internal columns: ``cm_version`` (the ETag) and ``cm_search``
(folded text for accent-insensitive search).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection
from geo.model.errors import StoreUnavailable
from geo.model.feature import Feature
from geo.spatial.tiles import Tile
from geo.store.codec import filter_index_columns, search_text, to_column
from geo.store.gpkg import blob as gpkg_blob
from geo.store.gpkg import tiles as gpkg_tiles
from geo.store.gpkg.dialect import GPKG
from geo.store.gpkg.functions import register as register_filter_functions
from geo.store.gpkg.tokens import TOKENS_SCHEMA, copy_sources, copy_tokens, copy_users, ensure_tokens
from geo.store.sql.filter import Sql
from geo.store.sql.store import SqlStore

log = logging.getLogger(__name__)

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
    return GPKG.quote(name)


class GpkgStore(SqlStore):
    """A GeoPackage file; one SQLite connection per thread."""

    dialect = GPKG
    _tokens_ready = False

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------
    def _open(self, path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        gpkg_blob.register_functions(conn)
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
    def _read(self) -> Iterator[sqlite3.Connection]:
        yield self.conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")  # the write lock first: what the checks read stays true
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (disk full, I/O error)
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _tile(self, conn: Any, collection: Collection, t: Tile, condition: Sql) -> bytes:
        return gpkg_tiles.encode(self.dialect, conn, collection, t, condition)

    def _matched(self, conn: Any, collection: Collection, t: Tile, condition: Sql, rest: Sql) -> int:
        if rest[0] or collection.geometry_type != "Point":
            return super()._matched(conn, collection, t, condition, rest)
        return gpkg_tiles.matched(self.dialect, conn, collection, t)

    def _thinned(self, conn: Any, collection: Collection, t: Tile, condition: Sql) -> bytes:
        return gpkg_tiles.thinned(self.dialect, conn, collection, t, condition)

    def _ensure_tokens(self, conn: sqlite3.Connection) -> None:
        if not self._tokens_ready:
            ensure_tokens(conn)
            self._tokens_ready = True

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()
        self._local = threading.local()

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
                if self.path.exists():  # tokens, accounts and sources survive a reload of the data
                    with suppress(sqlite3.DatabaseError):
                        conn.executemany("INSERT INTO craftmap_tokens VALUES (?, ?, ?, ?, ?)",
                                         list(copy_tokens(self.conn)))
                        conn.executemany("INSERT INTO craftmap_users VALUES (?, ?, ?, ?, ?)",
                                         list(copy_users(self.conn)))
                        conn.executemany("INSERT INTO craftmap_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         list(copy_sources(self.conn)))
                conn.execute("INSERT OR REPLACE INTO craftmap_meta VALUES ('loaded_at', ?)", [_now()])
                # loaded_at keeps seconds; two loads in one second still get different data versions.
                conn.execute("INSERT OR REPLACE INTO craftmap_meta VALUES ('load_id', ?)", [uuid.uuid4().hex])
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
