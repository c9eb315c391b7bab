"""The import wizard's dry run: what ``import_file`` would do with a file, with nothing written.

The same reader (``read_rows``: format, CRS and how it was found, reprojection to CRS84) and the same
checks (``judge_rows``) as the import itself; only the answer differs: every row with its own problems
instead of one ``ImportFailed``. File-level errors (unreadable file, unknown CRS, limits) still raise.
"""

from __future__ import annotations

from collections.abc import Collection as Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.model.collections import Collection
from geo.records.importer import Detected, judge_rows, read_geometry, read_rows
from geo.store.base import Store


@dataclass(frozen=True)
class PreviewRow:
    """One row as the import would see it: its number, id, name, geometry (CRS84 GeoJSON) and problems."""

    row: int
    id: str | None
    name: str | None
    geometry: dict[str, Any] | None
    problems: list[dict[str, Any]]


@dataclass(frozen=True)
class Preview:
    """What ``import_file`` would do with a file, found by the same reader and checks, with nothing written."""

    collection: str
    format: str
    crs: Detected
    rows: list[PreviewRow]

    @property
    def problems(self) -> int:
        return sum(len(r.problems) for r in self.rows)


def preview(path: Path, collection: Collection, store: Store, *, sources: Container[str],
            given_crs: str | None = None) -> Preview:
    """A dry run of :func:`import_file`: every row with its problems (file-level errors still raise)."""
    from geo.records.editing import ensure_editable

    ensure_editable(collection)
    rows, fmt, detected = read_rows(path, collection, given_crs)
    _, errors = judge_rows(collection, rows, store, sources)
    by_row: dict[int, list[dict[str, Any]]] = {}
    for e in errors:
        by_row.setdefault(e["row"], []).append(e)
    out = []
    for row in rows:
        raw_props = row.raw.get("properties")
        props: dict[str, Any] = raw_props if isinstance(raw_props, dict) else {}
        fid, name = props.get("id", row.raw.get("id")), props.get(collection.name_field)
        geom = row.raw.get("geometry")
        shown = geom if isinstance(geom, dict) and read_geometry(geom) is not None else None
        out.append(PreviewRow(row.row, fid if isinstance(fid, str) else None,
                              name if isinstance(name, str) else None, shown, by_row.get(row.row, [])))
    return Preview(collection.id, fmt, detected, out)
