"""People's accounts: Argon2id passwords, server-side sessions and sign-in throttling.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommendation);
they are never stored, logged or put in the audit trail. A session is 256 random bits held by the
browser as a cookie; the store keeps its SHA-256 and a per-session CSRF token, so sign-out and
``craftmap user disable`` end it everywhere at once (several workers share one store).

Wrong passwords are counted per account and per client address: each failure makes the answer
slower, and ``lock_after`` failures in a row lock the key for ``lock_seconds`` (during which even
the right password is refused). A success clears the account's counter, never the address's.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from geo.model.errors import AccountLocked, InvalidParameter, NotAuthenticated
from geo.model.feature import SessionRecord, UserRecord
from geo.records.access import ROLES
from geo.store.base import AccountStore

MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# Verified when the account is unknown, so a wrong name costs as much time as a wrong password.
_DUMMY = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Lockout:
    """The throttling policy (``ServerSettings`` supplies it)."""

    lock_after: int = 5
    address_lock_after: int = 20
    lock_seconds: float = 900.0
    delay_step: float = 0.25
    delay_max: float = 2.0

    def delay(self, failures: int) -> float:
        """How long the answer to a failed attempt waits: longer with every failure."""
        return min(self.delay_step * failures, self.delay_max)


@dataclass(frozen=True)
class SignedIn:
    """A new session: the cookie value (given to the browser once) and the session's CSRF token."""

    cookie: str
    csrf: str
    user: UserRecord


def account_name_ok(name: str) -> bool:
    """People are named as they are ("Nguyễn Thị Hà"): any text but control characters; pages escape it."""
    return (0 < len(name) <= 64 and name == name.strip() and unicodedata.is_normalized("NFC", name)
            and not any(unicodedata.category(c).startswith("C") for c in name))


def session_digest(cookie: str) -> str:
    return hashlib.sha256(cookie.encode("utf-8")).hexdigest()


def create_user(store: AccountStore, name: str, role: str, password: str) -> UserRecord:
    """A new account with the password's Argon2id hash."""
    if role not in ROLES:
        raise InvalidParameter(f"role must be one of {', '.join(ROLES)}, got '{role}'.")
    if not account_name_ok(name):
        raise InvalidParameter("An account name is 1-64 characters (a person's name, with diacritics if it has "
                               "them), without control characters or spaces at either end.")
    if len(password) < MIN_PASSWORD:
        raise InvalidParameter(f"A password has at least {MIN_PASSWORD} characters.")
    return store.add_user(name, role, _HASHER.hash(password), time.time())


def _locked_for(store: AccountStore, keys: list[str], now: float) -> float:
    return max(store.failures(k)[2] - now for k in keys)


def _fail(store: AccountStore, key: str, limit: int, policy: Lockout, now: float) -> tuple[int, float]:
    count, last, _ = store.failures(key)
    count = 1 if now - last > policy.lock_seconds else count + 1  # old failures are forgotten
    locked_until = now + policy.lock_seconds if count >= limit else 0.0
    store.set_failures(key, count, now, locked_until)
    return count, locked_until


def sign_in(store: AccountStore, name: str, password: str, address: str, policy: Lockout) -> SignedIn:
    """A new session for ``name``, or ``AccountLocked`` / ``NotAuthenticated`` (with ``delay``: how long
    the caller should hold the answer). A disabled or unknown account fails like a wrong password."""
    now = time.time()
    keys = [f"user:{name.casefold()}", f"addr:{address}"]
    wait = _locked_for(store, keys, now)
    if wait > 0:
        raise AccountLocked(f"Too many failed sign-ins: try again in {int(wait // 60) + 1} minutes.",
                            headers={"Retry-After": str(int(wait) + 1)})
    user = store.find_user(name)
    # An unknown name is checked against a dummy hash: it must not answer faster than a wrong password.
    right = _verify(_DUMMY if user is None else user.password_hash, password)
    if user is None or user.disabled_at is not None or not right:
        count, until = _fail(store, keys[0], policy.lock_after, policy, now)
        addr_count, addr_until = _fail(store, keys[1], policy.address_lock_after, policy, now)
        if max(until, addr_until) > 0:
            raise AccountLocked(f"Too many failed sign-ins: locked for {int(policy.lock_seconds // 60)} minutes.",
                                headers={"Retry-After": str(int(policy.lock_seconds))}, delay=policy.delay(count))
        raise NotAuthenticated("Wrong name or password.", delay=policy.delay(max(count, addr_count)))
    store.set_failures(keys[0], 0, now, 0.0)
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    store.add_session(session_digest(cookie), user.name, csrf, now)
    return SignedIn(cookie, csrf, user)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def session(store: AccountStore, cookie: str, idle_seconds: float) -> SessionRecord | None:
    """The live session behind a cookie (its idle time restarts), or ``None``."""
    if not cookie or len(cookie) > 100:
        return None
    now = time.time()
    return store.find_session(session_digest(cookie), now - idle_seconds, now)


def sign_out(store: AccountStore, cookie: str) -> None:
    store.delete_session(session_digest(cookie))

