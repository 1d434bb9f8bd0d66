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

