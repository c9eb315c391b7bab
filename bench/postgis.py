"""Issue 8's benchmark: the items queries on PostGIS, craftmap's PostGIS store vs tipg, same table.

A throwaway cluster (``tests/support/postgis.py``) gets one database per size, loaded by
craftmap's own ``PostgisStore.load_all`` (COPY, then GiST and id indexes, ANALYZE) with
synthetic facilities made on demand. craftmap (``CRAFTMAP_DATABASE_URL``) and tipg then
serve the same ``public.facilities`` table, one uvicorn worker each, one after the other.
"""

from __future__ import annotations

import time

from bench import peers, servers, synthetic
from bench.measure import Outcome, headers, measure, rows
from bench.queries import ogc_queries
from bench.report import Row, console, markdown, show, write_section

SIZES = (100_000, 1_000_000)
CRAFTMAP_ITEMS = "/collections/facilities/items"
TIPG_ITEMS = "/collections/public.facilities/items"


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


def run_size(cluster: object, n: int, duration: int) -> list[Row]:
    url = cluster.new_database(f"bench_{n}")  # type: ignore[attr-defined]
    data = load(url, n)
    queries = ogc_queries(data)
    by_server: dict[str, dict[str, Outcome]] = {}
    console.rule(f"PostGIS, {n:,} features: craftmap")
    with servers.craftmap(database_url=url) as s:
        by_server["craftmap"], _ = measure("craftmap", s.url, CRAFTMAP_ITEMS, queries, duration)
    console.rule(f"PostGIS, {n:,} features: tipg")
    with peers.tipg(url) as s:
        by_server["tipg"], _ = measure("tipg", s.url, TIPG_ITEMS, queries, duration)
    cluster.drop_database(f"bench_{n}")  # type: ignore[attr-defined]
    return rows(n, queries, by_server, "tipg", with_baseline=False)


NOTES = """\
- PostgreSQL {pg} + PostGIS {postgis} in a throwaway cluster on loopback (fsync off: a benchmark cluster),
  default memory settings. Table built by craftmap's `PostgisStore.load_all` (COPY, GiST index on `geom`,
  unique index on `id`, ANALYZE); tipg {tipg} reads the same table as `public.facilities`.
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
    with start_cluster() as cluster:
        versions = _versions(cluster.url("craftmap_template"))
        for n in sizes:
            all_rows += run_size(cluster, n, duration)
    hdr = headers("tipg", with_baseline=False)
    show("OGC API - Features items on PostGIS: craftmap vs tipg", hdr, all_rows)
    pg, postgis, tipg = versions
    write_section("postgis", markdown(hdr, all_rows) + "\n\n" +
                  NOTES.format(pg=pg, postgis=postgis, tipg=tipg, d=duration))
