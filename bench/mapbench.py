"""Issues 4 and 15: the overview map with the shipped data plus 10,000 (and, with ``--large``, 1,000,000)
synthetic facilities. Beyond ``maps.layers.TILE_THRESHOLD`` the facilities are drawn from vector tiles;
then a run also pans and zooms ``MOVES`` times (seeded places and zooms 11–16 over the synthetic area)
and times each move until every tiled layer's tiles in view are drawn (protomaps-leaflet's ``load``).

Measures the size of ``/maps/overview`` and, in headless Chromium, the time from navigation
start until every layer is drawn. The map pages signal that themselves: ``maps/static/main.js`` sets
``<html data-cm-ready="ok">`` once every layer has fetched all its pages from the API and added
them to the map, and records ``craftmap.readyAt`` (ms since navigation start) and
``craftmap.counts()`` (features drawn and matched per layer), which are read back here.
Each run uses a fresh browser context (empty cache); every non-loopback request is blocked.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from bench import servers, synthetic
from bench.report import Row, console, markdown, record, show, write_section
from geo.model.feature import Feature

SIZES = (10_000,)
RUNS = 5
MOVES = 20
MOVE_TIMEOUT_MS = 10_000
PAN_ZOOM_JS = """async ([moves, timeout]) => {
  const map = craftmap.state.map;
  const grids = craftmap.layers.filter((l) => l.grid && map.hasLayer(l.group)).map((l) => l.grid);
  const out = [];
  for (const [lat, lon, z] of moves) {
    const t0 = performance.now();
    const waits = grids.map((g) => new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeout);
      g.once("load", () => { clearTimeout(timer); resolve(true); });
      g.cmResolve = () => { clearTimeout(timer); resolve(true); };
    }));
    map.setView([lat, lon], z, { animate: false });
    /* Leaflet queues a move's new tiles synchronously: a layer not loading now had every tile in view. */
    for (const g of grids) { if (!g._loading) { g.cmResolve(); } }
    const done = await Promise.all(waits);
    out.push(done.every((d) => d) ? performance.now() - t0 : null);
  }
  return out;
}"""


def moves(n: int = MOVES, seed: int = 15) -> list[tuple[float, float, int]]:
    import random

    rng = random.Random(seed)
    minx, miny, maxx, maxy = synthetic.BBOX
    return [(rng.uniform(miny, maxy), rng.uniform(minx, maxx), rng.randint(11, 16)) for _ in range(n)]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_store(n: int, folder: Path | None = None) -> Path:
    """The shipped dataset with ``n`` synthetic facilities added to the real ones, in ``folder`` (default
    ``bench/.work``). The features are made once into a list (about 2 GB at a million): the GeoPackage writer
    reads them once per column, and making them on demand would make them once per column too."""
    from geo.records.loader import read_dataset
    from geo.store.gpkg.store import GpkgStore

    data, _ = read_dataset(servers.ROOT / "data")
    facilities: Sequence[Feature] = [*data["facilities"], *synthetic.features(synthetic.generate(n))]
    path = (folder or servers.WORK) / f"overview_{n}.gpkg"
    store = GpkgStore(path)
    try:
        store.load_all({**data, "facilities": facilities})
    finally:
        store.close()
    return path


def _block_remote(route: Any) -> None:
    host = route.request.url.split("/")[2].split(":")[0]
    if host in ("127.0.0.1", "localhost"):
        route.continue_()
    else:
        route.abort()


def one_run(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.route("**/*", _block_remote)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=120_000)
    wall_ms = (time.perf_counter() - started) * 1000
    out = page.evaluate("() => ({ready: document.documentElement.getAttribute('data-cm-ready'), "
                        "readyAt: window.craftmap.readyAt, loadMs: window.craftmap.loadMs, "
                        "counts: window.craftmap.counts()})")
    tiled = any(c.get("tiled") for c in out["counts"])
    out["moves"] = page.evaluate(PAN_ZOOM_JS, [moves(), MOVE_TIMEOUT_MS]) if tiled else []
    context.close()
    out["wall_ms"] = wall_ms
    out["errors"] = errors
    return out


def run(sizes: tuple[int, ...] = SIZES, runs: int = RUNS, large: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    from bench.scale import sizes as with_large

    rows: list[Row] = []
    for n in with_large(sizes, large):
        console.rule(f"overview map with {n:,} synthetic facilities")
        store = build_store(n)
        with servers.craftmap(store=store) as s:
            html = httpx.get(s.url + "/maps/overview", timeout=60)
            if html.status_code != 200:
                console.print(f"[red]/maps/overview answered {html.status_code}: map pages not ready[/red]")
                rows.append(Row([f"{n:,}", None, None, None, None, None, None, None,
                                 f"/maps/overview answered HTTP {html.status_code}"]))
                continue
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = [one_run(browser, s.url + "/maps/overview") for _ in range(runs)]
                browser.close()
            rss = s.rss_mb()
        rows.append(_row(n, len(html.content), results, rss))
    hdr = ["size", "HTML KB", "drawn ms (median)", "drawn ms (min–max)", "wall ms (median)",
           "pan/zoom tiles ms (p95)", "server RSS MB (peak)", "features", "note"]
    show("Overview map: HTML size and time until every layer is drawn (headless Chromium)", hdr, rows)
    record("map", "map", hdr, rows)
    write_section("map", markdown(hdr, rows) + "\n\n" + NOTES.format(runs=runs, moves=MOVES))


def _p95(values: list[float]) -> float | None:
    return sorted(values)[int(0.95 * (len(values) - 1))] if values else None


def _row(n: int, html_bytes: int, results: list[dict[str, Any]], rss: float | None) -> Row:
    drawn = [r["readyAt"] for r in results if r["readyAt"] is not None]
    wall = [r["wall_ms"] for r in results]
    last = results[-1]
    counts = last["counts"]
    for c in counts:
        if c.get("tiled"):
            console.print(f"  {c['title']}: drawn from vector tiles ({c['tilesLoaded']} tiles)")
            continue
        console.print(f"  {c['title']}: drawn {c['drawn']} of {c['matched']} matched, {c['skipped']} without geometry"
                      f"{' (error ' + c['error'] + ')' if c['error'] else ''}")
    wrong = [c["title"] for c in counts if not c.get("tiled") and c["matched"] is not None
             and c["drawn"] + c["skipped"] != c["matched"]]
    moved = [m for r in results for m in r["moves"]]
    timeouts = sum(1 for m in moved if m is None)
    problems = [f"ready={r['ready']}" for r in results if r["ready"] != "ok"]
    problems += [f"page error: {e}" for r in results for e in r["errors"]][:2]
    problems += [f"incomplete layers: {', '.join(wrong)}"] if wrong else []
    problems += [f"{timeouts} of {len(moved)} moves not drawn within {MOVE_TIMEOUT_MS} ms"] if timeouts else []
    features = ", ".join(f"{c['collection']} from tiles ({c['tilesLoaded']} tiles)" if c.get("tiled")
                         else f"{c['collection']} {c['drawn']:,}" for c in counts if c["collection"] != "admin_units")
    return Row([f"{n:,}", html_bytes / 1024, statistics.median(drawn) if drawn else None,
                f"{min(drawn):,.0f}–{max(drawn):,.0f}" if drawn else None, statistics.median(wall),
                _p95([m for m in moved if m is not None]), rss, features, "; ".join(problems) or None])


NOTES = """\
- "drawn ms" is `craftmap.readyAt` read from the page: milliseconds from navigation start until every layer
  has fetched all its pages from the API and added its features to the map (`data-cm-ready="ok"`), in a fresh
  browser context (cold cache), median of {runs} runs; "wall ms" is the same seen from Playwright.
- One uvicorn worker serves the page, the assets and the API; headless Debian Chromium, no basemap tiles
  (every non-loopback request is blocked). Shared, noisy 2-core machine.
- Beyond 5,000 features the facilities are drawn from vector tiles (protomaps-leaflet; thinned to counts per
  cell while a tile would hold more than 2,000): "drawn ms" then means the tiles in view are drawn. "pan/zoom
  tiles ms (p95)": {moves} seeded moves per run (random place in the synthetic area, zoom 11–16), each timed
  from `setView` until every tiled layer fired `load` (all tiles in view fetched and painted); p95 over all runs.
- "server RSS MB (peak)": the server process's VmHWM after all runs (one worker).
"""
