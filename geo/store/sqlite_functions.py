"""SQL functions registered on every SQLite connection for filters the SQL engine lacks.

``cm_fold`` implements CQL2 ACCENTI/CASEI with Vietnamese folding (đ → d).
"""

from __future__ import annotations

import sqlite3

from geo.text import fold


def _fold(value: object) -> str | None:
    return None if value is None else fold(str(value))


def _lower(value: object) -> str | None:
    return None if value is None else str(value).casefold()


def register(conn: sqlite3.Connection) -> None:
    """Register craftmap's SQL functions on ``conn``."""
    conn.create_function("cm_fold", 1, _fold, deterministic=True)
    conn.create_function("cm_casefold", 1, _lower, deterministic=True)
