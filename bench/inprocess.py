"""Issue 15: what one page costs inside the server, without sockets, load generator or other requests.

The app is called in this process through httpx's ASGI transport, one request at a time, so
the figure is the route → service → store → JSON path alone: what is left of the wrk latencies
once queueing behind 7 other connections is taken out. Only for this checkout's code (with
``BENCH_CRAFTMAP_TREE`` the servers run another tree: the row says so rather than mix the two).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import httpx

from bench import walk
from bench.report import Row, console
from bench.servers import CRAFTMAP_TREE, ROOT

HEADERS = ["size", "store", "query", "requests", "p50 ms", "p99 ms", "bytes", "note"]
REQUESTS = 300
QUERIES = (("first page", "?limit=100"), ("walk page", f"?limit={walk.LIMIT}"))


def rows(size: int, store: str, path: str, *, gpkg: Path | None = None, database_url: str | None = None) -> list[Row]:
    """One row per query of :data:`QUERIES` on ``path`` (the items of one collection)."""
    if CRAFTMAP_TREE != ROOT:
        return [Row([f"{size:,}", store, name, None, None, None, None, "not measured: BENCH_CRAFTMAP_TREE"])
                for name, _ in QUERIES]
    from api.app import create_app
    from api.settings import ServerSettings

    where = {"store": gpkg, "database_url": None} if gpkg is not None else {"database_url": database_url}
    app = create_app(ServerSettings(**where, tiles="none"))
    try:
        return [_row(size, store, name, asyncio.run(_timed(app, path + query))) for name, query in QUERIES]
    finally:
        app.state.store.close()


async def _timed(app: object, url: str) -> tuple[list[float], int]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:  # type: ignore[arg-type]
        size = 0
        for _ in range(20):  # connections opened, caches and code paths warm
            size = len((await client.get(url)).content)
        times = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            r = await client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            r.raise_for_status()
    return times, size


def _row(size: int, store: str, name: str, timed: tuple[list[float], int]) -> Row:
    times, body = timed
    p99 = statistics.quantiles(times, n=100)[98]
    p50 = statistics.median(times)
    console.print(f"  in process · {store} · {name}: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    return Row([f"{size:,}", store, name, len(times), p50, p99, body, None])
