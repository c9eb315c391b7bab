"""The multi-user store: PostgreSQL + PostGIS through psycopg 3 and a connection pool.

It behaves like the GeoPackage store (same contract tests): one table per collection with
the registry's columns, ``cm_version`` (the ETag) and ``cm_search`` (folded text); geometries
in EPSG:4326 with a GiST index, exchanged as WKB. Writes lock the row (``SELECT … FOR
UPDATE``), check the version and write the audit row in the same transaction, so several
stateless API workers can share one database without lost updates.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC
from typing import Any

import numpy as np
import orjson
import psycopg
import shapely
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb, set_json_dumps, set_json_loads
from psycopg_pool import ConnectionPool, PoolTimeout

from geo.model.collections import COLLECTIONS, LOAD_ORDER, Collection, Field
from geo.model.errors import (
    DuplicateFeature,
    FeatureNotFound,
    InvalidFilter,
    InvalidParameter,
    StoreUnavailable,
    VersionConflict,
)
from geo.store.base import AuditEntry, Extent, Feature, ItemQuery, Page, Store
from geo.store.postgis import schema as pg_schema
from geo.store.postgis.codec import from_pg, row_values, snapshot, to_pg, wkb
from geo.store.postgis.schema import q as _q
from geo.store.postgis.tokens import PgTokens
from geo.store.sql.temporal import iso_interval, temporal_clause

log = logging.getLogger(__name__)

_TEXT_TYPES = ("string", "date")


def _dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Per connection: orjson for jsonb, and no JIT: compiling a plan costs more than a page query
    (counts over 100,000 rows crossed ``jit_above_cost`` and took 40 ms instead of 10)."""
    set_json_loads(orjson.loads, conn)
    set_json_dumps(_dumps, conn)
    conn.execute("SET jit = off")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgisStore(PgTokens, Store):
    """A PostGIS database; a pool of connections shared by the worker's threads."""

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

    @contextmanager
    def _write(self) -> Iterator[psycopg.Connection[Any]]:
        with self._conn() as conn, conn.transaction():
            yield conn

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    # -- rows --------------------------------------------------------------------------------
    @staticmethod
    def _columns(collection: Collection, include_private: bool) -> list[Field]:
        return list(collection.fields if include_private else collection.public_fields)

    @staticmethod
    def _select(collection: Collection, fields: list[Field]) -> str:
        cols = ", ".join(_q(f.name) for f in fields)
        return f"SELECT ST_AsBinary(geom), cm_version, {cols} FROM {_q(collection.id)}"

    @staticmethod
    def _features(rows: Sequence[Sequence[Any]], fields: list[Field], skip: int = 0) -> list[Feature]:
        """Rows (``skip`` leading columns, then geometry, version, fields) as features."""
        geoms = shapely.from_wkb(np.array([r[skip] for r in rows], dtype=object)) if rows else []
        out = []
        for row, geom in zip(rows, geoms, strict=True):
            props = {f.name: from_pg(f, v) for f, v in zip(fields, row[skip + 2:], strict=True)}
            out.append(Feature(id=props["id"], geometry=geom, properties=props, version=row[skip + 1]))
        return out

    # -- reads -------------------------------------------------------------------------------
    def _where(self, collection: Collection, q: ItemQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if q.bbox is not None:
            clauses.append("ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326))")
            params += list(q.bbox)
        if q.datetime is not None and collection.temporal is not None:
            sql, p = temporal_clause(collection, q.datetime, _q)
            clauses.append(sql.replace("?", "%s"))
            params += p
        for name, value in q.properties.items():
            f = collection.field(name)
            if f.is_json:
                clauses.append(f"{_q(name)} @> %s")
                params.append(Jsonb([value]))
            else:
                clauses.append(f"{_q(name)} = %s")
                params.append(to_pg(f, value))
        if q.ids is not None:
            clauses.append("id = ANY(%s)")
            params.append(list(q.ids))
        if q.filter is not None:
            from geo.store.postgis.filter import to_postgis

            sql, p = to_postgis(q.filter, collection)
            clauses.append(sql)
            params += p
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    @staticmethod
    def _order(collection: Collection, q: ItemQuery) -> str:
        """SQLite's order: NULLs first ascending, last descending; text by code point (``C``)."""
        parts = []
        for name, ascending in q.sortby:
            if name not in collection.field_names or name in collection.private_names:
                raise InvalidParameter(f"Cannot sort by '{name}': not a property of {collection.id}.")
            f = collection.field(name)
            expr = f'{_q(name)} COLLATE "C"' if f.type in _TEXT_TYPES else _q(name)
            if f.is_json:
                expr = f'{_q(name)}::text COLLATE "C"'
            parts.append(f"{expr} {'ASC NULLS FIRST' if ascending else 'DESC NULLS LAST'}")
        parts.append("fid")
        return " ORDER BY " + ", ".join(parts)

    def query(self, collection: Collection, q: ItemQuery) -> Page:
        """One statement counts and pages, so both see the same snapshot."""
        where, params = self._where(collection, q)
        fields = self._columns(collection, q.include_private)
        table = _q(collection.id)
        order = self._order(collection, q)
        with self._conn() as conn, _filter_errors(q):
            if not where:
                # Unfiltered: the trigger-kept count, then the page (tables loaded before
                # migration 0003 have no count row and are counted the slow way).
                kept = conn.execute("SELECT n FROM craftmap_counts WHERE collection = %s", [collection.id]).fetchone()
                if kept is not None:
                    rows = conn.execute(f"{self._select(collection, fields)}{order} LIMIT %s OFFSET %s",
                                        [q.limit, q.offset]).fetchall() if q.limit > 0 else []
                    return Page(features=self._features(rows, fields), number_matched=int(kept[0]))
            if q.limit > 0:
                sql = (f"WITH m AS (SELECT count(*) AS n FROM {table}{where}) "
                       f"SELECT (SELECT n FROM m), {self._select(collection, fields).removeprefix('SELECT ')}"
                       f"{where}{order} LIMIT %s OFFSET %s")
                rows = conn.execute(sql, [*params, *params, q.limit, q.offset]).fetchall()
                if rows:
                    return Page(features=self._features(rows, fields, skip=1), number_matched=rows[0][0])
            row = conn.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()
        return Page(features=[], number_matched=row[0] if row else 0)

    def get(self, collection: Collection, feature_id: str, include_private: bool = False) -> Feature:
        fields = self._columns(collection, include_private)
        with self._conn() as conn:
            row = conn.execute(f"{self._select(collection, fields)} WHERE id = %s", [feature_id]).fetchone()
        if row is None:
            raise FeatureNotFound(f"No feature '{feature_id}' in {collection.id}.")
        return self._features([row], fields)[0]

    def extent(self, collection: Collection) -> Extent:
        table = _q(collection.id)
        temporal = ""
        if collection.temporal is not None:
            start, end = collection.temporal
            temporal = f", MIN({_q(start)}), MAX({_q(end or start)})"
        with self._conn() as conn:
            row = conn.execute(
                f"SELECT MIN(ST_XMin(geom)), MIN(ST_YMin(geom)), MAX(ST_XMax(geom)), MAX(ST_YMax(geom))"
                f"{temporal} FROM {table}").fetchone()
        assert row is not None
        # Rounded outwards to 6 decimals, like the GeoPackage store.
        bbox = None if row[0] is None else (math.floor(row[0] * 1e6) / 1e6, math.floor(row[1] * 1e6) / 1e6,
                                            math.ceil(row[2] * 1e6) / 1e6, math.ceil(row[3] * 1e6) / 1e6)
        interval = iso_interval(collection, row[4], row[5]) if collection.temporal is not None else None
        return Extent(bbox=bbox, interval=interval)

    def counts(self) -> dict[str, int]:
        """The trigger-kept counts (migration 0003); tables loaded before it are counted."""
        with self._conn() as conn:
            rows = dict(conn.execute("SELECT collection, n FROM craftmap_counts").fetchall())
            for cid in LOAD_ORDER:
                if cid not in rows:
                    rows[cid] = conn.execute(f"SELECT count(*) FROM {_q(cid)}").fetchone()[0]  # type: ignore[index]
        return {cid: int(rows[cid]) for cid in LOAD_ORDER}

    def search(self, terms: Sequence[str], collections: Sequence[Collection], limit: int) -> list[
            tuple[Collection, Feature]]:
        hits: list[tuple[Collection, Feature]] = []
        with self._conn() as conn:
            for collection in collections:
                fields = self._columns(collection, include_private=False)
                where = " AND ".join("cm_search LIKE %s ESCAPE '\\'" for _ in terms) or "TRUE"
                rows = conn.execute(
                    f"{self._select(collection, fields)} WHERE {where} ORDER BY fid LIMIT %s",
                    [*(_like(t) for t in terms), limit]).fetchall()
                hits += [(collection, f) for f in self._features(rows, fields)]
        return hits

    # -- writes ------------------------------------------------------------------------------
    def _locked(self, conn: psycopg.Connection[Any], collection: Collection, feature_id: str,
                if_version: int) -> Feature:
        """The current row, locked until the transaction ends, if it is at ``if_version``."""
        fields = list(collection.fields)
        row = conn.execute(f"{self._select(collection, fields)} WHERE id = %s FOR UPDATE",
                           [feature_id]).fetchone()
        if row is None:
            raise FeatureNotFound(f"No feature '{feature_id}' in {collection.id}.")
        before = self._features([row], fields)[0]
        if before.version != if_version:
            raise VersionConflict(
                f"'{feature_id}' is at version {before.version}, not {if_version}: reload and retry.",
                current_version=before.version)
        return before

    @staticmethod
    def _audit(conn: psycopg.Connection[Any], action: str, collection: Collection, *, feature_id: str,
               version: int | None, before: Feature | None, after: Feature | None, actor: str) -> None:
        conn.execute(
            "INSERT INTO craftmap_audit (actor, action, collection, feature_id, version, before, after) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [actor, action, collection.id, feature_id, version, snapshot(before), snapshot(after)])

    def create(self, collection: Collection, feature: Feature, actor: str) -> Feature:
        values = row_values(collection, feature)
        cols = ", ".join(_q(c) for c in values)
        marks = ", ".join("%s" for _ in values)
        try:
            with self._write() as conn:
                # A re-created id continues the numbering of its deleted predecessor (stale ETags never match).
                row = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM craftmap_audit "
                                   "WHERE collection = %s AND feature_id = %s", [collection.id, feature.id]).fetchone()
                version = int(row[0]) if row else 1
                conn.execute(f"INSERT INTO {_q(collection.id)} (geom, cm_version, {cols}) "
                             f"VALUES (ST_GeomFromWKB(%s, 4326), %s, {marks})",
                             [wkb(feature), version, *values.values()])
                created = Feature(feature.id, feature.geometry, dict(feature.properties), version)
                self._audit(conn, "create", collection, feature_id=feature.id, version=version, before=None,
                            after=created, actor=actor)
        except pg_errors.UniqueViolation:
            raise DuplicateFeature(f"A feature '{feature.id}' already exists in {collection.id}.") from None
        return created

    def create_many(self, collection: Collection, features: Sequence[Feature], actor: str,
                    progress: Callable[[int], None] | None = None) -> int:
        """Insert in batches inside ONE transaction; a duplicate id anywhere rolls every row back."""
        from geo.store.postgis.load import insert_many

        if not features:
            return 0
        try:
            with self._write() as conn:
                return insert_many(conn, collection, features, actor, progress)
        except pg_errors.UniqueViolation as exc:
            m = re.search(r"\(id\)=\((.*)\) already exists", exc.diag.message_detail or "")
            which = f"'{m.group(1)}'" if m else "with one of these ids"
            raise DuplicateFeature(f"A feature {which} already exists in {collection.id}; nothing was "
                                   "imported.") from None

    def replace(self, collection: Collection, feature: Feature, if_version: int, actor: str) -> Feature:
        values = row_values(collection, feature)
        sets = ", ".join(f"{_q(c)} = %s" for c in values)
        with self._write() as conn:
            before = self._locked(conn, collection, feature.id, if_version)
            conn.execute(f"UPDATE {_q(collection.id)} SET geom = ST_GeomFromWKB(%s, 4326), {sets}, "
                         "cm_version = cm_version + 1 WHERE id = %s",
                         [wkb(feature), *values.values(), feature.id])
            after = Feature(feature.id, feature.geometry, dict(feature.properties), if_version + 1)
            self._audit(conn, "replace", collection, feature_id=feature.id, version=after.version, before=before,
                        after=after, actor=actor)
        return after

    def delete(self, collection: Collection, feature_id: str, if_version: int, actor: str) -> None:
        with self._write() as conn:
            before = self._locked(conn, collection, feature_id, if_version)
            conn.execute(f"DELETE FROM {_q(collection.id)} WHERE id = %s", [feature_id])
            self._audit(conn, "delete", collection, feature_id=feature_id, version=if_version + 1, before=before,
                        after=None,
                        actor=actor)

    # -- audit -------------------------------------------------------------------------------
    @staticmethod
    def _entry(row: Sequence[Any]) -> AuditEntry:
        at = row[1].astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        return AuditEntry(row[0], at, row[2], row[3], row[4], row[5], row[6], row[7], row[8])

    _AUDIT_COLUMNS = "seq, at, actor, action, collection, feature_id, version, before, after"

    def history(self, collection: Collection, feature_id: str) -> list[AuditEntry]:
        with self._conn() as conn:
            rows = conn.execute(f"SELECT {self._AUDIT_COLUMNS} FROM craftmap_audit "
                                "WHERE collection = %s AND feature_id = %s ORDER BY seq",
                                [collection.id, feature_id]).fetchall()
        return [self._entry(r) for r in rows]

    def audit_log(self, limit: int, offset: int) -> list[AuditEntry]:
        with self._conn() as conn:
            rows = conn.execute(f"SELECT {self._AUDIT_COLUMNS} FROM craftmap_audit "
                                "ORDER BY seq DESC LIMIT %s OFFSET %s", [limit, offset]).fetchall()
        return [self._entry(r) for r in rows]

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


@contextmanager
def _filter_errors(q: ItemQuery) -> Iterator[None]:
    """A filter comparing a property with a value of another type: SQLite says no match, PostgreSQL
    refuses; craftmap answers 400 rather than 500."""
    try:
        yield
    except (pg_errors.DataError, pg_errors.UndefinedFunction) as exc:
        if q.filter is None:
            raise
        raise InvalidFilter(f"The filter compares values of different types: {_reason(exc)}") from None


def _reason(exc: BaseException) -> str:
    """The first line of a driver error (no connection string, no password)."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
