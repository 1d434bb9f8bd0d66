"""The `ordertake` command line. Each area registers its commands from its own module;
this module only assembles them and turns known errors into one clear line and an exit code."""

from __future__ import annotations

import logging
import sys

import typer
from typer._click.exceptions import ClickException

from ordertake.cli import admin, evaluate, export, intake, masterdata, matching, reading, web
from ordertake.errors import ExitCode, OrdertakeError

app = typer.Typer(
    name="ordertake",
    help="Purchase orders from FAX and e-mail to approved, structured orders.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """ordertake: read, match, review and export purchase orders."""


# Areas add themselves here (one line each): each module has `register(app)`.
for module in (admin, masterdata, export, reading, intake, web, evaluate, matching):
    module.register(app)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # pdfminer warns once per glyph about fonts it measures roughly (a Chromium PDF gives
    # hundreds of "Could not get FontBBox" lines); the text comes out right regardless.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        rv = app(standalone_mode=False)
    except OrdertakeError as exc:
        print(f"ordertake: error: {exc}", file=sys.stderr)
        sys.exit(int(exc.exit_code))
    except typer.Abort:
        print("ordertake: aborted", file=sys.stderr)
        sys.exit(130)
    # typer (0.29) raises the exceptions of its own copy of click, not click's: usage errors
    # (an unknown command or option, a missing argument) are shown as click's usage line.
    except ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(int(rv) if isinstance(rv, int) else int(ExitCode.OK))
