"""Who is asking: session or Bearer-token users, roles, CSRF checks and the audit trail."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.db.models import ApiTokenRow, AuditEventRow, UserRow
from ordertake.domain import Role
from ordertake.errors import InputError
from ordertake.review_ui.deps import DbDep
from ordertake.review_ui.passwords import (
    burn_time,
    hash_password,
    needs_rehash,
    new_api_token,
    token_digest,
    verify_password,
)

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class SignedIn:
    """Who the page is rendered for; plain values, usable after the DB session has closed."""

    id: int
    name: str
    role: str


class NotAuthenticated(Exception):
    """No signed-in user: pages redirect to the login page, the API answers 401."""


class Forbidden(Exception):
    """Signed in, but not allowed (wrong role or a missing/wrong CSRF token)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe request made with the session cookie unless it carries the CSRF token.

    Bearer-token callers are exempt: a browser never attaches that header on its own.
    """
    if request.method not in UNSAFE_METHODS or bearer_token(request) is not None:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(str(expected), sent):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")


def user_for_token(session: Session, token: str) -> UserRow | None:
    row = session.scalar(
        select(UserRow)
        .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
        .where(ApiTokenRow.token_sha256 == token_digest(token), UserRow.active.is_(True))
    )
    return row


def require_user(
    request: Request, db: DbDep, _csrf: Annotated[None, Depends(check_csrf)]
) -> UserRow:
    """The signed-in user (session cookie or `Authorization: Bearer`), else NotAuthenticated."""
    token = bearer_token(request)
    user: UserRow | None
    if token is not None:
        user = user_for_token(db, token)
    else:
        user_id = request.session.get("user_id")
        user = db.get(UserRow, user_id) if isinstance(user_id, int) else None
        if user is not None and not user.active:
            user = None
    if user is None:
        raise NotAuthenticated()
    request.state.user = SignedIn(user.id, user.name, user.role)
    return user


def require_admin(user: Annotated[UserRow, Depends(require_user)]) -> UserRow:
    if user.role != Role.ADMIN:
        raise Forbidden("this needs an administrator")
    return user


UserDep = Annotated[UserRow, Depends(require_user)]
AdminDep = Annotated[UserRow, Depends(require_admin)]


def authenticate(session: Session, name: str, password: str) -> UserRow | None:
    """The active user with this name and password, upgrading an old hash on the way."""
    user = session.scalar(select(UserRow).where(UserRow.name == name))
    if user is None or not user.active:
        burn_time(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def create_user(session: Session, name: str, role: str, password: str | None) -> UserRow:
    name = name.strip()
    if not name:
        raise InputError("a user name cannot be empty", hint="pass a NAME")
    if role not in {r.value for r in Role}:
        raise InputError(f"unknown role {role!r}", hint="use --role clerk or --role admin")
    if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
        raise InputError(f"user {name!r} exists already", hint="choose another name")
    user = UserRow(name=name, role=role, password_hash=hash_password(password) if password else "")
    session.add(user)
    session.flush()
    return user


def create_api_token(session: Session, user: UserRow) -> str:
    """A new token for `user`; only its sha256 is stored, so show it now or never."""
    token = new_api_token()
    session.add(ApiTokenRow(user_id=user.id, token_sha256=token_digest(token)))
    session.flush()
    return token


def audit(
    session: Session,
    user: UserRow | None,
    action: str,
    entity: str,
    entity_id: int,
    details: dict[str, Any] | None = None,
) -> AuditEventRow:
    """Record one human (or system, user=None) action; committed with the caller's change."""
    event = AuditEventRow(
        user_id=user.id if user is not None else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details or {},
    )
    session.add(event)
    return event
