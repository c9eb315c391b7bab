"""``craftmap import`` and ``craftmap token …``."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from geo.commands.common import StoreOpt, console, err, opened, settings_with
from geo.model.errors import CraftmapError

token_app = typer.Typer(help="API tokens: create (printed once), list, revoke.", no_args_is_help=True)


def import_command(
        file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="GeoJSON, .gpkg, .zip, .csv")],
        collection: Annotated[str, typer.Option("--collection", "-c", help="Target collection id")],
        crs: Annotated[str | None, typer.Option(help="CRS when the file declares none, e.g. EPSG:9210")] = None,
        actor: Annotated[str | None, typer.Option(help="Name recorded in the audit trail")] = None,
        store: StoreOpt = None) -> None:
    """Import a file into a collection: every row is checked; all rows are written, or none."""
    from geo.model.collections import get_collection
    from geo.records.importer import import_file
    from geo.records.sources import all_source_ids

    who = actor or f"cli:{getpass.getuser()}"
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    settings = settings_with(store)
    try:
        with opened(settings) as s, Progress(*columns, console=err, transient=False) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    label = "checking" if phase == "check" else "writing (one transaction)"
                    tasks[phase] = bar.add_task(label, total=total)
                    err.print(f"{label}: {total} records", highlight=False)
                bar.update(tasks[phase], completed=done)

            report = import_file(file, get_collection(collection), s, actor=who,
                                 sources=all_source_ids(s, settings.data_dir), given_crs=crs, progress=progress)
    except CraftmapError as exc:
        err.print(f"[red]import failed:[/red] {exc.detail}", highlight=False)
        for e in exc.extra.get("errors", [])[:50]:
            err.print(f"  row {e.get('row', '?')} {e.get('id') or ''} {e['field']}: {e['problem']}",
                      highlight=False, markup=False)
        err.print("Nothing was imported.")
        raise typer.Exit(1) from None
    console.print(f"Imported {report.count} {report.format} records into {report.collection} "
                  f"(read in {report.crs}) as {who}.", highlight=False)


@token_app.command("create")
def token_create(name: Annotated[str, typer.Option(help="Who holds it; recorded in the audit trail")],
                 role: Annotated[str, typer.Option(help="editor or admin")] = "editor",
                 store: StoreOpt = None) -> None:
    """Create a token and print it ONCE: only its hash is kept."""
    from geo.commands.common import failing_as
    from geo.records.access import create_token

    with failing_as("token not created"), opened(settings_with(store)) as s:
        token, record = create_token(s, name, role)
    err.print(f"Token '{record.name}' ({record.role}); shown once, store it now:")
    console.print(token, highlight=False, soft_wrap=True)


@token_app.command("list")
def token_list(store: StoreOpt = None) -> None:
    """Names, roles and dates of every token (never the tokens)."""
    from geo.commands.common import failing_as, print_table

    with failing_as("cannot list tokens"), opened(settings_with(store)) as s:
        rows = [(t.name, t.role, t.created_at, t.revoked_at or "") for t in s.list_tokens()]
    print_table("API tokens", ("name", "role", "created", "revoked"), rows)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="Token name")], store: StoreOpt = None) -> None:
    """Revoke a token at once; its name stays in the audit trail."""
    from geo.commands.common import failing_as

    with failing_as("cannot revoke"), opened(settings_with(store)) as s:
        done = s.revoke_token(name)
    if not done:
        err.print(f"[red]No active token named '{name}'.[/red]", highlight=False)
        raise typer.Exit(1)
    console.print(f"Revoked '{name}'.", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the commands to the ``craftmap`` app."""
    app.command("import")(import_command)
    app.add_typer(token_app, name="token")
