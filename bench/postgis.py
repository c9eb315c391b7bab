"""Issues 8 and 15: the items queries on PostGIS, craftmap's PostGIS store vs tipg and pygeoapi's
PostgreSQL provider, same table; plus the walk through every page and vector tiles (tipg serves MVT).

A throwaway cluster (``tests/support/postgis.py``) gets one database per size, loaded by
craftmap's own ``PostgisStore.load_all`` (COPY, then GiST and id indexes, ANALYZE) with
synthetic facilities made on demand. craftmap (``CRAFTMAP_DATABASE_URL``), tipg and pygeoapi
then serve the same ``public.facilities`` table, one uvicorn worker each, one after the other.
"""

from __future__ import annotations

import time

from bench import inprocess, peers, scale, servers, synthetic, tiles, walk
from bench.measure import Outcome, headers, measure, rows
from bench.queries import ogc_queries
from bench.report import console
from bench.scale import Tables

SIZES = (100_000,)  # 1,000,000 with --large (bench/scale.py)
CRAFTMAP_ITEMS = "/collections/facilities/items"
TIPG_ITEMS = "/collections/public.facilities/items"
CRAFTMAP_TILES = "/collections/facilities/tiles/WebMercatorQuad/{z}/{y}/{x}"
TIPG_TILES = "/collections/public.facilities/tiles/WebMercatorQuad/{z}/{x}/{y}"
PYGEOAPI = "pygeoapi PostgreSQL"


def load(url: str, n: int) -> synthetic.Synthetic:
    from geo.store.postgis.store import PostgisStore

    data = synthetic.generate(n)
    started = time.perf_counter()
    store = PostgisStore(url)
    try:
        counts = store.load_all({"facilities": synthetic.LazyFeatures(data)})
    finally:
        store.close()
    console.print(f"loaded {counts['facilities']:,} synthetic facilities into PostGIS "
                  f"in {time.perf_counter() - started:.0f} s")
    return data


def run_size(cluster: object, n: int, duration: int) -> Tables:
    """Items, walk, tile and memory rows for one size."""
    url = cluster.new_database(f"bench_{n}")  # type: ignore[attr-defined]
    data = load(url, n)
    queries = ogc_queries(data)
    by_server: dict[str, dict[str, Outcome]] = {}
    tiled: dict[str, dict[int, tiles.ZoomOutcome]] = {}
    out = Tables()
    servers_ = (("craftmap", servers.craftmap(database_url=url), CRAFTMAP_ITEMS, CRAFTMAP_TILES, None),
                ("tipg", peers.tipg(url), TIPG_ITEMS, TIPG_TILES, None),
                (PYGEOAPI, peers.pygeoapi(f"postgresql-{n}", peers.postgres_provider(url)), CRAFTMAP_ITEMS, None,
                 {"f": "json"}))
    for name, server, items, tile_path, extra in servers_:
        console.rule(f"PostGIS, {n:,} features: {name}")
        with server as s:
            by_server[name], _ = measure(name, s.url, items, queries, duration, extra=extra)
            out.walks.append(walk.walk_row(n, name, walk.walk(s.url, items, n, extra=extra)))
            if name == "craftmap":
                out.walks.append(walk.walk_row(n, "craftmap, read by GDAL OAPIF",
                                               walk.gdal_walk(s.url, "facilities", n)))
            if tile_path:
                tiled[name] = tiles.timed(name, s.url, tile_path, duration)
        out.memory.append(scale.memory_row(n, name, s))
    out.cost = inprocess.rows(n, "PostGIS", CRAFTMAP_ITEMS, database_url=url)
    cluster.drop_database(f"bench_{n}")  # type: ignore[attr-defined]
    out.items = rows(n, queries, by_server, "tipg", with_baseline=False)
    out.tiles = tiles.tile_rows(n, tiled)
    return out


NOTES = """\
- PostgreSQL {pg} + PostGIS {postgis} in a throwaway cluster on loopback (fsync off: a benchmark cluster),
  default memory settings. Table built by craftmap's `PostgisStore.load_all` (COPY, GiST index on `geom`,
  unique index on `id`, ANALYZE); tipg {tipg} reads the same table as `public.facilities`, and so does
  pygeoapi's PostgreSQL provider (its rows are in the table, the ratio column is against tipg).
- One uvicorn worker each, `wrk -t1 -c8 -d{d}s`; the database shares the machine's cores with the server and
  wrk, and the machine is shared with other work (noisy).
- craftmap counts every match (`numberMatched`) on each page; a query is timed only after its answer is
  checked against the synthetic data (count, first id, sector).
- Walks: one client follows `rel=next` from `?limit=1000` to the end, checking every id arrives once;
  "craftmap, read by GDAL OAPIF" is GDAL's OAPIF driver (pyogrio) reading the whole layer with
  `PAGE_SIZE=1000`, following the same links (its per-page times are not visible from outside);
  "first/last pages ms" are the medians of the first and of the last 5 pages; a walk longer than
  {budget:.0f} s (`BENCH_WALK_BUDGET`) stops and is reported with the pages it reached.
- Tiles: every WebMercatorQuad tile over central Hải Phòng (106.62–106.74 E, 20.80–20.88 N) at each zoom,
  requested in turn by `wrk -c8 -d{d}s`; tipg's own route is `…/tiles/WebMercatorQuad/{{z}}/{{x}}/{{y}}`.
  "first fetch ms" is the median of each tile's first request, one at a time, before wrk: craftmap keeps tiles
  per data version, so only that column shows a tile computed afresh; wrk then mostly reads its cache.
"""


def _versions(url: str) -> tuple[str, str, str]:
    import subprocess

    import psycopg

    with psycopg.connect(url) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0].split()[0]  # type: ignore[index]
        postgis = conn.execute("SELECT postgis_lib_version()").fetchone()[0]  # type: ignore[index]
    out = subprocess.run([str(peers.TIPG_VENV / "bin" / "python"), "-c", "import tipg; print(tipg.__version__)"],
                         capture_output=True, text=True, check=False)
    return pg, postgis, out.stdout.strip() or "?"


def run(duration: int = 10, sizes: tuple[int, ...] = SIZES, large: bool = False) -> None:
    from tests.support.postgis import start_cluster

    out = Tables()
    with start_cluster() as cluster:
        pg, postgis, tipg = _versions(cluster.url("craftmap_template"))
        for n in scale.sizes(sizes, large):
            out.add(run_size(cluster, n, duration))
    scale.publish("postgis", "PostGIS", scale.tables(
        out, ("Items queries, craftmap vs tipg vs pygeoapi's PostgreSQL provider",
              headers("tipg", with_baseline=False)),
        ("Vector tiles over the city, craftmap vs tipg (pygeoapi's PostgreSQL provider serves no MVT)",
         tiles.TILE_HEADERS),
    ), NOTES.format(pg=pg, postgis=postgis, tipg=tipg, d=duration, budget=walk.BUDGET_S))
