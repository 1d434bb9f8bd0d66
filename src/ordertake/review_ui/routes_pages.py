"""The clerk's pages: the queue and the order screen (page images beside the fields)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ordertake.db.models import BlobRow, PageRow
from ordertake.export.confirmations import send_history
from ordertake.review_ui.auth import UserDep
from ordertake.review_ui.deps import DbDep, flash, render
from ordertake.review_ui.nav import NavItem
from ordertake.review_ui.orders import NotFound, get_order, next_draft_id
from ordertake.review_ui.queue import QueueFilter, failed_documents, queue_rows, status_counts
from ordertake.review_ui.schemas import parse_date_text
from ordertake.review_ui.views import audit_trail, order_dict, text_page

router = APIRouter(include_in_schema=False)
NAV = [NavItem(href="/", ja="受注一覧", en="Queue", order=10)]
LOW_CONFIDENCE = 0.9


def _date(request: Request, text: str) -> dt.date | None:
    try:
        return parse_date_text(text)
    except ValueError as exc:
        flash(request, str(exc), "error")
        return None


@router.get("/")
def queue_page(
    request: Request,
    db: DbDep,
    user: UserDep,
    status: str = "draft",
    customer: str = "",
    date_from: str = "",
    date_to: str = "",
    offset: int = 0,
) -> Response:
    flt = QueueFilter(
        status=status if status in ("draft", "approved", "rejected", "exported", "") else "draft",
        customer=customer[:100],
        date_from=_date(request, date_from),
        date_to=_date(request, date_to),
        offset=max(offset, 0),
    )
    rows, total = queue_rows(db, flt, request.app.state.settings.auto_accept_threshold)
    return render(request, "queue.html", {
        "rows": rows, "total": total, "flt": flt, "counts": status_counts(db),
        "failed": failed_documents(db), "date_from": date_from, "date_to": date_to,
    })


@router.get("/orders/{order_id}")
def order_page(request: Request, order_id: int, db: DbDep, user: UserDep) -> Response:
    try:
        order = get_order(db, order_id)
    except NotFound:
        return RedirectResponse("/", status_code=303)
    data = order_dict(db, order)
    pages = [
        {"id": p.id, "number": p.number, "has_image": p.image_sha256 is not None,
         "height": float(p.height),
         "lines": [] if p.image_sha256 else text_page(p.words or [], float(p.width),
                                                       float(p.height))}
        for p in order.document.pages
    ]
    threshold = request.app.state.settings.auto_accept_threshold
    return render(request, "order.html", {
        "order": data, "pages": pages, "audit": audit_trail(db, order_id),
        "threshold": threshold, "next_id": next_draft_id(db, order),
        "sends": send_history(db, order_id),
    })


@router.get("/orders/{order_id}/audit")
def audit_fragment(request: Request, order_id: int, db: DbDep, user: UserDep) -> Response:
    return render(request, "_audit.html", {"audit": audit_trail(db, order_id)})


@router.get("/pages/{page_id}/image")
def page_image(page_id: int, db: DbDep, user: UserDep) -> Response:
    page = db.get(PageRow, page_id)
    blob = db.get(BlobRow, page.image_sha256) if page and page.image_sha256 else None
    if blob is None:
        return Response(status_code=404)
    return Response(
        blob.data,
        media_type="image/png",
        headers={"Cache-Control": "private, max-age=86400, immutable", "ETag": blob.sha256},
    )
