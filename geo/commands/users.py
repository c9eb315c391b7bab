"""``craftmap user …``: people's accounts for the browser sign-in (machine clients use ``token``).

The password comes from a prompt (typed twice, not echoed) or one line of standard input with
``--password-stdin``; it is never a command-line argument (those show in ``ps`` and shell history).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.text import Text

from geo.commands.common import StoreOpt, console, err, failing_as, opened, print_table, settings_with

user_app = typer.Typer(help="People's accounts: create, list, disable.", no_args_is_help=True)


def _when(at: float | None) -> str:
    return "" if at is None else datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds")


@user_app.command("create")
def user_create(name: Annotated[str, typer.Option(help="The person's name, shown in pages and the audit")],
                role: Annotated[str, typer.Option(help="editor or admin")] = "editor",
                password_stdin: Annotated[bool, typer.Option(
                    "--password-stdin", help="Read the password from one line of standard input")] = False,
                store: StoreOpt = None) -> None:
    """Create an account that signs in at /sign-in."""
    from geo.records.accounts import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with failing_as("account not created"), opened(settings_with(store)) as s:
        record = create_user(s, name, role, password)
    console.print(f"Account '{record.name}' ({record.role}) created: sign in at /sign-in.",
                  highlight=False, markup=False)


@user_app.command("list")
def user_list(store: StoreOpt = None) -> None:
    """Names, roles and dates of every account (never a password or its hash)."""
    with failing_as("cannot list accounts"), opened(settings_with(store)) as s:
        rows = [(Text(u.name), u.role, _when(u.created_at), _when(u.disabled_at)) for u in s.list_users()]
    print_table("Accounts", ("name", "role", "created", "disabled"), rows)


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(help="Account name")], store: StoreOpt = None) -> None:
    """Disable an account and end its sessions at once; its name stays in the audit trail."""
    import time

    with failing_as("cannot disable"), opened(settings_with(store)) as s:
        done = s.disable_user(name, time.time())
    if not done:
        err.print(f"No active account named '{name}'.", highlight=False, markup=False)
        raise typer.Exit(1)
    console.print(f"Disabled '{name}'.", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add the commands to the ``craftmap`` app."""
    app.add_typer(user_app, name="user")
