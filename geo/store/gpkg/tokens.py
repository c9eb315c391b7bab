"""API tokens in the GeoPackage store: table ``craftmap_tokens``, holding only SHA-256 digests.

A mixin for ``GpkgStore`` so the store module stays small; it relies on the store's ``conn``
property and ``_write()`` transaction. The table is created on first use as well as by
``craftmap load``, so a store built before tokens existed gains it without a reload.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from geo.model.errors import TokenExists
from geo.model.feature import TokenRecord

TOKENS_SCHEMA = """
CREATE TABLE IF NOT EXISTS craftmap_tokens (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class GpkgTokens:
    """Token methods of the store contract (``Store.add_token`` …) over SQLite."""

    _tokens_ready = False

    @property
    def conn(self) -> sqlite3.Connection:  # provided by GpkgStore
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:  # provided by GpkgStore
        raise NotImplementedError

    def _tokens(self) -> sqlite3.Connection:
        conn = self.conn
        if not self._tokens_ready:
            exists = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'craftmap_tokens'").fetchone()
            if not exists:
                conn.executescript(TOKENS_SCHEMA)
            self._tokens_ready = True
        return conn

    @staticmethod
    def _record(row: tuple[Any, ...]) -> TokenRecord:
        return TokenRecord(name=row[0], role=row[1], created_at=row[2], revoked_at=row[3])

    def add_token(self, name: str, role: str, token_hash: str) -> TokenRecord:
        self._tokens()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM craftmap_tokens WHERE name = ?", [name]).fetchone():
                raise TokenExists(f"A token named '{name}' exists (or existed): choose another name.")
            record = TokenRecord(name=name, role=role, created_at=_now())
            conn.execute("INSERT INTO craftmap_tokens VALUES (?, ?, ?, ?, NULL)",
                         [name, role, token_hash, record.created_at])
        return record

    def find_token(self, token_hash: str) -> TokenRecord | None:
        row = self._tokens().execute(
            "SELECT name, role, created_at, revoked_at FROM craftmap_tokens "
            "WHERE token_hash = ? AND revoked_at IS NULL", [token_hash]).fetchone()
        return None if row is None else self._record(row)

    def list_tokens(self) -> list[TokenRecord]:
        rows = self._tokens().execute(
            "SELECT name, role, created_at, revoked_at FROM craftmap_tokens ORDER BY created_at, name")
        return [self._record(r) for r in rows]

    def revoke_token(self, name: str) -> bool:
        self._tokens()
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE craftmap_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                [_now(), name])
        return cur.rowcount == 1


def copy_tokens(old: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """Rows of an existing store's token table (none if it has none), for ``load_all`` to carry over."""
    if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'craftmap_tokens'").fetchone():
        return iter(())
    return iter(old.execute("SELECT name, role, token_hash, created_at, revoked_at FROM craftmap_tokens")
                .fetchall())
