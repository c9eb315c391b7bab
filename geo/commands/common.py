"""What every command shares: consoles, settings with options on top, one way to fail, the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, overload

import typer
from rich.console import Console
from rich.table import Table

from geo.model.errors import CraftmapError
from geo.settings import S, Settings, get_settings
from geo.store import open_store
from geo.store.base import Store

console = Console()
err = Console(stderr=True)

StoreOpt = Annotated[Path | None, typer.Option("--store", help="GeoPackage store path")]


@overload
def settings_with(store: Path | None = None, kind: None = None, **overrides: object) -> Settings: ...


@overload
def settings_with(store: Path | None, kind: type[S], **overrides: object) -> S: ...


def settings_with(store: Path | None = None, kind: type[Settings] | None = None, **overrides: object) -> Settings:
    """Settings (of ``kind``, e.g. the server's) from the environment, with command-line options on top."""
    base = get_settings(kind or Settings)
    changes = {k: v for k, v in {"store": store, **overrides}.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


@contextmanager
def failing_as(what: str, after: str | None = None) -> Iterator[None]:
    """Turn a domain error into one red line (and an optional second line), then exit 1."""
    try:
        yield
    except CraftmapError as exc:
        err.print(f"[red]{what}:[/red] {exc.detail}", highlight=False)
        if after:
            err.print(after)
        raise typer.Exit(1) from None


@contextmanager
def opened(settings: Settings) -> Iterator[Store]:
    """The store the settings select, closed afterwards."""
    store = open_store(settings)
    try:
        yield store
    finally:
        store.close()


def print_counts(title: str, counts: dict[str, int], column: str = "features") -> None:
    table = Table(title=title)
    table.add_column("collection")
    table.add_column(column, justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    console.print(table)
