"""The ``craftmap`` command as a user runs it: a real process, real files, a real port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyogrio

from geo.model.collections import LOAD_ORDER
from tests.support.records import tiny_records, write_dataset
from tests.support.servers import free_port

CRAFTMAP = [sys.executable, "-m", "api.cli"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CRAFTMAP, *args], check=False, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200", **(env or {})})


def test_load_reports_counts_matching_gdal(tiny_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.gpkg"
    result = run("load", "--store", str(store), "--data", str(tiny_data))
    assert result.returncode == 0, result.stderr
    for cid in LOAD_ORDER:
        count = pyogrio.read_info(store, layer=cid)["features"]
        rows = [line.strip(" │|").split() for line in result.stdout.splitlines() if f" {cid} " in line]
        assert rows and rows[0][-1] == str(count), (cid, result.stdout)


def test_bad_record_stops_load_and_keeps_old_store(tiny_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.gpkg"
    assert run("load", "--store", str(store), "--data", str(tiny_data)).returncode == 0
    before = store.read_bytes()
    records = tiny_records()
    records["clusters"][0]["properties"]["planned_area_ha"] = -11
    bad = write_dataset(tmp_path / "bad", records)
    result = run("load", "--store", str(store), "--data", str(bad))
    assert result.returncode == 1
    message = " ".join(result.stderr.split())
    assert "clusters.geojson" in message and "kien-bai" in message and "planned_area_ha must be ≥ 0" in message
    assert "not changed" in message
    assert store.read_bytes() == before


def test_serve_lists_every_collection(tiny_data: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.gpkg"
    assert run("load", "--store", str(store), "--data", str(tiny_data)).returncode == 0
    port = free_port()
    proc = subprocess.Popen([*CRAFTMAP, "serve", "--store", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(200):
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/collections", timeout=2).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert body is not None, "server did not answer"
        assert sorted(c["id"] for c in body["collections"]) == sorted(LOAD_ORDER)
        health = httpx.get(f"http://127.0.0.1:{port}/healthz").json()
        assert health["counts"]["projects"] == 2
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "craftmap user create --name NAME --role admin" in proc.stderr.read()  # type: ignore[union-attr]


def test_serve_without_store_says_what_to_do(tmp_path: Path) -> None:
    result = run("serve", "--store", str(tmp_path / "missing.gpkg"), "--port", str(free_port()))
    assert result.returncode == 1
    assert "craftmap load" in result.stderr
