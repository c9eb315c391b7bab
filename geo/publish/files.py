"""What the open-data set is made of: one record per written file (shared by exports and notes)."""

from __future__ import annotations

from dataclasses import dataclass

MEDIA_TYPES = {"geojson": "application/geo+json", "csv": "text/csv; charset=utf-8",
               "gpkg": "application/geopackage+sqlite3"}


@dataclass(frozen=True)
class ExportedFile:
    """One file of the open-data set."""

    name: str
    collection: str | None
    format: str
    media_type: str
    size: int
