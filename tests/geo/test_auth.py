"""Tokens: only a digest is stored, verification, roles, revocation, names unique, survival of a reload."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from geo.model.errors import Forbidden, InvalidParameter, NotAuthenticated, TokenExists
from geo.records.access import Principal, create_token, digest, require, verify
from geo.records.loader import load
from geo.store.gpkg.store import GpkgStore


def test_token_is_random_and_only_its_digest_is_stored(tiny_store: GpkgStore) -> None:
    token, record = create_token(tiny_store, "alice", "editor")
    other, _ = create_token(tiny_store, "bob", "editor")
    assert token.startswith("cm_") and len(token) == 46 and token != other
    assert record.role == "editor" and record.revoked_at is None
    rows = sqlite3.connect(tiny_store.path).execute("SELECT * FROM craftmap_tokens").fetchall()
    flat = " ".join(str(v) for row in rows for v in row)
    assert token not in flat and token[3:] not in flat
    assert digest(token) in flat


def test_verify_roles_and_revocation(tiny_store: GpkgStore) -> None:
    editor, _ = create_token(tiny_store, "ed", "editor")
    admin, _ = create_token(tiny_store, "ad", "admin")
    assert verify(tiny_store, editor) == Principal("ed", "editor")
    assert require(verify(tiny_store, admin), "editor").name == "ad"
    with pytest.raises(Forbidden):
        require(verify(tiny_store, editor), "admin")
    assert tiny_store.revoke_token("ed")
    assert not tiny_store.revoke_token("ed")
    with pytest.raises(NotAuthenticated):
        verify(tiny_store, editor)
    assert [t.name for t in tiny_store.list_tokens() if t.revoked_at] == ["ed"]


@pytest.mark.parametrize("bad", ["", "cm_", "cm_" + "x" * 42, "Bearer cm_abc", "cm_" + "A" * 43, "' OR 1=1 --"])
def test_unknown_or_malformed_tokens_are_refused(tiny_store: GpkgStore, bad: str) -> None:
    create_token(tiny_store, "someone", "admin")
    with pytest.raises(NotAuthenticated):
        verify(tiny_store, bad)


def test_names_and_roles_are_checked(tiny_store: GpkgStore) -> None:
    create_token(tiny_store, "alice", "editor")
    with pytest.raises(TokenExists):
        create_token(tiny_store, "alice", "admin")
    tiny_store.revoke_token("alice")
    with pytest.raises(TokenExists):  # a revoked name stays taken: audit rows keep meaning one holder
        create_token(tiny_store, "alice", "editor")
    with pytest.raises(InvalidParameter):
        create_token(tiny_store, "carol", "superuser")
    with pytest.raises(InvalidParameter):
        create_token(tiny_store, "<script>", "editor")


def test_tokens_survive_a_reload_of_the_data(tiny_store: GpkgStore, tiny_data: Path) -> None:
    token, _ = create_token(tiny_store, "keeper", "editor")
    load(tiny_data, tiny_store)
    assert verify(tiny_store, token).name == "keeper"
