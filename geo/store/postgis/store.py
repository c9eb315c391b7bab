"""The multi-user store: PostgreSQL + PostGIS through psycopg 3 and a connection pool.

It behaves like the GeoPackage store (same contract tests): one table per collection with
the registry's columns, ``cm_version`` (the ETag) and ``cm_search`` (folded text); geometries
in EPSG:4326 with a GiST index, exchanged as WKB. Writes lock the row (``SELECT … FOR
UPDATE``), check the version and write the audit row in the same transaction, so several
stateless API workers can share one database without lost updates.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
import psycopg
from psycopg import errors as pg_errors
from psycopg.types.json import set_json_dumps, set_json_loads
from psycopg_pool import ConnectionPool, PoolTimeout

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection
from geo.model.errors import StoreUnavailable
from geo.model.feature import Feature
from geo.spatial.tiles import Tile
from geo.store.postgis import schema as pg_schema
from geo.store.postgis import tiles as postgis_tiles
from geo.store.postgis.dialect import POSTGIS
from geo.store.postgis.dialect import reason as _reason
from geo.store.postgis.schema import q as _q
from geo.store.sql.filter import Sql
from geo.store.sql.store import SqlStore

log = logging.getLogger(__name__)


def _dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Per connection: orjson for jsonb, and no JIT: compiling a plan costs more than a page query
    (counts over 100,000 rows crossed ``jit_above_cost`` and took 40 ms instead of 10)."""
    set_json_loads(orjson.loads, conn)
    set_json_dumps(_dumps, conn)
    conn.execute("SET jit = off")


class PostgisStore(SqlStore):
    """A PostGIS database; a pool of connections shared by the worker's threads."""

    dialect = POSTGIS

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.url = url
        self.pool_size = pool_size
        self._pool: ConnectionPool | None = None
        self._lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending schema migrations (also done on first use); return the versions applied."""
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
                return pg_schema.migrate(conn)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"Cannot reach the PostGIS database: {_reason(exc)}") from None

    def _get_pool(self) -> ConnectionPool:
        pool = self._pool
        if pool is not None:
            return pool
        with self._lock:
            if self._pool is None:
                self.migrate()
                pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size, open=False,
                                      configure=_configure, kwargs={"autocommit": True},
                                      name="craftmap", timeout=30)
                try:
                    pool.open(wait=True, timeout=15)
                except PoolTimeout:
                    pool.close()
                    raise StoreUnavailable("Cannot open connections to the PostGIS database.") from None
                self._pool = pool
            return self._pool

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; database failures become domain errors."""
        try:
            with self._get_pool().connection() as conn:
                yield conn
        except pg_errors.UndefinedTable:
            raise StoreUnavailable("The PostGIS store has no data yet: run 'craftmap load' first.") from None
        except PoolTimeout:
            raise StoreUnavailable("The PostGIS database is busy: no connection available.") from None
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"The PostGIS database failed: {_reason(exc)}") from None

    _read = _conn

    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[Any]]:
        with self._conn() as conn, conn.transaction():
            yield conn

    def _tile(self, conn: Any, collection: Collection, t: Tile, condition: Sql) -> bytes:
        return postgis_tiles.encode(self.dialect, conn, collection, t, condition)

    def _thinned(self, conn: Any, collection: Collection, t: Tile, condition: Sql) -> bytes:
        return postgis_tiles.thinned(self.dialect, conn, collection, t, condition)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    # -- bulk load ---------------------------------------------------------------------------
    def load_all(self, data: Mapping[str, Sequence[Feature]]) -> dict[str, int]:
        """Drop, rebuild (COPY) and index every table in one transaction: readers see old or new."""
        from geo.store.postgis.load import copy_collection

        with self._write() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [pg_schema.LOAD_LOCK_KEY])
            for cid in LOAD_ORDER:
                collection = COLLECTIONS[cid]
                conn.execute(f"DROP TABLE IF EXISTS {_q(cid)}")
                for sql in pg_schema.create_table_sql(collection, cid):
                    conn.execute(sql)
                copy_collection(conn, collection, data.get(cid, ()))
                for sql in [*pg_schema.index_sql(collection), *pg_schema.count_sql(collection)]:
                    conn.execute(sql)
                conn.execute(f"ANALYZE {_q(cid)}")
            # Like the GeoPackage store, a load starts a new store: the audit trail starts afresh.
            conn.execute("TRUNCATE craftmap_audit RESTART IDENTITY")
            conn.execute("INSERT INTO craftmap_meta VALUES ('loaded_at', now()::text) "
                         "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
            counts = {cid: conn.execute(f"SELECT count(*) FROM {_q(cid)}").fetchone()[0]  # type: ignore[index]
                      for cid in LOAD_ORDER}
        return counts
