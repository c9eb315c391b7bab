"""``craftmap copy``: move a whole store between a GeoPackage and PostGIS (either direction)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from geo.errors import CraftmapError

console = Console()
err = Console(stderr=True)


def copy_command(
        source: Annotated[str, typer.Option("--from", help="Source: a .gpkg path or postgresql://… URL")],
        target: Annotated[str, typer.Option("--to", help="Target: a .gpkg path or postgresql://… URL")],
) -> None:
    """Copy every feature (private fields and versions too) from one store to another, atomically."""
    from geo.store.transfer import copy_store, open_location

    src, dst = open_location(source), open_location(target)
    try:
        counts = copy_store(src, dst)
    except CraftmapError as exc:
        err.print(f"[red]copy failed:[/red] {exc.detail}")
        err.print("The target was not changed.")
        raise typer.Exit(1) from None
    finally:
        src.close()
        dst.close()
    table = Table(title="Copied")
    table.add_column("collection")
    table.add_column("features", justify="right")
    for cid, n in counts.items():
        table.add_row(cid, str(n))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("copy")(copy_command)
