"""The one SQL store: every read, write and audit of features, written once over a ``StoreDialect``.

An engine subclass supplies only what truly differs: how to get a connection (``_read``) and a
write transaction that holds the write lock (``_write``), the bulk ``load_all``, and its
dialect. Writes lock the row they change (``FOR UPDATE`` on PostGIS; SQLite's ``BEGIN
IMMEDIATE`` already excludes every other writer), check the version, run the caller's checks
and write the audit row in the same transaction.
"""

from __future__ import annotations

import dataclasses
import math
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from geo.model.collections import LOAD_ORDER, Collection
from geo.model.errors import DuplicateFeature, FeatureNotFound, VersionConflict
from geo.model.feature import AuditEntry, Extent, Feature, ItemQuery, Page
from geo.spatial import tiles
from geo.store.base import Check, InTransaction, Store
from geo.store.cache import cached
from geo.store.sql import audit, statements, thinning
from geo.store.sql.accounts import SqlAccounts
from geo.store.sql.dialect import StoreDialect
from geo.store.sql.filter import Sql
from geo.store.sql.sources import SqlSources
from geo.store.sql.temporal import iso_interval
from geo.store.sql.tokens import SqlTokens

BATCH = 500  # rows per statement batch in create_many (and ids per IN list)


class SqlStore(SqlTokens, SqlAccounts, SqlSources, Store):
    """Features in SQL tables, one per collection, with ``cm_version`` and ``cm_search`` columns."""

    dialect: StoreDialect

    @abstractmethod
    def _read(self) -> AbstractContextManager[Any]:
        """A connection for reads (autocommit: every statement sees the latest commit)."""

    @abstractmethod
    def _write(self) -> AbstractContextManager[Any]:
        """A connection inside a write transaction that holds the write lock (SQLite) or takes row
        locks (PostGIS): committed on success, rolled back on any error."""

    @contextmanager
    def _translated(self, collection: Collection, filtered: bool = False) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            mapped = self.dialect.translate(exc, collection, filtered)
            if mapped is None:
                raise
            raise mapped from None

    # -- reads -------------------------------------------------------------------------------
    def query(self, collection: Collection, q: ItemQuery) -> Page:
        with self._read() as conn, self._translated(collection, q.filter is not None):
            return self._query(conn, collection, q)

    def _query(self, conn: Any, collection: Collection, q: ItemQuery) -> Page:
        """A page and the number matched: unfiltered, the kept count; filtered, the count of the same
        conditions on the current data, counted once per data version (every page of a filtered walk
        would otherwise count the whole match again)."""
        d = self.dialect
        cond = statements.where(d, collection, q)
        key = (collection.id, cond[0], repr(cond[1]))
        matched = None if cond[0] else self._kept_count(conn, collection.id)
        marked = q.offset >= statements.MARK_EVERY and q.cursor is None and not q.sortby
        version = self._data_version(conn) if matched is None or marked else None  # on this connection
        if matched is None:
            table = d.quote(collection.id)
            matched = cached(self, ("matched", *key),
                             lambda: int(conn.execute(f"SELECT count(*) FROM {table}{cond[0]}", cond[1]).fetchone()[0]),
                             version=version, room="queries")
        if q.limit <= 0:
            return Page([], matched)
        mark = None
        if marked:
            fids = cached(self, ("marks", *key),
                          lambda: [int(r[0]) for r in conn.execute(*statements.marks(d, collection, cond)).fetchall()],
                          version=version, room="queries")
            if fids:
                at = min(q.offset // statements.MARK_EVERY, len(fids) - 1)
                mark = (fids[at], at * statements.MARK_EVERY)
        sql, args = statements.page(d, collection, q, cond, mark)
        rows = conn.execute(sql, args).fetchall()
        found = statements.features(d, rows, statements.columns(collection, q.include_private),
                                    skip=statements.lead(q))
        return Page(found, matched, statements.next_cursor(q, rows))

    def tile(self, collection: Collection, z: int, x: int, y: int, q: ItemQuery) -> bytes:
        t = tiles.tile(z, x, y)
        q = dataclasses.replace(q, bbox=t.lookup_bbox, include_private=False, cursor=None)
        cond = statements.where(self.dialect, collection, q)
        rest = statements.where(self.dialect, collection, dataclasses.replace(q, bbox=None))  # the filters
        with self._read() as conn, self._translated(collection, q.filter is not None):
            if not tiles.thinned(self._matched(conn, collection, t, cond, rest)):
                return self._tile(conn, collection, t, cond)
            if rest[0]:  # counts per cell (geo.spatial.tiles) of the filters' rows
                return self._thinned(conn, collection, t, rest)
            held = cached(self, ("centres", collection.id), lambda: thinning.centres(self.dialect, conn, collection),
                          version=self._data_version(conn))
            return thinning.encode(collection, t, tiles.cell_counts(tiles.grid(t), held))

    def _matched(self, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql, rest: Sql) -> int:
        """How many rows match ``condition`` (the tile's and the filters'), counted up to ``CAP + 1``."""
        table = self.dialect.quote(collection.id)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {table}{condition[0]} LIMIT {tiles.CAP + 1}) AS m"
        return int(conn.execute(sql, condition[1]).fetchone()[0])

    @abstractmethod
    def _tile(self, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql) -> bytes:
        """The MVT of the public fields of the rows matching ``condition`` (which finds the tile's rows)."""

    @abstractmethod
    def _thinned(self, conn: Any, collection: Collection, t: tiles.Tile, condition: Sql) -> bytes:
        """The MVT of the tile's counts per cell (``tiles.grid``) of the rows matching ``condition``
        (the collection's filters; ``""`` when none), whose bounding-box centre is in the tile."""

    def data_version(self) -> str:
        """The last load's mark and the last audit row: every write adds one, every load sets the mark."""
        with self._read() as conn:
            return self._data_version(conn)

    def _data_version(self, conn: Any) -> str:
        row = conn.execute("SELECT (SELECT value FROM craftmap_meta WHERE key = 'load_id'), "
                           "(SELECT value FROM craftmap_meta WHERE key = 'loaded_at'), "
                           "(SELECT max(seq) FROM craftmap_audit)").fetchone()
        return f"{row[0]}/{row[1]}/{row[2]}"

    def _kept_count(self, conn: Any, table: str) -> int | None:
        """The engine's trigger-kept count of a table, if it has one for it."""
        row = conn.execute(self.dialect.kept_count_sql, [table]).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def get(self, collection: Collection, feature_id: str, include_private: bool = False) -> Feature:
        with self._read() as conn:
            found = self._by_id(conn, collection, feature_id, include_private)
        if found is None:
            raise FeatureNotFound(f"No feature '{feature_id}' in {collection.id}.")
        return found

    def _by_id(self, conn: Any, collection: Collection, feature_id: str, include_private: bool = True,
               lock: str = "") -> Feature | None:
        d = self.dialect
        fields = statements.columns(collection, include_private)
        row = conn.execute(f"{statements.select(d, collection, fields)} WHERE id = {d.placeholder}{lock}",
                           [feature_id]).fetchone()
        return None if row is None else statements.features(d, [row], fields)[0]

    def extent(self, collection: Collection) -> Extent:
        d = self.dialect
        with self._read() as conn:
            lo = conn.execute(d.bounds_sql(collection)).fetchone()
            interval = None
            if collection.temporal is not None:
                start, end = collection.temporal
                row = conn.execute(f"SELECT MIN({d.quote(start)}), MAX({d.quote(end or start)}) "
                                   f"FROM {d.quote(collection.id)}").fetchone()
                interval = iso_interval(collection, row[0], row[1])
        # Rounded outwards to 6 decimals (the R-tree keeps float32 bounds, themselves rounded outwards).
        bbox = None if lo is None or lo[0] is None else (
            math.floor(lo[0] * 1e6) / 1e6, math.floor(lo[1] * 1e6) / 1e6,
            math.ceil(lo[2] * 1e6) / 1e6, math.ceil(lo[3] * 1e6) / 1e6)
        return Extent(bbox=bbox, interval=interval)

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return {cid: self._collection_count(conn, cid) for cid in LOAD_ORDER}

    def _collection_count(self, conn: Any, cid: str) -> int:
        kept = self._kept_count(conn, cid)
        return kept if kept is not None else int(
            conn.execute(f"SELECT count(*) FROM {self.dialect.quote(cid)}").fetchone()[0])

    def read_all(self, collection: Collection, include_private: bool = False) -> list[Feature]:
        d = self.dialect
        fields = statements.columns(collection, include_private)
        with self._read() as conn:
            rows = conn.execute(f"{statements.select(d, collection, fields)} ORDER BY fid").fetchall()
        return statements.features(d, rows, fields)

    def search(self, terms: Sequence[str], collections: Sequence[Collection], limit: int) -> list[
            tuple[Collection, Feature]]:
        d = self.dialect
        cond = " AND ".join(f"cm_search LIKE {d.placeholder} ESCAPE '\\'" for _ in terms) or d.true
        params = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
        hits: list[tuple[Collection, Feature]] = []
        with self._read() as conn:
            for collection in collections:
                fields = statements.columns(collection, include_private=False)
                rows = conn.execute(f"{statements.select(d, collection, fields)} WHERE {cond} ORDER BY fid "
                                    f"LIMIT {d.placeholder}", [*params, limit]).fetchall()
                hits += [(collection, f) for f in statements.features(d, rows, fields)]
        return hits

    # -- writes ------------------------------------------------------------------------------
    def _locked(self, conn: Any, collection: Collection, feature_id: str, if_version: int) -> Feature:
        """The current row, kept from changing until the transaction ends, if it is at ``if_version``."""
        before = self._by_id(conn, collection, feature_id, lock=self.dialect.row_lock)
        if before is None:
            raise FeatureNotFound(f"No feature '{feature_id}' in {collection.id}.")
        if before.version != if_version:
            raise VersionConflict(
                f"'{feature_id}' is at version {before.version}, not {if_version}: reload and retry.",
                current_version=before.version)
        return before

    def _insert_sql(self, collection: Collection) -> str:
        d = self.dialect
        names = [*(f.name for f in collection.fields), "cm_search"]
        cols = ", ".join(d.quote(c) for c in names)
        return (f"INSERT INTO {d.quote(collection.id)} (geom, cm_version, {cols}) "
                f"VALUES ({d.geometry_value}, {d.marks(len(names) + 1)})")

    def _insert_row(self, collection: Collection, feature: Feature) -> list[Any]:
        values = statements.row_values(self.dialect, collection, feature)
        return [self.dialect.encode_geometry(feature.geometry), feature.version, *values.values()]

    def create(self, collection: Collection, feature: Feature, actor: str, checks: Check | None = None) -> Feature:
        with self._translated(collection), self._audited() as conn:
            if checks is not None:
                checks(_Transaction(self, conn))
            return self._create_in(conn, collection, [feature], actor)[0]

    def _create_in(self, conn: Any, collection: Collection, features: Sequence[Feature], actor: str) -> list[
            Feature]:
        """Insert one batch at the versions their ids continue from, with their audit rows."""
        d = self.dialect
        ids = [f.id for f in features]
        taken = conn.execute(f"SELECT id FROM {d.quote(collection.id)} WHERE id IN ({d.marks(len(ids))}) "
                             "LIMIT 1", ids).fetchone()
        if taken:
            raise DuplicateFeature(f"A feature '{taken[0]}' already exists in {collection.id}.")
        last = dict(conn.execute(audit.next_versions_sql(d, len(ids)), [collection.id, *ids]).fetchall())
        created = [Feature(f.id, f.geometry, dict(f.properties), (last.get(f.id) or 0) + 1) for f in features]
        cur = conn.cursor()
        cur.executemany(self._insert_sql(collection), [self._insert_row(collection, f) for f in created])
        at = audit.now()
        cur.executemany(audit.insert_sql(d), [audit.row(d, "create", collection, feature_id=f.id, version=f.version,
                                                        before=None, after=f, actor=actor, at=at)
                                              for f in created])
        return created

    def create_many(self, collection: Collection, features: Sequence[Feature], actor: str,
                    progress: Callable[[int], None] | None = None, checks: Check | None = None) -> int:
        if not features:
            return 0
        with self._translated(collection), self._audited() as conn:
            if checks is not None:
                checks(_Transaction(self, conn))
            for start in range(0, len(features), BATCH):
                chunk = features[start:start + BATCH]
                self._create_in(conn, collection, chunk, actor)
                if progress is not None:
                    progress(start + len(chunk))
        return len(features)

    def replace(self, collection: Collection, feature: Feature, if_version: int, actor: str,
                checks: Check | None = None) -> Feature:
        d = self.dialect
        values = statements.row_values(d, collection, feature)
        sets = ", ".join(f"{d.quote(c)} = {d.placeholder}" for c in values)
        with self._translated(collection), self._audited() as conn:
            before = self._locked(conn, collection, feature.id, if_version)
            if checks is not None:
                checks(_Transaction(self, conn))
            conn.execute(f"UPDATE {d.quote(collection.id)} SET geom = {d.geometry_value}, {sets}, "
                         f"cm_version = cm_version + 1 WHERE id = {d.placeholder}",
                         [d.encode_geometry(feature.geometry), *values.values(), feature.id])
            after = Feature(feature.id, feature.geometry, dict(feature.properties), if_version + 1)
            conn.execute(audit.insert_sql(d), audit.row(d, "replace", collection, feature_id=feature.id,
                                                        version=after.version, before=before, after=after,
                                                        actor=actor))
        return after

    def delete(self, collection: Collection, feature_id: str, if_version: int, actor: str,
               checks: Check | None = None) -> None:
        d = self.dialect
        with self._translated(collection), self._audited() as conn:
            before = self._locked(conn, collection, feature_id, if_version)
            if checks is not None:
                checks(_Transaction(self, conn))
            conn.execute(f"DELETE FROM {d.quote(collection.id)} WHERE id = {d.placeholder}", [feature_id])
            # The deletion takes the next version: re-creating the id continues from there.
            conn.execute(audit.insert_sql(d), audit.row(d, "delete", collection, feature_id=feature_id,
                                                        version=if_version + 1, before=before, after=None,
                                                        actor=actor))

    # -- audit -------------------------------------------------------------------------------
    def history(self, collection: Collection, feature_id: str) -> list[AuditEntry]:
        with self._read() as conn:
            rows = conn.execute(audit.history_sql(self.dialect), [collection.id, feature_id]).fetchall()
        return [audit.entry(self.dialect, r) for r in rows]

    def audit_log(self, limit: int, offset: int) -> list[AuditEntry]:
        with self._read() as conn:
            rows = conn.execute(audit.log_sql(self.dialect), [limit, offset]).fetchall()
        return [audit.entry(self.dialect, r) for r in rows]


class _Transaction(InTransaction):
    """The running write transaction, as a write's ``checks`` see it."""

    def __init__(self, store: SqlStore, conn: Any) -> None:
        self.store = store
        self.conn = conn

    def query(self, collection: Collection, q: ItemQuery) -> Page:
        return self.store._query(self.conn, collection, q)

    def existing(self, collection: Collection, ids: Sequence[str]) -> set[str]:
        d = self.store.dialect
        found: set[str] = set()
        for start in range(0, len(ids), BATCH):
            chunk = list(ids[start:start + BATCH])
            rows = self.conn.execute(f"SELECT id FROM {d.quote(collection.id)} WHERE id IN ({d.marks(len(chunk))})"
                                     f"{d.share_lock}", chunk).fetchall()
            found.update(r[0] for r in rows)
        return found
