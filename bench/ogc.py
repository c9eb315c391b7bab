"""Issue 3's benchmark: one synthetic GeoPackage served by craftmap, pygeoapi and a no-I/O baseline.

For each size the same ``.gpkg`` file (built by craftmap's own store) is served by
craftmap, then by pygeoapi through its OGR provider, then the no-I/O baseline replays
craftmap's exact response bytes; each server runs alone, one worker, on loopback.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import orjson

from bench import peers, servers, synthetic
from bench.measure import Outcome, headers, measure, rows
from bench.queries import ogc_queries
from bench.report import Row, console, markdown, show, write_section

SIZES = (10_000, 100_000)
ITEMS = "/collections/facilities/items"


def build(n: int) -> tuple[synthetic.Synthetic, Path]:
    """The synthetic data and its GeoPackage, rebuilt every run (the store code may have changed)."""
    data = synthetic.generate(n)
    path = servers.WORK / f"synthetic_facilities_{n}.gpkg"
    console.print(f"building {path.name} ({n:,} synthetic facilities)")
    synthetic.build_gpkg(path, data)
    return data, path


def run_size(n: int, duration: int) -> list[Row]:
    data, gpkg = build(n)
    queries = ogc_queries(data)
    by_server: dict[str, dict[str, Outcome]] = {}
    console.rule(f"{n:,} features: craftmap")
    with servers.craftmap(store=gpkg) as s:
        by_server["craftmap"], bodies = measure("craftmap", s.url, ITEMS, queries, duration)
    console.rule(f"{n:,} features: pygeoapi (OGR provider, paging)")
    with peers.pygeoapi(gpkg) as s:
        # The property filter is pygeoapi's way to filter an OGR layer; its CQL2 is for other providers.
        by_server["pygeoapi"], _ = measure("pygeoapi", s.url, ITEMS, queries, duration, extra={"f": "json"})
    console.rule(f"{n:,} features: baseline (no I/O)")
    bodies_path = servers.WORK / f"baseline-bodies-{n}.json"
    bodies_path.write_bytes(orjson.dumps({k: v.decode() for k, v in bodies.items()}))
    replayable = [q for q in queries if q.url("", ITEMS) in bodies]
    with peers.baseline(bodies_path) as s:
        by_server["baseline"], _ = measure("baseline", s.url, ITEMS, replayable, duration)
    for q in queries:
        by_server["baseline"].setdefault(q.name, Outcome(note="nothing to replay: craftmap's answer was wrong"))
    return rows(n, queries, by_server, "pygeoapi")


NOTES = """\
- Each server alone on loopback, one uvicorn worker; load from `wrk -t1 -c8 -d{d}s` (8 connections,
  so latencies include queueing behind up to 7 requests). The machine may be shared with other work:
  the load average in the header says how busy it was.
- The same `.gpkg` file for craftmap and pygeoapi (pygeoapi {pyg} through GDAL {gdal} OGR with
  `paging: true`, on its Starlette app). The baseline is FastAPI replaying craftmap's exact response
  bytes from memory (async handler, no I/O): the ceiling of this stack.
- pygeoapi's OGR provider gives no `numberMatched`/`numberReturned` (craftmap counts every match on
  each page, so it does more work per page), refuses CQL2 (`filter-lang=cql2-text`: HTTP 400, CQL2 is
  for its other providers), and filters properties with `?sector=…`.
- A query is timed only after the server's answer is checked against the synthetic data (count,
  first id, sector); a wrong answer is listed as "not timed" with the reason.
"""


def _versions() -> tuple[str, str]:
    py = str(peers.PYGEOAPI_VENV / "bin" / "python")
    out = subprocess.run([py, "-c", "import pygeoapi; from osgeo import gdal; "
                          "print(pygeoapi.__version__, gdal.__version__)"],
                         check=False, capture_output=True, text=True)
    parts = out.stdout.split()
    return (parts[0], parts[1]) if len(parts) == 2 else ("?", "?")


def run(duration: int = 10, sizes: tuple[int, ...] = SIZES) -> None:
    all_rows: list[Row] = []
    for n in sizes:
        all_rows += run_size(n, duration)
    hdr = headers("pygeoapi")
    show("OGC API - Features items: craftmap vs pygeoapi vs no-I/O baseline", hdr, all_rows)
    pyg, gdal = _versions()
    body = markdown(hdr, all_rows) + "\n\n" + NOTES.format(d=duration, pyg=pyg, gdal=gdal)
    write_section("ogc", body)
