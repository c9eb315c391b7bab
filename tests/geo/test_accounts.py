"""People's accounts on both stores: Argon2id hashes, sessions that end, and the sign-in throttle."""

from __future__ import annotations

import time

import pytest

from geo.model.errors import AccountExists, AccountLocked, InvalidParameter, NotAuthenticated
from geo.records import accounts
from geo.records.accounts import Lockout
from geo.store.base import Store

PASSWORD = "đúng-mật-khẩu-2025"
POLICY = Lockout(lock_after=3, address_lock_after=5, lock_seconds=60)


def test_password_is_kept_only_as_an_argon2id_hash(any_store: Store) -> None:
    accounts.create_user(any_store, "Nguyễn Thị Hà", "editor", PASSWORD)
    stored = any_store.find_user("Nguyễn Thị Hà")
    assert stored is not None and stored.role == "editor" and stored.disabled_at is None
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    assert [u.name for u in any_store.list_users()] == ["Nguyễn Thị Hà"]
    with pytest.raises(AccountExists):
        accounts.create_user(any_store, "Nguyễn Thị Hà", "admin", "another-password")


@pytest.mark.parametrize(("name", "role", "password"), [
    ("ok-name", "owner", PASSWORD), ("", "editor", PASSWORD), (" padded", "editor", PASSWORD),
    ("tab\there", "editor", PASSWORD), ("x" * 65, "editor", PASSWORD), ("ok-name", "editor", "short"),
])
def test_bad_accounts_are_refused(any_store: Store, name: str, role: str, password: str) -> None:
    with pytest.raises(InvalidParameter):
        accounts.create_user(any_store, name, role, password)
    assert any_store.list_users() == []


def test_a_session_lives_until_sign_out(any_store: Store) -> None:
    accounts.create_user(any_store, "ha", "admin", PASSWORD)
    done = accounts.sign_in(any_store, "ha", PASSWORD, "10.0.0.1", POLICY)
    found = accounts.session(any_store, done.cookie, idle_seconds=60)
    assert found is not None and found.user.name == "ha" and found.user.role == "admin" and found.csrf == done.csrf
    assert accounts.session(any_store, done.cookie[:-1] + "x", idle_seconds=60) is None
    accounts.sign_out(any_store, done.cookie)
    assert accounts.session(any_store, done.cookie, idle_seconds=60) is None


def test_an_idle_session_ends(any_store: Store) -> None:
    accounts.create_user(any_store, "ha", "editor", PASSWORD)
    done = accounts.sign_in(any_store, "ha", PASSWORD, "10.0.0.1", POLICY)
    time.sleep(0.3)
    assert accounts.session(any_store, done.cookie, idle_seconds=0.1) is None
    assert accounts.session(any_store, done.cookie, idle_seconds=3600) is None  # deleted, not only hidden


def test_disabling_ends_sessions_and_sign_in(any_store: Store) -> None:
    accounts.create_user(any_store, "ha", "editor", PASSWORD)
    done = accounts.sign_in(any_store, "ha", PASSWORD, "10.0.0.1", POLICY)
    assert any_store.disable_user("ha", time.time()) is True
    assert any_store.disable_user("ha", time.time()) is False
    assert accounts.session(any_store, done.cookie, idle_seconds=60) is None
    with pytest.raises(NotAuthenticated):
        accounts.sign_in(any_store, "ha", PASSWORD, "10.0.0.2", POLICY)


def test_wrong_passwords_slow_down_then_lock_even_the_right_one(any_store: Store) -> None:
    accounts.create_user(any_store, "ha", "editor", PASSWORD)
    delays = []
    for _ in range(POLICY.lock_after - 1):
        with pytest.raises(NotAuthenticated) as wrong:
            accounts.sign_in(any_store, "ha", "wrong password", "10.0.0.1", POLICY)
        delays.append(wrong.value.extra["delay"])
    assert delays == sorted(delays) and delays[0] < delays[-1]
    with pytest.raises(AccountLocked):
        accounts.sign_in(any_store, "ha", "wrong password", "10.0.0.1", POLICY)
    with pytest.raises(AccountLocked):  # from another address too: the account is locked
        accounts.sign_in(any_store, "ha", PASSWORD, "10.0.0.9", POLICY)


def test_one_address_is_locked_across_accounts(any_store: Store) -> None:
    for name in ("a1", "a2", "a3"):
        accounts.create_user(any_store, name, "editor", PASSWORD)
    for i in range(POLICY.address_lock_after - 1):
        with pytest.raises(NotAuthenticated):
            accounts.sign_in(any_store, ("a1", "a2")[i % 2], "wrong password", "10.0.0.66", POLICY)
    with pytest.raises(AccountLocked):
        accounts.sign_in(any_store, "a3", "wrong password", "10.0.0.66", POLICY)
    with pytest.raises(AccountLocked):
        accounts.sign_in(any_store, "a3", PASSWORD, "10.0.0.66", POLICY)
    assert accounts.sign_in(any_store, "a3", PASSWORD, "10.0.0.7", POLICY).user.name == "a3"


def test_a_success_clears_the_account_count(any_store: Store) -> None:
    accounts.create_user(any_store, "ha", "editor", PASSWORD)
    for _ in range(POLICY.lock_after - 1):
        with pytest.raises(NotAuthenticated):
            accounts.sign_in(any_store, "ha", "wrong password", "10.0.0.1", POLICY)
    accounts.sign_in(any_store, "ha", PASSWORD, "10.0.0.1", POLICY)
    with pytest.raises(NotAuthenticated):  # counting starts again: not locked
        accounts.sign_in(any_store, "ha", "wrong password", "10.0.0.1", POLICY)


def test_unknown_account_fails_like_a_wrong_password(any_store: Store) -> None:
    with pytest.raises(NotAuthenticated) as unknown:
        accounts.sign_in(any_store, "nobody", PASSWORD, "10.0.0.1", POLICY)
    assert unknown.value.detail == "Wrong name or password."
