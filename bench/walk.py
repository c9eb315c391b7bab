"""Issue 15's scale queries: walking a whole collection through ``next`` links, and vector tiles.

A walk is what GDAL and QGIS do: follow ``rel=next`` from the first page to the last, one request
at a time. It is checked (every feature exactly once) and reported with the time of its first and
last pages, so paging whose cost grows with the offset shows as ``last/first`` well above 1.
Tiles are timed like the items queries (wrk, 8 connections) after checking the answer is a
non-empty Mapbox Vector Tile.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import httpx

from bench import loadgen, synthetic
from bench.report import Row, console

MVT = "application/vnd.mapbox-vector-tile"
ZOOMS = (10, 12, 14)
WALK_HEADERS = ["size", "server", "features", "pages", "features/s", "first page ms", "last page ms",
                "last/first", "note"]
TILE_HEADERS = ["size", "tile", "server", "req/s", "p50 ms", "p99 ms", "errors", "note"]


@dataclass(frozen=True)
class Walk:
    """One walk through every page, or why it failed."""

    features: int = 0
    pages: int = 0
    seconds: float = 0.0
    first_ms: float = 0.0
    last_ms: float = 0.0
    note: str | None = None


def walk(base: str, path: str, size: int, limit: int = 1000, extra: dict[str, str] | None = None) -> Walk:
    """Follow ``next`` links from the first page; checked against ``size`` distinct ids."""
    url: str | None = str(httpx.URL(base + path, params={"limit": str(limit), **(extra or {})}))
    seen: set[str] = set()
    times: list[float] = []
    started = time.perf_counter()
    with httpx.Client(timeout=300) as client:
        while url:
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                return Walk(len(seen), len(times), note=f"HTTP {r.status_code} on page {len(times)}")
            doc = r.json()
            for f in doc.get("features") or []:
                seen.add(str(f.get("id") if f.get("id") is not None else f["properties"].get("id")))
            url = next((link["href"] for link in doc.get("links", []) if link.get("rel") == "next"), None)
            if url and not url.startswith("http"):
                url = str(httpx.URL(base).join(url))
    seconds = time.perf_counter() - started
    note = None if len(seen) == size else f"{len(seen):,} distinct features, expected {size:,}"
    return Walk(len(seen), len(times), seconds, times[0], times[-1], note)


def walk_row(size: int, server: str, w: Walk) -> Row:
    rate = w.features / w.seconds if w.seconds else None
    ratio = f"{w.last_ms / w.first_ms:.2f}×" if w.first_ms else None
    console.print(f"  {server} · walk: {w.features:,} features in {w.pages:,} pages, {w.seconds:.1f} s, "
                  f"first {w.first_ms:.1f} ms, last {w.last_ms:.1f} ms {w.note or ''}")
    return Row([f"{size:,}", server, w.features, w.pages, rate, round(w.first_ms, 1), round(w.last_ms, 1), ratio,
                w.note])


def city_tiles() -> list[tuple[int, int, int]]:
    """(z, x, y) of the tile holding the centre of the synthetic area, at each of ``ZOOMS``."""
    lon = (synthetic.SMALL_BBOX[0] + synthetic.SMALL_BBOX[2]) / 2
    lat = (synthetic.SMALL_BBOX[1] + synthetic.SMALL_BBOX[3]) / 2
    out = []
    for z in ZOOMS:
        n = 2**z
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        out.append((z, x, y))
    return out


def tile_rows(size: int, server: str, base: str, template: str, duration: int) -> list[Row]:
    """Time each city tile; ``template`` has ``{z}``, ``{x}`` and ``{y}`` in the server's own order."""
    out = []
    for z, x, y in city_tiles():
        url = base + template.format(z=z, x=x, y=y)
        r = httpx.get(url, timeout=120)
        if r.status_code != 200 or not r.content or not r.headers.get("content-type", "").startswith(MVT):
            note = f"not timed: HTTP {r.status_code}, {len(r.content)} bytes of {r.headers.get('content-type')}"
            out.append(Row([f"{size:,}", f"{z}/{x}/{y}", server, None, None, None, None, note]))
            continue
        result = loadgen.run(url, duration)
        console.print(f"  {server} · tile {z}/{x}/{y}: {result.rps:,.1f} req/s, p50 {result.p50_ms} ms")
        out.append(Row([f"{size:,}", f"{z}/{x}/{y}", server, result.rps, result.p50_ms, result.p99_ms,
                        result.errors, f"{len(r.content):,} bytes"]))
    return out
