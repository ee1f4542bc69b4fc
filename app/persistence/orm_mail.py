"""Models of the customer conversation (issue 15): content-addressed blobs, attachments,
mail received, the outgoing mail's threading extras, and canned replies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base
from app.persistence.types import UTCDateTime


class Blob(Base):
    """Bytes stored once, named by their SHA-256 (a file sent twice is kept once).

    SQLite ``BLOB`` / PostgreSQL ``bytea``: see docs/decisions.md for why not large
    objects."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MailMessage(Base):
    """One e-mail received (IMAP or pipe): what became of it, and its raw bytes.

    ``message_id`` is unique: the same mail is never ingested twice."""

    __tablename__ = "mail_messages"
    __table_args__ = (Index("ix_mail_messages_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    mailbox: Mapped[str] = mapped_column(String(100))
    sender: Mapped[str] = mapped_column(String(254))
    sender_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    # The customer's own words (quoted history and signature folded away).
    body: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # ticket | reply | unmatched | ignored | attached | discarded (app.services.mail_in.outcome)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    raw_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Attachment(Base):
    """A file on a ticket (tied to the history event that added it) or on a mail that
    waits in Unmatched mail."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_events.id"), index=True)
    mail_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(Integer)
    # An image shown inside an HTML mail (Content-ID) rather than attached to it.
    inline: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxMail(Base):
    """What an outgoing ticket mail adds to its outbox row: the event it tells of (its
    attachments go along) and the ``References`` that thread it."""

    __tablename__ = "outbox_mail"

    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_events.id"))
    references: Mapped[str] = mapped_column(Text, default="")
    # A file of its own, not an event's (the monthly SLA report's PDF, issue 17): its
    # name, and its bytes in ``blobs`` by SHA-256.
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_sha256: Mapped[str | None] = mapped_column(String(64))


class CannedReply(Base):
    """A reply template managers keep; ``$customer``, ``$contact``, ``$number``, ``$due``."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100), unique=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
