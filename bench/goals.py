"""Issue 15's goals table, rated "met / not met" from the figures the last runs kept.

Every figure comes from ``bench/.work/results.json``, written by the ogc and postgis parts as
they print their tables, so the verdicts can never disagree with the tables in the README. A
goal stated at 1,000,000 features that was only measured at a smaller size says so instead of
borrowing the smaller figure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from bench.report import RESULTS, Row, markdown, show, write_section
from bench.scale import LARGE

STORES = {"ogc": "GeoPackage", "postgis": "PostGIS"}
HEADERS = ["what", "goal", "figures (craftmap)", "verdict"]
Record = dict[str, object]


def num(value: object) -> float | None:
    """A table cell as a number ("100,000", "3.20×", 12.5), or None for a dash."""
    if value is None or value == "":
        return None
    try:
        return float(str(value).replace(",", "").rstrip("×"))
    except ValueError:
        return None


def table(results: dict[str, dict[str, list[Record]]], part: str, name: str) -> list[Record]:
    return results.get(part, {}).get(name, [])


def verdict(checks: list[bool], sizes: set[int], target: int | None = LARGE) -> str:
    """"met" only when every check passed and the goal's own size was measured."""
    if not checks:
        return "not measured"
    if not all(checks):
        return "not met"
    if target is not None and target not in sizes:
        return f"met at {', '.join(f'{s:,}' for s in sorted(sizes))} only; {target:,} not measured"
    return "met"


def _ratios(rows: list[Record], peer: Callable[[str], bool]) -> tuple[list[float], set[int]]:
    """craftmap's req/s over the fastest matching peer's, per (size, query) where both were timed."""
    out: list[float] = []
    sizes: set[int] = set()
    keys = {(r["size"], r["query"]) for r in rows}
    for size, query in sorted(keys, key=str):
        same = [r for r in rows if r["size"] == size and r["query"] == query]
        cm = next((num(r["req/s"]) for r in same if r["server"] == "craftmap"), None)
        peers = [v for r in same if peer(str(r["server"])) and (v := num(r["req/s"]))]
        if cm and peers:
            out.append(cm / max(peers))
            sizes.add(int(num(size) or 0))
    return out, sizes


def items_goal(results: dict[str, dict[str, list[Record]]]) -> list[Row]:
    rows = []
    for label, peer, goal, parts in (
            ("fastest pygeoapi provider", lambda s: s.startswith("pygeoapi"), 3.0, ("ogc", "postgis")),
            ("tipg (PostGIS)", lambda s: s == "tipg", 1.5, ("postgis",))):
        figures, checks, sizes = [], [], set()
        for part in parts:
            ratios, measured = _ratios(table(results, part, "items"), peer)
            if ratios:
                figures.append(f"{STORES[part]}: {min(ratios):.2f}×–{max(ratios):.2f}× "
                               f"at {', '.join(f'{s:,}' for s in sorted(measured))}")
                checks += [r >= goal for r in ratios]
                sizes |= measured
        rows.append(Row([f"items, every query, 100k and 1M vs {label}", f"≥ {goal:g}×",
                         "; ".join(figures) or "–", verdict(checks, sizes)]))
    return rows


def _craftmap(rows: Iterable[Record]) -> list[Record]:
    return [r for r in rows if r.get("server") == "craftmap"]


def walk_goal(results: dict[str, dict[str, list[Record]]]) -> Row:
    figures, checks, sizes = [], [], set()
    for part, store in STORES.items():
        for r in _craftmap(table(results, part, "walk")):
            size, rate, ratio = int(num(r["size"]) or 0), num(r["features/s"]), num(r["last/first"])
            figures.append(f"{store} {size:,}: last/first {r['last/first'] or '–'}, {rate or 0:,.0f} features/s"
                           + (f" ({r['note']})" if r.get("note") else ""))
            checks.append(ratio is not None and ratio <= 2 and (rate or 0) >= 20_000 and not r.get("note"))
            sizes.add(size)
    return Row(["walking all pages of 1,000,000 through next links", "last page ≤ 2× the first; ≥ 20,000 features/s",
                "; ".join(figures) or "–", verdict(checks, sizes)])


