"""The domain commands of ``craftmap`` (load, import, token, user, copy, export of the open-data files).

``api/cli.py`` is the entry point: it adds what needs the web layer (``serve``, ``export --static``)
to the app built here. Every command reports a domain error as one line and exits 1.
"""

from __future__ import annotations

import typer

from geo.commands import edit, load, store, users


def build_app() -> typer.Typer:
    """The domain commands on a fresh Typer app."""
    app = typer.Typer(help="craftmap: Hải Phòng craft villages, clusters, pollution and projects.",
                      no_args_is_help=True, add_completion=False)
    for module in (load, edit, store, users):
        module.register(app)
    return app
