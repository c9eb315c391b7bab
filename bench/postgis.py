"""Issues 8 and 15: the items queries on PostGIS, craftmap's PostGIS store vs tipg and pygeoapi's
PostgreSQL provider, same table; plus the walk through every page and vector tiles (tipg serves MVT).

A throwaway cluster (``tests/support/postgis.py``) gets one database per size, loaded by
craftmap's own ``PostgisStore.load_all`` (COPY, then GiST and id indexes, ANALYZE) with
synthetic facilities made on demand. craftmap (``CRAFTMAP_DATABASE_URL``), tipg and pygeoapi
then serve the same ``public.facilities`` table, one uvicorn worker each, one after the other.
"""

from __future__ import annotations

import time

from bench import peers, servers, synthetic, walk
from bench.measure import Outcome, headers, measure, rows
from bench.queries import ogc_queries
from bench.report import Row, console, markdown, show, write_section

SIZES = (100_000, 1_000_000)
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


def run_size(cluster: object, n: int, duration: int) -> tuple[list[Row], list[Row], list[Row]]:
    """Items rows, walk rows and tile rows for one size."""
    url = cluster.new_database(f"bench_{n}")  # type: ignore[attr-defined]
    data = load(url, n)
    queries = ogc_queries(data)
    by_server: dict[str, dict[str, Outcome]] = {}
    walks, tiles = [], []
    console.rule(f"PostGIS, {n:,} features: craftmap")
    with servers.craftmap(database_url=url) as s:
        by_server["craftmap"], _ = measure("craftmap", s.url, CRAFTMAP_ITEMS, queries, duration)
        walks.append(walk.walk_row(n, "craftmap", walk.walk(s.url, CRAFTMAP_ITEMS, n)))
        tiles += walk.tile_rows(n, "craftmap", s.url, CRAFTMAP_TILES, duration)
    console.rule(f"PostGIS, {n:,} features: tipg")
    with peers.tipg(url) as s:
        by_server["tipg"], _ = measure("tipg", s.url, TIPG_ITEMS, queries, duration)
        walks.append(walk.walk_row(n, "tipg", walk.walk(s.url, TIPG_ITEMS, n)))
        tiles += walk.tile_rows(n, "tipg", s.url, TIPG_TILES, duration)
    console.rule(f"PostGIS, {n:,} features: {PYGEOAPI}")
    with peers.pygeoapi(f"postgresql-{n}", peers.postgres_provider(url)) as s:
        by_server[PYGEOAPI], _ = measure(PYGEOAPI, s.url, CRAFTMAP_ITEMS, queries, duration, extra={"f": "json"})
        walks.append(walk.walk_row(n, PYGEOAPI, walk.walk(s.url, CRAFTMAP_ITEMS, n, extra={"f": "json"})))
    cluster.drop_database(f"bench_{n}")  # type: ignore[attr-defined]
    return rows(n, queries, by_server, "tipg", with_baseline=False), walks, tiles


NOTES = """\
- PostgreSQL {pg} + PostGIS {postgis} in a throwaway cluster on loopback (fsync off: a benchmark cluster),
  default memory settings. Table built by craftmap's `PostgisStore.load_all` (COPY, GiST index on `geom`,
  unique index on `id`, ANALYZE); tipg {tipg} reads the same table as `public.facilities`, and so does
  pygeoapi's PostgreSQL provider (its rows are in the table, the ratio column is against tipg).
- One uvicorn worker each, `wrk -t1 -c8 -d{d}s`; the database shares the machine's cores with the server and
  wrk, and the machine is shared with other work (noisy).
- craftmap counts every match (`numberMatched`) on each page; a query is timed only after its answer is
  checked against the synthetic data (count, first id, sector).
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


def run(duration: int = 10, sizes: tuple[int, ...] = SIZES) -> None:
    from tests.support.postgis import start_cluster

    all_rows: list[Row] = []
    walks: list[Row] = []
    tiles: list[Row] = []
    with start_cluster() as cluster:
        versions = _versions(cluster.url("craftmap_template"))
        for n in sizes:
            items, walked, tiled = run_size(cluster, n, duration)
            all_rows, walks, tiles = all_rows + items, walks + walked, tiles + tiled
    hdr = headers("tipg", with_baseline=False)
    show("OGC API - Features items on PostGIS: craftmap vs tipg vs pygeoapi (PostgreSQL)", hdr, all_rows)
    show("PostGIS: walking every page through next links (limit 1000)", walk.WALK_HEADERS, walks)
    show("PostGIS: vector tiles over the city", walk.TILE_HEADERS, tiles)
    pg, postgis, tipg = versions
    write_section("postgis", markdown(hdr, all_rows) + "\n\nWalking every page through `next` links (limit 1000, "
                  "one connection):\n\n" + markdown(walk.WALK_HEADERS, walks) + "\n\nVector tiles:\n\n"
                  + markdown(walk.TILE_HEADERS, tiles) + "\n\n"
                  + NOTES.format(pg=pg, postgis=postgis, tipg=tipg, d=duration))
