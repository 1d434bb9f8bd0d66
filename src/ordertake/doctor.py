"""Environment checks for `ordertake doctor`: each says what is wrong and how to fix it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from ordertake.config import Settings
from ordertake.db.session import is_migrated, make_engine


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def check_tesseract(settings: Settings) -> list[Check]:
    exe = shutil.which("tesseract")
    if exe is None:
        return [
            Check(
                "tesseract",
                False,
                "not found on PATH",
                "apt-get install tesseract-ocr tesseract-ocr-jpn",
            )
        ]
    try:
        version = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=20
        ).stdout.splitlines()[0]
        langs = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=20
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired, IndexError) as exc:
        return [Check("tesseract", False, f"{exe} does not run: {exc}", "reinstall tesseract-ocr")]
    checks = [Check("tesseract", True, f"{version} at {exe}")]
    for lang in settings.ocr_languages.split("+"):
        package = f"tesseract-ocr-{lang}"
        checks.append(
            Check(
                f"tesseract language {lang}",
                lang in langs,
                "installed" if lang in langs else "missing",
                f"apt-get install {package}",
            )
        )
    return checks


def check_database(settings: Settings) -> list[Check]:
    url = settings.effective_database_url
    engine = make_engine(url)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        migrated = is_migrated(engine)
    except SQLAlchemyError as exc:
        reason = str(exc.orig if hasattr(exc, "orig") else exc).splitlines()[0]
        return [
            Check(
                "database",
                False,
                f"{shown}: {reason}",
                "check ORDERTAKE_DATABASE_URL and that the server runs",
            )
        ]
    finally:
        engine.dispose()
    if not migrated:
        return [Check("database", False, f"{shown}: no ordertake schema", "run `ordertake init`")]
    return [Check("database", True, shown)]


def check_imap(settings: Settings) -> list[Check]:
    if not settings.imap_host:
        return [Check("imap", True, "not configured (ORDERTAKE_IMAP_HOST is empty): poller off")]
    from ordertake.ingest.imap import check_login  # the only imapclient user

    where = f"{settings.imap_user}@{settings.imap_host}:{settings.imap_port}"
    try:
        detail = check_login(settings)
    except Exception as exc:  # any failure is a finding here, never a crash
        return [
            Check(
                "imap",
                False,
                f"{where}: {exc}",
                "check ORDERTAKE_IMAP_HOST/PORT/SSL/USER/PASSWORD (or OAUTH2_TOKEN)",
            )
        ]
    return [Check("imap", True, f"{where}: {detail}")]


CHECKS: tuple[Callable[[Settings], list[Check]], ...] = (
    check_tesseract,
    check_database,
    check_imap,
)


def run_checks(settings: Settings) -> list[Check]:
    return [check for run in CHECKS for check in run(settings)]
