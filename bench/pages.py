"""The public summary pages (``/transparency``, ``/pollution``, ``/capacity``) on the shipped data.

Each page's summaries and folium map parts are cached by data version, language and filters
(``api.render.page_part``; ``/capacity`` through ``geo.analysis.capacity``), so only the first request
after a load or a write computes them. Measured: that first request (cold), then ``REQUESTS`` more, one
at a time, over HTTP from a client on the same machine (p50, p95). Goal (issue 15): p50 ≤ 20 ms.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import httpx

from bench import servers
from bench.report import Row, markdown, record, show, write_section

PAGES = ("/transparency", "/transparency?lang=en", "/pollution", "/capacity", "/capacity?f=html")
REQUESTS = 50


def build_store() -> Path:
    from geo.records.loader import load
    from geo.store.gpkg.store import GpkgStore

    path = servers.WORK / "pages.gpkg"
    path.unlink(missing_ok=True)
    store = GpkgStore(path)
    try:
        load(servers.ROOT / "data", store)
    finally:
        store.close()
    return path


def timed(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    r = client.get(url)
    r.raise_for_status()
    return (time.perf_counter() - started) * 1000


def run() -> None:
    rows: list[Row] = []
    with servers.craftmap(store=build_store()) as s, httpx.Client(base_url=s.url, timeout=60) as client:
        for url in PAGES:
            cold = timed(client, url)
            warm = sorted(timed(client, url) for _ in range(REQUESTS))
            p50 = statistics.median(warm)
            rows.append(Row([url, cold, p50, warm[int(0.95 * (len(warm) - 1))], "met" if p50 <= 20 else "not met"]))
    hdr = ["page", "first request ms", "p50 ms", "p95 ms", "goal p50 ≤ 20 ms"]
    show("Public summary pages (shipped data, one worker)", hdr, rows)
    record("pages", "pages", hdr, rows)
    write_section("pages", markdown(hdr, rows) + "\n\n" + NOTES.format(n=REQUESTS))


NOTES = """\
- One uvicorn worker on the shipped dataset (GeoPackage); "first request" computes the summaries and the
  map parts, the next {n} requests (one at a time, keep-alive) are served from the cache and only render
  the template. Shared, loaded 2-core machine: see the load average above.
"""
