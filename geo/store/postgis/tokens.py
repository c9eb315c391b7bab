"""API tokens in the PostGIS store: table ``craftmap_tokens`` (migration 0002), digests only.

A mixin for ``PostgisStore`` mirroring ``gpkg_tokens``; it relies on the store's ``_conn()``
and ``_write()``. ``load_all`` leaves the table alone, so tokens survive a reload.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from geo.model.errors import TokenExists
from geo.model.feature import TokenRecord

_COLUMNS = "name, role, created_at, revoked_at"


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _record(row: Sequence[Any]) -> TokenRecord:
    return TokenRecord(name=row[0], role=row[1], created_at=_iso(row[2]) or "", revoked_at=_iso(row[3]))


class PgTokens:
    """Token methods of the store contract (``Store.add_token`` …) over PostgreSQL."""

    def _conn(self) -> AbstractContextManager[psycopg.Connection[Any]]:  # provided by PostgisStore
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[psycopg.Connection[Any]]:  # provided by PostgisStore
        raise NotImplementedError

    def add_token(self, name: str, role: str, token_hash: str) -> TokenRecord:
        try:
            with self._write() as conn:
                row = conn.execute(
                    f"INSERT INTO craftmap_tokens (name, role, token_hash, created_at) "
                    f"VALUES (%s, %s, %s, date_trunc('second', now())) RETURNING {_COLUMNS}",
                    [name, role, token_hash]).fetchone()
        except pg_errors.UniqueViolation:
            raise TokenExists(f"A token named '{name}' exists (or existed): choose another name.") from None
        assert row is not None
        return _record(row)

    def find_token(self, token_hash: str) -> TokenRecord | None:
        with self._conn() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM craftmap_tokens "
                               "WHERE token_hash = %s AND revoked_at IS NULL", [token_hash]).fetchone()
        return None if row is None else _record(row)

    def list_tokens(self) -> list[TokenRecord]:
        with self._conn() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM craftmap_tokens ORDER BY created_at, name").fetchall()
        return [_record(r) for r in rows]

    def revoke_token(self, name: str) -> bool:
        with self._write() as conn:
            cur = conn.execute("UPDATE craftmap_tokens SET revoked_at = date_trunc('second', now()) "
                               "WHERE name = %s AND revoked_at IS NULL", [name])
        return cur.rowcount == 1
