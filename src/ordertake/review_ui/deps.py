"""Request-scoped helpers shared by every router: DB session, page rendering, flash messages."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from ordertake.review_ui.messages import reason_label, repeats_queue_chip, warning_text
from ordertake.review_ui.schemas import DATE_PATTERN

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
LANGS = ("ja", "en")


def get_db(request: Request) -> Iterator[Session]:
    """One session per request; endpoints commit explicitly, anything else is rolled back."""
    with request.app.state.sessions() as session:
        try:
            yield session
        except Exception:
            session.rollback()
            raise


DbDep = Annotated[Session, Depends(get_db)]


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def current_lang(request: Request) -> str:
    wanted = request.query_params.get("lang")
    if wanted in LANGS:
        request.session["lang"] = wanted
    lang = request.session.get("lang", "ja")
    return lang if lang in LANGS else "ja"


def flash(request: Request, text: str, kind: str = "ok") -> None:
    """Show `text` once on the next rendered page."""
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], [kind, text]][-8:]


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.autoescape = True
    templates.env.tests["repeats_queue_chip"] = repeats_queue_chip
    return templates


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render a page with the layout's needs: user, language, CSRF, nav and flash messages."""
    lang = current_lang(request)
    token = csrf_token(request)
    user = getattr(request.state, "user", None)

    def t(ja: str, en: str) -> str:
        return ja if lang == "ja" else en

    def warning(text: object) -> str:
        return warning_text(text, lang)

    def reason(code: str) -> str:
        return reason_label(code, lang)

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(escape(token))

    nav = [
        item
        for item in request.app.state.nav
        if not item.admin_only or (user is not None and user.role == "admin")
    ]
    flashes = request.session.pop("flash", [])
    ctx = {
        "request": request,
        "user": user,
        "lang": lang,
        "t": t,
        "csrf_token": token,
        "csrf_field": csrf_field,
        "warning": warning,
        "date_pattern": DATE_PATTERN,
        "reason": reason,
        "nav": nav,
        "flashes": flashes,
    }
    ctx.update(context or {})
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response
