"""E-mail notifications: an outbox written with the change, and a sender that drains it.

Queueing (:func:`queue_email`) happens inside the caller's unit of work, so a message
exists if and only if its cause was committed. :meth:`NotificationService.send_pending`
delivers over SMTP, one message per small transaction:

1. *claim* it (``queued`` → ``sending``, a conditional UPDATE: two senders never both
   get it), commit;
2. hand it to the SMTP server;
3. mark it ``sent`` — or put it back to ``queued`` with a growing delay and the error
   text, and after ``max_attempts`` to ``failed`` (shown by ``notify list``; retried on
   request). Nothing is ever deleted.

Exactly once, as far as SMTP allows: the claim is a *lease* (``smtp.lease_seconds``,
:data:`DEFAULT_LEASE_SECONDS`); a sender killed before the server's final "250" leaves the
message in ``sending`` and the first run after the lease sends it again — the server never
took it (a well-behaved server drops a transaction whose client vanished before the
reply). The "250" is recorded with ``sent`` in one statement the moment it arrives
(retried if the connection to the database drops), and a message with a recorded
acceptance is never handed over again. The one window SMTP leaves open is a crash between
the server's "250" and that write (milliseconds): the copy carries the same
``Message-ID``, which mail systems use to drop it. A server that is down costs no
attempts: nothing is claimed until a connection stands. Losing a message is not possible.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from string import Template
from typing import Any

from app.config import Paths, load_settings, paths
from app.domain.errors import ValidationError
from app.domain.roles import Permission
from app.persistence.orm_sla import NotificationTemplate, OutboxMessage
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, retry_lost_connection
from app.services.context import ServiceContext
from app.services.mail_out import (
    OutgoingExtras,
    add_extras,
    outgoing_extras,
    thread_outgoing,
    ticket_subject,
)
from app.services.smtp_delivery import deliver

# How long a claimed message belongs to its sender. A sender killed mid-delivery leaves
# it in "sending"; after the lease, the next run sends it again. Must outlast one delivery
# (the SMTP timeout), and be short enough to retry within a minute.
DEFAULT_LEASE_SECONDS = 45.0
MAX_BACKOFF = timedelta(hours=1)
SECURITY_CHOICES = ("none", "starttls", "ssl")

# Built-in templates (string.Template: $name placeholders); rows in the database win.
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "escalation_at_risk": (
        "[$number] SLA at risk: $measure due $due",
        "Ticket $number ($customer, P$priority) has used 75% of its $measure target.\n"
        "Subject: $subject\nAssignee: $assignee\nDue: $due\n",
    ),
    "escalation_breached": (
        "[$number] SLA BREACHED: $measure was due $due",
        "Ticket $number ($customer, P$priority) missed its $measure target.\n"
        "Subject: $subject\nAssignee: $assignee\nDue: $due\n",
    ),
    "public_comment": (
        "[$number] $subject",
        "Dear $contact,\n\nthere is news on your request $number:\n\n$text\n\n"
        "Kind regards,\nSupport\n",
    ),
    "resolution_awaiting_approval": (
        "[$number] Resolved, awaiting your approval: $subject",
        "Dear $contact,\n\nwe have resolved your request $number.\n\n"
        "Problem: $problem\nSolution: $solution\n\n"
        "Please tell us whether you approve the resolution.\n\nKind regards,\nSupport\n",
    ),
    "ticket_closed": (
        "[$number] Closed: $subject",
        "Dear $contact,\n\nyour request $number is now closed. Thank you.\n\n"
        "Kind regards,\nSupport\n",
    ),
    "release_on_test": (
        "$product $version is on your test environment: please verify",
        "Dear $contact,\n\nwe have installed $product $version ($kind release) on the test "
        "environment of $customer.\n\nWhat changed:\n$notes\n\n"
        "Please verify it against your configuration and your usual business processes, "
        "then answer this e-mail: tell us that you approve it for production, or what does "
        "not work (steps, screenshots). We install on production only after your approval."
        "\n\nKind regards,\nSupport\n",
    ),
    "release_on_production": (
        "$product $version is now on your production environment",
        "Dear $contact,\n\nafter your verification we have installed $product $version on "
        "the production environment of $customer.\n\nWhat changed:\n$notes\n\n"
        "Kind regards,\nSupport\n",
    ),
}


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    security: str = "auto"  # none | starttls | ssl; auto: starttls unless on this machine
    username: str = ""
    password: str = field(default="", repr=False)
    sender: str = "supportdesk@localhost"
    timeout: float = 10.0
    lease_seconds: float = DEFAULT_LEASE_SECONDS
    # Issue 11: the CA file that signed the server's certificate (default: the system's),
    # and the explicit permission to send a password over plain SMTP (a trusted relay).
    ca_file: str = ""
    allow_plain_password: bool = False

    def __post_init__(self) -> None:
        if self.security == "auto":
            # TLS with certificate checks unless the server is this machine's own relay.
            local = self.host in ("localhost", "127.0.0.1", "::1")
            object.__setattr__(self, "security", "none" if local else "starttls")
        if self.security == "none" and self.password and not self.allow_plain_password:
            raise ValidationError(
                f"refusing to send the SMTP password to {self.host} unencrypted: set smtp "
                "security to starttls or ssl (or allow_plain_password for a trusted relay)."
            )
        if self.security not in SECURITY_CHOICES:
            raise ValidationError(
                f"smtp security must be one of {', '.join(SECURITY_CHOICES)}; "
                f"got {self.security!r}."
            )
        if self.lease_seconds <= self.timeout:
            raise ValidationError(
                f"smtp lease_seconds ({self.lease_seconds:g}) must be longer than the smtp "
                f"timeout ({self.timeout:g}): a delivery must end before its lease does."
            )


def smtp_settings(
    env: Mapping[str, str] | None = None,
    where: Paths | None = None,
    settings: Mapping[str, Any] | None = None,
) -> SmtpSettings:
    """The ``smtp`` object of the settings (``settings``, else the file in ``where``),
    each key overridable by ``SUPPORTDESK_SMTP_<KEY>`` (HOST, PORT, SECURITY, USERNAME,
    PASSWORD, SENDER, TIMEOUT, LEASE_SECONDS)."""
    env = os.environ if env is None else env
    if settings is None:
        settings = load_settings(where or paths(env))
    raw: dict[str, Any] = dict(settings.get("smtp") or {})
    keys = ("host", "port", "security", "username", "password", "sender", "timeout")
    for key in (*keys, "lease_seconds", "ca_file", "allow_plain_password"):
        value = env.get(f"SUPPORTDESK_SMTP_{key.upper()}")
        if value:
            raw[key] = value
    try:
        port = int(raw.get("port", 25))
        timeout = float(raw.get("timeout", 10.0))
        lease = float(raw.get("lease_seconds", DEFAULT_LEASE_SECONDS))
    except ValueError:
        raise ValidationError("smtp port, timeout and lease_seconds must be numbers.") from None
    return SmtpSettings(
        host=str(raw.get("host", "localhost")),
        port=port,
        security=str(raw.get("security", "auto")).lower(),
        username=str(raw.get("username", "")),
        password=str(raw.get("password", "")),
        sender=str(raw.get("sender", "supportdesk@localhost")),
        timeout=timeout,
        lease_seconds=lease,
        ca_file=str(raw.get("ca_file", "")),
        allow_plain_password=str(raw.get("allow_plain_password", "")).lower() in ("1", "true"),
    )


def template_for(uow: UnitOfWork, key: str) -> tuple[str, str]:
    row = uow.outbox.template(key)
    if row is not None:
        return row.subject, row.body
    if key not in DEFAULT_TEMPLATES:
        raise ValidationError(
            f"unknown template {key!r}; templates: {', '.join(DEFAULT_TEMPLATES)}."
        )
    return DEFAULT_TEMPLATES[key]


def queue_email(
    uow: UnitOfWork,
    *,
    kind: str,
    to: str,
    values: Mapping[str, Any],
    now: datetime,
    ticket_id: int | None = None,
    event_id: int | None = None,
) -> OutboxMessage | None:
    """Render template ``kind`` and queue it in the caller's transaction (no address: no mail).

    A ticket's mail is threaded and carries the files of event ``event_id`` (mail_out)."""
    if not to.strip():
        return None
    subject, body = template_for(uow, kind)
    text = {k: "" if v is None else str(v) for k, v in values.items()}
    message = OutboxMessage(
        message_id=f"<{uuid.uuid4().hex}@supportdesk>",
        kind=kind,
        ticket_id=ticket_id,
        to_address=to.strip(),
        subject=ticket_subject(
            Template(subject).safe_substitute(text).replace("\n", " ")[:300],
            text.get("number") if ticket_id is not None else None,
        ),
        body=Template(body).safe_substitute(text),
        status="queued",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    uow.outbox.add(message)
    thread_outgoing(uow, message, event_id)
    return message


@dataclass(frozen=True)
class OutboxView:
    id: int
    kind: str
    to_address: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    ticket_id: int | None

    @classmethod
    def of(cls, m: OutboxMessage) -> OutboxView:
        return cls(
            m.id,
            m.kind,
            m.to_address,
            m.subject,
            m.status,
            m.attempts,
            m.next_attempt_at,
            m.last_error,
            m.created_at,
            m.sent_at,
            m.ticket_id,
        )


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class NotificationService:
    def __init__(self, ctx: ServiceContext, *, max_attempts: int = 8, batch: int = 200) -> None:
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.batch = batch

    def send_pending(self, smtp: SmtpSettings | None = None) -> SendReport:
        """Deliver what is due. Safe to run from several places at once (cron, desktop)."""
        # The server an administrator stored (Administration › Mail), under this
        # machine's settings file and SUPPORTDESK_SMTP_* variables.
        local = {**self.ctx.settings, "smtp": self._stored_smtp()}
        settings = smtp or smtp_settings(settings=local)
        report = SendReport()
        lease = timedelta(seconds=settings.lease_seconds)
        self._requeue_expired(self.ctx.clock.now(), lease)
        with self.ctx.db.unit_of_work(write=False) as uow:
            due = uow.outbox.due(self.ctx.clock.now(), self.batch)
        if not due:
            return report
        try:
            connection = _connect(settings)
        except (OSError, smtplib.SMTPException) as exc:
            # The server is down: no message is claimed and none spends an attempt, so all
            # go out on the first run after it is back (cron runs us every minute).
            report.retrying = len(due)
            report.errors.append(
                f"cannot reach the SMTP server {settings.host}:{settings.port}: "
                f"{type(exc).__name__}: {exc}".strip()
            )
            return report
        try:
            for message_id in due:
                now = self.ctx.clock.now()
                message = self._claim(message_id, now)
                if message is None:
                    continue  # another sender has it
                mail = _email(message, settings, now, outgoing_extras(self.ctx.db, message))
                try:
                    reply = deliver(connection, mail, settings.sender)
                except (OSError, smtplib.SMTPException) as exc:
                    error = f"{type(exc).__name__}: {exc}".strip()
                    final = self._release(message_id, now, error)
                    report.errors.append(f"message {message_id} to {message.to_address}: {error}")
                    if final:
                        report.failed += 1
                    else:
                        report.retrying += 1
                    if isinstance(exc, smtplib.SMTPRecipientsRefused):
                        continue  # this address is the problem, not the server
                    break  # the server is the problem: leave the rest for the next run
                # Accepted: record it before anything else can fail (see the module notes).
                self._accepted(message_id, now, reply)
                report.sent += 1
        finally:
            _close(connection)
        return report

    def list_outbox(
        self, actor: Actor, *, status: str | None = None, limit: int = 50
    ) -> list[OutboxView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            return [OutboxView.of(m) for m in uow.outbox.recent(status=status, limit=limit)]

    def retry_failed(self, actor: Actor) -> int:
        """Put messages that gave up back in the queue (e.g. after fixing the settings)."""
        with self.ctx.db.unit_of_work() as uow:
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            requeued = uow.outbox.requeue_failed(self.ctx.clock.now())
            uow.commit()
            return requeued

    def templates(self, actor: Actor) -> dict[str, tuple[str, str]]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return {key: template_for(uow, key) for key in DEFAULT_TEMPLATES}

    def set_template(self, actor: Actor, key: str, subject: str, body: str) -> None:
        if key not in DEFAULT_TEMPLATES:
            raise ValidationError(
                f"unknown template {key!r}; templates: {', '.join(DEFAULT_TEMPLATES)}."
            )
        if not subject.strip() or not body.strip():
            raise ValidationError("a template needs a subject and a body.")
        for part in (subject, body):
            try:
                Template(part).substitute({k: "" for k in _placeholders(part)})
            except ValueError as exc:
                raise ValidationError(f"template {key}: {exc}.") from None
        with self.ctx.db.unit_of_work() as uow:
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            row = uow.outbox.template(key)
            if row is None:
                row = NotificationTemplate(key=key)
                uow.outbox.add_template(row)
            row.subject, row.body = subject.strip(), body
            row.updated_at = self.ctx.clock.now()
            uow.commit()

    def _stored_smtp(self) -> dict[str, Any]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            keys = ("host", "port", "security", "username", "sender")
            stored = uow.assignment.settings([f"smtp.{k}" for k in keys])
        merged: dict[str, Any] = {k: stored[f"smtp.{k}"] for k in keys if f"smtp.{k}" in stored}
        merged.update(self.ctx.settings.get("smtp") or {})
        return merged

    # -- one message at a time ---------------------------------------------------------------

    def _claim(self, message_id: int, now: datetime) -> OutboxMessage | None:
        with self.ctx.db.unit_of_work() as uow:
            message = uow.outbox.claim(message_id, now)
            if message is None:
                return None
            uow.commit()
            return message

    def _accepted(self, message_id: int, now: datetime, reply: str) -> None:
        """Record the server's acceptance; a lost connection is retried, as the message
        must not be handed to the server again."""

        def write() -> None:
            with self.ctx.db.unit_of_work() as uow:
                uow.outbox.mark_accepted(message_id, now, reply)
                uow.commit()

        retry_lost_connection(write)

    def _release(self, message_id: int, now: datetime, error: str) -> bool:
        """Back to the queue with a delay, or ``failed`` after too many attempts."""
        with self.ctx.db.unit_of_work() as uow:
            message = uow.outbox.get(message_id)
            assert message is not None
            final = message.attempts >= self.max_attempts
            delay = min(MAX_BACKOFF, timedelta(minutes=2 ** (message.attempts - 1)))
            message.status = "failed" if final else "queued"
            message.next_attempt_at = now + delay
            message.last_error = error[:2000]
            uow.commit()
            return final

    def _requeue_expired(self, now: datetime, lease: timedelta) -> None:
        """Messages whose sender died mid-delivery go back to the queue once their lease
        ends (never those the server accepted)."""
        with self.ctx.db.unit_of_work() as uow:
            uow.outbox.requeue_claimed_before(now - lease, now)
            uow.commit()


def _placeholders(text: str) -> list[str]:
    return [
        m.group("named") or m.group("braced")
        for m in Template.pattern.finditer(text)
        if m.group("named") or m.group("braced")
    ]


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
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


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()


def _email(
    message: OutboxMessage,
    settings: SmtpSettings,
    now: datetime,
    extras: OutgoingExtras | None = None,
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail["Message-ID"] = message.message_id
    mail["Date"] = format_datetime(message.created_at or now)
    mail.set_content(message.body)
    add_extras(mail, extras or OutgoingExtras())
    return mail
