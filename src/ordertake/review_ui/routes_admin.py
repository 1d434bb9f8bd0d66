"""Administration pages (admins only): who can sign in, with which role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from ordertake.db.models import ApiTokenRow, UserRow
from ordertake.review_ui.auth import AdminDep
from ordertake.review_ui.deps import DbDep, render
from ordertake.review_ui.nav import NavItem

router = APIRouter(include_in_schema=False)
NAV = [NavItem(href="/admin/users", ja="ユーザー", en="Users", admin_only=True, order=90)]


@router.get("/admin/users")
def users_page(request: Request, db: DbDep, admin: AdminDep) -> Response:
    tokens = (
        select(func.count(ApiTokenRow.id))
        .where(ApiTokenRow.user_id == UserRow.id)
        .correlate(UserRow)
        .scalar_subquery()
    )
    rows = db.execute(select(UserRow, tokens).order_by(UserRow.name)).all()
    return render(request, "users.html", {"rows": rows})
