"""`ordertake eval DIR`: score `parse` against the ground truth stored beside the documents."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ordertake.config import Settings, load_settings
from ordertake.errors import ExitCode, OrdertakeError
from ordertake.evaluate.report import as_json, print_table
from ordertake.evaluate.runner import ParseFn, Unavailable, evaluate, pipeline_parser
from ordertake.evaluate.truth import find_samples


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def _master(root: Path, given: Path | None, name: str) -> Path | None:
    if given is not None:
        return given
    default = root / "master" / name
    return default if default.is_file() else None


def build_parser(
    products: Path | None, customers: Path | None, settings: Settings
) -> tuple[ParseFn, str]:
    """parse_file bound to the same matcher `ordertake parse` uses, and that matcher's name."""
    try:
        from ordertake.cli.reading import build_matcher

        matcher = build_matcher(products, customers, settings)
    except OrdertakeError:
        raise
    except Exception as exc:  # noqa: BLE001 — report it on every document instead of crashing
        return Unavailable(f"cannot build the matcher: {exc!r}"), "unavailable"
    kind = type(matcher)
    return pipeline_parser(matcher, settings), f"{kind.__module__}.{kind.__qualname__}"


def eval_command(
    directory: Annotated[Path, typer.Argument(help="Folder with documents and <name>.truth.json.")],
    as_json_flag: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of a table.")
    ] = False,
    products: Annotated[
        Path | None,
        typer.Option(
            "--products", help="Products CSV (default DIR/master/products.csv, else the database)."
        ),
    ] = None,
    customers: Annotated[
        Path | None,
        typer.Option(
            "--customers",
            help="Customers CSV (default DIR/master/customers.csv, else the database).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", help="Documents parsed at the same time (0: one per core).")
    ] = 0,
) -> int:
    """Score parse against ground truth: line P/R/F1, units, header fields, per document kind."""
    settings = load_settings()
    samples = find_samples(directory)
    products = _master(directory, products, "products.csv")
    customers = _master(directory, customers, "customers.csv")
    parse, matcher_name = build_parser(products, customers, settings)
    context: dict[str, Any] = {
        "directory": str(directory),
        "master": {
            "products": str(products) if products else "database",
            "customers": str(customers) if customers else "database",
        },
        "matcher": matcher_name,
    }
    err = Console(stderr=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("parsing", total=len(samples))

        def done(doc: Any) -> None:
            progress.update(task, advance=1, description=f"scored {doc.name}")

        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        docs = evaluate(samples, parse, directory, on_done=done, jobs=workers,
                        threshold=settings.auto_accept_threshold)
    if as_json_flag:
        sys.stdout.write(json.dumps(as_json(docs, context), ensure_ascii=False, indent=2) + "\n")
    else:
        # The table needs ~125 columns; pipes and CI logs would otherwise get 80 and ellipses.
        print_table(docs, context, Console(width=max(Console().width, 128)))
    return int(ExitCode.OK)
