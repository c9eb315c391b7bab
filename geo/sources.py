"""The source registry (``data/sources.csv``): every record cites ids from it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COLUMNS = ("id", "title", "publisher", "address", "date", "language")


@dataclass(frozen=True)
class Source:
    """A cited document."""

    id: str
    title: str
    publisher: str
    address: str
    date: str
    language: str


@lru_cache(maxsize=4)
def read_sources(path: Path) -> dict[str, Source]:
    """Sources by id; a missing column or a duplicate id is an error naming the line."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        out: dict[str, Source] = {}
        for line, row in enumerate(reader, start=2):
            sid = (row["id"] or "").strip()
            if not sid or sid in out:
                raise ValueError(f"{path}:{line}: empty or duplicate source id '{sid}'")
            out[sid] = Source(**{c: (row[c] or "").strip() for c in COLUMNS})
    return out
