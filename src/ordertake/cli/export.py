"""`ordertake export`: approved, not yet exported orders as one CSV batch (or a past one again)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ordertake.cli.context import runtime
from ordertake.errors import ExportError
from ordertake.export.batch import load_batch, run_export
from ordertake.export.profiles import list_profiles


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    out: Annotated[Path, typer.Option("--out", help="CSV file to write.")],
    profile: Annotated[
        str,
        typer.Option(help=f"Export profile: {', '.join(list_profiles())} or a .toml path."),
    ] = "generic",
    encoding: Annotated[
        str, typer.Option(help="cp932 (CRLF, sales systems) or utf-8-sig (Excel).")
    ] = "cp932",
    replace_unencodable: Annotated[
        bool,
        typer.Option(
            "--replace-unencodable",
            help="Replace characters the encoding cannot hold (異体字 → standard form, else 〓) "
            "and list every replacement, instead of refusing the batch.",
        ),
    ] = False,
    batch: Annotated[
        int | None,
        typer.Option(help="Write past batch N again, byte for byte, instead of a new one."),
    ] = None,
) -> None:
    """Export approved, not yet exported orders as one batch."""
    factory = runtime().sessions
    if batch is not None:
        with factory() as session:
            row, data = load_batch(session, batch)
        _write_atomically(out, data, batch)
        typer.echo(f"batch {row.id}: {row.order_count} orders, {row.line_count} lines → {out}")
        return
    result = run_export(
        factory,
        profile=profile,
        encoding=encoding,
        replace_unencodable=replace_unencodable,
    )
    for held in result.held:
        typer.echo(f"held back: order {held.order_id}: {held.reason}", err=True)
    for rep in result.replacements:
        typer.echo(f"replaced: {rep.problem} → {rep.replaced_by!r}", err=True)
    for note in result.escaped:
        typer.echo(f"formula guard: order {note.order_id} line {note.line_no} ({note.column}) "
                   "starts with = + - @; written with a leading '", err=True)  # fmt: skip
    for note in result.formula_like:
        typer.echo(f"note: order {note.order_id} line {note.line_no} ({note.column}) starts like "
                   f"a formula; left unchanged for {result.encoding} (profile escape_formulas)",
                   err=True)  # fmt: skip
    if result.empty:
        typer.echo(f"nothing new to export ({out} not written)")
        return
    assert result.batch_id is not None
    # The batch is committed first: if writing the file fails, it can be fetched again with
    # --batch, while a file written before the commit could leave orders exported twice.
    _write_atomically(out, result.data, result.batch_id)
    typer.echo(
        f"batch {result.batch_id}: {result.order_count} orders, {result.line_count} lines "
        f"({result.profile}, {result.encoding}) → {out}"
    )


def _write_atomically(out: Path, data: bytes, batch_id: int) -> None:
    target = out.resolve()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(
            f"batch {batch_id} is recorded but {out} could not be written: {exc.strerror}",
            hint=f"write it again with `ordertake export --batch {batch_id} --out FILE`",
        ) from exc
