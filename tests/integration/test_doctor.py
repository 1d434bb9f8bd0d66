"""`ordertake doctor` finds real problems in the environment and names the fix."""

from __future__ import annotations

from pathlib import Path

from ordertake.config import Settings
from ordertake.db.session import make_engine, migrate
from ordertake.doctor import run_checks


def by_name(settings: Settings) -> dict[str, object]:
    return {c.name: c for c in run_checks(settings)}


def test_healthy_environment(settings: Settings) -> None:
    migrate(make_engine(settings.effective_database_url))
    checks = by_name(settings)
    assert all(c.ok for c in checks.values()), checks  # type: ignore[attr-defined]
    assert "tesseract language jpn" in checks


def test_missing_language_and_unmigrated_database(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, ocr_languages="jpn+zzz")
    checks = by_name(settings)
    lang = checks["tesseract language zzz"]
    assert not lang.ok and lang.fix == "apt-get install tesseract-ocr-zzz"  # type: ignore[attr-defined]
    db = checks["database"]
    assert not db.ok and "ordertake init" in db.fix  # type: ignore[attr-defined]


def test_unreachable_postgres_is_reported_not_raised(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url="postgresql://nobody@127.0.0.1:1/none")
    db = by_name(settings)["database"]
    assert not db.ok and "ORDERTAKE_DATABASE_URL" in db.fix  # type: ignore[attr-defined]
