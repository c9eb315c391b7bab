"""Several workers on one PostGIS: no lost update, 412 for the losers, consistent reads.

Two levels: two OS processes writing through ``PostgisStore`` directly, and
``craftmap serve --workers 2`` (a real multi-process uvicorn) with concurrent HTTP editors doing
GET → PUT with ``If-Match`` on the same feature while readers watch it.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from geo.model.collections import COLLECTIONS
from geo.model.feature import AuditEntry, Feature, ItemQuery
from geo.records.access import create_token
from geo.records.loader import load
from geo.settings import ROOT
from geo.store.postgis.store import PostgisStore
from tests.support.postgis import Cluster
from tests.support.servers import free_port

pytestmark = pytest.mark.postgis

VILLAGES = COLLECTIONS["villages"]

WRITER = """
import json, sys
from geo.model.errors import VersionConflict
from geo.model.collections import COLLECTIONS
from geo.model.feature import Feature
from geo.store.postgis.store import PostgisStore
url, tag, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
store, villages = PostgisStore(url, pool_size=2), COLLECTIONS["villages"]
wins, losses = [], 0
for i in range(rounds):
    cur = store.get(villages, "my-dong", include_private=True)
    props = dict(cur.properties, description=f"{tag}-{i}")
    try:
        new = store.replace(villages, Feature(cur.id, cur.geometry, props), cur.version, actor=tag)
        wins.append([new.version, props["description"]])
    except VersionConflict:
        losses += 1
