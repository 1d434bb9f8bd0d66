"""Typed settings from ORDERTAKE_* environment variables and an optional .env file."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of ordertake. Each field's description is its help text (see README)."""

    model_config = SettingsConfigDict(env_prefix="ORDERTAKE_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        Path("var"), description="Where the SQLite database and work files live."
    )
    database_url: str = Field(
        "", description="SQLAlchemy URL; empty means SQLite at DATA_DIR/ordertake.db.", repr=False
    )
    secret_key: str = Field(
        "",
        description="Signs session cookies and CSRF tokens; generated into DATA_DIR if empty.",
        repr=False,
    )
    session_cookie_secure: bool = Field(
        False, description="Send the session cookie only over HTTPS (set when served via TLS)."
    )
    login_max_failures: int = Field(
        5, description="Failed sign-ins for one user name before it is locked for a while."
    )
    login_max_failures_per_client: int = Field(
        20, description="Failed sign-ins from one client address before it is locked for a while."
    )
    login_lockout_seconds: int = Field(
        900, description="How long a lock lasts, and the window in which failures are counted."
    )
    imap_host: str = Field("", description="IMAP server to poll; empty disables the poller.")
    imap_port: int = Field(993, description="IMAP port (993 for SSL, 143 for plain/STARTTLS).")
    imap_ssl: bool = Field(True, description="Use implicit TLS.")
    imap_starttls: bool = Field(False, description="Upgrade a plain connection with STARTTLS.")
    imap_ca_file: Path | None = Field(
        None,
        description="PEM file of the CA(s) to trust for the IMAP server's certificate "
        "(a private CA or self-signed server); empty uses the system's trusted CAs.",
    )
    imap_user: str = Field("", description="IMAP login name.")
    imap_password: str = Field("", description="IMAP password (never logged).", repr=False)
    imap_oauth2_token: str = Field(
        "", description="XOAUTH2 access token instead of a password.", repr=False
    )
    imap_folder: str = Field("INBOX", description="Folder to read new orders from.")
    imap_processed_folder: str = Field(
        "", description="Folder to move handled mail to; empty flags it with a keyword instead."
    )
    imap_timeout: float = Field(30.0, description="Socket timeout in seconds for IMAP.")
    imap_poll_interval: float = Field(
        300.0, description="Seconds between full checks when IDLE is in use."
    )
    watch_dir: Path | None = Field(None, description="Hot folder that fax servers drop files into.")
    ocr_languages: str = Field("jpn+eng", description="Tesseract language string.")
    ocr_jobs: int = Field(
        0, description="Pages of one document OCR'd at the same time; 0 means one per core."
    )
    read_together: int = Field(
        3, description="Pages of one-page (or few-page) documents a worker reads in one "
        "tesseract run; it reads ocr_jobs x read_together documents at a time. 1 reads "
        "documents one by one.", ge=1,
    )
    ocr_timeout: float = Field(180.0, description="Seconds tesseract may spend on one page.")
    ocr_digit_pass: bool = Field(
        True,
        description="With jpn+eng: read with jpn, then digits again with eng (more "
        "accurate numbers on faxes, ~25 % more tesseract time; bench/bench_ocr.py).",
    )
    max_pages: int = Field(50, description="Pages above this fail a document.")
    max_file_bytes: int = Field(40_000_000, description="Files above this size are refused.")
    max_image_pixels: int = Field(
        60_000_000, description="Page images above this many pixels are refused."
    )
    workers: int = Field(0, description="Worker processes; 0 means one per core.")
    max_attempts: int = Field(3, description="Attempts before a document is marked failed.")
    lease_seconds: int = Field(600, description="How long a worker owns a claimed document.")
    smtp_host: str = Field("", description="SMTP server for order confirmations.")
    smtp_port: int = Field(25, description="SMTP port.")
    smtp_user: str = Field("", description="SMTP login (optional).")
    smtp_password: str = Field("", description="SMTP password (never logged).", repr=False)
    smtp_from: str = Field("", description="From address of order confirmations.")
    auto_accept_threshold: float = Field(
        0.8,
        description="Line confidence at or above which a match needs no clerk"
        " (calibrated by bench/bench_matching.py: 100 % right above 0.7).",
    )
    duplicate_days: int = Field(
        14, description="Days within which a repeated order is flagged as a possible duplicate."
    )
    company_name: str = Field(
        "", description="Your company name, printed as issuer on order confirmations (注文請書)."
    )

    @field_validator("database_url")
    @classmethod
    def _use_psycopg_driver(cls, value: str) -> str:
        # Heroku-style URLs and plain "postgresql://" would pick psycopg2, which we do not ship.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'ordertake.db').resolve()}"

    def resolved_secret_key(self) -> str:
        """The configured key, else one generated once and kept in DATA_DIR (mode 0600)."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(os.urandom(32).hex())
        return path.read_text().strip()


def load_settings(**overrides: object) -> Settings:
    return Settings(**overrides)  # type: ignore[arg-type]
