"""Issue 15's walk: a whole collection read through its ``next`` links, as GDAL and QGIS read it.

One request at a time from the first page to the last. The walk is checked (every feature
exactly once) and reported with the median time of its first and of its last few pages, so
paging whose cost grows with the offset shows as ``last/first`` well above 1. A walk has a
time budget: a peer too slow to finish in it is reported with the pages it reached.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field

import httpx

from bench.report import Row, console

LIMIT = 1000
EDGE_PAGES = 5  # pages whose median time is "the start" and "the end"
BUDGET_S = float(os.environ.get("BENCH_WALK_BUDGET", "240"))
WALK_HEADERS = ["size", "server", "features", "pages", "features/s", "first pages ms", "last pages ms",
                "last/first", "note"]


@dataclass(frozen=True)
class Walk:
    """One walk through every page (or as far as the budget allowed), or why it failed."""

    features: int = 0
    pages: int = 0
    seconds: float = 0.0
    times_ms: list[float] = field(default_factory=list)
    note: str | None = None

    @property
    def first_ms(self) -> float | None:
        return statistics.median(self.times_ms[:EDGE_PAGES]) if self.times_ms else None

    @property
    def last_ms(self) -> float | None:
        return statistics.median(self.times_ms[-EDGE_PAGES:]) if self.times_ms else None

    @property
    def complete(self) -> bool:
        return self.note is None


def _next(doc: dict[str, object], base: str) -> str | None:
    links = doc.get("links") or []
    href = next((lk["href"] for lk in links if isinstance(lk, dict) and lk.get("rel") == "next"), None)
    return str(httpx.URL(base).join(href)) if href and not href.startswith("http") else href


def walk(base: str, path: str, size: int, limit: int = LIMIT, extra: dict[str, str] | None = None) -> Walk:
    """Follow ``next`` links from the first page; checked against ``size`` distinct ids."""
    url: str | None = str(httpx.URL(base + path, params={"limit": str(limit), **(extra or {})}))
    seen: set[str] = set()
    times: list[float] = []
    started = time.perf_counter()
    with httpx.Client(timeout=300) as client:
        while url:
            if time.perf_counter() - started > BUDGET_S:
                return Walk(len(seen), len(times), time.perf_counter() - started, times,
                            f"stopped by the {BUDGET_S:.0f} s budget after {len(times)} pages")
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                return Walk(len(seen), len(times), time.perf_counter() - started, times,
                            f"HTTP {r.status_code} on page {len(times)}")
            doc = r.json()
            for f in doc.get("features") or []:
                seen.add(str(f.get("id") if f.get("id") is not None else f["properties"].get("id")))
            url = _next(doc, base)
    seconds = time.perf_counter() - started
    note = None if len(seen) == size else f"{len(seen):,} distinct features, expected {size:,}"
    return Walk(len(seen), len(times), seconds, times, note)


def gdal_walk(base: str, layer: str, size: int) -> Walk:
    """GDAL's OAPIF driver (pyogrio's GDAL) reading the whole layer, pages of ``LIMIT``, as QGIS would:
    it follows the same ``next`` links; only the total time is seen from outside."""
    import pyogrio

    started = time.perf_counter()
    try:
        frame = pyogrio.read_dataframe(f"OAPIF:{base}", layer=layer, columns=["id"], PAGE_SIZE=str(LIMIT))
    except Exception as exc:  # a failed client is a row of the table, not the end of the run
        return Walk(note=f"GDAL failed: {str(exc)[:120]}")
    seconds = time.perf_counter() - started
    distinct = frame["id"].nunique()
    note = None if distinct == len(frame) == size else f"{distinct:,} distinct of {len(frame):,}, expected {size:,}"
    return Walk(len(frame), -(-len(frame) // LIMIT), seconds, [], note)


def walk_row(size: int, server: str, w: Walk) -> Row:
    rate = w.features / w.seconds if w.seconds else None
    first, last = w.first_ms, w.last_ms
    ratio = f"{last / first:.2f}×" if first and last and w.complete else None
    console.print(f"  {server} · walk: {w.features:,} features in {w.pages:,} pages, {w.seconds:.1f} s, "
                  f"first {first or 0:.1f} ms, last {last or 0:.1f} ms {w.note or ''}")
    return Row([f"{size:,}", server, w.features, w.pages, rate, first, last, ratio, w.note])
