"""What every command shares: consoles, settings with options on top, one way to fail, the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, overload

import psycopg
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from geo.model.errors import CraftmapError, StoreUnavailable
from geo.settings import S, Settings, get_settings
from geo.store import open_store
from geo.store.base import Store

console = Console()
err = Console(stderr=True, soft_wrap=True)  # an error is one line, however narrow the terminal

StoreOpt = Annotated[Path | None, typer.Option("--store", help="GeoPackage store path")]


@overload
def settings_with(store: Path | None = None, kind: None = None, **overrides: object) -> Settings: ...


@overload
def settings_with(store: Path | None, kind: type[S], **overrides: object) -> S: ...


def settings_with(store: Path | None = None, kind: type[Settings] | None = None, **overrides: object) -> Settings:
    """Settings (of ``kind``, e.g. the server's) from the environment, with command-line options on top."""
    base: Settings = get_settings(kind or Settings)  # functools.cache hides the type
    changes = {k: v for k, v in {"store": store, **overrides}.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


# What a store that is not a store raises (a random file named .gpkg, a database without our tables).
STORE_ERRORS = (sqlite3.Error, psycopg.Error)


def unreadable(settings: Settings, exc: Exception) -> StoreUnavailable:
    where = "the PostGIS database" if settings.database_url else f"{settings.store}"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreUnavailable(f"Cannot read {where} ({first}): check --store or CRAFTMAP_DATABASE_URL, "
                            "or run 'craftmap load'.")


@contextmanager
def failing_as(what: str, after: str | None = None) -> Iterator[None]:
    """Turn a domain error (or an unreadable store) into one red line (and an optional second), then exit 1."""
    try:
        yield
    except (CraftmapError, sqlite3.Error, psycopg.Error) as exc:
        detail = exc.detail if isinstance(exc, CraftmapError) else unreadable(get_settings(), exc).detail
        err.print(f"[red]{what}:[/red] {detail}", highlight=False, soft_wrap=True)
        if after:
            err.print(after)
        raise typer.Exit(1) from None


@contextmanager
def opened(settings: Settings) -> Iterator[Store]:
    """The store the settings select, closed afterwards; an unreadable one is ``StoreUnavailable``."""
    try:
        store = open_store(settings)
    except STORE_ERRORS as exc:
        raise unreadable(settings, exc) from None
    try:
        yield store
    except STORE_ERRORS as exc:
        raise unreadable(settings, exc) from None
    finally:
        store.close()


def check_store(settings: Settings) -> None:
    """Open the store and count its records: a missing or unreadable store is ``StoreUnavailable`` here,
    before a server or a crawl would meet it as a traceback."""
    with opened(settings) as store:
        store.counts()


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[str | Text]]) -> None:
    """A titled table on standard output."""
    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def print_counts(title: str, counts: dict[str, int], column: str = "features") -> None:
    print_table(title, ("collection", column), ((name, str(n)) for name, n in counts.items()))
