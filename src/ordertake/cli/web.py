"""`ordertake serve` (web UI + API, with a worker and poller beside it) and `ordertake users`."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator

import typer
from sqlalchemy import select

from ordertake.cli.context import runtime
from ordertake.db.models import UserRow
from ordertake.db.session import transaction
from ordertake.errors import InputError

users_app = typer.Typer(help="Manage the people who sign in to the review screen.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")


@contextlib.contextmanager
def _companions(worker: bool, poller: bool) -> Iterator[None]:
    """Run `ordertake worker` / `ordertake poll` beside the web server, stopped with it."""
    procs: list[subprocess.Popen[bytes]] = []
    if worker:
        procs.append(subprocess.Popen([sys.executable, "-m", "ordertake", "worker"]))
    if poller:
        procs.append(subprocess.Popen([sys.executable, "-m", "ordertake", "poll"]))
    try:
        yield
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    no_worker: bool = typer.Option(False, "--no-worker", help="Do not start a worker beside it."),
    no_poller: bool = typer.Option(False, "--no-poller", help="Do not poll the mailbox."),
) -> None:
    """Serve the review screen and the JSON API (default http://127.0.0.1:8000)."""
    import uvicorn

    from ordertake.review_ui.app import create_app

    rt = runtime()
    rt.sessions  # noqa: B018 - fails early with a clear message when the schema is missing
    app = create_app(rt.settings)
    poller = not no_poller and bool(rt.settings.imap_host)
    with _companions(worker=not no_worker, poller=poller):
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="Sign-in name."),
    role: str = typer.Option(..., "--role", help="clerk or admin."),
    password: str | None = typer.Option(
        None, "--password", help="Password (asked for when omitted and a terminal is attached)."
    ),
    token: bool = typer.Option(False, "--token", help="Also create an API token, printed last."),
) -> None:
    """Create a user; with --token print a new API token on the last line."""
    from ordertake.review_ui.auth import create_api_token, create_user

    if password is None and sys.stdin.isatty():
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if password is not None and len(password) < 4:
        raise InputError("the password is too short", hint="use at least 4 characters")
    rt = runtime()
    with transaction(rt.sessions) as session:
        user = create_user(session, name, role, password)
        secret = create_api_token(session, user) if token else None
    typer.echo(f"user {name} ({role}) created" + ("" if password else ", token sign-in only"))
    if secret:
        typer.echo(secret)


@users_app.command("token")
def users_token(name: str = typer.Argument(..., help="Existing user.")) -> None:
    """Create another API token for a user; printed on the last line."""
    from ordertake.review_ui.auth import create_api_token

    rt = runtime()
    with transaction(rt.sessions) as session:
        user = session.scalar(select(UserRow).where(UserRow.name == name))
        if user is None:
            raise InputError(f"no user {name!r}", hint="create it with `ordertake users add`")
        secret = create_api_token(session, user)
    typer.echo(secret)


@users_app.command("list")
def users_list() -> None:
    """List users: name, role, active."""
    rt = runtime()
    with rt.sessions() as session:
        for user in session.scalars(select(UserRow).order_by(UserRow.name)):
            typer.echo(f"{user.name}\t{user.role}\t{'active' if user.active else 'disabled'}")
