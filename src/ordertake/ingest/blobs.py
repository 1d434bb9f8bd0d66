"""Content-addressed blob storage in the database: identical bytes are stored once."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ordertake.db.models import BlobRow


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def insert_ignoring_conflict(session: Session, model: type, values: dict, key: list[str]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, so concurrent ingesters never fail on the same key."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=key)
    session.execute(statement)


def put_blob(session: Session, data: bytes) -> str:
    """Store `data` unless already stored; return its sha256."""
    digest = sha256_hex(data)
    if session.scalar(select(BlobRow.sha256).where(BlobRow.sha256 == digest)) is None:
        insert_ignoring_conflict(
            session, BlobRow, {"sha256": digest, "size": len(data), "data": data}, ["sha256"]
        )
    return digest


def get_blob(session: Session, digest: str) -> bytes:
    data = session.scalar(select(BlobRow.data).where(BlobRow.sha256 == digest))
    if data is None:
        raise LookupError(f"blob {digest} is missing")
    return bytes(data)
