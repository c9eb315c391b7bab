"""``craftmap copy``: move a whole store between a GeoPackage and PostGIS (either direction)."""

from __future__ import annotations

from typing import Annotated

import typer

from geo.commands.common import failing_as, print_counts


def copy_command(
        source: Annotated[str, typer.Option("--from", help="Source: a .gpkg path or postgresql://… URL")],
        target: Annotated[str, typer.Option("--to", help="Target: a .gpkg path or postgresql://… URL")],
) -> None:
    """Copy every feature (private fields and versions too) from one store to another, atomically."""
    from geo.store import open_store
    from geo.store.transfer import copy_store

    with failing_as("copy failed", "The target was not changed."):
        src, dst = open_store(source, pool_size=2), open_store(target, pool_size=2)
        try:
            counts = copy_store(src, dst)
        finally:
            src.close()
            dst.close()
    print_counts("Copied", counts)


def register(app: typer.Typer) -> None:
    app.command("copy")(copy_command)
