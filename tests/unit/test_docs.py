"""The README documents every setting and every top-level command (datasette-style docs test)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from ordertake.cli import app
from ordertake.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", README))
    missing = [name.upper() for name in Settings.model_fields if name.upper() not in documented]
    assert missing == [], f"add these settings to the README's configuration table: {missing}"


def test_every_command_is_documented() -> None:
    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    missing = [name for name in names if f"ordertake {name}" not in README]
    assert missing == [], f"add these commands to the README's command table: {missing}"


def test_secrets_stay_out_of_the_settings_repr() -> None:
    settings = Settings(
        imap_password="hunter2-imap",
        imap_oauth2_token="tok-oauth",
        smtp_password="hunter2-smtp",
        secret_key="sk-session",
        database_url="postgresql://user:pw-db@host/db",
    )
    shown = repr(settings) + str(settings)
    for secret in ("hunter2-imap", "tok-oauth", "hunter2-smtp", "sk-session", "pw-db"):
        assert secret not in shown
    # Worker processes receive the settings as JSON: the secrets must survive that.
    assert Settings.model_validate_json(settings.model_dump_json()).imap_password == "hunter2-imap"
