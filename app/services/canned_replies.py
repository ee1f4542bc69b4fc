"""Canned replies: reply templates managers keep, filled in for one ticket.

Placeholders (``string.Template``): ``$customer``, ``$contact``, ``$number``,
``$subject`` and ``$due`` (the SLA deadline that matters now). An unknown placeholder
is refused when the template is saved, not when a reply is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from app.domain.errors import NotFound, ValidationError
from app.domain.roles import Permission
from app.domain.tickets import TEXT_MAX, clean_text
from app.persistence.orm_mail import CannedReply
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext

PLACEHOLDERS = ("customer", "contact", "number", "subject", "due")


@dataclass(frozen=True)
class CannedView:
    title: str
    body: str


def check_template(body: str) -> None:
    try:
        Template(body).substitute(dict.fromkeys(PLACEHOLDERS, ""))
    except KeyError as exc:
        raise ValidationError(
            f"unknown placeholder ${exc.args[0]}; use {', '.join('$' + p for p in PLACEHOLDERS)}."
        ) from None
    except ValueError as exc:
        raise ValidationError(f"the reply template is not valid: {exc} (write $$ for $).") from None


class CannedReplyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list(self, actor: Actor) -> list[CannedView]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return [CannedView(r.title, r.body) for r in uow.mail.canned()]

    def save(self, actor: Actor, title: str, body: str) -> CannedView:
        title = clean_text("title", title, max_len=100, single_line=True)
        body = clean_text("reply", body, max_len=TEXT_MAX)
        check_template(body)
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            me = acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            row = uow.mail.canned_by_title(title)
            if row is None:
                row = CannedReply(title=title)
                uow.mail.add_canned(row)
            row.body, row.updated_by_id, row.updated_at = body, me.id, self.ctx.clock.now()
            uow.commit()
            return CannedView(title, body)

    def delete(self, actor: Actor, title: str) -> None:
        with storage_errors(), self.ctx.db.unit_of_work() as uow:
            acting_user(uow, actor, Permission.MANAGE_CATALOGUE)
            row = uow.mail.canned_by_title(title.strip())
            if row is None:
                raise NotFound(f"no canned reply {title!r}.")
            uow.mail.delete_canned(row)
            uow.commit()

    def render(self, actor: Actor, title: str, number: str) -> str:
        """The reply ``title`` filled in for ticket ``number``, ready for the composer."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            row = uow.mail.canned_by_title(title.strip())
            if row is None:
                raise NotFound(f"no canned reply {title!r}.")
            ticket = uow.tickets.get(number)
            due = ticket.sla_due_at or ticket.resolution_due_at
            values = {
                "customer": ticket.customer.name,
                "contact": ticket.contact.name if ticket.contact else "",
                "number": ticket.number,
                "subject": ticket.subject,
                "due": due.strftime("%Y-%m-%d %H:%M UTC") if due else "",
            }
            return Template(row.body).safe_substitute(values)
