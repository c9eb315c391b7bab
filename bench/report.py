"""Results as a rich table on the console and as Markdown in ``bench/README.md``.

Each part (ogc, map, postgis) owns one section of the README between HTML comment
markers, replaced whole on every run of that part, so the README only ever holds
numbers a run printed.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

README = Path(__file__).resolve().parent / "README.md"
# Wide enough for the tables when the output is a log file or a pipe (make bench | tee).
console = Console(width=None if sys.stdout.isatty() else 200)


@dataclass
class Row:
    """One line of a results table; ``None`` cells print as a dash."""

    cells: list[object]


def fmt(value: object, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def ratio(a: float | None, b: float | None) -> str | None:
    if not a or not b:
        return None
    return f"{a / b:.2f}×"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, AttributeError):
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPU ({cpu}){mem}, {system}; load average {load} when the section was written"


LEFT = ("size", "query", "server", "note", "features", "what", "goal", "figures (craftmap)", "verdict")


def show(title: str, headers: list[str], rows: list[Row]) -> None:
    table = Table(title=title)
    for h in headers:
        table.add_column(h, justify="left" if h in LEFT else "right")
    for row in rows:
        table.add_row(*(fmt(c) for c in row.cells))
    console.print(table)


def markdown(headers: list[str], rows: list[Row]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(fmt(c).replace("|", "\\|") for c in row.cells) + " |" for row in rows]
    return "\n".join(lines)


def write_section(part: str, body: str) -> None:
    """Replace the ``part`` section of the README (or append it) with ``body`` and a dated header."""
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    block = (f"<!-- bench:{part}:start -->\nMeasured {stamp} on {machine()}.\n\n{body.strip()}\n"
             f"<!-- bench:{part}:end -->")
    text = README.read_text() if README.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- bench:{part}:start -->.*?<!-- bench:{part}:end -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    README.write_text(text)
    console.print(f"[dim]wrote the {part} results to {README}[/dim]")


RESULTS = Path(__file__).resolve().parent / ".work" / "results.json"


def record(part: str, table: str, headers: list[str], rows: list[Row]) -> None:
    """Keep a table's raw cells in ``bench/.work/results.json`` for the goals section (:mod:`bench.goals`)."""
    import json

    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data.setdefault(part, {})[table] = [dict(zip(headers, row.cells, strict=True)) for row in rows]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))
