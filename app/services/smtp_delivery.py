"""Handing one message to an SMTP server and keeping its answer.

``smtplib.SMTP.send_message`` throws the server's final reply away; the outbox needs it
(its acceptance is what makes a message ``sent`` and never sent again), so the three
steps of the transaction are spelled out here.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email import policy
from email.message import EmailMessage
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.notifications import SmtpSettings


def deliver(connection: smtplib.SMTP, mail: EmailMessage, sender: str) -> str:
    """Send ``mail`` to its ``To`` address; return the server's acceptance ("250 …").

    Raises ``smtplib.SMTPException`` (or ``OSError``) when the server refuses or the
    connection fails; in that case the server did not accept the message — except in
    the one window SMTP cannot close: the server accepted, and its reply was lost.
    """
    recipient = str(mail["To"])
    connection.ehlo_or_helo_if_needed()
    code, reply = connection.mail(sender)
    if code != 250:
        _reset(connection)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = connection.rcpt(recipient)
    if code not in (250, 251):
        _reset(connection)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = connection.data(mail.as_bytes(policy=policy.SMTP))
    if code != 250:
        _reset(connection)
        raise smtplib.SMTPDataError(code, reply)
    return f"{code} {reply.decode('utf-8', 'replace')}".strip()


def _reset(connection: smtplib.SMTP) -> None:
    """Abandon the transaction so the connection can carry the next message."""
    with contextlib.suppress(OSError, smtplib.SMTPException):
        connection.rset()  # if this fails too, the caller closes the connection


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    # Certificates and host names are checked (create_default_context); a private CA
    # comes from ca_file.
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    if settings.security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.security == "starttls":
            connection.starttls(context=context)
    if settings.username:
        connection.login(settings.username, settings.password)
    return connection


def close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()
