"""The GeoPackage side of API tokens and people's accounts (``geo.store.sql.tokens`` and
``geo.store.sql.accounts`` hold the logic): the tables, created on first use as well as by
``craftmap load`` (so a store built before they existed gains them without a reload), and the
rows a reload carries over (tokens and accounts; sessions and failure counters start afresh).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

TOKENS_SCHEMA = """
CREATE TABLE IF NOT EXISTS craftmap_tokens (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS craftmap_users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at REAL NOT NULL,
  disabled_at REAL
);
CREATE TABLE IF NOT EXISTS craftmap_sessions (
  session_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES craftmap_users (name),
  csrf TEXT NOT NULL,
  created_at REAL NOT NULL,
  last_seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS craftmap_signin_failures (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure REAL NOT NULL,
  locked_until REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS craftmap_sources (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  publisher TEXT NOT NULL,
  address TEXT NOT NULL,
  date TEXT NOT NULL,
  language TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('document', 'officer')),
  number TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  entered_at TEXT NOT NULL
);
"""


def ensure_tokens(conn: sqlite3.Connection) -> None:
    """Create the token and account tables in a store built before they existed."""
    for statement in TOKENS_SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def copy_tokens(old: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """Rows of an existing store's token table (none if it has none), for ``load_all`` to carry over."""
    if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'craftmap_tokens'").fetchone():
        return iter(())
    return iter(old.execute("SELECT name, role, token_hash, created_at, revoked_at FROM craftmap_tokens")
                .fetchall())


def copy_users(old: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """Rows of an existing store's account table (none if it has none), for ``load_all`` to carry over."""
    if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'craftmap_users'").fetchone():
        return iter(())
    return iter(old.execute("SELECT name, role, password_hash, created_at, disabled_at FROM craftmap_users")
                .fetchall())


def copy_sources(old: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """Rows of an existing store's source table (none if it has none), for ``load_all`` to carry over."""
    if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'craftmap_sources'").fetchone():
        return iter(())
    return iter(old.execute("SELECT id, title, publisher, address, date, language, kind, number, entered_by, "
                            "entered_at FROM craftmap_sources").fetchall())
