"""E-mail goes out over STARTTLS with the server's certificate checked; a password is
never sent over plain SMTP unless explicitly allowed. Real aiosmtpd servers."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from app.bootstrap import Services
from app.domain.errors import ValidationError
from app.services.notifications import SmtpSettings, smtp_settings
from tests.security.certs import make_ca, make_server_cert
from tests.support.people import People
from tests.support.smtp import Inbox, free_port
from tests.support.tickets import printer_offline_ticket


@pytest.fixture
def starttls_server(tmp_path: Path) -> Iterator[tuple[Inbox, int, Path, Path]]:
    ca, ca_key, ca_cert = make_ca(tmp_path, "mail-ca")
    other_ca, _, _ = make_ca(tmp_path, "other-ca")
    cert, key = make_server_cert(tmp_path, ca_key, ca_cert, "127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True
    )
    controller.start()
    try:
        yield inbox, port, ca, other_ca
    finally:
        controller.stop()


def _queue_one(services: Services, people: People) -> None:
    number = printer_offline_ticket(services, people)
    services.tickets.comment(people.care, number, "We are on it.")


def test_starttls_with_the_servers_ca_delivers(
    services: Services, people: People, starttls_server: tuple[Inbox, int, Path, Path]
) -> None:
    inbox, port, ca, _ = starttls_server
    _queue_one(services, people)
    settings = SmtpSettings(
        host="127.0.0.1",
        port=port,
        security="starttls",
        ca_file=str(ca),
        sender="desk@test.example",
    )
    report = services.notifications.send_pending(settings)
    assert report.sent >= 1, report.errors
    assert inbox.to("jo@acme.example")


def test_a_certificate_from_another_ca_is_refused(
    services: Services, people: People, starttls_server: tuple[Inbox, int, Path, Path]
) -> None:
    inbox, port, _, other_ca = starttls_server
    _queue_one(services, people)
    settings = SmtpSettings(host="127.0.0.1", port=port, security="starttls", ca_file=str(other_ca))
    report = services.notifications.send_pending(settings)
    assert report.sent == 0
    assert "CERTIFICATE_VERIFY_FAILED" in report.errors[0]
    assert inbox.messages == []


def test_plain_smtp_with_a_password_is_refused_unless_allowed() -> None:
    with pytest.raises(ValidationError, match="refusing to send the SMTP password"):
        SmtpSettings(host="mail.example", security="none", username="desk", password="pw-12345")
    allowed = SmtpSettings(
        host="relay.local",
        security="none",
        username="desk",
        password="pw-12345",
        allow_plain_password=True,
    )
    assert allowed.security == "none"


def test_tls_is_the_default_for_a_server_elsewhere(tmp_path: Path) -> None:
    env = {"SUPPORTDESK_SMTP_HOST": "mail.example", "SUPPORTDESK_CONFIG_DIR": str(tmp_path)}
    assert smtp_settings(env, settings={}).security == "starttls"
    assert SmtpSettings(host="mail.example").security == "starttls"
    assert SmtpSettings(host="127.0.0.1").security == "none"  # this machine's relay
