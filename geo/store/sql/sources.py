"""Sources entered in the workspace, in SQL, written once: table ``craftmap_sources``.

A part of ``SqlStore`` beside ``tokens.py``. A source is written once and never changed: adding
one whose id exists returns the stored row (same inputs give the same id, see
``geo/records/sources.py``). Each addition leaves an audit row (collection ``sources``). The
GeoPackage creates the table on first use (``_ensure_tokens``) and carries it over a reload;
PostGIS has it from migration 0005.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from geo.model.feature import Source
from geo.store.base import SourceStore
from geo.store.sql import audit
from geo.store.sql.connected import Connected

COLUMNS = tuple(f.name for f in dataclasses.fields(Source))
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM craftmap_sources"


def _source(row: Sequence[Any]) -> Source:
    return Source(*(str(v) for v in row))


class SqlSources(Connected, SourceStore):
    """``SourceStore`` over the store's connections (``_read``/``_write`` come from ``SqlStore``)."""

    def add_source(self, source: Source, actor: str) -> Source:
        d, mark = self.dialect, self.dialect.placeholder
        values = [getattr(source, c) for c in COLUMNS]
        with self._audited() as conn:
            self._ensure_tokens(conn)
            cur = conn.execute(f"INSERT INTO craftmap_sources ({', '.join(COLUMNS)}) VALUES ({d.marks(len(COLUMNS))}) "
                               f"ON CONFLICT (id) DO NOTHING", values)
            if int(cur.rowcount) == 1:
                after = {"geometry": None, "properties": dataclasses.asdict(source)}
                conn.execute(audit.insert_sql(d), [d.audit_param(audit.now()), actor, "create", "sources",
                                                   source.id, 1, None, d.json(after)])
                return source
            row = conn.execute(f"{_SELECT} WHERE id = {mark}", [source.id]).fetchone()
        return _source(row)

    def stored_sources(self) -> dict[str, Source]:
        with self._read() as conn:
            self._ensure_tokens(conn)
            rows = conn.execute(f"{_SELECT} ORDER BY id").fetchall()
        return {r[0]: _source(r) for r in rows}
