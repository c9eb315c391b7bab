"""The source registry (``data/sources.csv``): every record cites ids from it."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.model.errors import StoreUnavailable

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


FILENAME = "sources.csv"


def registry(data_dir: Path) -> dict[str, Source]:
    """The sources of a dataset folder by id, read once per version of the file."""
    path = data_dir / FILENAME
    return read_sources(path, path.stat().st_mtime_ns)


def source_ids(data_dir: Path) -> frozenset[str]:
    """Ids of the source registry that every record must cite."""
    try:
        return frozenset(registry(data_dir))
    except (OSError, ValueError) as exc:
        raise StoreUnavailable(f"The source registry cannot be read: {exc}") from None


@lru_cache(maxsize=8)
def read_sources(path: Path, mtime_ns: int = 0) -> dict[str, Source]:
    """Sources by id; a missing column or a duplicate id is an error naming the line.

    ``mtime_ns`` is only part of the cache key, so an edited file is read again.
    """
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
