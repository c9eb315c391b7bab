"""Domain errors: one base class, one subclass per problem a caller can act on.

The API maps each class to an HTTP status (``api/problems.py``); the CLI prints the message.
Messages are safe to show to the public.
"""

from __future__ import annotations

from typing import Any


class CraftmapError(Exception):
    """Base of every error craftmap reports to a user."""

    status = 500
    title = "Internal error"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class UnknownCollection(CraftmapError):
    """The collection id is not in the registry."""

    status = 404
    title = "Collection not found"


class FeatureNotFound(CraftmapError):
    """No feature with that id in the collection."""

    status = 404
    title = "Feature not found"


class InvalidParameter(CraftmapError):
    """A query parameter cannot be understood (bbox, limit, datetime, sortby …)."""

    status = 400
    title = "Invalid parameter"


class UnsupportedCRS(InvalidParameter):
    """A CRS that craftmap does not serve."""

    title = "Unsupported CRS"


class InvalidFilter(InvalidParameter):
    """A CQL2 filter that does not parse or names an unknown property."""

    title = "Invalid filter"


class InvalidFeature(CraftmapError):
    """A record that breaks the collection's schema, geometry rules or links.

    ``errors`` lists every problem as ``{"field": ..., "problem": ...}``.
    """

    status = 422
    title = "Invalid feature"

    def __init__(self, detail: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail, errors=errors or [])
        self.errors = errors or []


class DuplicateFeature(CraftmapError):
    """A feature with that id already exists."""

    status = 409
    title = "Feature already exists"


class PreconditionRequired(CraftmapError):
    """A write without ``If-Match``: craftmap refuses blind overwrites."""

    status = 428
    title = "Precondition required"


class VersionConflict(CraftmapError):
    """The ``If-Match`` version is not the current one: someone else wrote first."""

    status = 412
    title = "Precondition failed"


class NotAuthenticated(CraftmapError):
    """No valid bearer token."""

    status = 401
    title = "Authentication required"


class Forbidden(CraftmapError):
    """The token's role may not do this."""

    status = 403
    title = "Forbidden"


class StoreUnavailable(CraftmapError):
    """The store file or database is missing or cannot be opened."""

    status = 503
    title = "Store unavailable"
