"""The store contract, split by role: reading, writing, the audit trail, API tokens, people's accounts, sources.

Callers that only read (analysis, exports, page routes) can ask for a ``Reader``; ``Store``
combines every role and is what ``open_store`` returns. Each method's docstring names the
route (or command) that calls it. Geometries cross this boundary as shapely objects in CRS84
(lon, lat); reprojection happens at the edge.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence

from geo.model.collections import Collection
from geo.model.feature import (
    AuditEntry,
    Extent,
    Feature,
    ItemQuery,
    Page,
    SessionRecord,
    Source,
    TokenRecord,
    UserRecord,
)


class Reader(ABC):
    """Reads of every collection in the registry."""

    @abstractmethod
    def query(self, collection: Collection, q: ItemQuery) -> Page:
        """Features matching ``q``. Called by ``GET /collections/{id}/items``."""

    @abstractmethod
    def get(self, collection: Collection, feature_id: str, include_private: bool = False) -> Feature:
        """One feature or ``FeatureNotFound``. Called by ``GET /collections/{id}/items/{fid}``."""

    @abstractmethod
    def extent(self, collection: Collection) -> Extent:
        """Spatial and temporal extent. Called by ``GET /collections/{id}``."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Feature count per collection. Called by ``craftmap load`` and ``GET /healthz``."""

    @abstractmethod
    def search(self, terms: Sequence[str], collections: Sequence[Collection], limit: int) -> list[
            tuple[Collection, Feature]]:
        """Features whose folded searchable text contains every folded term. Called by ``GET /search``."""

    @abstractmethod
    def tile(self, collection: Collection, z: int, x: int, y: int, q: ItemQuery) -> bytes:
        """The public fields of the features of ``q`` (its filters; not its paging) in WebMercatorQuad
        tile ``z/y/x``, as a Mapbox Vector Tile with one layer named after the collection (empty bytes
        when none). ``TileNotFound`` outside the set. ``GET /collections/{id}/tiles/WebMercatorQuad/{z}/{y}/{x}``."""

    @abstractmethod
    def data_version(self) -> str:
        """A value that changes with every write and every load: what caches of tiles and summaries
        are keyed by. Called by the tile routes and ``geo.store.cache``."""

    @abstractmethod
    def read_all(self, collection: Collection, include_private: bool = False) -> list[Feature]:
        """Every feature of one collection in store order. Called by the statistics, capacity and
        export routes and by ``craftmap store copy``."""


