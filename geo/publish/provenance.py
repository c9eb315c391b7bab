"""Licence and provenance notes for the open-data files, taken from ``data/README.md``.

The dataset's README is the one place that says where each layer comes from and under which
licence; downloads repeat it rather than restating it, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.publish.csv_writer import rewrite_csv
from geo.publish.files import ExportedFile

_ITEM = re.compile(r"^- `(?P<file>[\w.-]+)`:\s*(?P<text>.*)$")


def _section(text: str, title: str) -> str:
    """The body of a ``## title`` section (up to the next ``## ``), or ``""``."""
    match = re.search(rf"^## {re.escape(title)}\s*$(?P<body>.*?)(?=^## |\Z)", text, re.M | re.S)
    return match.group("body").strip() if match else ""


def readme(data_dir: Path) -> str:
    path = data_dir / "README.md"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def licence_text(data_dir: Path) -> str:
    """The README's "Licences and credits" section."""
    return _section(readme(data_dir), "Licences and credits") or "See the data README."


def collection_notes(data_dir: Path) -> dict[str, str]:
    """Provenance per collection id, from the README's "Files" list (one paragraph per file)."""
    notes: dict[str, str] = {}
    current: str | None = None
    for line in _section(readme(data_dir), "Files").splitlines():
        item = _ITEM.match(line)
        if item:
            current = item.group("file").rsplit(".", 1)[0]
            notes[current] = item.group("text").strip()
        elif current and line.startswith("  "):
            notes[current] += " " + line.strip()
        else:
            current = None
    return notes


def licence_document(data_dir: Path) -> str:
    """The ``LICENCE.md`` shipped beside the data files."""
    return ("# Licence and credits of the craftmap open data\n\n" + licence_text(data_dir) +
            "\n\nEvery record cites its sources by id; `sources.csv` lists them with their addresses.\n")


def write_notes(out: Path, data_dir: Path) -> list[ExportedFile]:
    """``LICENCE.md``, ``PROVENANCE.md`` (the data README) and ``sources.csv`` next to the data files."""
    written = []
    for name, data in (("LICENCE.md", licence_document(data_dir).encode()),
                       ("PROVENANCE.md", readme(data_dir).encode())):
        (out / name).write_bytes(data)
        written.append(ExportedFile(name, None, "md", "text/markdown; charset=utf-8", len(data)))
    sources = data_dir / "sources.csv"
    if sources.exists():
        data = rewrite_csv(sources.read_bytes())
        (out / "sources.csv").write_bytes(data)
        written.append(ExportedFile("sources.csv", None, "csv", "text/csv; charset=utf-8", len(data)))
    return written
