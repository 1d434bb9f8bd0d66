"""The JSON API of DESIGN.md: list, read, edit (with version), approve and reject orders."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select

from ordertake.db.models import CustomerRow
from ordertake.domain import OrderStatus
from ordertake.errors import ConflictError
from ordertake.review_ui.auth import UserDep
from ordertake.review_ui.deps import DbDep
from ordertake.review_ui.orders import (
    ApproveBlocked,
    NotFound,
    apply_patch,
    approve,
    get_order,
    next_draft_id,
    reject,
)
from ordertake.review_ui.queue import QueueFilter, queue_rows
from ordertake.review_ui.schemas import ApproveIn, OrderPatch, RejectIn
from ordertake.review_ui.views import audit_trail, customer_dict, order_dict

router = APIRouter(prefix="/api", tags=["orders"])


def _not_found(exc: NotFound) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=404)


def _conflict(db: DbDep, order_id: int, exc: ConflictError) -> JSONResponse:
    """409 with the order as it is now, so the client can show both sides and lose nothing."""
    db.rollback()
    current = order_dict(db, get_order(db, order_id))
    return JSONResponse({"detail": str(exc), "current": current}, status_code=409)


@router.get("/orders", summary="List orders, newest first")
def list_orders(
    db: DbDep,
    user: UserDep,
    status: Annotated[
        OrderStatus | None, Query(description="draft, approved, rejected or exported")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    rows, total = queue_rows(
        db, QueueFilter(status=status.value if status else "", limit=limit, offset=offset)
    )
    return {"total": total, "orders": rows}


@router.get("/orders/{order_id}", summary="One order with lines, candidates and audit trail")
def read_order(order_id: int, db: DbDep, user: UserDep) -> Any:
    try:
        order = get_order(db, order_id)
    except NotFound as exc:
        return _not_found(exc)
    return {**order_dict(db, order), "audit": audit_trail(db, order_id)}


@router.patch(
    "/orders/{order_id}",
    summary="Edit header fields and lines",
    responses={409: {"description": "Changed by someone else since `version`"}},
)
def patch_order(order_id: int, patch: OrderPatch, db: DbDep, user: UserDep) -> Any:
    try:
        order = apply_patch(db, order_id, patch, user)
    except NotFound as exc:
        return _not_found(exc)
    except ConflictError as exc:
        return _conflict(db, order_id, exc)
    db.commit()
    return order_dict(db, order)


@router.post(
    "/orders/{order_id}/approve",
    summary="Approve (with the version seen); returns the next draft",
    responses={409: {"description": "Changed by someone else"}, 422: {"description": "Incomplete"}},
)
def approve_order(order_id: int, body: ApproveIn, db: DbDep, user: UserDep) -> Any:
    try:
        messages = approve(db, order_id, body.version, user, body.confirm_duplicate)
    except NotFound as exc:
        return _not_found(exc)
    except ConflictError as exc:
        return _conflict(db, order_id, exc)
    except ApproveBlocked as exc:
        return JSONResponse({"detail": str(exc), "problems": exc.problems}, status_code=422)
    db.commit()
    order = get_order(db, order_id)
    return {"order": order_dict(db, order), "messages": messages,
            "next_order_id": next_draft_id(db, order)}


@router.post(
    "/orders/{order_id}/reject",
    summary="Reject with a reason; returns the next draft",
    responses={409: {"description": "Changed by someone else"}},
)
def reject_order(order_id: int, body: RejectIn, db: DbDep, user: UserDep) -> Any:
    try:
        reject(db, order_id, body.version, body.reason, user)
    except NotFound as exc:
        return _not_found(exc)
    except ConflictError as exc:
        return _conflict(db, order_id, exc)
    db.commit()
    order = get_order(db, order_id)
    return {"order": order_dict(db, order), "next_order_id": next_draft_id(db, order)}


@router.get("/products", summary="Product typeahead (code, name, kana)")
def search_products(
    request: Request, db: DbDep, user: UserDep, q: Annotated[str, Query(max_length=200)] = ""
) -> dict[str, Any]:
    return {"products": request.app.state.products.search(db, q, limit=10)}


@router.get("/customers", summary="Customer typeahead (code or name)")
def search_customers(
    db: DbDep, user: UserDep, q: Annotated[str, Query(max_length=200)] = ""
) -> Any:
    like = f"%{q.strip()}%"
    rows = db.scalars(
        select(CustomerRow)
        .where(or_(CustomerRow.code.ilike(like), CustomerRow.name.ilike(like)))
        .order_by(CustomerRow.code)
        .limit(10)
    ).all()
    return {"customers": [customer_dict(r) for r in rows]}
