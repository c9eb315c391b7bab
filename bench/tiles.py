"""Issue 15's tile requests: every WebMercatorQuad tile over the city, z10–z14, per zoom level.

Each zoom level is one wrk run cycling through all the tiles that cover the city centre, so
the figure is a map's view being filled, not one hot tile. Before timing, every tile is fetched
once: a server without the tile route (HTTP 404) is reported "not available", a wrong media
type or an empty city is reported, and only a server whose tiles are Mapbox Vector Tiles is timed.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass

import httpx

from bench import loadgen
from bench.report import Row, console

MVT = "application/vnd.mapbox-vector-tile"
ZOOMS = (10, 11, 12, 13, 14)
CITY = (106.62, 20.80, 106.74, 20.88)  # central Hải Phòng, about 12 × 9 km
TILE_HEADERS = ["size", "zoom", "tiles", "server", "first fetch ms", "req/s", "p50 ms", "p99 ms", "errors",
                "median KB", "craftmap/tipg", "note"]


@dataclass(frozen=True)
class ZoomOutcome:
    """The timed run over one zoom level's tiles, or why it was not timed."""

    tiles: int
    result: loadgen.Result | None = None
    kb: float | None = None  # median tile size
    first_ms: float | None = None  # median time of each tile's first request (before any cache holds it)
    note: str | None = None


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    """Column and row of the WebMercatorQuad tile holding (lon, lat) at zoom ``z``."""
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def city_tiles(z: int) -> list[tuple[int, int]]:
    """(x, y) of every tile covering :data:`CITY` at zoom ``z``."""
    x0, y1 = tile_xy(CITY[0], CITY[1], z)
    x1, y0 = tile_xy(CITY[2], CITY[3], z)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _check(client: httpx.Client, urls: list[str]) -> tuple[str | None, float | None, float | None]:
    """Why the tiles cannot be timed (or None), the median tile size in KB and the median time of these
    first requests, one at a time (what a server's tile cache, if it has one, does not hold yet)."""
    sizes, times = [], []
    for url in urls:
        try:
            started = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        except httpx.HTTPError as exc:
            return f"request failed: {exc}", None, None
        if r.status_code == 404:
            return "not available (HTTP 404: no tile route)", None, None
        if r.status_code not in (200, 204):
            return f"not timed: HTTP {r.status_code}", None, None
        if r.status_code == 200 and not r.headers.get("content-type", "").startswith(MVT):
            return f"not timed: {r.headers.get('content-type')} is not MVT", None, None
        sizes.append(len(r.content) / 1024)
    if not any(sizes):
        return "not timed: every tile over the city is empty", None, None
    return None, statistics.median(sizes), statistics.median(times)


def zoom_outcome(server: str, base: str, template: str, z: int, duration: int) -> ZoomOutcome:
    """Timed figures of one zoom level on one server; ``template`` names ``{z}``, ``{x}``, ``{y}``."""
    paths = [template.format(z=z, x=x, y=y) for x, y in city_tiles(z)]
    with httpx.Client(timeout=120) as client:
        problem, kb, first_ms = _check(client, [base + p for p in paths])
    if problem is not None:
        console.print(f"  [yellow]{server} · tiles z{z}: {problem}[/yellow]")
        return ZoomOutcome(len(paths), note=problem)
    result = loadgen.run(base + paths[0], duration, paths=paths)
    console.print(f"  {server} · tiles z{z} ({len(paths)}): {result.rps:,.1f} req/s, p50 {result.p50_ms} ms, "
                  f"p99 {result.p99_ms} ms, {result.errors} errors")
    return ZoomOutcome(len(paths), result, kb, first_ms)


def timed(server: str, base: str, template: str, duration: int) -> dict[int, ZoomOutcome]:
    """Every zoom of :data:`ZOOMS`; after one "not available" the other zooms are not tried."""
    out: dict[int, ZoomOutcome] = {}
    for z in ZOOMS:
        out[z] = zoom_outcome(server, base, template, z, duration)
        if (out[z].note or "").startswith("not available"):
            out.update({zz: out[z] for zz in ZOOMS if zz > z})
            break
    return out


def tile_rows(size: int, by_server: dict[str, dict[int, ZoomOutcome]]) -> list[Row]:
    """One row per (zoom, server); craftmap's row carries its throughput over tipg's."""
    rows = []
    for z in ZOOMS:
        cm = by_server.get("craftmap", {}).get(z)
        tp = by_server.get("tipg", {}).get(z)
        ratio = (f"{cm.result.rps / tp.result.rps:.2f}×" if cm and tp and cm.result and tp.result
                 and tp.result.rps else None)
        for server, zooms in by_server.items():
            o = zooms.get(z) or ZoomOutcome(0, note="not run")
            r = o.result
            rows.append(Row([f"{size:,}", z, o.tiles, server, o.first_ms, r.rps if r else None, r.p50_ms if r else None,
                             r.p99_ms if r else None, r.errors if r else None, o.kb,
                             ratio if server == "craftmap" else None, o.note]))
    return rows
