"""Documents: upload (form and API), the original file, previews, and manual entry on failure."""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from PIL import Image
from sqlalchemy import select

from ordertake.config import Settings
from ordertake.db.models import BlobRow, DocumentRow, OrderRow, UserRow
from ordertake.domain import OrderStatus
from ordertake.errors import DocumentError
from ordertake.ocr import pdfdoc
from ordertake.review_ui.auth import UserDep, audit
from ordertake.review_ui.deps import DbDep, flash
from ordertake.review_ui.views import source_dict

router = APIRouter(tags=["documents"])
INLINE_TYPES = {"image/png", "image/jpeg", "application/pdf"}
MAX_PREVIEW_PAGES = 20
PREVIEW_DPI = 108


def _store(
    request: Request, db: DbDep, data: bytes, filename: str, user: UserRow
) -> list[DocumentRow]:
    from ordertake.ingest.store import ingest_upload

    limit = request.app.state.settings.max_file_bytes
    return list(ingest_upload(db, data, filename, user, max_bytes=limit))


async def _read_bounded(request: Request, file: UploadFile) -> bytes:
    """At most one byte over the limit, so an oversized upload is refused without filling memory."""
    return await file.read(request.app.state.settings.max_file_bytes + 1)


@router.post(
    "/api/documents",
    summary="Upload a PDF, TIFF, image or .eml; it is queued for reading",
    status_code=201,
    responses={422: {"description": "Empty, too large or not an order document"}},
)
async def upload_api(
    request: Request,
    db: DbDep,
    user: UserDep,
    file: Annotated[UploadFile, File(description="The document")],
) -> Any:
    data = await _read_bounded(request, file)
    try:
        rows = _store(request, db, data, file.filename or "upload", user)
    except DocumentError as exc:
        db.rollback()
        return JSONResponse({"detail": str(exc), "reason": exc.reason}, status_code=422)
    db.commit()
    return {"documents": [source_dict(row) for row in rows]}


@router.post("/documents", include_in_schema=False)
async def upload_form(
    request: Request, db: DbDep, user: UserDep, file: Annotated[UploadFile, File()]
) -> Response:
    data = await _read_bounded(request, file)
    name = file.filename or "upload"
    try:
        rows = _store(request, db, data, name, user)
    except DocumentError as exc:
        db.rollback()
        flash(request, f"{name}: {exc}", "error")
    else:
        db.commit()
        flash(request, f"{name}: {len(rows)} 件を受け付けました / queued", "ok")
    return RedirectResponse("/", status_code=303)


@router.get("/documents/{document_id}/original", include_in_schema=False)
def original(document_id: int, db: DbDep, user: UserDep) -> Response:
    doc = db.get(DocumentRow, document_id)
    blob = db.get(BlobRow, doc.sha256) if doc else None
    if doc is None or blob is None:
        return Response(status_code=404)
    inline = doc.content_type in INLINE_TYPES
    filename = quote((doc.filename or f"document-{doc.id}").replace('"', ""), safe="")
    disposition = "inline" if inline else "attachment"
    return Response(
        blob.data,
        media_type=doc.content_type if inline else "application/octet-stream",
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{filename}",
            # An original is untrusted content: never let it run script in our origin.
            "Content-Security-Policy": "sandbox",
        },
    )


def preview_png(data: bytes, page: int, settings: Settings) -> bytes | None:
    """Page `page` (1-based) of an image or PDF original as PNG, or None when it cannot be shown."""
    try:
        if data[:5] == b"%PDF-":
            image = pdfdoc.render_pdf_page(data, page - 1, settings, dpi=PREVIEW_DPI).image
        else:
            image = Image.open(io.BytesIO(data))
            image.seek(page - 1)
            image = image.convert("L")
        image.thumbnail((1700, 2400))
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    except Exception:  # a broken original is exactly why we are here; show the download instead
        return None


@router.get("/documents/{document_id}/preview/{page}", include_in_schema=False)
def preview(request: Request, document_id: int, page: int, db: DbDep, user: UserDep
            ) -> Response:
    doc = db.get(DocumentRow, document_id)
    blob = db.get(BlobRow, doc.sha256) if doc else None
    settings = request.app.state.settings
    png = (preview_png(blob.data, page, settings)
           if blob and 1 <= page <= MAX_PREVIEW_PAGES else None)
    if png is None:
        return Response(status_code=404)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})


def create_manual_order(db: DbDep, doc: DocumentRow, user: UserRow) -> OrderRow:
    """A draft with no lines for a document that could not be read, so no order is lost."""
    existing = db.scalar(select(OrderRow).where(OrderRow.document_id == doc.id)
                         .order_by(OrderRow.position))
    if existing is not None:
        return existing
    order = OrderRow(
        document_id=doc.id, position=0, status=OrderStatus.DRAFT, version=1,
        warnings=["manual_entry"], evidence={},
        notes="", order_date=(doc.received_at or dt.datetime.now(dt.UTC)).date(),
    )
    db.add(order)
    db.flush()
    audit(db, user, "manual_entry", "order", order.id,
          {"document_id": doc.id, "reason": doc.error_reason or doc.error})
    return order


@router.post("/documents/{document_id}/manual", include_in_schema=False)
def manual_entry(document_id: int, db: DbDep, user: UserDep) -> Response:
    doc = db.get(DocumentRow, document_id)
    if doc is None:
        return RedirectResponse("/", status_code=303)
    order = create_manual_order(db, doc, user)
    db.commit()
    return RedirectResponse(f"/orders/{order.id}", status_code=303)
