"""What the SQL store's parts (tokens, accounts) need of it: its dialect and its connections."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from geo.store.sql.dialect import StoreDialect


class Connected:
    """``_read``/``_write`` and ``_ensure_tokens`` come from ``SqlStore`` and its engines."""

    dialect: StoreDialect

    def _read(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    @contextmanager
    def _audited(self) -> Iterator[Any]:
        """A write transaction that leaves audit rows, numbered in the order the writes commit.

        The data version every cache keys on is the newest audit number (``SqlStore.data_version``).
        Numbers are drawn when a row is inserted, so two writers committing in the other order would
        let a reader see the higher number without the lower one's data, and keep that version once
        both are in: the dialect's ``audit_order_sql`` makes each such writer wait for the one before.
        """
        with self._write() as conn:
            if self.dialect.audit_order_sql:
                conn.execute(self.dialect.audit_order_sql)
            yield conn

    def _ensure_tokens(self, conn: Any) -> None:
        """Create the token and account tables if this engine does that on first use."""
