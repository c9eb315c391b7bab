"""``craftmap export``: the open-data files (GeoJSON, CSV, GeoPackage, licence and provenance).

``api/cli.py`` registers it, adding ``--static`` (the public pages as files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geo.commands.common import StoreOpt, failing_as, opened, print_counts, settings_with

OutOpt = Annotated[Path, typer.Option("--out", help="Folder for the open-data files")]
CrsOpt = Annotated[str, typer.Option("--crs", help="CRS of the files: OGC:CRS84 (default) or EPSG:9210")]


def export(store: StoreOpt = None, out: OutOpt = Path("export"), crs: CrsOpt = "OGC:CRS84") -> None:
    """Write every download (GeoJSON, CSV, GeoPackage, licence and provenance)."""
    from geo.publish.export import export_crs, write_all

    settings = settings_with(store)
    with failing_as("export failed"), opened(settings) as s:
        files = write_all(s, out, export_crs(crs), settings.data_dir)
    print_counts(f"Exported into {out}", {f.name: f.size for f in files}, column="bytes")
