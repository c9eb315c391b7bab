"""Issue 12's soak: 4 workers on PostGIS under mixed reads, writes, imports and exports from several clients.

Loopback only and bounded (``--soak-seconds``, 600 by default). Reports requests, errors (any 5xx or
transport error; the goal is 0), p99 latency, the server's RSS growth (all worker processes, after a warm-up
against the end), and whether the audit trail grew by exactly the number of accepted writes.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench import servers
from bench.report import Row, markdown, show, write_section

CLIENTS = 6
WORKERS = 4
READS = ("/collections/villages/items?limit=50", "/collections/projects/items?filter=year_start>2015",
         "/collections/facilities/items?bbox=106.55,20.85,106.75,20.98", "/transparency", "/pollution",
         "/capacity", "/maps/overview", "/search?q=đúc", "/collections/villages/items?f=html")
EXPORTS = ("/downloads/villages.csv", "/downloads/projects.geojson", "/capacity?f=csv")
GJ = {"Content-Type": "application/geo+json"}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    accepted_writes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, took: float, status: int | str, writes: int = 0) -> None:
        with self.lock:
            self.latencies.append(took)
            self.statuses[f"{kind} {status}"] += 1
            self.accepted_writes += writes


def _facility(fid: str) -> dict[str, object]:
    lon, lat = 106.60 + random.random() * 0.1, 20.85 + random.random() * 0.1
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": {
        "id": fid, "name": f"Cơ sở soak {fid}", "sector": "đúc", "sources": ["src-soak"],
        "location_precision": "illustrative", "illustrative": True}}


def _csv(prefix: str) -> bytes:
    rows = "".join(f"{prefix}-{i},Cơ sở {i},cơ khí,src-soak,illustrative,true,106.6{i},20.9{i}\n" for i in range(3))
    return ("id,name,sector,sources,location_precision,illustrative,lon,lat\n" + rows).encode()


def _timed(tally: Tally, kind: str, c: httpx.Client, method: str, path: str, *, writes_if_ok: int = 0,
           **kw: object) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        r = c.request(method, path, **kw)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        tally.add(kind, time.perf_counter() - start, type(exc).__name__)
        return None
    tally.add(kind, time.perf_counter() - start, r.status_code, writes_if_ok if r.status_code < 300 else 0)
    return r


def _write_cycle(tally: Tally, c: httpx.Client, rng: random.Random, fid: str) -> None:
    """Create, patch with the ETag, and delete half of them: three audited writes at most."""
    item = f"/collections/facilities/items/{fid}"
    r = _timed(tally, "write", c, "POST", "/collections/facilities/items", writes_if_ok=1, json=_facility(fid),
               headers=GJ)
    if r is None or r.status_code != 201:
        return
    r = _timed(tally, "write", c, "PATCH", item, writes_if_ok=1, json={"properties": {"workers": rng.randint(1, 99)}},
               headers={"Content-Type": "application/merge-patch+json", "If-Match": r.headers["ETag"]})
    if r is not None and r.status_code == 200 and rng.random() < 0.5:
        _timed(tally, "write", c, "DELETE", item, writes_if_ok=1, headers={"If-Match": r.headers["ETag"]})


def client_loop(url: str, token: str, n: int, until: float, tally: Tally) -> None:
    rng = random.Random(n)
    with httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {token}"}) as c:
        i = 0
        while time.monotonic() < until:
            i += 1
            roll, fid = rng.random(), f"soak-{n}-{i}"
            if roll < 0.70:
                _timed(tally, "read", c, "GET", rng.choice(READS))
            elif roll < 0.88:
                _write_cycle(tally, c, rng, fid)
            elif roll < 0.95:
                _timed(tally, "import", c, "POST", "/collections/facilities/import", writes_if_ok=3, content=_csv(fid),
                       headers={"Content-Type": "text/csv"})
            else:
                _timed(tally, "export", c, "GET", rng.choice(EXPORTS))


def _rss_kib(pgid: int) -> int:
    """Resident memory of every process in the server's process group (uvicorn's supervisor and workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                status = (stat.parent / "status").read_text()
                total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return total


def _audit_rows(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT count(*) FROM craftmap_audit").fetchone()[0])  # type: ignore[index]


def _prepare(url: str) -> str:
    from geo.records.loader import load
    from geo.store.postgis.store import PostgisStore

    data = servers.ROOT / "bench" / ".work" / "soak-data"
    import shutil

    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(servers.ROOT / "data", data)
    with (data / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("src-soak,Soak test records,bench,,,en\n")
    store = PostgisStore(url)
    try:
        load(data, store)
    finally:
        store.close()
    return str(data)


def run(seconds: int = 600) -> None:
    from tests.support.postgis import start_cluster

    with start_cluster() as cluster:
        url = cluster.new_database("soak")
        data_dir = _prepare(url)
        from geo.records.access import create_token
        from geo.store.postgis.store import PostgisStore

        store = PostgisStore(url)
        token, _ = create_token(store, "soak-client", "editor")
        store.close()
        argv = [*servers.uvicorn_argv(servers.PROJECT_PYTHON, "api.app:create_app", factory=True)]
        argv[argv.index("--workers") + 1] = str(WORKERS)
        server = servers.Server("craftmap-soak", argv, "/collections", env={
            "CRAFTMAP_DATABASE_URL": url, "CRAFTMAP_DATA_DIR": data_dir, "CRAFTMAP_STORE": ""})
        with server:
            assert server.proc is not None
            tally = Tally()
            client_loop(server.url, token, 99, time.monotonic() + 10, tally)  # warm-up, not counted
            audit_before, rss_before = _audit_rows(url), _rss_kib(server.proc.pid)
            tally = Tally()
            until = time.monotonic() + seconds
            threads = [threading.Thread(target=client_loop, args=(server.url, token, n, until, tally))
                       for n in range(CLIENTS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            rss_after, audit_after = _rss_kib(server.proc.pid), _audit_rows(url)
    report(seconds, tally, rss_before, rss_after, audit_after - audit_before)


def report(seconds: int, tally: Tally, rss_before: int, rss_after: int, audited: int) -> None:
    lat = sorted(tally.latencies)
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000 if lat else 0.0
    errors = sum(n for k, n in tally.statuses.items() if not k.split()[1].isdigit() or k.split()[1] >= "500")
    hdr = ["duration s", "clients", "workers", "requests", "errors", "p99 ms", "RSS before MiB", "RSS after MiB",
           "accepted writes", "audit rows added"]
    rows = [Row([seconds, CLIENTS, WORKERS, len(lat), errors, round(p99), round(rss_before / 1024),
             round(rss_after / 1024), tally.accepted_writes, audited])]
    show("Soak on PostGIS (issue 12)", hdr, rows)
    statuses = ", ".join(f"{k}: {n}" for k, n in sorted(tally.statuses.items()))
    write_section("soak", markdown(hdr, rows) + f"\n\nBy kind and status: {statuses}.\n\nCommand: "
                  f"`.venv/bin/python -m bench soak --soak-seconds {seconds} --no-setup` (in `make bench`: 600 s). "
                  "Audit rows added must equal accepted writes (each create, patch and delete is one row; "
                  "each accepted 3-row import is three).")
