"""Settings keep secrets out of logs and reprs."""

from __future__ import annotations

from ordertake.config import Settings


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
