"""`ordertake import products|customers FILE`: load master data, report every rejected row."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ordertake.cli.context import runtime
from ordertake.db.session import transaction
from ordertake.errors import ExitCode
from ordertake.masterdata import (
    ImportSummary,
    ReadResult,
    import_customers,
    import_products,
    read_customers_csv,
    read_products_csv,
)

import_app = typer.Typer(help="Load master data from CSV (upsert by code).", no_args_is_help=True)

FileArg = Annotated[Path, typer.Argument(help="CSV file (UTF-8, UTF-8 with BOM or CP932).")]


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


def _report(kind: str, path: Path, result: ReadResult[Any], summary: ImportSummary) -> int:
    for error in result.errors:
        typer.echo(f"{path}: {error}", err=True)
    typer.echo(
        f"{kind}: {summary.inserted} inserted, {summary.updated} updated, "
        f"{summary.rejected} rejected ({result.encoding})"
    )
    return int(ExitCode.ROWS_REJECTED if result.errors else ExitCode.OK)


@import_app.command("products")
def products(file: FileArg) -> int:
    """Import products: code,name,unit,price[,name_kana,case_qty,aliases,jan]."""
    result = read_products_csv(file)
    with transaction(runtime().sessions) as session:
        summary = import_products(session, result.rows, rejected=len(result.errors))
    return _report("products", file, result, summary)


@import_app.command("customers")
def customers(file: FileArg) -> int:
    """Import customers: code,name,fax,email (several separated by |)."""
    result = read_customers_csv(file)
    with transaction(runtime().sessions) as session:
        summary = import_customers(session, result.rows, rejected=len(result.errors))
    return _report("customers", file, result, summary)
