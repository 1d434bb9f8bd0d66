"""Export screens and API: CSV batches, 注文請書, the touchless dashboard and customer settings."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Body, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from ordertake.db.models import CustomerRow, ExportBatchRow, UserRow
from ordertake.errors import ConfigError, ExportError, InputError
from ordertake.export.batch import BatchResult, batch_filename, export_batch, load_batch
from ordertake.export.confirmations import (
    ConfirmationNotSent,
    confirmation_filename,
    create_confirmation,
    send_confirmation,
)
from ordertake.export.csvwrite import ENCODINGS, UnencodableError
from ordertake.export.dashboard import CAUSES, build_dashboard
from ordertake.export.profiles import list_profiles
from ordertake.export.records import exportable_order_ids, held_orders
from ordertake.review_ui.auth import AdminDep, UserDep, audit
from ordertake.review_ui.deps import DbDep, flash, render
from ordertake.review_ui.nav import NavItem
from ordertake.review_ui.orders import get_order

router = APIRouter()
NAV = [
    NavItem(href="/exports", ja="CSV出力", en="Export", order=60),
    NavItem(href="/dashboard", ja="自動化率", en="Touchless", order=70),
    NavItem(
        href="/admin/touchless", ja="自動承認設定", en="Auto-approval", admin_only=True, order=80
    ),
]


class ExportIn(BaseModel):
    encoding: Literal["cp932", "utf-8-sig"] = "cp932"
    profile: str = Field(default="generic", max_length=64, description="A shipped profile name.")
    replace_unencodable: bool = False


def _checked_profile(name: str) -> str:
    # Only shipped profiles from the web: a path here would read any file on the server.
    if name not in list_profiles():
        raise InputError(f"unknown export profile {name!r}", hint=", ".join(list_profiles()))
    return name


def _csv_response(data: bytes, encoding: str, batch_id: int) -> Response:
    charset = "shift_jis" if encoding == "cp932" else "utf-8"
    name = batch_filename(batch_id)
    return Response(
        data,
        media_type=f"text/csv; charset={charset}",
        headers={
            "Content-Disposition": f"attachment; filename=\"{name}\"",
            "X-Export-Batch-Id": str(batch_id),
            "Cache-Control": "no-store",
        },
    )


def _problems(exc: UnencodableError) -> list[dict[str, Any]]:
    return [
        {"order_id": p.order_id, "line_no": p.line_no, "column": p.column, "char": p.char,
         "codepoint": f"U+{ord(p.char):04X}", "reason": p.reason}
        for p in exc.problems
    ]  # fmt: skip


def _run(db: DbDep, user: UserRow, options: ExportIn) -> BatchResult:
    try:
        result = export_batch(
            db,
            profile=_checked_profile(options.profile),
            encoding=options.encoding,
            user_id=user.id,
            replace_unencodable=options.replace_unencodable,
        )
    except Exception:
        db.rollback()
        raise
    db.commit()
    return result


# ── JSON API ────────────────────────────────────────────────────────────────────────────


@router.post(
    "/api/exports",
    tags=["exports"],
    summary="Export approved, not yet exported orders as one CSV batch",
    responses={204: {"description": "Nothing new to export"},
               422: {"description": "Characters the encoding cannot hold, with order and line"}},
)  # fmt: skip
def api_export(
    db: DbDep, user: UserDep, body: Annotated[ExportIn | None, Body()] = None
) -> Response:
    try:
        result = _run(db, user, body or ExportIn())
    except UnencodableError as exc:
        return JSONResponse({"detail": str(exc), "problems": _problems(exc)}, status_code=422)
    if result.empty:
        return Response(status_code=204, headers={"X-Held-Orders": str(len(result.held))})
    assert result.batch_id is not None
    return _csv_response(result.data, result.encoding, result.batch_id)


@router.get("/api/exports", tags=["exports"], summary="Past export batches, newest first")
def api_batches(db: DbDep, user: UserDep) -> dict[str, Any]:
    rows = db.scalars(select(ExportBatchRow).order_by(ExportBatchRow.id.desc()).limit(200))
    return {"batches": [
        {"id": b.id, "created_at": b.created_at.isoformat(), "profile": b.profile,
         "encoding": b.encoding, "orders": b.order_count, "lines": b.line_count, "sha256": b.sha256}
        for b in rows
    ]}  # fmt: skip


@router.get("/api/exports/{batch_id}", tags=["exports"], summary="A past batch, byte for byte")
def api_batch(batch_id: int, db: DbDep, user: UserDep) -> Response:
    try:
        batch, data = load_batch(db, batch_id)
    except InputError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=404)
    return _csv_response(data, batch.encoding, batch.id)


@router.post("/api/orders/{order_id}/confirmation", tags=["orders"],
             summary="Send the 注文請書 to the order's sender")  # fmt: skip
def api_send_confirmation(
    request: Request, order_id: int, db: DbDep, user: UserDep,
    to: Annotated[str | None, Body(embed=True, max_length=320)] = None,
) -> Any:  # fmt: skip
    try:
        row = send_confirmation(db, order_id, request.app.state.settings, user.id, to=to)
    except (InputError, ConfigError, ExportError) as exc:
        _keep_failed_attempt(db, exc)
        status = 422 if isinstance(exc, InputError) else 503
        return JSONResponse({"detail": str(exc)}, status_code=status)
    db.commit()
    return {"id": row.id, "sent_to": row.sent_to, "sent_at": row.sent_at.isoformat()}  # type: ignore[union-attr]


def _keep_failed_attempt(db: DbDep, exc: Exception) -> None:
    # A refused/unreachable SMTP server is recorded (shown on the order, retried from there);
    # any other refusal changed nothing worth keeping.
    if isinstance(exc, ConfirmationNotSent):
        db.commit()
    else:
        db.rollback()


# ── pages ───────────────────────────────────────────────────────────────────────────────


def _export_page(request: Request, db: DbDep, status_code: int = 200, **extra: Any) -> Response:
    batches = db.execute(
        select(ExportBatchRow, UserRow.name)
        .outerjoin(UserRow, UserRow.id == ExportBatchRow.created_by_id)
        .order_by(ExportBatchRow.id.desc())
        .limit(50)
    ).all()
    context = {
        "due": len(exportable_order_ids(db, lock=False)),
        "held": held_orders(db),
        "batches": batches,
        "profiles": list_profiles(),
        "encodings": ENCODINGS,
        "form": {"profile": "generic", "encoding": "cp932", "replace_unencodable": False},
        "problems": [],
        **extra,
    }
    return render(request, "export.html", context, status_code=status_code)


@router.get("/exports", include_in_schema=False)
def export_page(request: Request, db: DbDep, user: UserDep) -> Response:
    return _export_page(request, db)


@router.post("/exports", include_in_schema=False)
def export_from_screen(
    request: Request,
    db: DbDep,
    user: UserDep,
    profile: Annotated[str, Form(max_length=64)] = "generic",
    encoding: Annotated[str, Form(max_length=16)] = "cp932",
    replace_unencodable: Annotated[bool, Form()] = False,
) -> Response:
    form = {"profile": profile, "encoding": encoding, "replace_unencodable": replace_unencodable}
    if encoding not in ENCODINGS:
        return _export_page(request, db, 422, form=form, error="cp932 / utf-8-sig")
    try:
        result = _run(db, user, ExportIn(**form))  # type: ignore[arg-type]
    except UnencodableError as exc:
        return _export_page(request, db, 422, form=form, problems=_problems(exc))
    except InputError as exc:  # an unknown profile: say so on the page, not as bare JSON
        return _export_page(request, db, 422, form=form, error=str(exc))
    if result.empty:
        flash(request, "出力する新しい注文はありません。/ Nothing new to export.")
        return RedirectResponse("/exports", status_code=303)
    assert result.batch_id is not None
    return _csv_response(result.data, result.encoding, result.batch_id)


@router.get("/orders/{order_id}/confirmation.pdf", include_in_schema=False)
def confirmation_pdf(request: Request, order_id: int, db: DbDep, user: UserDep) -> Response:
    try:
        order = get_order(db, order_id)
        _, pdf = create_confirmation(db, order_id, request.app.state.settings, user.id)
    except (InputError, ConfigError) as exc:  # NotFound; a missing font names its package
        db.rollback()
        flash(request, str(exc), "error")
        return RedirectResponse(f"/orders/{order_id}", status_code=303)
    filename = confirmation_filename(order)
    db.commit()
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f"attachment; filename=\"confirmation-{order_id}.pdf\"; "
                               f"filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store",
    })  # fmt: skip


@router.post("/orders/{order_id}/confirmation/send", include_in_schema=False)
def confirmation_send(request: Request, order_id: int, db: DbDep, user: UserDep) -> Response:
    try:
        row = send_confirmation(db, order_id, request.app.state.settings, user.id)
    except (InputError, ConfigError, ExportError) as exc:
        _keep_failed_attempt(db, exc)
        flash(request, str(exc), "error")
    else:
        db.commit()
        flash(request, f"注文請書を {row.sent_to} に送信しました。/ Confirmation sent.")
    return RedirectResponse(f"/orders/{order_id}", status_code=303)


@router.get("/dashboard", include_in_schema=False)
def dashboard_page(request: Request, db: DbDep, user: UserDep, days: int = 30) -> Response:
    data = build_dashboard(db, days=min(max(days, 1), 366))
    return render(request, "export_dashboard.html", {"d": data, "causes": CAUSES, "days": days})


@router.get("/admin/touchless", include_in_schema=False)
def touchless_page(request: Request, db: DbDep, admin: AdminDep) -> Response:
    customers = db.scalars(select(CustomerRow).order_by(CustomerRow.code)).all()
    trusted = db.scalar(select(func.count()).where(CustomerRow.auto_approve.is_(True)))
    threshold = request.app.state.settings.auto_accept_threshold
    return render(request, "export_touchless.html", {
        "customers": customers, "trusted": trusted, "threshold": threshold,
    })  # fmt: skip


@router.post("/admin/touchless", include_in_schema=False)
def touchless_set(
    request: Request,
    db: DbDep,
    admin: AdminDep,
    customer_id: Annotated[int, Form()],
    enabled: Annotated[bool, Form()] = False,
) -> Response:
    customer = db.get(CustomerRow, customer_id)
    if customer is not None and customer.auto_approve != enabled:
        customer.auto_approve = enabled
        audit(db, admin, "touchless_on" if enabled else "touchless_off", "customer", customer.id,
              {"code": customer.code})  # fmt: skip
        db.commit()
        state = "自動承認 ON / auto-approval on" if enabled else "自動承認 OFF / off"
        flash(request, f"{customer.code} {customer.name}: {state}")
    return RedirectResponse("/admin/touchless", status_code=303)
