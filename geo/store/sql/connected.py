"""What the SQL store's parts (tokens, accounts) need of it: its dialect and its connections."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from geo.store.sql.dialect import StoreDialect


class Connected:
    """``_read``/``_write`` and ``_ensure_tokens`` come from ``SqlStore`` and its engines."""

    dialect: StoreDialect

    def _read(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _ensure_tokens(self, conn: Any) -> None:
        """Create the token and account tables if this engine does that on first use."""
