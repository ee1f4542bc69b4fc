"""Files on tickets: checked against the limits, stored once by SHA-256, named in the
history event that adds them (so the hash chain covers their bytes), and read back.

Sizes are in bytes; "25 MB" means 25 MiB (26,214,400 bytes), the size a person's file
manager shows as 25 MB on most desktops. Limits come from ``attachments`` in the
settings: ``max_file_bytes`` (default 25 MiB) and ``max_ticket_bytes`` (default 100 MiB).
"""

from __future__ import annotations

import hashlib
import mimetypes
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.errors import NotFound, ValidationError
from app.domain.history import EventKind
from app.domain.roles import Permission
from app.domain.tickets import TEXT_MAX, clean_minutes, clean_text
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_mail import Attachment
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user
from app.services.dto import TicketView
from app.services.history import append_event
from app.services.ticket_base import TicketActions
from app.services.ticket_changes import require_open

MiB = 1024 * 1024
DEFAULT_MAX_FILE = 25 * MiB
DEFAULT_MAX_TICKET = 100 * MiB


@dataclass(frozen=True)
class FileUpload:
    """A file someone attaches (from the GUI, a mail or the CLI)."""

    filename: str
    data: bytes
    content_type: str = ""
    inline: bool = False


@dataclass(frozen=True)
class Limits:
    max_file: int = DEFAULT_MAX_FILE
    max_ticket: int = DEFAULT_MAX_TICKET

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Limits:
        raw = settings.get("attachments") or {}
        try:
            return cls(
                int(raw.get("max_file_bytes", DEFAULT_MAX_FILE)),
                int(raw.get("max_ticket_bytes", DEFAULT_MAX_TICKET)),
            )
        except (TypeError, ValueError):
            raise ValidationError("attachment limits in the settings must be numbers.") from None


@dataclass(frozen=True)
class PreparedFile:
    filename: str
    content_type: str
    data: bytes
    sha256: str
    inline: bool

    def described(self) -> dict[str, Any]:
        """What the history event says about the file (hashed into the chain)."""
        return {"name": self.filename, "sha256": self.sha256, "size": len(self.data)}


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    event_id: int | None
    created_at: datetime

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @classmethod
    def of(cls, a: Attachment) -> AttachmentView:
        return cls(a.id, a.filename, a.content_type, a.size, a.sha256, a.event_id, a.created_at)


def human_size(size: int) -> str:
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{size / 1024:.0f} KB"


def prepare(files: Sequence[FileUpload], limits: Limits, already: int = 0) -> list[PreparedFile]:
    """Check names and sizes and hash the files; refuse the lot if one is too big."""
    prepared: list[PreparedFile] = []
    total = already
    for upload in files:
        name = Path(upload.filename.replace("\\", "/")).name.strip()
        if not name:
            raise ValidationError("an attachment needs a file name.")
        size = len(upload.data)
        if size > limits.max_file:
            raise ValidationError(
                f"{name} is {size:,} bytes; a file may be at most {limits.max_file:,} bytes "
                f"({human_size(limits.max_file)})."
            )
        total += size
        if total > limits.max_ticket:
            raise ValidationError(
                f"adding {name} would bring the ticket's attachments to {total:,} bytes; "
                f"the limit is {limits.max_ticket:,} bytes ({human_size(limits.max_ticket)})."
            )
        ctype = upload.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        prepared.append(
            PreparedFile(
                filename=name[:255],
                content_type=ctype[:127],
                data=upload.data,
                sha256=hashlib.sha256(upload.data).hexdigest(),
                inline=upload.inline,
            )
        )
    return prepared


def store(
    uow: UnitOfWork,
    files: Sequence[PreparedFile],
    now: datetime,
    *,
    ticket: Ticket | None = None,
    event: TicketEvent | None = None,
    mail_id: int | None = None,
) -> list[Attachment]:
    """Write the blobs (once per hash) and the attachment rows, in the caller's transaction."""
    rows = []
    for f in files:
        uow.attachments.put_blob(f.sha256, f.data, now)
        row = Attachment(
            ticket_id=ticket.id if ticket else None,
            event_id=event.id if event else None,
            mail_id=mail_id,
            sha256=f.sha256,
            filename=f.filename,
            content_type=f.content_type,
            size=len(f.data),
            inline=f.inline,
            created_at=now,
        )
        uow.attachments.add(row)
        rows.append(row)
    uow.flush()
    return rows


class AttachmentService(TicketActions):
    @property
    def limits(self) -> Limits:
        return Limits.from_settings(self.ctx.settings)

    def comment(
        self,
        actor: Actor,
        number: str,
        text: str,
        files: Sequence[FileUpload],
        *,
        internal: bool = False,
        minutes: int | None = None,
        expected_version: int | None = None,
    ) -> TicketView:
        """A comment with files; a public one goes to the contact with the files attached."""
        text = clean_text("comment", text, max_len=TEXT_MAX, required=not files)
        spent = clean_minutes(minutes)
        if not files:
            raise ValidationError("choose at least one file to attach.")
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            acting_user(uow, actor, Permission.COMMENT)
            require_open(ticket, "attach files to")
            if spent:
                acting_user(uow, actor, Permission.WORK_TICKET)
            prepared = prepare(files, self.limits, uow.attachments.ticket_total(ticket.id))
            names = ", ".join(f.filename for f in prepared)
            event = append_event(
                uow,
                ticket,
                me,
                EventKind.COMMENT,
                now,
                text=text or f"Attached: {names}",
                minutes=spent,
                internal=internal,
                data={"attachments": [f.described() for f in prepared]},
            )
            ticket.time_logged_minutes += spent
            uow.flush()
            store(uow, prepared, now, ticket=ticket, event=event)
            return self._done(uow, ticket)

    def list(self, actor: Actor, number: str) -> list[AttachmentView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            ticket = uow.tickets.get(number)
            return [AttachmentView.of(a) for a in uow.attachments.for_ticket(ticket.id)]

    def content(self, actor: Actor, attachment_id: int) -> tuple[AttachmentView, bytes]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            row = uow.attachments.get(attachment_id)
            data = uow.attachments.blob(row.sha256) if row else None
            if row is None or data is None:
                raise NotFound(f"no attachment {attachment_id}.")
            return AttachmentView.of(row), data

    def save_copy(self, actor: Actor, attachment_id: int, target: Path | None = None) -> Path:
        """Write the file to ``target`` (or a fresh temporary folder, for opening it with
        the system's viewer: the stored bytes are never handed out to be edited)."""
        view, data = self.content(actor, attachment_id)
        if target is None:
            target = Path(tempfile.mkdtemp(prefix="supportdesk-")) / view.filename
        target.write_bytes(data)
        return target
