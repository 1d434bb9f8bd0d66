"""`ordertake match` (scored candidates for free-text lines) and `ordertake learned list|remove`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ordertake.cli.context import runtime
from ordertake.db.session import transaction
from ordertake.errors import ExitCode, InputError

if TYPE_CHECKING:
    from ordertake.matching import Matcher

learned_app = typer.Typer(
    help="What matching learned from clerks' corrections.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.command("match")(match)
    app.add_typer(learned_app, name="learned")


def _matcher(products: Path | None, customers: Path | None) -> Matcher:
    from ordertake.cli.reading import build_matcher

    matcher = build_matcher(products, customers, runtime().settings)
    if not matcher.catalog.products:
        raise InputError(
            "the product master is empty",
            hint="pass --products CSV or run `ordertake import products FILE`",
        )
    return matcher


def match(
    products: Annotated[
        Path | None, typer.Option(help="Product master CSV (else the database).")
    ] = None,
    customers: Annotated[Path | None, typer.Option(help="Customer master CSV.")] = None,
    customer: Annotated[
        str | None, typer.Option(help="Customer code, for its aliases and history.")
    ] = None,
) -> int:
    """Match one free-text line per input line; one JSON object per line with scored candidates."""
    matcher = _matcher(products, customers)
    if customer and customer not in {c.code for c in matcher.catalog.customers} and customers:
        typer.echo(f"warning: customer {customer} is not in the customer master", err=True)
    for raw in sys.stdin:
        text = raw.rstrip("\n")
        candidates = matcher.match_text(text, customer)
        best = candidates[0] if candidates else None
        top = matcher.product(best.product_code) if best else None
        print(
            json.dumps(
                {
                    "text": text,
                    "product_code": best.product_code if best else None,
                    "product_name": top.name if top else None,
                    "confidence": best.score if best else 0.0,
                    "auto_accept": bool(best and best.score >= matcher.threshold),
                    "candidates": [
                        {
                            "product_code": c.product_code,
                            "score": c.score,
                            "tier": c.tier.value,
                            "reason": c.reason,
                        }
                        for c in candidates
                    ],
                },
                ensure_ascii=False,
            ),
            flush=True,
        )
    return int(ExitCode.OK)


@learned_app.command("list")
def learned_list() -> int:
    """Show learned aliases (text → product) and contacts (fax/e-mail → customer)."""
    from ordertake.matching.learning import list_learned

    with runtime().sessions() as session:
        entries = list_learned(session)
    if not entries:
        typer.echo("nothing learned yet")
    for e in entries:
        typer.echo(f"{e.kind}\t{e.id}\t{e.customer_code}\t{e.text}\t→ {e.target}")
    return int(ExitCode.OK)


@learned_app.command("remove")
def learned_remove(
    kind: Annotated[str, typer.Argument(help="alias, fax or email (first column of `list`).")],
    entry_id: Annotated[int, typer.Argument(help="The id (second column of `list`).")],
) -> int:
    """Forget one learned entry."""
    from ordertake.matching.learning import remove_learned

    with transaction(runtime().sessions) as session:
        typer.echo(remove_learned(session, entry_id, kind))
    return int(ExitCode.OK)
