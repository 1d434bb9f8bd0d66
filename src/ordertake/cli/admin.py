"""`ordertake init` and `ordertake doctor`: set up the database, check the environment."""

from __future__ import annotations

import typer

from ordertake.cli.context import runtime
from ordertake.db.session import migrate


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init() -> None:
    """Create or migrate the database."""
    rt = runtime()
    migrate(rt.engine)
    typer.echo(f"database ready: {rt.engine.url.render_as_string(hide_password=True)}")
