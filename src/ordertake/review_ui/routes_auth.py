"""Sign in and out. The login page is the only page served without a user."""

from __future__ import annotations

import hmac
import math
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from ordertake.review_ui.auth import UserDep, authenticate
from ordertake.review_ui.deps import DbDep, csrf_token, render
from ordertake.review_ui.throttle import Limits, clear_name, locked_seconds, record_failure

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
    limits = Limits.of(request.app.state.settings)
    client = request.client.host if request.client else ""
    # A locked name or client is refused before the password is even checked, known or not.
    wait = locked_seconds(db, name, client, limits)
    if wait:
        return _locked(request, next, wait)
    user = authenticate(db, name.strip(), password)
    if user is None:
        wait = record_failure(db, name, client, limits)
        db.commit()
        if wait:
            return _locked(request, next, wait)
        return render(request, "login.html", {"next": _safe_next(next), "error": "bad"},
                      status_code=401)
    clear_name(db, name)
    db.commit()
    lang = request.session.get("lang", "ja")
    request.session.clear()  # a fresh session: nothing from before sign-in carries over
    request.session.update({"user_id": user.id, "lang": lang})
    csrf_token(request)
    return RedirectResponse(_safe_next(next), status_code=303)


def _locked(request: Request, next: str, seconds: int) -> Response:
    return render(
        request, "login.html",
        {"next": _safe_next(next), "error": "locked", "minutes": max(1, math.ceil(seconds / 60))},
        status_code=429,
    )  # fmt: skip


@router.post("/logout")
def logout(request: Request, user: UserDep) -> Response:
    lang = request.session.get("lang", "ja")
    request.session.clear()
    request.session["lang"] = lang
    return RedirectResponse("/login", status_code=303)
