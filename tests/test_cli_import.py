"""``craftmap import`` and ``craftmap token``, including a ``kill -9`` in the middle of a large import."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pyogrio
from typer.testing import CliRunner

from api.cli import app
from geo.model.collections import FACILITIES
from geo.records.access import verify
from geo.store.gpkg.store import GpkgStore
from tests.support.records import feature
from tests.support.stores import content_dump

runner = CliRunner()
BIG = 100_000  # large enough that writing lasts seconds; checking takes about 5 s more


def points(n: int, prefix: str = "big") -> list[dict[str, object]]:
    return [feature("facilities", f"{prefix}-{i}", {"type": "Point", "coordinates": [
        106.6 + (i % 1000) * 1e-4, 20.9 + (i // 1000) * 1e-4]}, name=f"Xưởng {i}", sector="cơ khí")
        for i in range(n)]


def env_for(data: Path) -> dict[str, str]:
    return {**os.environ, "CRAFTMAP_DATA_DIR": str(data)}


def test_import_command_writes_and_reports(tiny_store: GpkgStore, tiny_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "few.geojson"
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": points(3, "few")}))
    result = runner.invoke(app, ["import", str(path), "--collection", "facilities", "--store",
                                 str(tiny_store.path), "--actor", "steward"], env=env_for(tiny_data))
    assert result.exit_code == 0, result.output
    assert "Imported 3" in result.output
    assert tiny_store.get(FACILITIES, "few-2").properties["name"] == "Xưởng 2"
    assert tiny_store.history(FACILITIES, "few-0")[0].actor == "steward"


def test_import_command_rejects_bad_rows_and_changes_nothing(tiny_store: GpkgStore, tiny_data: Path,
                                                             tmp_path: Path) -> None:
    rows = points(3, "bad")
    rows[1]["geometry"] = {"type": "Point", "coordinates": [20.93, 106.63]}
    path = tmp_path / "bad.geojson"
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": rows}))
    before = content_dump(tiny_store.path)
    result = runner.invoke(app, ["import", str(path), "-c", "facilities", "--store", str(tiny_store.path)],
                           env=env_for(tiny_data))
    assert result.exit_code == 1
    assert "row 2" in result.output and "swapped" in result.output and "Nothing was imported" in result.output
    assert content_dump(tiny_store.path) == before


def test_token_commands(tiny_store: GpkgStore) -> None:
    store = ["--store", str(tiny_store.path)]
    created = runner.invoke(app, ["token", "create", "--role", "editor", "--name", "lan", *store])
    assert created.exit_code == 0, created.output
    token = next(w for w in created.output.split() if w.startswith("cm_"))
    assert verify(tiny_store, token).role == "editor"
    listed = runner.invoke(app, ["token", "list", *store])
    assert "lan" in listed.output and "editor" in listed.output and token not in listed.output
    assert runner.invoke(app, ["token", "create", "--role", "editor", "--name", "lan", *store]).exit_code == 1
    assert runner.invoke(app, ["token", "create", "--role", "root", "--name", "x", *store]).exit_code == 1
    assert runner.invoke(app, ["token", "revoke", "lan", *store]).exit_code == 0
    assert runner.invoke(app, ["token", "revoke", "lan", *store]).exit_code == 1
    assert tiny_store.find_token(__import__("geo.records.access").records.access.digest(token)) is None


def test_kill_9_during_a_large_import_leaves_the_store_valid_and_unchanged(
        tiny_store: GpkgStore, tiny_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "big.geojson"
    path.write_bytes(orjson.dumps({"type": "FeatureCollection", "features": points(BIG)}))
    tiny_store.close()
    before = content_dump(tiny_store.path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "import", str(path), "--collection", "facilities", "--store",
         str(tiny_store.path)], env=env_for(tiny_data), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    writing = threading.Event()

    def watch() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if b"writing" in line:
                writing.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert writing.wait(timeout=180), "the import never reached its writing phase"
        wal = Path(f"{tiny_store.path}-wal")
        deadline = time.monotonic() + 60
        while (not wal.exists() or wal.stat().st_size < 1_000_000) and time.monotonic() < deadline:
            time.sleep(0.05)  # uncommitted pages spill into the WAL: the transaction is well under way
        assert proc.poll() is None, "the import finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    info = pyogrio.read_info(tiny_store.path, layer="facilities")
    assert info["features"] == 1  # GDAL opens it and sees only the tiny dataset's facility
    assert pyogrio.read_dataframe(tiny_store.path, layer="facilities")["id"].tolist() == ["f-1"]
    assert content_dump(tiny_store.path) == before
    reopened = GpkgStore(tiny_store.path)
    assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reopened.counts()["facilities"] == 1
    reopened.close()
