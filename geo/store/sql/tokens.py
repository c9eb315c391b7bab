"""API tokens in SQL, written once: table ``craftmap_tokens``, holding only SHA-256 digests.

A part of ``SqlStore`` (kept apart so each module stays small). Times are whole seconds in
UTC, spelled by the dialect as the audit trail's are. The GeoPackage creates the table on first
use (``_ensure_tokens``); PostGIS has it from migration 0002. Loads keep the table, so tokens
survive a reload of the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geo.model.errors import TokenExists
from geo.model.feature import TokenRecord
from geo.store.base import TokenStore
from geo.store.sql.audit import now
from geo.store.sql.connected import Connected

_COLUMNS = "name, role, created_at, revoked_at"


class SqlTokens(Connected, TokenStore):
    """``TokenStore`` over the store's connections (``_read``/``_write`` come from ``SqlStore``)."""

    def _record(self, row: Sequence[Any]) -> TokenRecord:
        d = self.dialect
        return TokenRecord(name=row[0], role=row[1], created_at=d.audit_time(row[2]),
                           revoked_at=None if row[3] is None else d.audit_time(row[3]))

    def add_token(self, name: str, role: str, token_hash: str) -> TokenRecord:
        d, mark = self.dialect, self.dialect.placeholder
        taken = TokenExists(f"A token named '{name}' exists (or existed): choose another name.")
        try:
            with self._write() as conn:
                self._ensure_tokens(conn)
                if conn.execute(f"SELECT 1 FROM craftmap_tokens WHERE name = {mark}", [name]).fetchone():
                    raise taken
                row = conn.execute(f"INSERT INTO craftmap_tokens (name, role, token_hash, created_at) "
                                   f"VALUES ({d.marks(4)}) RETURNING {_COLUMNS}",
                                   [name, role, token_hash, d.audit_param(now())]).fetchone()
        except Exception as exc:
            if d.unique_violation(exc):  # a concurrent add of the same name
                raise taken from None
            raise
        return self._record(row)

    def find_token(self, token_hash: str) -> TokenRecord | None:
        with self._read() as conn:
            self._ensure_tokens(conn)
            row = conn.execute(f"SELECT {_COLUMNS} FROM craftmap_tokens WHERE token_hash = "
                               f"{self.dialect.placeholder} AND revoked_at IS NULL", [token_hash]).fetchone()
        return None if row is None else self._record(row)

    def list_tokens(self) -> list[TokenRecord]:
        with self._read() as conn:
            self._ensure_tokens(conn)
            rows = conn.execute(f"SELECT {_COLUMNS} FROM craftmap_tokens ORDER BY created_at, name").fetchall()
        return [self._record(r) for r in rows]

    def revoke_token(self, name: str) -> bool:
        mark = self.dialect.placeholder
        with self._write() as conn:
            self._ensure_tokens(conn)
            cur = conn.execute(f"UPDATE craftmap_tokens SET revoked_at = {mark} "
                               f"WHERE name = {mark} AND revoked_at IS NULL", [self.dialect.audit_param(now()), name])
            return int(cur.rowcount) == 1
