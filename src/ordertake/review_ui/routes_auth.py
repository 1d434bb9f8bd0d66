"""Sign in and out. The login page is the only page served without a user."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ordertake.review_ui.auth import UserDep, authenticate
from ordertake.review_ui.deps import DbDep, csrf_token, render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only same-site paths, so the login form cannot bounce a clerk to another site."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": _safe_next(next), "error": False})


@router.post("/login")
def login(
    request: Request,
    db: DbDep,
    name: Annotated[str, Form(max_length=128)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token_field: Annotated[str, Form(alias="csrf_token")] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = request.session.get("csrf", "")
    if not expected or not hmac.compare_digest(str(expected), csrf_token_field):
        return render(request, "login.html", {"next": _safe_next(next), "error": "csrf"},
                      status_code=403)
    user = authenticate(db, name.strip(), password)
    if user is None:
        return render(request, "login.html", {"next": _safe_next(next), "error": "bad"},
                      status_code=401)
    db.commit()
    lang = request.session.get("lang", "ja")
    request.session.clear()  # a fresh session: nothing from before sign-in carries over
    request.session.update({"user_id": user.id, "lang": lang})
    csrf_token(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, user: UserDep) -> Response:
    lang = request.session.get("lang", "ja")
    request.session.clear()
    request.session["lang"] = lang
    return RedirectResponse("/login", status_code=303)
