"""The data model every layer names: a feature, a query for features, a page of them, extents,
audit entries and token records.

They live in the model, not in storage, so validation, editing, analysis and the routes can name
a feature without importing a store. Geometries are shapely objects in CRS84 (lon, lat);
reprojection happens at the edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.model.cursor import Cursor


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
    ``sortby`` pairs of (field, ascending); ``cursor`` (instead of ``offset``) starts the page
    after the row a previous page ended on.
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
    cursor: Cursor | None = None


@dataclass(frozen=True)
class Page:
    """A page of features and how many match the query in all; ``next`` opens the page after a full one."""

    features: list[Feature]
    number_matched: int
    next: Cursor | None = None


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


@dataclass(frozen=True)
class UserRecord:
    """A person's account as stored: the password only as its Argon2id hash (never shown, never logged)."""

    name: str
    role: str
    password_hash: str
    created_at: float
    disabled_at: float | None = None


@dataclass(frozen=True)
class SessionRecord:
    """A signed-in browser: whose, its CSRF token, and when it was last used (epoch seconds)."""

    user: UserRecord
    csrf: str
    last_seen: float


@dataclass(frozen=True)
class Source:
    """A cited source: a document of ``data/sources.csv`` or one entered in the workspace (kept in the store).

    ``kind`` is ``document`` (a paper with a ``number``) or ``officer`` (entered by an officer on a day);
    ``entered_by``/``entered_at`` are set for sources entered in the app (the name is for the audit, never shown).
    """

    id: str
    title: str
    publisher: str
    address: str
    date: str
    language: str
    kind: str = "document"
    number: str = ""
    entered_by: str = ""
    entered_at: str = ""
