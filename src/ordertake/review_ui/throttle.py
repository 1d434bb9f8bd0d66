"""Login throttling: too many failed sign-ins for one user name or from one client lock it a while.

Counters live in the database (`login_throttles`), so every server process sees the same
counts and a restart does not reset them. Unknown user names are counted exactly like known
ones, so the lock message never tells an attacker which names exist.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ordertake.config import Settings
from ordertake.db.models import AuditEventRow, LoginThrottleRow

log = logging.getLogger(__name__)
NAME, CLIENT = "name", "client"


@dataclass(frozen=True)
class Limits:
    per_name: int
    per_client: int
    lockout: dt.timedelta

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            max(1, settings.login_max_failures),
            max(1, settings.login_max_failures_per_client),
            dt.timedelta(seconds=max(1, settings.login_lockout_seconds)),
        )

    def threshold(self, kind: str) -> int:
        return self.per_name if kind == NAME else self.per_client


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything here is stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _keys(name: str, client: str) -> list[tuple[str, str]]:
    return [(NAME, name.strip().casefold()[:255]), (CLIENT, (client or "unknown")[:255])]


def _row(session: Session, kind: str, key: str) -> LoginThrottleRow | None:
    return session.scalar(
        select(LoginThrottleRow).where(LoginThrottleRow.kind == kind, LoginThrottleRow.key == key)
    )


def locked_seconds(
    session: Session, name: str, client: str, limits: Limits, now: dt.datetime | None = None
) -> int:
    """Seconds until this name and this client may try again (0 = not locked)."""
    now = now or dt.datetime.now(dt.UTC)
    wait = 0.0
    for kind, key in _keys(name, client):
        row = _row(session, kind, key)
        until = _utc(row.locked_until) if row is not None else None
        if until is not None and until > now:
            wait = max(wait, (until - now).total_seconds())
    return math.ceil(wait)


def record_failure(
    session: Session, name: str, client: str, limits: Limits, now: dt.datetime | None = None
) -> int:
    """Count one failed sign-in; returns the lock in seconds it caused (0 = not locked yet)."""
    now = now or dt.datetime.now(dt.UTC)
    locked = 0
    for kind, key in _keys(name, client):
        row = _row(session, kind, key) or _create(session, kind, key, now)
        started = _utc(row.window_started_at) or now
        if now - started > limits.lockout:  # an old streak no longer counts
            row.failures, row.window_started_at, row.locked_until = 0, now, None
        row.failures += 1
        if row.failures >= limits.threshold(kind):
            row.locked_until = now + limits.lockout
            row.failures, row.window_started_at = 0, now  # after the lock, a fresh count
            locked = max(locked, int(limits.lockout.total_seconds()))
            session.add(AuditEventRow(
                user_id=None, action="login_locked", entity="login_throttle", entity_id=row.id,
                details={"kind": kind, "key": key, "failures": limits.threshold(kind),
                         "until": row.locked_until.isoformat()},
            ))  # fmt: skip
            log.warning("sign-in locked for %s %r after %d failures", kind, key,
                        limits.threshold(kind))  # fmt: skip
    session.flush()
    return locked


def _create(session: Session, kind: str, key: str, now: dt.datetime) -> LoginThrottleRow:
    row = LoginThrottleRow(kind=kind, key=key, failures=0, window_started_at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another request created it first
        found = _row(session, kind, key)
        assert found is not None
        return found
    return row


def clear_name(session: Session, name: str) -> None:
    """A successful sign-in forgets the name's failures (the client's count runs out by time)."""
    kind, key = _keys(name, "")[0]
    session.execute(
        delete(LoginThrottleRow).where(LoginThrottleRow.kind == kind, LoginThrottleRow.key == key)
    )
