"""The ``craftmap`` command: serve, load, and (from other modules) import, export, tokens."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from geo.errors import CraftmapError
from geo.settings import Settings, get_settings

app = typer.Typer(help="craftmap: Hải Phòng craft villages, clusters, pollution and projects.",
                  no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="GeoPackage store path")]


def settings_with(store: Path | None = None, **overrides: object) -> Settings:
    """Settings from the environment, with command-line options on top."""
    base = get_settings()
    changes = {k: v for k, v in {"store": store, **overrides}.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


@app.command()
def load(store: StoreOpt = None,
         data: Annotated[Path | None, typer.Option("--data", help="Dataset folder")] = None) -> None:
    """Build the store from the dataset folder; a bad record stops the load and changes nothing."""
    from geo.loader import load as run_load
    from geo.store import open_store

    settings = settings_with(store, data_dir=data)
    target = settings.database_url or settings.store
    try:
        s = open_store(settings)
        report = run_load(settings.data_dir, s)
        s.close()
    except CraftmapError as exc:
        err.print(f"[red]load failed:[/red] {exc.detail}")
        err.print("The store was not changed.")
        raise typer.Exit(1) from None
    for w in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {w}")
    table = Table(title=f"Loaded into {target}")
    table.add_column("collection")
    table.add_column("features", justify="right")
    for cid, n in report.counts.items():
        table.add_row(cid, str(n))
    console.print(table)


@app.command()
def serve(store: StoreOpt = None,
          host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
          port: Annotated[int | None, typer.Option(help="TCP port")] = None,
          workers: Annotated[int, typer.Option(help="Worker processes")] = 1) -> None:
    """Serve the API, maps and pages."""
    import os

    import uvicorn

    settings = settings_with(store, host=host, port=port)
    if store is not None:
        # The app factory reads settings from the environment, also in worker processes.
        os.environ["CRAFTMAP_STORE"] = str(store.resolve())
        get_settings.cache_clear()
    if not settings.database_url and not settings.store.exists():
        err.print(f"[red]No store at {settings.store}.[/red] Run 'craftmap load' first.")
        raise typer.Exit(1)
    logging.basicConfig(level=logging.INFO)
    uvicorn.run("api.app:create_app", factory=True, host=settings.host, port=settings.port,
                workers=workers, log_level="info")


def _register_edit_commands() -> None:
    """``craftmap import`` and ``craftmap token …`` live in ``geo/cli_edit.py``."""
    from geo.cli_edit import register

    register(app)


_register_edit_commands()


def _register_store_commands() -> None:
    """``craftmap copy --from … --to …`` (GeoPackage ↔ PostGIS) lives in ``geo/cli_store.py``."""
    from geo.cli_store import register

    register(app)


_register_store_commands()


def _register_export_commands() -> None:
    """``craftmap export [--out DIR] [--crs …] [--static OUT]`` lives in ``geo/cli_export.py``."""
    from geo.cli_export import register

    register(app)


_register_export_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