print(json.dumps({"wins": wins, "losses": losses}))
"""


def check_chain(history: list[AuditEntry], wins: list[tuple[int, str]]) -> None:
    """Every win is in the trail at its version, and each write started from the previous one."""
    replaces = [h for h in history if h.action == "replace"]
    assert [h.version for h in replaces] == list(range(2, 2 + len(replaces)))
    assert {(h.version, h.after["properties"]["description"]) for h in replaces} == set(wins)  # type: ignore[index]
    for prev, nxt in itertools.pairwise(replaces):
        assert nxt.before["properties"]["description"] == prev.after["properties"]["description"]  # type: ignore[index]


@pytest.fixture
def loaded_url(pg_url: str, tiny_data: Path) -> str:
    store = PostgisStore(pg_url, pool_size=2)
    load(tiny_data, store)
    store.close()
    return pg_url


def test_two_processes_never_lose_an_update(loaded_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, loaded_url, f"p{k}", "25"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) for k in range(2)]
    results = []
    for p in procs:
        out, errors = p.communicate(timeout=120)
        assert p.returncode == 0, errors
        results.append(json.loads(out))
    wins = [(v, d) for r in results for v, d in r["wins"]]
    assert len(wins) + sum(r["losses"] for r in results) == 50
    store = PostgisStore(loaded_url, pool_size=1)
    try:
        assert store.get(VILLAGES, "my-dong").version == 1 + len(wins)
        check_chain(store.history(VILLAGES, "my-dong"), wins)
    finally:
        store.close()


@pytest.fixture
def served(loaded_url: str, tiny_data: Path) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    """``craftmap serve --workers 2`` on the loaded database, and an editor token."""
    store = PostgisStore(loaded_url, pool_size=1)
    token, _ = create_token(store, "editor-race", "editor")
    store.close()
    port = free_port()
    env = {**os.environ, "CRAFTMAP_DATABASE_URL": loaded_url, "CRAFTMAP_DATA_DIR": str(tiny_data),
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--workers", "2", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else "serve exited"
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "craftmap serve did not come up"
            time.sleep(0.2)
        yield base, token, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _workers(pid: int) -> int:
    """Child processes of ``pid``, read from /proc/*/stat (field 4 is the parent pid)."""
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        count += fields[1] == str(pid)
    return count


def test_serve_two_workers_concurrent_editors(served: tuple[str, str, subprocess.Popen[str]],
                                              loaded_url: str) -> None:
    base, token, proc = served
    assert _workers(proc.pid) in (2, 3)  # two workers (and perhaps multiprocessing's tracker)
    item = f"{base}/collections/villages/items/my-dong"
    wins: list[tuple[int, str]] = []
    statuses: list[int] = []
    seen: list[tuple[int, str | None]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def editor(k: int) -> None:
        with httpx.Client(timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
            for i in range(6):
                got = client.get(item)
                assert got.status_code == 200
                body: dict[str, Any] = got.json()
                body["properties"]["description"] = f"e{k}-{i}"
                body.pop("links", None)
                r = client.put(item, json=body, headers={"If-Match": got.headers["ETag"],
                                                          "Content-Type": "application/geo+json"})
                with lock:
                    statuses.append(r.status_code)
                    if r.status_code == 200:
                        wins.append((int(r.headers["ETag"].strip('"')), f"e{k}-{i}"))
                assert r.status_code in (200, 412), r.text

    def reader() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                r = client.get(item)
                assert r.status_code == 200
                with lock:
                    seen.append((int(r.headers["ETag"].strip('"')), r.json()["properties"]["description"]))

    threads = [threading.Thread(target=editor, args=(k,)) for k in range(4)]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads + readers:
        t.start()
    for t in threads:
        t.join(timeout=120)
    stop.set()
    for t in readers:
        t.join(timeout=30)
    assert len(statuses) == 24 and statuses.count(200) == len(wins) >= 1

    store = PostgisStore(loaded_url, pool_size=1)
    try:
        history = store.history(VILLAGES, "my-dong")
        assert store.get(VILLAGES, "my-dong").version == 1 + len(wins)
    finally:
        store.close()
    check_chain(history, wins)
    assert all(h.actor == "editor-race" for h in history)
    # Consistent reads: what a reader saw at version v is exactly what was written at v.
    written = {1: None, **{h.version: h.after["properties"].get("description") for h in history}}  # type: ignore[index]
    assert seen and all(written[v] == d for v, d in seen)


def test_copy_postgis_to_geopackage_and_back_loses_nothing(pg_url: str, postgis_cluster: Cluster,
                                                           tmp_path: Path) -> None:
    """``craftmap copy`` PostGIS → GeoPackage → PostGIS: every field (private too) and version kept."""
    from geo.model.collections import LOAD_ORDER
    from geo.store.transfer import read_everything
    from tests.support.stores import DATA_DIR, same_features

    store = PostgisStore(pg_url, pool_size=1)
    load(DATA_DIR, store)
    first = store.query(VILLAGES, ItemQuery(limit=1, include_private=True)).features[0]
    edited = Feature(first.id, first.geometry, dict(first.properties, description="sửa lần 1"))
    store.replace(VILLAGES, edited, first.version, actor="t")
    before = read_everything(store)
    store.close()
    gpkg = tmp_path / "copy.gpkg"
    back = postgis_cluster.new_database("copy_back")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for src, dst in ((pg_url, str(gpkg)), (str(gpkg), back)):
        r = subprocess.run([sys.executable, "-m", "api.cli", "copy", "--from", src, "--to", dst], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=120, check=False)
        assert r.returncode == 0, r.stderr
    restored = PostgisStore(back, pool_size=1)
    try:
        after = read_everything(restored)
    finally:
        restored.close()
    for cid in LOAD_ORDER:
        same_features(after[cid], before[cid])
    assert sum(len(v) for v in after.values()) > 50
    assert next(f for f in after["villages"] if f.id == first.id).version == 2


def test_cli_load_and_import_into_postgis(pg_url: str, tiny_data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CRAFTMAP_DATABASE_URL": pg_url,
           "CRAFTMAP_DATA_DIR": str(tiny_data)}
    r = subprocess.run([sys.executable, "-m", "api.cli", "load"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    store = PostgisStore(pg_url, pool_size=1)
    try:
        assert store.counts()["villages"] == 1
        with psycopg.connect(pg_url) as conn:
            assert conn.execute("SELECT max(version) FROM craftmap_schema_version").fetchone()[0] >= 2  # type: ignore[index]
    finally:
        store.close()
