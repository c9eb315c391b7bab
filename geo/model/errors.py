"""Domain errors: one base class, one subclass per problem a caller can act on.

The classes carry no HTTP status: the web edge maps each to one in a single table
(``api/problems.py``); the CLI prints the message.
Messages are safe to show to the public.
"""

from __future__ import annotations

from typing import Any


class CraftmapError(Exception):
    """Base of every error craftmap reports to a user."""

    title = "Internal error"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class UnknownCollection(CraftmapError):
    """The collection id is not in the registry."""

    title = "Collection not found"


class FeatureNotFound(CraftmapError):
    """No feature with that id in the collection."""

    title = "Feature not found"


class TileNotFound(CraftmapError):
    """A tile outside its tile matrix set (a zoom, row or column out of range)."""

    title = "Tile not found"


class InvalidParameter(CraftmapError):
    """A query parameter cannot be understood (bbox, limit, datetime, sortby …)."""

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

    title = "Invalid feature"

    def __init__(self, detail: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail, errors=errors or [])
        self.errors = errors or []


class DuplicateFeature(CraftmapError):
    """A feature with that id already exists."""

    title = "Feature already exists"


class PreconditionRequired(CraftmapError):
    """A write without ``If-Match``: craftmap refuses blind overwrites."""

    title = "Precondition required"


class VersionConflict(CraftmapError):
    """The ``If-Match`` version is not the current one: someone else wrote first."""

    title = "Precondition failed"


class NotAuthenticated(CraftmapError):
    """No valid bearer token."""

    title = "Authentication required"


class Forbidden(CraftmapError):
    """The token's role may not do this."""

    title = "Forbidden"


class StoreUnavailable(CraftmapError):
    """The store file or database is missing or cannot be opened."""

    title = "Store unavailable"


class MalformedBody(CraftmapError):
    """A request body that is not the JSON (or file) its content type promises."""

    title = "Malformed request body"


class ReadOnlyCollection(CraftmapError):
    """A write to a collection the registry marks ``editable=False`` (e.g. admin units)."""

    title = "Collection is read-only"


class FeatureInUse(CraftmapError):
    """A delete that would leave other records pointing at a missing feature."""

    title = "Feature is referenced"


class TokenExists(CraftmapError):
    """A token name already used (names stay unique, revoked ones too, so the audit stays unambiguous)."""

    title = "Token name taken"


class AccountLocked(CraftmapError):
    """Too many wrong passwords for this account or from this address: even the right one waits."""

    title = "Too many failed sign-ins"


class AccountExists(CraftmapError):
    """A person's account name already used (disabled accounts keep theirs, for the audit trail)."""

    title = "Account name taken"


class PayloadTooLarge(CraftmapError):
    """A request body above ``max_body_bytes`` (or ``max_upload_bytes`` for file uploads)."""

    title = "Payload too large"


class UnsupportedMediaType(CraftmapError):
    """A write whose ``Content-Type`` craftmap does not read."""

    title = "Unsupported media type"


class ImportFailed(InvalidFeature):
    """An import with bad rows; ``errors`` lists ``{row, id, field, problem}``; nothing was written."""

    title = "Import rejected"


class DownloadNotFound(CraftmapError):
    """No open-data file of that name (``/downloads/{filename}``)."""

    title = "Download not found"
