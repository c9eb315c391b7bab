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

from bench import inprocess, peers, scale, servers, synthetic, tiles, walk
from bench.measure import Outcome, headers, measure, rows
from bench.queries import Query, ogc_queries
from bench.report import console
from bench.scale import Tables

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


def run_size(n: int, duration: int) -> Tables:
    """Items, walk, tile and memory rows for one size."""
    data, gpkg = build(n)
    queries = ogc_queries(data)
    by_server: dict[str, dict[str, Outcome]] = {}
    out = Tables()
    console.rule(f"{n:,} features: craftmap")
    with servers.craftmap(store=gpkg) as s:
        by_server["craftmap"], bodies = measure("craftmap", s.url, ITEMS, queries, duration)
        out.walks.append(walk.walk_row(n, "craftmap", walk.walk(s.url, ITEMS, n)))
        out.walks.append(walk.walk_row(n, "craftmap, read by GDAL OAPIF", walk.gdal_walk(s.url, "facilities", n)))
        tiled = {"craftmap": tiles.timed("craftmap", s.url, TILES, duration)}
    out.memory.append(scale.memory_row(n, "craftmap", s))
    out.cost = inprocess.rows(n, "GeoPackage", ITEMS, gpkg=gpkg)
    for name, provider in zip(PYGEOAPI, (peers.ogr_provider(gpkg), peers.sqlite_provider(gpkg)), strict=True):
        console.rule(f"{n:,} features: {name}")
        with peers.pygeoapi(f"{name.split()[-1].lower()}-{gpkg.stem}", provider) as s:
            # The property filter is pygeoapi's way to filter an OGR layer; its CQL2 is for other providers.
            by_server[name], _ = measure(name, s.url, ITEMS, queries, duration, extra={"f": "json"})
            out.walks.append(walk.walk_row(n, name, walk.walk(s.url, ITEMS, n, extra={"f": "json"})))
        out.memory.append(scale.memory_row(n, name, s))
    by_server["baseline"] = _baseline(n, queries, bodies, duration)
    out.items = rows(n, queries, by_server, PYGEOAPI)
    out.tiles = tiles.tile_rows(n, tiled)
    return out


def _baseline(n: int, queries: list[Query], bodies: dict[str, bytes], duration: int) -> dict[str, Outcome]:
    """The no-I/O baseline replaying craftmap's right answers."""
    console.rule(f"{n:,} features: baseline (no I/O)")
    bodies_path = servers.WORK / f"baseline-bodies-{n}.json"
    bodies_path.write_bytes(orjson.dumps({k: v.decode() for k, v in bodies.items()}))
    replayable = [q for q in queries if q.url("", ITEMS) in bodies]
    with peers.baseline(bodies_path) as s:
        outcomes, _ = measure("baseline", s.url, ITEMS, replayable, duration)
    for q in queries:
        outcomes.setdefault(q.name, Outcome(note="nothing to replay: craftmap's answer was wrong"))
    return outcomes


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
  first id, sector); a wrong answer is listed as "not timed" with the reason. `errors` counts non-2xx
  answers and socket errors under load (pygeoapi's SQLiteGPKG provider is known to fail under
  concurrent requests: it runs at the same 8 connections and its errors are shown, not hidden).
- Walks: one client follows `rel=next` from `?limit=1000` to the end, checking every id arrives once;
  "craftmap, read by GDAL OAPIF" is GDAL's OAPIF driver (pyogrio) reading the whole layer with
  `PAGE_SIZE=1000`, following the same links (its per-page times are not visible from outside);
  "first/last pages ms" are the medians of the first and of the last 5 pages. A walk longer than
  {budget:.0f} s (`BENCH_WALK_BUDGET`) stops and is reported with the pages it reached.
- Tiles: every WebMercatorQuad tile over central Hải Phòng (106.62–106.74 E, 20.80–20.88 N) at each zoom,
  requested in turn by `wrk -c8 -d{d}s`; a server without the tile route is listed "not available".
  "first fetch ms" is the median of each tile's first request, one at a time, before wrk: craftmap keeps tiles
  per data version, so only that column shows a tile computed afresh; wrk then mostly reads its cache.
"""


def _versions() -> tuple[str, str]:
    py = str(peers.PYGEOAPI_VENV / "bin" / "python")
    out = subprocess.run([py, "-c", "import pygeoapi; from osgeo import gdal; "
                          "print(pygeoapi.__version__, gdal.__version__)"],
                         check=False, capture_output=True, text=True)
    parts = out.stdout.split()
    return (parts[0], parts[1]) if len(parts) == 2 else ("?", "?")


def run(duration: int = 10, sizes: tuple[int, ...] = SIZES, large: bool = False) -> None:
    out = Tables()
    for n in scale.sizes(sizes, large):
        out.add(run_size(n, duration))
    pyg, gdal = _versions()
    scale.publish("ogc", "GeoPackage", scale.tables(
        out, ("Items queries, craftmap vs pygeoapi (OGR, SQLite) vs the no-I/O baseline", headers("fastest pygeoapi")),
        ("Vector tiles over the city (craftmap only: pygeoapi's feature providers serve no MVT)", tiles.TILE_HEADERS),
    ), NOTES.format(d=duration, pyg=pyg, gdal=gdal, budget=walk.BUDGET_S))
