"""``craftmap user …`` as an administrator runs it: a real process on a real GeoPackage."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import _first_account_hint
from api.settings import ServerSettings
from geo.records.accounts import Lockout, sign_in
from geo.store.gpkg.store import GpkgStore
from tests.test_cli import run

PASSWORD = "mật-khẩu-đủ-dài"


def _user(store: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "api.cli", "user", *args, "--store", str(store)],
                            input=stdin, capture_output=True, text=True, timeout=120, check=False,
                            env={**__import__("os").environ, "COLUMNS": "200"})
    return result.returncode, result.stdout, result.stderr


def test_create_list_disable_and_reload(tiny_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.gpkg"
    assert run("load", "--store", str(store), "--data", str(tiny_data)).returncode == 0
    _first_account_hint(ServerSettings(store=store, database_url=None))
    assert "craftmap user create" in capsys.readouterr().err
    code, out, err = _user(store, "create", "--name", "Trần Văn Bình", "--role", "admin", "--password-stdin",
                           stdin=PASSWORD + "\n")
    assert code == 0, err
    assert PASSWORD not in out + err
    _first_account_hint(ServerSettings(store=store, database_url=None))
    assert capsys.readouterr().err == ""
    assert _user(store, "create", "--name", "Trần Văn Bình", "--password-stdin", stdin=PASSWORD)[0] == 1
    assert _user(store, "create", "--name", "x", "--password-stdin", stdin="short")[0] == 1
    assert run("load", "--store", str(store), "--data", str(tiny_data)).returncode == 0  # accounts survive
    code, out, _ = _user(store, "list")
    assert code == 0 and "Trần Văn Bình" in out and "admin" in out and "$argon2" not in out
    s = GpkgStore(store)
    try:
        assert sign_in(s, "Trần Văn Bình", PASSWORD, "127.0.0.1", Lockout()).user.role == "admin"
    finally:
        s.close()
    assert _user(store, "disable", "Trần Văn Bình")[0] == 0
    assert _user(store, "disable", "Trần Văn Bình")[0] == 1
    listed = _user(store, "list")[1]
    row = next(line for line in listed.splitlines() if "Trần Văn Bình" in line)
    assert row.count("+00:00") == 2  # created and disabled, both shown
