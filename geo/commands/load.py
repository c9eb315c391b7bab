"""``craftmap load``: check every record of the dataset folder, then build the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geo.commands.common import StoreOpt, err, failing_as, opened, print_counts, settings_with


def load(store: StoreOpt = None,
         data: Annotated[Path | None, typer.Option("--data", help="Dataset folder")] = None) -> None:
    """Build the store from the dataset folder; a bad record stops the load and changes nothing."""
    from geo.records.loader import load as run_load

    settings = settings_with(store, data_dir=data)
    with failing_as("load failed", "The store was not changed."), opened(settings) as s:
        report = run_load(settings.data_dir, s)
    for w in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {w}")
    print_counts(f"Loaded into {settings.database_url or settings.store}", report.counts)


def register(app: typer.Typer) -> None:
    app.command("load")(load)
