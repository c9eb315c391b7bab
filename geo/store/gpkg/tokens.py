"""The GeoPackage side of API tokens (``geo.store.sql.tokens`` holds the logic): the table,
created on first use as well as by ``craftmap load`` (so a store built before tokens existed
gains it without a reload), and the rows a reload carries over.
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
"""


def ensure_tokens(conn: sqlite3.Connection) -> None:
    """Create the token table in a store built before tokens existed."""
    conn.execute(TOKENS_SCHEMA)


def copy_tokens(old: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """Rows of an existing store's token table (none if it has none), for ``load_all`` to carry over."""
    if not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'craftmap_tokens'").fetchone():
        return iter(())
    return iter(old.execute("SELECT name, role, token_hash, created_at, revoked_at FROM craftmap_tokens")
                .fetchall())
