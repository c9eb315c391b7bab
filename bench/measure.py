"""Check then time each query against one running server, and lay the outcomes out as table rows."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bench import loadgen
from bench.queries import Query, check
from bench.report import Row, console, ratio

WARMUP_REQUESTS = 3


@dataclass(frozen=True)
class Outcome:
    """A timed result, or why the query was not timed on this server."""

    result: loadgen.Result | None = None
    note: str | None = None
    counts: bool | None = None  # the answer carries numberMatched (a count of every match)


def measure(server_name: str, base: str, path: str, queries: list[Query], duration: int, *,
            extra: dict[str, str] | None = None) -> tuple[dict[str, Outcome], dict[str, bytes]]:
    """Outcome per query name, and the bodies of the right answers (keyed ``path?query``)."""
    outcomes: dict[str, Outcome] = {}
    bodies: dict[str, bytes] = {}
    with httpx.Client(timeout=120) as client:
        for q in queries:
            url = q.url(base, path, extra)
            problem, body = check(client, url, q)
            if problem is not None:
                console.print(f"  [yellow]{server_name} · {q.name}: not timed: {problem}[/yellow]")
                outcomes[q.name] = Outcome(note=f"not timed: {problem}")
                continue
            bodies[url.removeprefix(base)] = body
            counts = b'"numberMatched"' in body
            for _ in range(WARMUP_REQUESTS):
                client.get(url)
            result = loadgen.run(url, duration)
            console.print(f"  {server_name} · {q.name}: {result.rps:,.1f} req/s, p50 {result.p50_ms} ms, "
                          f"p99 {result.p99_ms} ms, {result.errors} errors")
            outcomes[q.name] = Outcome(result=result, counts=counts)
    return outcomes, bodies


HEADERS = ["size", "query", "server", "numberMatched", "req/s", "p50 ms", "p99 ms", "errors", "craftmap/{peer}",
           "craftmap/baseline", "note"]


def headers(peer: str, with_baseline: bool = True) -> list[str]:
    out = [h.replace("{peer}", peer) for h in HEADERS]
    return out if with_baseline else [h for h in out if h != "craftmap/baseline"]


def rows(size: int, queries: list[Query], by_server: dict[str, dict[str, Outcome]], peer: str | tuple[str, ...],
         with_baseline: bool = True) -> list[Row]:
    """One row per (query, server); the ratios sit on craftmap's row, against the fastest of ``peer``."""
    peers = (peer,) if isinstance(peer, str) else peer
    out: list[Row] = []
    for q in queries:
        cm = by_server.get("craftmap", {}).get(q.name, Outcome()).result
        for server, outcomes in by_server.items():
            o = outcomes.get(q.name, Outcome(note="not run"))
            r = o.result
            counted = None if o.counts is None else ("yes" if o.counts else "no")
            cells: list[object] = [f"{size:,}", q.name, server, counted, r.rps if r else None,
                                   r.p50_ms if r else None, r.p99_ms if r else None, r.errors if r else None]
            is_cm = server == "craftmap"
            timed = [r for p in peers if (r := by_server.get(p, {}).get(q.name, Outcome()).result) is not None]
            peer_r = max(timed, key=lambda r: r.rps) if timed else None
            cells.append(ratio(cm.rps, peer_r.rps) if is_cm and cm and peer_r else None)
            if with_baseline:
                base_r = by_server.get("baseline", {}).get(q.name, Outcome()).result
                cells.append(f"{cm.rps / base_r.rps:.0%}" if is_cm and cm and base_r else None)
            cells.append(o.note)
            out.append(Row(cells))
    return out
