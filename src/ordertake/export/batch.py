"""One export batch in one transaction: CSV bytes, batch row and 'exported' marks commit together.

Either the batch exists, holds its CSV and every order in it is marked exported, or nothing
changed: a crash before the commit leaves the orders approved and due for the next export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text, update
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import AuditEventRow, BlobRow, ExportBatchRow, OrderRow
from ordertake.db.session import transaction
from ordertake.domain import OrderStatus
from ordertake.errors import ConflictError, InputError
from ordertake.export.csvwrite import CellNote, Replacement, render_csv
from ordertake.export.profiles import load_profile
from ordertake.export.records import (
    CHUNK,
    HeldOrder,
    exportable_order_ids,
    held_orders,
    iter_records,
)
from ordertake.ingest.blobs import put_blob


@dataclass
class BatchResult:
    """What an export produced; `batch_id` is None when nothing new was due."""

    batch_id: int | None
    data: bytes
    profile: str
    encoding: str
    order_count: int = 0
    line_count: int = 0
    held: list[HeldOrder] = field(default_factory=list)
    replacements: list[Replacement] = field(default_factory=list)
    escaped: list[CellNote] = field(default_factory=list)
    formula_like: list[CellNote] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.batch_id is None

    @property
    def filename(self) -> str:
        return batch_filename(self.batch_id or 0)


def batch_filename(batch_id: int) -> str:
    return f"orders-batch-{batch_id:05d}.csv"


def export_batch(
    session: Session,
    *,
    profile: str | None = None,
    encoding: str = "cp932",
    user_id: int | None = None,
    replace_unencodable: bool = False,
) -> BatchResult:
    """Write every due order into a new batch inside `session`'s transaction (caller commits).

    Raises:
        UnencodableError: a character does not fit `encoding`; nothing was changed.
        ConflictError: another export marked some of the same orders meanwhile; retry.
    """
    export_profile = load_profile(profile)
    _serialize_exports(session)
    held = held_orders(session)
    order_ids = exportable_order_ids(session)
    if not order_ids:
        return BatchResult(None, b"", export_profile.name, encoding, held=held)
    rendered = render_csv(
        iter_records(session, order_ids),
        export_profile,
        encoding,
        replace_unencodable=replace_unencodable,
    )
    sha = put_blob(session, rendered.data)
    batch = ExportBatchRow(
        created_by_id=user_id,
        profile=export_profile.name,
        encoding=encoding,
        sha256=sha,
        order_count=len(rendered.order_ids),
        line_count=rendered.line_count,
    )
    session.add(batch)
    session.flush()
    _mark_exported(session, rendered.order_ids, batch.id)
    session.add(
        AuditEventRow(
            user_id=user_id,
            action="export",
            entity="export_batch",
            entity_id=batch.id,
            details={
                "orders": len(rendered.order_ids),
                "lines": rendered.line_count,
                "profile": export_profile.name,
                "encoding": encoding,
                "sha256": sha,
                "replacements": [
                    {
                        "order_id": r.problem.order_id,
                        "line_no": r.problem.line_no,
                        "char": r.problem.char,
                        "replaced_by": r.replaced_by,
                    }
                    for r in rendered.replacements
                ],  # fmt: skip
                "formula_escaped": len(rendered.escaped),
                "formula_like_unchanged": len(rendered.formula_like),
            },
        )
    )
    return BatchResult(
        batch.id,
        rendered.data,
        export_profile.name,
        encoding,
        order_count=len(rendered.order_ids),
        line_count=rendered.line_count,
        held=held,
        replacements=rendered.replacements,
        escaped=rendered.escaped,
        formula_like=rendered.formula_like,
    )


def _serialize_exports(session: Session) -> None:
    # SQLite: take the write lock before reading, so a second exporter waits (busy timeout) and
    # then reads the orders as already exported, instead of failing on a stale snapshot.
    # PostgreSQL gets the same from FOR UPDATE on the due orders.
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE export_batches SET id = id WHERE 1 = 0"))


def _mark_exported(session: Session, order_ids: list[int], batch_id: int) -> None:
    # Conditional on still being due, so two exporters racing can never both take an order.
    marked = 0
    for start in range(0, len(order_ids), CHUNK):
        chunk = order_ids[start : start + CHUNK]
        result = session.execute(
            update(OrderRow)
            .where(
                OrderRow.id.in_(chunk),
                OrderRow.status == OrderStatus.APPROVED.value,
                OrderRow.export_batch_id.is_(None),
            )
            .values(
                status=OrderStatus.EXPORTED.value,
                export_batch_id=batch_id,
                version=OrderRow.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        marked += result.rowcount  # type: ignore[attr-defined]
    if marked != len(order_ids):
        raise ConflictError(
            "another export or an edit changed some of these orders while exporting",
            hint="run the export again; nothing was written",
        )


def run_export(
    factory: sessionmaker[Session],
    *,
    before_commit: Callable[[BatchResult], None] | None = None,
    **options: object,
) -> BatchResult:
    """`export_batch` in its own transaction.

    `before_commit` runs after everything is written but before the commit; tests use it to
    interrupt an export at its most dangerous moment.
    """
    with transaction(factory) as session:
        result = export_batch(session, **options)  # type: ignore[arg-type]
        if before_commit is not None:
            before_commit(result)
    return result


def load_batch(session: Session, batch_id: int) -> tuple[ExportBatchRow, bytes]:
    """A past batch and its CSV bytes exactly as first exported."""
    batch = session.get(ExportBatchRow, batch_id)
    if batch is None:
        raise InputError(f"there is no export batch {batch_id}", hint="see the export screen")
    blob = session.get(BlobRow, batch.sha256)
    assert blob is not None  # foreign key
    return batch, blob.data
