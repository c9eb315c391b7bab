"""The store contract: one abstract class, implemented by the GeoPackage and PostGIS stores.

Each method's docstring names the route (or command) that calls it. Geometries cross
this boundary as shapely objects in CRS84 (lon, lat); reprojection happens at the edge.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.model.collections import Collection


@dataclass(frozen=True)
class Feature:
    """One record: its id, geometry (CRS84 or ``None``), properties and write version."""

    id: str
    geometry: BaseGeometry | None
    properties: dict[str, Any]
    version: int = 1


@dataclass(frozen=True)
class ItemQuery:
    """What ``GET /collections/{id}/items`` asks of a store.

    ``bbox`` is in CRS84; ``datetime`` an interval with ``None`` for an open end;
    ``filter`` a pygeofilter AST (CQL2) that the store translates to SQL;
    ``sortby`` pairs of (field, ascending).
    """

    bbox: tuple[float, float, float, float] | None = None
    datetime: tuple[str | None, str | None] | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)
    filter: Any | None = None
    sortby: tuple[tuple[str, bool], ...] = ()
    ids: tuple[str, ...] | None = None
    limit: int = 10
    offset: int = 0
    include_private: bool = False


@dataclass(frozen=True)
class Page:
    """A page of features and how many match the query in all."""

    features: list[Feature]
    number_matched: int


@dataclass(frozen=True)
class Extent:
    """Spatial extent in CRS84 and temporal interval (ISO strings, ``None`` when open)."""

    bbox: tuple[float, float, float, float] | None
    interval: tuple[str | None, str | None] | None


@dataclass(frozen=True)
class AuditEntry:
    """One write, as the audit trail keeps it."""

    seq: int
    at: str
    actor: str
    action: str
    collection: str
    feature_id: str
    version: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class TokenRecord:
    """An API token as stored: its name, role and times, never the token itself (only its hash)."""

    name: str
    role: str
    created_at: str
    revoked_at: str | None = None


class Store(ABC):
    """Storage of every collection in the registry."""

    # -- reads -------------------------------------------------------------------------------
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

    # -- writes ------------------------------------------------------------------------------
    @abstractmethod
    def create(self, collection: Collection, feature: Feature, actor: str) -> Feature:
        """Insert a feature (version 1) and its audit row in one transaction. ``POST …/items``."""

    @abstractmethod
    def replace(self, collection: Collection, feature: Feature, if_version: int, actor: str) -> Feature:
        """Replace a feature if its version is ``if_version`` (else ``VersionConflict``). ``PUT``/``PATCH``."""

    @abstractmethod
    def delete(self, collection: Collection, feature_id: str, if_version: int, actor: str) -> None:
        """Delete a feature if its version is ``if_version``. ``DELETE …/items/{fid}``."""

    @abstractmethod
    def history(self, collection: Collection, feature_id: str) -> list[AuditEntry]:
        """Every write of one feature, oldest first. ``GET …/items/{fid}/history``."""

    @abstractmethod
    def audit_log(self, limit: int, offset: int) -> list[AuditEntry]:
        """The newest writes first. ``GET /audit``."""

    @abstractmethod
    def load_all(self, data: Mapping[str, Sequence[Feature]]) -> dict[str, int]:
        """Replace every collection atomically: a failure leaves the old data. ``craftmap load``."""

    @abstractmethod
    def create_many(self, collection: Collection, features: Sequence[Feature], actor: str,
                    progress: Callable[[int], None] | None = None) -> int:
        """Insert features (version 1), each with its audit row, all in ONE transaction: any failure
        (``DuplicateFeature``, a crash, a kill) leaves the store as it was. ``progress(n)`` is called
        with the number written so far. ``craftmap import`` and ``POST /collections/{id}/import``."""

    # -- tokens (``craftmap token …``; ``api/security.py`` looks tokens up on every write) ---------
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

    def close(self) -> None:  # noqa: B027 - optional for stores without resources
        """Release connections."""