def first_page_goal(results: dict[str, dict[str, list[Record]]]) -> Row:
    figures, checks = [], []
    for part, store in STORES.items():
        for r in _craftmap(table(results, part, "items")):
            if r["query"] == "first page" and num(r["size"]) == 100_000 and num(r["p99 ms"]) is not None:
                figures.append(f"{store}: p99 {num(r['p99 ms']):,.1f} ms")
                checks.append((num(r["p99 ms"]) or 0) <= 50)
    return Row(["first page p99, 100k, 8 connections, one worker", "≤ 50 ms", "; ".join(figures) or "–",
                verdict(checks, {100_000}, target=None)])


def _span(values: list[float], unit: str) -> str:
    return f"{min(values):,.1f}–{max(values):,.1f}{unit}" if values else "–"


def tile_goal(results: dict[str, dict[str, list[Record]]]) -> Row:
    figures, checks, sizes = [], [], set()
    for part, store in STORES.items():
        rows = table(results, part, "tiles")
        for size in sorted({int(num(r["size"]) or 0) for r in _craftmap(rows)}):
            mine = [r for r in _craftmap(rows) if num(r["size"]) == size]
            p50s = [v for r in mine if (v := num(r["p50 ms"])) is not None]
            vs_tipg = [v for r in mine if (v := num(r["craftmap/tipg"])) is not None]
            if not p50s:
                figures.append(f"{store} {size:,}: {mine[0].get('note') or 'not timed'}")
                checks.append(False)
                continue
            figures.append(f"{store} {size:,}: p50 {_span(p50s, ' ms')}"
                           + (f", {_span(vs_tipg, '×')} tipg's req/s" if vs_tipg else ""))
            checks += [len(p50s) == len(mine)] + [v <= 20 for v in p50s] + [v >= 1 for v in vs_tipg]
            sizes.add(size)
    return Row(["vector tile, z10–z14 over the city, 1M facilities", "p50 ≤ 20 ms, ≥ tipg's throughput",
                "; ".join(figures) or "–", verdict(checks, sizes)])


def memory_goal(results: dict[str, dict[str, list[Record]]]) -> Row:
    figures, checks, sizes = [], [], set()
    for part, store in STORES.items():
        for r in _craftmap(table(results, part, "memory")):
            mb, size = num(r["peak RSS MB (one worker)"]), int(num(r["size"]) or 0)
            if mb is not None:
                figures.append(f"{store} {size:,}: {mb:,.0f} MB")
                checks.append(mb <= 400)
                sizes.add(size)
    return Row(["server memory under the 1M load", "RSS ≤ 400 MB per worker", "; ".join(figures) or "–",
                verdict(checks, sizes)])


def overview_goal(results: dict[str, dict[str, list[Record]]]) -> Row:
    """The map part's rows (bench/mapbench.py): HTML size, drawn median, pan/zoom tiles p95."""
    checks: list[bool] = []
    sizes: set[int] = set()
    figures = []
    for r in table(results, "map", "map"):
        size = int(num(r["size"]) or 0)
        html, drawn, moved = num(r["HTML KB"]), num(r["drawn ms (median)"]), num(r["pan/zoom tiles ms (p95)"])
        if html is None or drawn is None:
            continue
        figures.append(f"{size:,}: HTML {html:,.0f} KB, drawn {drawn:,.0f} ms"
                       + (f", pan/zoom p95 {moved:,.0f} ms" if moved is not None else ""))
        checks += [html <= 500, drawn <= 2000] + ([moved <= 500] if size >= LARGE else [])
        if size >= LARGE and moved is not None:
            sizes.add(size)
    return Row(["overview map, 1,000,000 facilities, headless Chromium",
                "HTML ≤ 500 KB; drawn ≤ 2 s median; pan/zoom tiles ≤ 500 ms p95", "; ".join(figures) or "–",
                verdict(checks, sizes)])


def rate(results: dict[str, dict[str, list[Record]]]) -> list[Row]:
    """Every goal of issue 15, in the issue's order."""
    return [*items_goal(results), walk_goal(results), first_page_goal(results), tile_goal(results),
            overview_goal(results), memory_goal(results)]


NOTES = """\
- Rated from the tables of the GeoPackage and PostGIS sections above (the last run of each part), never
  from figures typed by hand; "met" needs every measured case to pass *and* the goal's own size.
- Ratios are craftmap's req/s over the fastest peer's on the same query, size and store.
"""


def run() -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    rows = rate(results)
    show("Issue 15 goals", HEADERS, rows)
    write_section("goals", markdown(HEADERS, rows) + "\n\n" + NOTES)
