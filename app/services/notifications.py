"""E-mail notifications: an outbox written with the change, templates, and the settings
of the SMTP server.

Queueing (:func:`queue_email`) happens inside the caller's unit of work, so a message
exists if and only if its cause was committed. :meth:`NotificationService.send_pending`
delivers it through :class:`~app.services.outbox_sender.OutboxSender` (claim with a lease,
hand over, record the server's acceptance: exactly once as far as SMTP allows).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from string import Template
from typing import Any

from app.config import Paths, load_settings, paths
from app.domain.errors import ValidationError
from app.domain.roles import Permission
from app.persistence.orm_sla import NotificationTemplate, OutboxMessage
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.context import ServiceContext
from app.services.mail_out import (
    customer_template,
    thread_outgoing,
    ticket_subject,
)
from app.services.outbox_sender import DEFAULT_LEASE_SECONDS, OutboxSender, SendReport

SECURITY_CHOICES = ("none", "starttls", "ssl")

# Built-in templates (string.Template: $name placeholders); rows in the database win.
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    # Issue 11: a signed ledger head, kept by the managers outside the database.
    "history_anchor": (
        "History anchor: ledger entry $seq",
        "The attached text is a signed anchor of the ticket history (ledger entry $seq,\n"
        "head $head). Keep it: `supportdesk history verify --anchor FILE` proves with it\n"
        "that nothing before it was changed.\n\n$anchor\n",
    ),
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
    subject, body = customer_template(
        uow, kind, template_for(uow, kind), ticket_id=ticket_id, values=values
    )
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


class NotificationService:
    def __init__(self, ctx: ServiceContext, *, max_attempts: int = 8, batch: int = 200) -> None:
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.batch = batch

    def send_pending(self, smtp: SmtpSettings | None = None) -> SendReport:
        """Deliver what is due (app/services/outbox_sender.py). Safe to run from several
        places at once (cron, desktop)."""
        # The server an administrator stored (Administration › Mail), under this
        # machine's settings file and SUPPORTDESK_SMTP_* variables.
        local = {**self.ctx.settings, "smtp": self._stored_smtp()}
        settings = smtp or smtp_settings(settings=local)
        sender = OutboxSender(self.ctx, max_attempts=self.max_attempts, batch=self.batch)
        return sender.send(settings)

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


def _placeholders(text: str) -> list[str]:
    return [
        m.group("named") or m.group("braced")
        for m in Template.pattern.finditer(text)
        if m.group("named") or m.group("braced")
    ]
