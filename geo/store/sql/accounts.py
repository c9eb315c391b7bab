"""People's accounts, sessions and failed sign-ins in SQL, written once over the store's dialect.

A part of ``SqlStore`` beside ``tokens.py``. Sessions are server-side rows keyed by the SHA-256 of
the cookie value (a stolen store file yields no usable cookie), so several workers on one PostGIS
share them and sign-out or disabling an account ends them at once. Times are epoch seconds. The
GeoPackage creates the tables on first use (``_ensure_tokens``); PostGIS has them from migration 0004.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geo.model.errors import AccountExists
from geo.model.feature import SessionRecord, UserRecord
from geo.store.base import AccountStore
from geo.store.sql.connected import Connected

_USER = "name, role, password_hash, created_at, disabled_at"


def _user(row: Sequence[Any]) -> UserRecord:
    return UserRecord(name=row[0], role=row[1], password_hash=row[2], created_at=float(row[3]),
                      disabled_at=None if row[4] is None else float(row[4]))


class SqlAccounts(Connected, AccountStore):
    """``AccountStore`` over the store's connections (``_read``/``_write`` come from ``SqlStore``)."""

    def add_user(self, name: str, role: str, password_hash: str, at: float) -> UserRecord:
        mark = self.dialect.placeholder
        taken = AccountExists(f"An account named '{name}' exists (or existed): choose another name.")
        try:
            with self._write() as conn:
                self._ensure_tokens(conn)
                if conn.execute(f"SELECT 1 FROM craftmap_users WHERE name = {mark}", [name]).fetchone():
                    raise taken
                conn.execute(f"INSERT INTO craftmap_users (name, role, password_hash, created_at) "
                             f"VALUES ({self.dialect.marks(4)})", [name, role, password_hash, at])
        except Exception as exc:
            if self.dialect.unique_violation(exc):  # a concurrent create of the same name
                raise taken from None
            raise
        return UserRecord(name, role, password_hash, at)

    def find_user(self, name: str) -> UserRecord | None:
        with self._read() as conn:
            self._ensure_tokens(conn)
            row = conn.execute(f"SELECT {_USER} FROM craftmap_users WHERE name = {self.dialect.placeholder}",
                               [name]).fetchone()
        return None if row is None else _user(row)

    def list_users(self) -> list[UserRecord]:
        with self._read() as conn:
            self._ensure_tokens(conn)
            rows = conn.execute(f"SELECT {_USER} FROM craftmap_users ORDER BY created_at, name").fetchall()
        return [_user(r) for r in rows]

    def disable_user(self, name: str, at: float) -> bool:
        mark = self.dialect.placeholder
        with self._write() as conn:
            self._ensure_tokens(conn)
            cur = conn.execute(f"UPDATE craftmap_users SET disabled_at = {mark} "
                               f"WHERE name = {mark} AND disabled_at IS NULL", [at, name])
            conn.execute(f"DELETE FROM craftmap_sessions WHERE user_name = {mark}", [name])
            return int(cur.rowcount) == 1

    def add_session(self, session_hash: str, user: str, csrf: str, at: float) -> None:
        with self._write() as conn:
            self._ensure_tokens(conn)
            conn.execute(f"INSERT INTO craftmap_sessions (session_hash, user_name, csrf, created_at, last_seen) "
                         f"VALUES ({self.dialect.marks(5)})", [session_hash, user, csrf, at, at])

    def find_session(self, session_hash: str, idle_since: float, at: float) -> SessionRecord | None:
        mark = self.dialect.placeholder
        with self._write() as conn:
            self._ensure_tokens(conn)
            row = conn.execute(
                f"SELECT s.csrf, s.last_seen, {', '.join('u.' + c.strip() for c in _USER.split(','))} "
                f"FROM craftmap_sessions s JOIN craftmap_users u ON u.name = s.user_name "
                f"WHERE s.session_hash = {mark} AND u.disabled_at IS NULL", [session_hash]).fetchone()
            if row is None:
                return None
            if float(row[1]) < idle_since:
                conn.execute(f"DELETE FROM craftmap_sessions WHERE session_hash = {mark}", [session_hash])
                return None
            conn.execute(f"UPDATE craftmap_sessions SET last_seen = {mark} WHERE session_hash = {mark}",
                         [at, session_hash])
        return SessionRecord(_user(row[2:]), row[0], at)

    def delete_session(self, session_hash: str) -> None:
        with self._write() as conn:
            self._ensure_tokens(conn)
            conn.execute(f"DELETE FROM craftmap_sessions WHERE session_hash = {self.dialect.placeholder}",
                         [session_hash])

    def failures(self, key: str) -> tuple[int, float, float]:
        with self._read() as conn:
            self._ensure_tokens(conn)
            row = conn.execute(f"SELECT failures, last_failure, locked_until FROM craftmap_signin_failures "
                               f"WHERE key = {self.dialect.placeholder}", [key]).fetchone()
        return (0, 0.0, 0.0) if row is None else (int(row[0]), float(row[1]), float(row[2]))

    def set_failures(self, key: str, count: int, last_failure: float, locked_until: float) -> None:
        mark = self.dialect.placeholder
        with self._write() as conn:
            self._ensure_tokens(conn)
            if count == 0:
                conn.execute(f"DELETE FROM craftmap_signin_failures WHERE key = {mark}", [key])
                return
            conn.execute(f"INSERT INTO craftmap_signin_failures (key, failures, last_failure, locked_until) "
                         f"VALUES ({self.dialect.marks(4)}) ON CONFLICT (key) DO UPDATE SET "
                         f"failures = excluded.failures, last_failure = excluded.last_failure, "
                         f"locked_until = excluded.locked_until", [key, count, last_failure, locked_until])
