"""Desk-wide settings an administrator edits in the desktop client.

* **Company**: the name and logo printed on reports.
* **Mail server**: the SMTP server every desk and the mail job send through. The
  password is a secret: it never enters the database (the desktop client keeps it in
  the sending machine's keyring, cron jobs pass ``SUPPORTDESK_SMTP_PASSWORD``).

Both live in the shared ``app_settings`` table (so every desk sees the same values);
the settings file and ``SUPPORTDESK_SMTP_*`` variables still override the server for
one machine (``NotificationService.send_pending``).
"""

from __future__ import annotations

import base64
import binascii
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from app.domain.errors import ValidationError
from app.domain.roles import Permission
from app.domain.tickets import clean_text
from app.reports.render import company
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.customers import EMAIL_RE
from app.services.notifications import SECURITY_CHOICES, SmtpSettings
from app.services.smtp_delivery import close as _close
from app.services.smtp_delivery import connect as _connect

COMPANY_NAME = "company.name"
COMPANY_LOGO = "company.logo"  # PNG/JPEG bytes, base64 (small: reports only)
MAX_LOGO_BYTES = 256 * 1024
SMTP_KEYS = ("host", "port", "security", "username", "sender")


@dataclass(frozen=True, slots=True)
class CompanyView:
    name: str
    logo: bytes  # empty: no logo


@dataclass(frozen=True, slots=True)
class MailServerView:
    host: str
    port: int
    security: str
    username: str
    sender: str


def _image_ok(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")


def check_mail_server(
    *, host: str, port: int, security: str, username: str, sender: str
) -> MailServerView:
    """The settings, cleaned, or a :class:`ValidationError` saying what to fix."""
    host = clean_text("SMTP host", host, max_len=253)
    if " " in host:
        raise ValidationError(f"the SMTP host {host!r} contains a space.")
    if not 1 <= port <= 65535:
        raise ValidationError(f"the SMTP port must be 1 … 65535; got {port}.")
    if security not in SECURITY_CHOICES:
        raise ValidationError(f"SMTP security must be one of {', '.join(SECURITY_CHOICES)}.")
    sender = clean_text("sender address", sender, max_len=254)
    if not EMAIL_RE.fullmatch(sender.rsplit("<", 1)[-1].rstrip(">")):
        raise ValidationError(f"the sender {sender!r} is not an e-mail address.")
    username = clean_text("SMTP user name", username, max_len=254, required=False)
    return MailServerView(host, port, security, username, sender)


class DeskSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- company -----------------------------------------------------------------------------

    def company(self, actor: Actor) -> CompanyView:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            values = uow.assignment.settings([COMPANY_NAME, COMPANY_LOGO])
            try:
                logo = base64.b64decode(values.get(COMPANY_LOGO, ""), validate=True)
            except (binascii.Error, ValueError):
                logo = b""
            return CompanyView(values.get(COMPANY_NAME, ""), logo)

    def set_company(self, actor: Actor, *, name: str, logo: bytes | None = None) -> CompanyView:
        """Set the name; ``logo=None`` keeps the current logo, ``b""`` removes it."""
        name = clean_text("company name", name, max_len=200)
        if logo:
            if len(logo) > MAX_LOGO_BYTES:
                raise ValidationError(
                    f"the logo is {len(logo) // 1024} KB; reports take up to "
                    f"{MAX_LOGO_BYTES // 1024} KB."
                )
            if not _image_ok(logo):
                raise ValidationError("the logo must be a PNG or JPEG image.")
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_USERS)
            uow.assignment.put_setting(COMPANY_NAME, name)
            if logo is not None:
                uow.assignment.put_setting(COMPANY_LOGO, base64.b64encode(logo).decode("ascii"))
            uow.commit()
        return self.company(actor)

    def report_company(self, actor: Actor) -> dict[str, Any]:
        """What the report writers draw in their header: the settings file's ``company``
        (name, logo path, time zone) with the name and logo an administrator stored on
        top (the logo as image bytes)."""
        merged = company(self.ctx.settings)
        stored = self.company(actor)
        if stored.name:
            merged["name"] = stored.name
        if stored.logo:
            merged["logo"] = stored.logo
        return merged

    # -- mail server -------------------------------------------------------------------------

    def mail_server(self, actor: Actor) -> MailServerView:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            stored = uow.assignment.settings([f"smtp.{k}" for k in SMTP_KEYS])
        raw = {k: stored[f"smtp.{k}"] for k in SMTP_KEYS if f"smtp.{k}" in stored}
        try:
            port = int(raw.get("port", 25))
        except ValueError:
            port = 25
        return MailServerView(
            host=str(raw.get("host", "localhost")),
            port=port,
            security=str(raw.get("security", "none")),
            username=str(raw.get("username", "")),
            sender=str(raw.get("sender", "supportdesk@localhost")),
        )

    def set_mail_server(
        self, actor: Actor, *, host: str, port: int, security: str, username: str, sender: str
    ) -> MailServerView:
        view = check_mail_server(
            host=host, port=port, security=security, username=username, sender=sender
        )
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            for key in SMTP_KEYS:
                uow.assignment.put_setting(f"smtp.{key}", str(getattr(view, key)))
            uow.commit()
        return view

    def send_test(self, actor: Actor, *, to: str, password: str = "") -> str:
        """Send one e-mail through the stored server now (not through the outbox), so an
        administrator sees at once whether the settings work. Returns what happened."""
        to = clean_text("recipient", to, max_len=254)
        if not EMAIL_RE.fullmatch(to):
            raise ValidationError(f"{to!r} is not an e-mail address.")
        server = self.mail_server(actor)
        settings = SmtpSettings(
            host=server.host,
            port=server.port,
            security=server.security,
            username=server.username,
            # No user name, no login: a password alone is never sent anywhere.
            password=password if server.username else "",
            sender=server.sender,
        )
        mail = EmailMessage()
        mail["From"], mail["To"] = server.sender, to
        mail["Subject"] = "SupportDesk test e-mail"
        mail.set_content(
            f"This is a test e-mail from SupportDesk, sent by {actor.username}.\n"
            "If you can read it, the mail server settings work.\n"
        )
        try:
            connection = _connect(settings)
            try:
                connection.send_message(mail)
            finally:
                _close(connection)
        except (OSError, smtplib.SMTPException) as exc:
            raise ValidationError(
                f"the mail server {server.host}:{server.port} did not take the e-mail: {exc}"
            ) from None
        return f"sent to {to} through {server.host}:{server.port}"
