"""`ordertake parse FILE...`: read, parse and match documents without touching the queue."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ordertake.config import Settings, load_settings
from ordertake.errors import ExitCode, InputError, OrdertakeError
from ordertake.pipeline import parse_file

if TYPE_CHECKING:
    from ordertake.matching import Matcher


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)


def build_matcher(
    products: Path | None, customers: Path | None, settings: Settings
) -> Matcher:
    """The Matcher over master data from the CSVs when given, else from the database
    (used by `parse`, `eval` and `match`); CSV rows it had to skip are warned about."""
    from ordertake.matching import Matcher
    from ordertake.matching.catalog import load_catalog_csv, load_catalog_db

    if products is not None or customers is not None:
        for path in (products, customers):
            if path is not None and not path.is_file():
                raise InputError(f"{path}: no such file", hint="give the path of a master-data CSV")
        catalog = load_catalog_csv(products, customers)
        for warning in catalog.load_warnings:
            typer.echo(f"warning: {warning}", err=True)
    else:
        from ordertake.cli.context import Runtime

        with Runtime(settings).sessions() as session:
            catalog = load_catalog_db(session)
    return Matcher(catalog, settings.auto_accept_threshold)


def output_names(stem: str, count: int) -> list[str]:
    """<stem>.json, <stem>-2.json, … for an input holding several orders."""
    return [f"{stem}.json" if i == 0 else f"{stem}-{i + 1}.json" for i in range(count)]


def _write(results: list[dict[str, Any]], path: Path, out: Path | None) -> None:
    if out is None:
        for obj in results:
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    for name, obj in zip(output_names(path.stem, len(results)), results, strict=True):
        (out / name).write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")


def parse(
    files: Annotated[
        list[Path],
        typer.Argument(help="Documents: PDF, TIFF, PNG, JPEG, Excel .xlsx, CSV, .eml, text."),
    ],
    products: Annotated[
        Path | None, typer.Option("--products", help="Products CSV instead of the database.")
    ] = None,
    customers: Annotated[
        Path | None, typer.Option("--customers", help="Customers CSV instead of the database.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write DIR/<stem>.json instead of stdout.")
    ] = None,
) -> int:
    """Read, parse and match documents; one JSON object per order."""
    settings = load_settings()
    matcher = build_matcher(products, customers, settings)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    failed = 0
    show_progress = len(files) > 1
    for index, path in enumerate(files, 1):
        if show_progress:
            print(f"[{index}/{len(files)}] {path.name}", file=sys.stderr, flush=True)
        try:
            _write(parse_file(path, matcher, settings), path, out)
        except OrdertakeError as exc:
            failed += 1
            print(f"ordertake: error: {path}: {exc}", file=sys.stderr, flush=True)
        except Exception as exc:  # noqa: BLE001 — one bad file must not stop the batch
            failed += 1
            print(f"ordertake: error: {path}: internal error while reading ({exc!r}); "
                  "please report it with the file", file=sys.stderr, flush=True)
    if show_progress:
        print(f"{len(files) - failed} of {len(files)} file(s) parsed", file=sys.stderr)
    return int(ExitCode.INPUT if failed else ExitCode.OK)

