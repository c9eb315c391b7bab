"""``craftmap export``: the open-data files (``--out``) or the static public site (``--static``)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from geo.errors import CraftmapError

console = Console()
err = Console(stderr=True)


def export(store: Annotated[Path | None, typer.Option("--store", help="GeoPackage store path")] = None,
           out: Annotated[Path, typer.Option("--out", help="Folder for the open-data files")] = Path("export"),
           crs: Annotated[str, typer.Option("--crs", help="CRS of the files: OGC:CRS84 (default) or EPSG:9210")
                          ] = "OGC:CRS84",
           static: Annotated[Path | None, typer.Option(
               "--static", help="Write the public pages, maps and downloads as a static site here")] = None) -> None:
    """Write every download (GeoJSON, CSV, GeoPackage, licence and provenance), or the static site."""
    from geo.cli import settings_with
    from geo.export import export_crs, write_all
    from geo.store import open_store

    settings = settings_with(store)
    try:
        if static is not None:
            # The CLI is the composition root: it loads the web layer by name, as ``serve`` does.
            report = importlib.import_module("api.static_export").build_static(settings, static)
            console.print(f"Static site: {len(report.files)} files in {static} "
                          f"(open {static / 'index.html'})")
            for url in report.missing:
                err.print(f"[yellow]missing:[/yellow] {url}")
            return
        s = open_store(settings)
        try:
            files = write_all(s, out, export_crs(crs), settings.data_dir)
        finally:
            s.close()
    except CraftmapError as exc:
        err.print(f"[red]export failed:[/red] {exc.detail}")
        raise typer.Exit(1) from None
    table = Table(title=f"Exported into {out}")
    table.add_column("file")
    table.add_column("bytes", justify="right")
    for f in files:
        table.add_row(f.name, str(f.size))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
