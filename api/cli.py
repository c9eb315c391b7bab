"""The ``craftmap`` command: the domain commands of ``geo.commands`` plus what needs the web layer.

``serve`` starts uvicorn on ``api.app:create_app``; ``export --static`` crawls the app in-process.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from api.settings import ServerSettings
from geo.commands import build_app
from geo.commands.common import StoreOpt, check_store, console, err, failing_as, settings_with
from geo.commands.export import CrsOpt, OutOpt
from geo.commands.export import export as export_files
from geo.settings import get_settings

app = build_app()


@app.command()
def serve(store: StoreOpt = None,
          host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
          port: Annotated[int | None, typer.Option(help="TCP port")] = None,
          workers: Annotated[int, typer.Option(help="Worker processes")] = 1) -> None:
    """Serve the API, maps and pages."""
    import uvicorn

    settings = settings_with(store, ServerSettings, host=host, port=port)
    if store is not None:
        # The app factory reads settings from the environment, also in worker processes.
        os.environ["CRAFTMAP_STORE"] = str(store.resolve())
        get_settings.cache_clear()
    if not settings.database_url and not settings.store.exists():
        err.print(f"[red]No store at {settings.store}.[/red] Run 'craftmap load' first.")
        raise typer.Exit(1)
    with failing_as("cannot serve"):
        check_store(settings)  # one line here, not a traceback in every worker
    _first_account_hint(settings)
    logging.basicConfig(level=logging.INFO)
    # Forwarded headers change the scheme only when the operator says a proxy sets them.
    uvicorn.run("api.app:create_app", factory=True, host=settings.host, port=settings.port,
                workers=workers, log_level="info", proxy_headers=settings.trust_proxy_headers)


def _first_account_hint(settings: ServerSettings) -> None:
    """One line on how to create the first account, while there is none."""
    from geo.commands.common import opened

    with failing_as("cannot read accounts"), opened(settings) as s:
        if s.list_users():
            return
    err.print("No accounts yet: create the first with 'craftmap user create --name NAME --role admin', "
              "then sign in at /sign-in.", highlight=False, markup=False, soft_wrap=True)


@app.command("export")
def export(store: StoreOpt = None, out: OutOpt = Path("export"), crs: CrsOpt = "OGC:CRS84",
           static: Annotated[Path | None, typer.Option(
               "--static", help="Write the public pages, maps and downloads as a static site here")] = None) -> None:
    """Write every download (GeoJSON, CSV, GeoPackage, licence and provenance), or the static site."""
    if static is None:
        export_files(store, out, crs)
        return
    from api.static_export import build_static

    with failing_as("export failed"):
        settings = settings_with(store, ServerSettings)
        check_store(settings)
        report = build_static(settings, static)
    console.print(f"Static site: {len(report.files)} files in {static} (open {static / 'index.html'})")
    for url in report.missing:
        err.print(f"[yellow]missing:[/yellow] {url}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
