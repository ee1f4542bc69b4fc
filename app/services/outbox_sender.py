"""The outbox's sender: drains queued e-mail over SMTP, one message per small transaction.

1. *claim* it (``queued`` → ``sending``, a conditional UPDATE: two senders never both
   get it), commit;
2. hand it to the SMTP server (:func:`~app.services.smtp_delivery.deliver`);
3. record the server's acceptance and ``sent`` — or put it back to ``queued`` with a
   growing delay and the error text, and after ``max_attempts`` to ``failed`` (shown by
   ``notify list``; retried on request). Nothing is ever deleted.

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

import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

from app.persistence.orm_sla import OutboxMessage
from app.services.common import retry_lost_connection
from app.services.context import ServiceContext
from app.services.mail_out import OutgoingExtras, add_extras, outgoing_extras
from app.services.smtp_delivery import close, connect, deliver

if TYPE_CHECKING:
    from app.services.notifications import SmtpSettings

# How long a claimed message belongs to its sender. A sender killed mid-delivery leaves
# it in "sending"; after the lease, the next run sends it again. Must outlast one delivery
# (the SMTP timeout), and be short enough to retry within a minute.
DEFAULT_LEASE_SECONDS = 45.0
MAX_BACKOFF = timedelta(hours=1)
MAX_BACKOFF = timedelta(hours=1)


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class OutboxSender:
    def __init__(self, ctx: ServiceContext, *, max_attempts: int, batch: int) -> None:
        self.ctx = ctx
        self.max_attempts = max_attempts
        self.batch = batch

    def send(self, settings: SmtpSettings) -> SendReport:
        """Deliver what is due. Safe to run from several places at once (cron, desktop)."""
        report = SendReport()
        lease = timedelta(seconds=settings.lease_seconds)
        self._requeue_expired(self.ctx.clock.now(), lease)
        with self.ctx.db.unit_of_work(write=False) as uow:
            due = uow.outbox.due(self.ctx.clock.now(), self.batch)
        if not due:
            return report
        try:
            connection = connect(settings)
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
            close(connection)
        return report

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
