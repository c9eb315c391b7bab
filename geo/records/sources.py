"""Sources: the registry (``data/sources.csv``) and those entered in the workspace (kept in the store).

Every record cites source ids. Whatever checks or shows sources goes through ``all_sources``
(the CSV and the store together). ``document_source`` and ``officer_source`` create the source an
edit rests on, or reuse the one made before from the same inputs (same inputs, same id). Ids and
titles never name the officer: that is for the audit trail, which admins read.
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo.model.errors import InvalidFeature, StoreUnavailable
from geo.model.feature import Feature, Source
from geo.spatial.text import fold
from geo.store.base import SourceStore

__all__ = [
    "COLUMNS",
    "CONFIRM_PROBLEM",
    "FILENAME",
    "Source",
    "all_source_ids",
    "all_sources",
    "confirmation_problems",
    "document_source",
    "officer_source",
    "read_sources",
    "registry",
    "source_ids",
]

COLUMNS = ("id", "title", "publisher", "address", "date", "language")
FILENAME = "sources.csv"
OFFICER_TITLE = "Số liệu do cán bộ nhập trên craftmap ngày {day}"
OFFICER_PUBLISHER = "craftmap"
_MAX = 300  # characters of a number, title or address


def registry(data_dir: Path) -> dict[str, Source]:
    """The sources of a dataset folder by id, read once per version of the file."""
    path = data_dir / FILENAME
    return read_sources(path, path.stat().st_mtime_ns)


def source_ids(data_dir: Path) -> frozenset[str]:
    """Ids of the source registry file alone (``craftmap load`` checks a data folder against it)."""
    try:
        return frozenset(registry(data_dir))
    except (OSError, ValueError) as exc:
        raise StoreUnavailable(f"The source registry cannot be read: {exc}") from None


def all_sources(store: SourceStore, data_dir: Path) -> dict[str, Source]:
    """The registry file's sources, then those entered in the workspace (a missing file gives only those)."""
    try:
        out = dict(registry(data_dir))
    except FileNotFoundError:
        out = {}
    except (OSError, ValueError) as exc:
        raise StoreUnavailable(f"The source registry cannot be read: {exc}") from None
    for sid, s in store.stored_sources().items():
        out.setdefault(sid, s)
    return out


def all_source_ids(store: SourceStore, data_dir: Path) -> frozenset[str]:
    """Every id a record may cite: the registry file's and the store's."""
    return frozenset(all_sources(store, data_dir))


def _bad(field: str, problem: str) -> InvalidFeature:
    """A refused source, as validation errors are (``field`` names the form's input)."""
    return InvalidFeature("The source of the edit is incomplete.", [{"field": field, "problem": problem}])


def _text(value: str, name: str, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise _bad(f"source_{name}", "is required")
    if len(text) > _MAX:
        raise _bad(f"source_{name}", f"is longer than {_MAX} characters")
    return text


def _day(value: str | date) -> str:
    try:
        return (value if isinstance(value, date) else date.fromisoformat(str(value).strip())).isoformat()
    except ValueError:
        raise _bad("source_date", "must be a day like 2025-03-14") from None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:8]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def document_source_of(actor: str, *, number: str, date: str, title: str, address: str = "") -> Source:
    """The source for a document (number, day, title, optional link), not yet stored: checked, with its id."""
    number, title, day = _text(number, "number"), _text(title, "title"), _day(date)
    address = _text(address, "address", required=False)
    if address and not re.match(r"https?://[^\s]+$", address):
        raise _bad("source_address", "must start with http:// or https://")
    slug = re.sub(r"[^a-z0-9]+", "-", fold(number)).strip("-")[:40] or "doc"
    sid = f"doc-{day}-{slug}-{_digest(number, day, title, address)}"
    return Source(sid, title, "", address, day, "vi", "document", number, actor, _now())


def document_source(store: SourceStore, actor: str, *, number: str, date: str, title: str,
                    address: str = "") -> Source:
    """The stored source for a document, created once per distinct document (same inputs, same id)."""
    return store.add_source(document_source_of(actor, number=number, date=date, title=title, address=address),
                            actor)


def officer_source_of(actor: str, day: str | date) -> Source:
    """The source "entered by this officer on this day", not yet stored (the id hides the name)."""
    when = _day(day)
    return Source(f"officer-{when}-{_digest(actor)}", OFFICER_TITLE.format(day=when), OFFICER_PUBLISHER, "", when,
                  "vi", "officer", "", actor, _now())


def officer_source(store: SourceStore, actor: str, day: str | date) -> Source:
    """The stored source "entered by this officer on this day": one per officer and day."""
    return store.add_source(officer_source_of(actor, day), actor)


CONFIRM_PROBLEM = "cannot turn from illustrative to confirmed without a new source (a document, or an officer's entry)"


def confirmation_problems(before: Feature | None, after: dict[str, Any], new_source: Source | None) -> list[
        dict[str, str]]:
    """The domain rule: an illustrative record becomes a confirmed one (``illustrative`` true → false) only
    with a source entered with this edit and not cited by the record before. ``after`` is the new properties."""
    if before is None or not before.properties.get("illustrative") or after.get("illustrative") is not False:
        return []
    if new_source is not None and new_source.id not in (before.properties.get("sources") or []) and \
            new_source.id in (after.get("sources") or []):
        return []
    return [{"field": "illustrative", "problem": CONFIRM_PROBLEM}]


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
