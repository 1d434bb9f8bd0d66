"""`create_app(settings)`: the review web app, assembled from every `routes_*.py` module."""

from __future__ import annotations

import importlib
import pkgutil
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

import ordertake.review_ui as package
from ordertake.config import Settings
from ordertake.db.session import make_engine, make_session_factory
from ordertake.errors import ConflictError, InputError
from ordertake.review_ui.auth import Forbidden, NotAuthenticated, UserDep
from ordertake.review_ui.deps import STATIC_DIR, make_templates, render
from ordertake.review_ui.nav import NavItem
from ordertake.review_ui.products import ProductSearch

SESSION_MAX_AGE = 12 * 3600
# Scripts and styles only from our own files: a payload that slips into the HTML still cannot run.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "object-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def _not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if _is_api(request) or request.method != "GET":
            return JSONResponse(
                {"detail": "sign in first (session cookie or Authorization: Bearer TOKEN)"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        if _is_api(request) or request.method != "GET":
            return JSONResponse({"detail": exc.message}, status_code=403)
        return render(request, "forbidden.html", {"message": exc.message}, status_code=403)

    @app.exception_handler(ConflictError)
    async def _conflict(request: Request, exc: ConflictError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=422)


def _include_routers(app: FastAPI) -> list[NavItem]:
    """Include `router` (and collect `NAV`) from every review_ui/routes_*.py module."""
    nav: list[NavItem] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("routes_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router)
        nav.extend(getattr(module, "NAV", []))
    return sorted(nav, key=lambda item: item.order)


def create_app(settings: Settings) -> FastAPI:
    """The web app for `settings`; opens no connection until the first request."""
    app = FastAPI(
        title="ordertake",
        summary="Purchase orders from FAX and e-mail: review queue and JSON API.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served behind sign-in below
    )
    engine = make_engine(settings.effective_database_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = make_session_factory(engine)
    app.state.templates = make_templates()
    app.state.products = ProductSearch()

    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie="ordertake_session",
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.session_cookie_secure,
    )

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(user: UserDep) -> JSONResponse:
        return JSONResponse(app.openapi())

    app.state.nav = _include_routers(app)
    return app


def iter_routes(app: FastAPI) -> list[tuple[str, frozenset[str]]]:
    """Every (path, methods) the app answers, included routers flattened (for the auth test)."""
    found: list[tuple[str, frozenset[str]]] = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            for ctx in contexts():
                methods = getattr(ctx.original_route, "methods", None) or {"GET"}
                found.append((ctx.path, frozenset(methods)))
        elif hasattr(route, "methods"):
            found.append((getattr(route, "path", ""), frozenset(route.methods or {"GET"})))
    return found
