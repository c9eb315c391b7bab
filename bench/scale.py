"""What ogc and postgis share for issue 15: sizes (1,000,000 behind a flag), memory rows, one section.

The million-feature runs take long on a small machine (loading, then every peer walking a
million features), so they run only with ``--large`` or ``BENCH_LARGE=1``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from bench import inprocess, walk
from bench.report import Row, console, markdown, record, show, write_section
from bench.servers import CRAFTMAP_TREE, ROOT, Server

LARGE = 1_000_000
MEMORY_HEADERS = ["size", "server", "peak RSS MB (one worker)"]


@dataclass
class Tables:
    """The rows of one part's tables, gathered size after size."""

    items: list[Row] = field(default_factory=list)
    walks: list[Row] = field(default_factory=list)
    tiles: list[Row] = field(default_factory=list)
    memory: list[Row] = field(default_factory=list)
    cost: list[Row] = field(default_factory=list)

    def add(self, other: Tables) -> None:
        self.items += other.items
        self.walks += other.walks
        self.tiles += other.tiles
        self.memory += other.memory
        self.cost += other.cost


def sizes(default: tuple[int, ...], large: bool = False) -> tuple[int, ...]:
    """``default`` plus 1,000,000 when asked (flag or ``BENCH_LARGE=1``)."""
    if large or os.environ.get("BENCH_LARGE") == "1":
        return tuple(sorted({*default, LARGE}))
    return default


def memory_row(size: int, name: str, server: Server) -> Row:
    """The server's peak resident memory, read as it stopped (after its items, walk and tile load)."""
    console.print(f"  {name}: peak RSS {server.peak_rss_mb or 0:.0f} MB")
    return Row([f"{size:,}", name, server.peak_rss_mb])


Table = tuple[str, str, list[str], list[Row]]  # key, caption, headers, rows


def tables(out: Tables, items: tuple[str, list[str]], tiles: tuple[str, list[str]]) -> list[Table]:
    """The tables of a part: items and tiles as captioned by the part; walks, memory and cost alike."""
    return [("items", *items, out.items),
            ("walk", f"Walking every page through `next` links (limit {walk.LIMIT}, one connection)",
             walk.WALK_HEADERS, out.walks),
            ("tiles", *tiles, out.tiles),
            ("memory", "Server memory (peak RSS of the one worker, after all its runs)", MEMORY_HEADERS,
             out.memory),
            ("cost", "craftmap's cost per page in process (ASGI, no socket, one request at a time)",
             inprocess.HEADERS, out.cost)]


def publish(part: str, title: str, parts: list[Table], notes: str) -> None:
    """Print each (key, caption, headers, rows) table, keep its cells for the goals, write the section."""
    body = []
    for key, caption, headers, rows in parts:
        show(f"{title}: {caption}", headers, rows)
        record(part, key, headers, rows)
        body.append(f"{caption}:\n\n{markdown(headers, rows)}")
    write_section(part, f"craftmap served from {craftmap_code()}.\n\n" + "\n\n".join(body) + "\n\n" + notes)


def craftmap_code() -> str:
    """Which craftmap code the figures are of: this checkout, or ``BENCH_CRAFTMAP_TREE`` (and its label)."""
    if CRAFTMAP_TREE == ROOT:
        return "this checkout"
    label = os.environ.get("BENCH_CRAFTMAP_LABEL")
    return f"`{CRAFTMAP_TREE}`" + (f" ({label})" if label else "") + " through `BENCH_CRAFTMAP_TREE`"
