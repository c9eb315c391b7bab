"""Issue 4's benchmark: the overview map with the shipped data plus 10,000 synthetic facilities.

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
from bench.report import Row, console, markdown, show, write_section
from geo.model.feature import Feature

SIZES = (10_000,)
RUNS = 5
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_store(n: int, folder: Path | None = None) -> Path:
    """The shipped dataset with ``n`` synthetic facilities added to the real ones (made on demand, so a
    million never sit in memory at once), in ``folder`` (default ``bench/.work``)."""
    from geo.records.loader import read_dataset
    from geo.store.gpkg.store import GpkgStore

    data, _ = read_dataset(servers.ROOT / "data")
    facilities: Sequence[Feature] = synthetic.LazyFeatures(synthetic.generate(n), head=data["facilities"])
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
    context.close()
    out["wall_ms"] = wall_ms
    out["errors"] = errors
    return out


def run(sizes: tuple[int, ...] = SIZES, runs: int = RUNS) -> None:
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    for n in sizes:
        console.rule(f"overview map with {n:,} synthetic facilities")
        store = build_store(n)
        with servers.craftmap(store=store) as s:
            html = httpx.get(s.url + "/maps/overview", timeout=60)
            if html.status_code != 200:
                console.print(f"[red]/maps/overview answered {html.status_code}: map pages not ready[/red]")
                rows.append(Row([f"{n:,}", None, None, None, None, None,
                                 f"/maps/overview answered HTTP {html.status_code}"]))
                continue
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = [one_run(browser, s.url + "/maps/overview") for _ in range(runs)]
                browser.close()
        rows.append(_row(n, len(html.content), results))
    hdr = ["size", "HTML KB", "drawn ms (median)", "drawn ms (min–max)", "wall ms (median)", "features",
           "note"]
    show("Overview map: HTML size and time until every layer is drawn (headless Chromium)", hdr, rows)
    write_section("map", markdown(hdr, rows) + "\n\n" + NOTES.format(runs=runs))


def _row(n: int, html_bytes: int, results: list[dict[str, Any]]) -> Row:
    drawn = [r["readyAt"] for r in results if r["readyAt"] is not None]
    wall = [r["wall_ms"] for r in results]
    last = results[-1]
    counts = last["counts"]
    for c in counts:
        console.print(f"  {c['title']}: drawn {c['drawn']} of {c['matched']} matched, {c['skipped']} without geometry"
                      f"{' (error ' + c['error'] + ')' if c['error'] else ''}")
    wrong = [c["title"] for c in counts if c["matched"] is not None and c["drawn"] + c["skipped"] != c["matched"]]
    problems = [f"ready={r['ready']}" for r in results if r["ready"] != "ok"]
    problems += [f"page error: {e}" for r in results for e in r["errors"]][:2]
    problems += [f"incomplete layers: {', '.join(wrong)}"] if wrong else []
    features = ", ".join(f"{c['collection']} {c['drawn']:,}" for c in counts if c["collection"] != "admin_units")
    return Row([f"{n:,}", html_bytes / 1024, statistics.median(drawn) if drawn else None,
                f"{min(drawn):,.0f}–{max(drawn):,.0f}" if drawn else None, statistics.median(wall), features,
                "; ".join(problems) or None])


NOTES = """\
- "drawn ms" is `craftmap.readyAt` read from the page: milliseconds from navigation start until every layer
  has fetched all its pages from the API and added its features to the map (`data-cm-ready="ok"`), in a fresh
  browser context (cold cache), median of {runs} runs; "wall ms" is the same seen from Playwright.
- One uvicorn worker serves the page, the assets and the API; headless Debian Chromium, no basemap tiles
  (every non-loopback request is blocked). Shared, noisy 2-core machine.
"""
