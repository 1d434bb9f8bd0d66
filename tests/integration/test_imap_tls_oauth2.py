"""IMAPS, STARTTLS and XOAUTH2 against a real Dovecot: certificates verified against a CA file,
untrusted ones refused with a clear error, OAuth2 tokens checked by Dovecot's oauth2 passdb
through a local introspection endpoint, tokens never logged."""

from __future__ import annotations

import base64
import logging
import ssl
import threading
import uuid

import pytest
from mailmaker import order_mail, tiff_page
from oauth2server import IntrospectionServer
from sqlalchemy import func, select

from ordertake.config import Settings
from ordertake.db.models import DocumentRow
from ordertake.errors import ConfigError
from ordertake.ingest.imap import check_login, connect
from ordertake.ingest.poller import Poller

pytestmark = pytest.mark.imap
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _settings(server, tmp_path, **extra) -> Settings:
    values = {**server.settings_overrides(), **extra}
    return Settings(data_dir=tmp_path / "var", secret_key="x", **values)


def _imaps(server, tmp_path, **extra) -> Settings:
    return _settings(server, tmp_path, imap_port=server.imaps_port, imap_ssl=True, **extra)


def _starttls(server, tmp_path, **extra) -> Settings:
    return _settings(server, tmp_path, imap_ssl=False, imap_starttls=True, **extra)


@SQLITE_ONLY
def test_imaps_with_ca_file_polls_mail(dovecot_factory, test_ca, sessions, tmp_path):
    server = dovecot_factory(tls=test_ca)
    server.append(order_mail("IMAPS", attachment=tiff_page(40)))
    settings = _imaps(server, tmp_path, imap_ca_file=test_ca.ca_file)

    report = Poller(settings, sessions).poll_once()

    assert (report.imported, report.documents, report.moved) == (1, 1, 1)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 1


def test_starttls_upgrades_and_verifies(dovecot_factory, test_ca, tmp_path):
    server = dovecot_factory(tls=test_ca)
    settings = _starttls(server, tmp_path, imap_ca_file=test_ca.ca_file)

    mailbox = connect(settings)
    try:
        sock = mailbox.client._imap.sock
        assert isinstance(sock, ssl.SSLSocket) and sock.version() in ("TLSv1.2", "TLSv1.3")
    finally:
        mailbox.close()
    assert check_login(settings) == "INBOX: 0 messages"


@pytest.mark.parametrize(("mode", "trust"), [("imaps", "system CAs"),
                                            ("starttls", "another CA")])
def test_untrusted_certificate_is_refused_clearly(dovecot_factory, test_ca, tmp_path, mode,
                                                  trust):
    server = dovecot_factory(tls=test_ca)
    ca_file = None if trust == "system CAs" else test_ca.other_ca_file
    settings = (_imaps if mode == "imaps" else _starttls)(server, tmp_path, imap_ca_file=ca_file)

    with pytest.raises(ConfigError) as refused:
        check_login(settings)

    assert "untrusted certificate" in str(refused.value)
    assert "ORDERTAKE_IMAP_CA_FILE" in refused.value.hint
    assert "Login" not in server.log()  # nothing was sent to the untrusted server


@SQLITE_ONLY
def test_poller_stops_on_untrusted_certificate_instead_of_retrying(dovecot_factory, test_ca,
                                                                   sessions, tmp_path):
    server = dovecot_factory(tls=test_ca)
    poller = Poller(_imaps(server, tmp_path), sessions)
    with pytest.raises(ConfigError, match="untrusted certificate"):
        poller.run(threading.Event())


def test_tls_settings_that_do_not_fit_the_port_are_config_errors(dovecot, tmp_path):
    """Implicit TLS against a plain port; STARTTLS against a server without it (plain text
    is never used as a fallback)."""
    with pytest.raises(ConfigError, match="does not speak implicit TLS") as wrong_port:
        check_login(_settings(dovecot, tmp_path, imap_ssl=True))
    assert "ORDERTAKE_IMAP_SSL" in wrong_port.value.hint
    with pytest.raises(ConfigError, match="does not offer STARTTLS"):
        check_login(_settings(dovecot, tmp_path, imap_ssl=False, imap_starttls=True))
    assert "Login" not in dovecot.log()


def test_unreadable_ca_file_is_a_config_error(tmp_path):
    bad = tmp_path / "ca.pem"
    bad.write_text("not a certificate")
    settings = Settings(data_dir=tmp_path, imap_host="127.0.0.1", imap_ca_file=bad)
    with pytest.raises(ConfigError, match="IMAP_CA_FILE"):
        connect(settings)


# ── XOAUTH2 ────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def oauth2(dovecot_factory, test_ca):
    token = f"ya29.good-{uuid.uuid4().hex}"
    introspection = IntrospectionServer(token, "orders@example.jp").start()
    server = dovecot_factory(tls=test_ca, oauth2_introspection_url=introspection.url)
    yield server, introspection, token
    introspection.stop()


@SQLITE_ONLY
def test_poller_logs_in_with_oauth2_token(oauth2, test_ca, sessions, tmp_path):
    server, introspection, token = oauth2
    server.append(order_mail("OAuth2", attachment=tiff_page(41)))
    settings = _imaps(server, tmp_path, imap_ca_file=test_ca.ca_file, imap_password="",
                      imap_oauth2_token=token)

    report = Poller(settings, sessions).poll_once()

    assert (report.imported, report.documents) == (1, 1)
    assert introspection.requests == [token]  # Dovecot really asked the token endpoint
    assert "method=XOAUTH2" in server.log()


@SQLITE_ONLY
def test_bad_oauth2_token_is_refused_without_logging_it(oauth2, test_ca, sessions, tmp_path,
                                                        caplog):
    server, introspection, _good = oauth2
    bad = f"ya29.expired-{uuid.uuid4().hex}"
    settings = _starttls(server, tmp_path, imap_ca_file=test_ca.ca_file, imap_password="",
                         imap_oauth2_token=bad)
    caplog.set_level(logging.DEBUG)

    # One attempt only: Dovecot's auth penalty slows every further failure from this IP.
    with pytest.raises(ConfigError) as refused:
        Poller(settings, sessions).run(threading.Event())  # stops: no endless retry

    assert "XOAUTH2 token refused" in str(refused.value)
    assert "ORDERTAKE_IMAP_OAUTH2_TOKEN" in refused.value.hint
    assert introspection.requests and set(introspection.requests) == {bad}
    sasl = base64.b64encode(f"user={server.user}\1auth=Bearer {bad}\1\1".encode()).decode()
    logged = caplog.text + str(refused.value) + refused.value.hint
    assert bad not in logged and sasl not in logged
