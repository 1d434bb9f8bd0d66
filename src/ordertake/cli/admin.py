"""`ordertake init` and `ordertake doctor`: set up the database, check the environment."""

from __future__ import annotations

import typer

from ordertake.cli.context import runtime
from ordertake.config import load_settings
from ordertake.db.session import migrate
from ordertake.doctor import run_checks
from ordertake.errors import ExitCode


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("doctor")(doctor)


def init() -> None:
    """Create or migrate the database."""
    rt = runtime()
    migrate(rt.engine)
    typer.echo(f"database ready: {rt.engine.url.render_as_string(hide_password=True)}")


def doctor() -> int:
    """Check tesseract and its language data, the database and the IMAP login."""
    checks = run_checks(load_settings())
    for check in checks:
        mark = "ok " if check.ok else "NG "
        typer.echo(f"{mark} {check.name}: {check.detail}")
        if not check.ok and check.fix:
            typer.echo(f"    fix: {check.fix}")
    failed = [c for c in checks if not c.ok]
    typer.echo("all checks passed" if not failed else f"{len(failed)} check(s) failed")
    return int(ExitCode.CONFIG if failed else ExitCode.OK)
