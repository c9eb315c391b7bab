"""Issues 3 and 15: one synthetic GeoPackage served by craftmap, pygeoapi and a no-I/O baseline.

For each size the same ``.gpkg`` file (built by craftmap's own store) is served by
craftmap, then by pygeoapi through its OGR provider and through its SQLite/GeoPackage
provider, then the no-I/O baseline replays craftmap's exact response bytes; each server
runs alone, one worker, on loopback. Each server also walks the whole collection through
its ``next`` links; craftmap's vector tiles are timed too (pygeoapi serves no MVT from these
providers).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import orjson

from bench import peers, servers, synthetic, walk
from bench.measure import Outcome, headers, measure, rows
from bench.queries import ogc_queries
from bench.report import Row, console, markdown, show, write_section

SIZES = (10_000, 100_000)
ITEMS = "/collections/facilities/items"
TILES = "/collections/facilities/tiles/WebMercatorQuad/{z}/{y}/{x}"
PYGEOAPI = ("pygeoapi OGR", "pygeoapi SQLite")


def build(n: int) -> tuple[synthetic.Synthetic, Path]:
    """The synthetic data and its GeoPackage, rebuilt every run (the store code may have changed)."""
    data = synthetic.generate(n)
    path = servers.WORK / f"synthetic_facilities_{n}.gpkg"
    console.print(f"building {path.name} ({n:,} synthetic facilities)")
    synthetic.build_gpkg(path, data)
    return data, path


def run_size(n: int, duration: int) -> tuple[list[Row], list[Row], list[Row]]:
    """Items rows, walk rows and tile rows for one size."""
    data, gpkg = build(n)
    queries = ogc_queries(data)
    by_server: dict[str, dict[str, Outcome]] = {}
    walks, tiles = [], []
    console.rule(f"{n:,} features: craftmap")
    with servers.craftmap(store=gpkg) as s:
        by_server["craftmap"], bodies = measure("craftmap", s.url, ITEMS, queries, duration)
        walks.append(walk.walk_row(n, "craftmap", walk.walk(s.url, ITEMS, n)))
        tiles += walk.tile_rows(n, "craftmap", s.url, TILES, duration)
    for name, provider in zip(PYGEOAPI, (peers.ogr_provider(gpkg), peers.sqlite_provider(gpkg)), strict=True):
        console.rule(f"{n:,} features: {name}")
        with peers.pygeoapi(f"{name.split()[-1].lower()}-{gpkg.stem}", provider) as s:
            # The property filter is pygeoapi's way to filter an OGR layer; its CQL2 is for other providers.
            by_server[name], _ = measure(name, s.url, ITEMS, queries, duration, extra={"f": "json"})
            walks.append(walk.walk_row(n, name, walk.walk(s.url, ITEMS, n, extra={"f": "json"})))
    console.rule(f"{n:,} features: baseline (no I/O)")
    bodies_path = servers.WORK / f"baseline-bodies-{n}.json"
    bodies_path.write_bytes(orjson.dumps({k: v.decode() for k, v in bodies.items()}))
    replayable = [q for q in queries if q.url("", ITEMS) in bodies]
    with peers.baseline(bodies_path) as s:
        by_server["baseline"], _ = measure("baseline", s.url, ITEMS, replayable, duration)
    for q in queries:
        by_server["baseline"].setdefault(q.name, Outcome(note="nothing to replay: craftmap's answer was wrong"))
    return rows(n, queries, by_server, PYGEOAPI), walks, tiles


NOTES = """\
- Each server alone on loopback, one uvicorn worker; load from `wrk -t1 -c8 -d{d}s` (8 connections,
  so latencies include queueing behind up to 7 requests). The machine may be shared with other work:
  the load average in the header says how busy it was.
- The same `.gpkg` file for craftmap and pygeoapi (pygeoapi {pyg} through GDAL {gdal} OGR with
  `paging: true`, and through its SQLiteGPKG provider on SpatiaLite; on its Starlette app); the
  `craftmap/fastest pygeoapi` ratio is against the faster of the two providers on each query.
  The baseline is FastAPI replaying craftmap's exact response
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
    walks: list[Row] = []
    tiles: list[Row] = []
    for n in sizes:
        items, walked, tiled = run_size(n, duration)
        all_rows, walks, tiles = all_rows + items, walks + walked, tiles + tiled
    hdr = headers("fastest pygeoapi")
    show("OGC API - Features items: craftmap vs pygeoapi (OGR, SQLite) vs no-I/O baseline", hdr, all_rows)
    show("Walking every page through next links (limit 1000)", walk.WALK_HEADERS, walks)
    show("Vector tiles over the city", walk.TILE_HEADERS, tiles)
    pyg, gdal = _versions()
    body = (markdown(hdr, all_rows) + "\n\nWalking every page through `next` links (limit 1000, one connection):\n\n"
            + markdown(walk.WALK_HEADERS, walks) + "\n\nVector tiles (craftmap only: pygeoapi's feature providers "
            "serve no MVT):\n\n" + markdown(walk.TILE_HEADERS, tiles) + "\n\n"
            + NOTES.format(d=duration, pyg=pyg, gdal=gdal))
    write_section("ogc", body)
