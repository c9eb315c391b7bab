"""API tokens and roles.

Design: a token is 256 random bits (``secrets.token_urlsafe(32)``) behind the prefix ``cm_``;
the store keeps only its SHA-256 digest. With that much entropy a digest cannot be reversed or
guessed, so no server secret (pepper) is needed: there is no secret to leave at a default
value, to leak, or to lose — a fresh clone runs ``make run`` securely with nothing to
configure, and a stolen store file yields no usable token. The token itself is shown once, by
``craftmap token create``; a lost token is revoked and replaced, never recovered.

Roles are ordered: ``admin`` may do everything an ``editor`` may.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from geo.model.errors import Forbidden, InvalidParameter, NotAuthenticated
from geo.model.feature import TokenRecord
from geo.store.base import Store

ROLES = ("editor", "admin")
PREFIX = "cm_"
_TOKEN = re.compile(r"^cm_[A-Za-z0-9_-]{43}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name (recorded as the audit actor) and role."""

    name: str
    role: str

    def allows(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def valid_name(name: str) -> bool:
    """A token's or account's name: 1-64 letters, digits, '.', '_', '@' or '-' (safe in logs and audit)."""
    return bool(_NAME.match(name))


def digest(token: str) -> str:
    """The stored form of a token: its SHA-256 as hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str, role: str) -> tuple[str, TokenRecord]:
    """A new token and its record; the caller shows the token once, the store keeps only the digest."""
    if role not in ROLES:
        raise InvalidParameter(f"role must be one of {', '.join(ROLES)}, got '{role}'.")
    if not valid_name(name):
        raise InvalidParameter("A token name is 1-64 letters, digits, '.', '_', '@' or '-'.")
    token = PREFIX + secrets.token_urlsafe(32)
    return token, store.add_token(name, role, digest(token))


def verify(store: Store, token: str) -> Principal:
    """The principal of a valid, unrevoked token, else ``NotAuthenticated``.

    The lookup is by digest, so timing reveals nothing about stored tokens.
    """
    record = store.find_token(digest(token)) if _TOKEN.match(token) else None
    if record is None or record.role not in ROLES:
        raise NotAuthenticated("The bearer token is unknown, malformed or revoked.")
    return Principal(record.name, record.role)


def require(principal: Principal, role: str) -> Principal:
    """``principal`` if its role covers ``role``, else ``Forbidden``."""
    if not principal.allows(role):
        raise Forbidden(f"This needs the '{role}' role; '{principal.name}' is '{principal.role}'.")
    return principal