class InTransaction(ABC):
    """What a write's ``checks`` may read: the data as the running write transaction sees it."""

    @abstractmethod
    def query(self, collection: Collection, q: ItemQuery) -> Page:
        """As ``Reader.query``, inside the transaction (``referrers`` of a DELETE)."""

    @abstractmethod
    def existing(self, collection: Collection, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` exist, kept from being deleted until the transaction ends (link targets)."""


Check = Callable[[InTransaction], None]
"""Run inside a write transaction before the write; raising aborts the write and changes nothing."""


class Writer(ABC):
    """Writes; each one is a single transaction with its audit row. ``checks`` run inside that
    transaction, so what they verify (links, referrers) still holds when the write commits."""

    @abstractmethod
    def create(self, collection: Collection, feature: Feature, actor: str, checks: Check | None = None) -> Feature:
        """Insert a feature (version 1) and its audit row in one transaction. ``POST …/items``."""

    @abstractmethod
    def replace(self, collection: Collection, feature: Feature, if_version: int, actor: str,
                checks: Check | None = None) -> Feature:
        """Replace a feature if its version is ``if_version`` (else ``VersionConflict``). ``PUT``/``PATCH``."""

    @abstractmethod
    def delete(self, collection: Collection, feature_id: str, if_version: int, actor: str,
               checks: Check | None = None) -> None:
        """Delete a feature if its version is ``if_version``. ``DELETE …/items/{fid}``."""

    @abstractmethod
    def create_many(self, collection: Collection, features: Sequence[Feature], actor: str,
                    progress: Callable[[int], None] | None = None, checks: Check | None = None) -> int:
        """Insert features (version 1), each with its audit row, all in ONE transaction: any failure
        (``DuplicateFeature``, a crash, a kill) leaves the store as it was. ``progress(n)`` is called
        with the number written so far. ``craftmap import`` and ``POST /collections/{id}/import``."""

    @abstractmethod
    def load_all(self, data: Mapping[str, Sequence[Feature]]) -> dict[str, int]:
        """Replace every collection atomically: a failure leaves the old data. ``craftmap load``."""


class AuditTrail(ABC):
    """The trail of every accepted write."""

    @abstractmethod
    def history(self, collection: Collection, feature_id: str) -> list[AuditEntry]:
        """Every write of one feature, oldest first. ``GET …/items/{fid}/history``."""

    @abstractmethod
    def audit_log(self, limit: int, offset: int) -> list[AuditEntry]:
        """The newest writes first. ``GET /audit``."""


class TokenStore(ABC):
    """API tokens (``craftmap token …``; ``geo/records/access.py`` looks them up on every write)."""

    @abstractmethod
    def add_token(self, name: str, role: str, token_hash: str) -> TokenRecord:
        """Store a new token's SHA-256 hex digest; ``TokenExists`` if ``name`` was ever used."""

    @abstractmethod
    def find_token(self, token_hash: str) -> TokenRecord | None:
        """The active (not revoked) token with this hash, or ``None``."""

    @abstractmethod
    def list_tokens(self) -> list[TokenRecord]:
        """Every token, revoked ones too, oldest first."""

    @abstractmethod
    def revoke_token(self, name: str) -> bool:
        """Mark the token revoked (the row stays, for the audit trail); ``False`` if no active token has
        that name."""


class AccountStore(ABC):
    """People's accounts, their sign-in sessions and the failed-attempt counters (``craftmap user …``,
    ``/sign-in``; the policy is ``geo/records/accounts.py``). Times are epoch seconds."""

    @abstractmethod
    def add_user(self, name: str, role: str, password_hash: str, at: float) -> UserRecord:
        """A new account; ``AccountExists`` if ``name`` was ever used. ``craftmap user create``."""

    @abstractmethod
    def find_user(self, name: str) -> UserRecord | None:
        """The account named ``name`` (disabled ones too), or ``None``. ``POST /sign-in``."""

    @abstractmethod
    def list_users(self) -> list[UserRecord]:
        """Every account, oldest first. ``craftmap user list`` and ``craftmap serve``."""

    @abstractmethod
    def disable_user(self, name: str, at: float) -> bool:
        """Disable an active account and end its sessions; ``False`` if none is active by that name."""

    @abstractmethod
    def add_session(self, session_hash: str, user: str, csrf: str, at: float) -> None:
        """Record a new session by the SHA-256 of its cookie value. ``POST /sign-in``."""

    @abstractmethod
    def find_session(self, session_hash: str, idle_since: float, at: float) -> SessionRecord | None:
        """The session if used after ``idle_since`` and its account is active, marking it used ``at``;
        else ``None`` (an idle session is deleted). Every request with a session cookie."""

    @abstractmethod
    def delete_session(self, session_hash: str) -> None:
        """End one session. ``POST /sign-out``."""

    @abstractmethod
    def failures(self, key: str) -> tuple[int, float, float]:
        """``(count, last_failure, locked_until)`` of a sign-in key (``user:…``/``addr:…``); zeros if none."""

    @abstractmethod
    def set_failures(self, key: str, count: int, last_failure: float, locked_until: float) -> None:
        """Record a key's failed sign-ins (``count`` 0 clears it)."""


class SourceStore(ABC):
    """Sources entered in the workspace (``geo/records/sources.py`` joins them to ``data/sources.csv``)."""

    @abstractmethod
    def add_source(self, source: Source, actor: str) -> Source:
        """Store ``source`` with an audit row, or return the one already stored under its id (unchanged).
        The workspace's provenance fieldset."""

    @abstractmethod
    def stored_sources(self) -> dict[str, Source]:
        """Every stored source by id. Whatever checks or shows sources, through ``all_sources``."""


class Store(Reader, Writer, AuditTrail, TokenStore, AccountStore, SourceStore):
    """Storage of every collection in the registry: all six roles."""

    def close(self) -> None:
        """Release connections."""
