"""Every CLI command on a missing or unreadable store says so in one line and exits non-zero (issue 12, class 9).

Both kinds of store: a file that is not a GeoPackage, and a PostGIS URL nothing answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CRAFTMAP = Path(sys.executable).parent / "craftmap"
COMMANDS = [
    ["token", "list"], ["token", "revoke", "someone"], ["token", "create", "--name", "x", "--role", "editor"],
    ["export", "--out", "{tmp}/out"], ["export", "--static", "{tmp}/site"], ["serve", "--port", "9"],
    ["import", "{tmp}/rows.csv", "--collection", "facilities"],
]


def _run(args: list[str], tmp: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    (tmp / "rows.csv").write_text("id,name,sector,sources,location_precision,illustrative,lon,lat\n"
                                  "f-9,X,đúc,src-test,approximate,true,106.63,20.93\n", encoding="utf-8")
    argv = [str(CRAFTMAP), *(a.replace("{tmp}", str(tmp)) for a in args)]
    return subprocess.run(argv, check=False, capture_output=True, text=True, timeout=120, cwd=tmp,
                          env={**os.environ, "COLUMNS": "80", **env})


@pytest.mark.parametrize("store", ["missing", "garbage", "postgis-unreachable"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_a_bad_store_is_one_line(tmp_path: Path, store: str, args: list[str]) -> None:
    if store == "postgis-unreachable":
        env = {"CRAFTMAP_DATABASE_URL": "postgresql://craftmap@127.0.0.1:9/nothing?connect_timeout=2"}
    else:
        path = tmp_path / "store.gpkg"
        if store == "garbage":
            path.write_bytes(b"this is not a GeoPackage\n" * 100)
        env = {"CRAFTMAP_STORE": str(path), "CRAFTMAP_DATABASE_URL": ""}
    done = _run(args, tmp_path, env)
    output = (done.stdout + done.stderr).strip()
    assert done.returncode != 0, output
    assert "Traceback" not in output and "Error:" not in output.split(":", 1)[0], output
    lines = [line for line in output.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2, output  # import adds "Nothing was imported."
    assert any(w in lines[0] for w in ("store", "Store", "database", "PostGIS", ".gpkg")), output
