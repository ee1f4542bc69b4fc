"""``supportdesk ticket ...``: one sub-command per workflow action."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from app.cli.output import emit_json, print_ticket, table, when
from app.cli.runtime import Run
from app.domain.errors import ValidationError
from app.domain.tickets import Category, Channel, Criticality, Environment, ServiceType, Status

if TYPE_CHECKING:
    from app.services.dto import TicketView


def _changed(run: Run, ticket: TicketView, verb: str) -> int:
    detail = f" → {ticket.assignee}" if verb in ("assigned", "taken") and ticket.assignee else ""
    return run.result(ticket, f"{ticket.number} {verb}{detail}: now {ticket.status}")


def parse_when(value: str | None) -> datetime | None:
    """An ISO 8601 instant with its time zone (``2026-11-27T10:30+02:00``)."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"invalid time {value!r}; use ISO 8601 with a time zone, e.g. 2026-11-27T10:30+02:00."
        ) from None
    if moment.tzinfo is None:
        raise ValidationError(f"the time {value!r} needs a time zone, e.g. +02:00 or Z.")
    return moment


def _description(args: argparse.Namespace) -> str:
    if args.description_file is None:
        return args.description or ""
    if args.description:
        raise ValidationError("give --description or --description-file, not both.")
    try:
        if args.description_file == "-":
            return sys.stdin.read()
        with open(args.description_file, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read {args.description_file}: {exc}") from None


def cmd_open(run: Run) -> int:
    a = run.args
    ticket = run.services.tickets.open_ticket(
        run.actor,
        customer=a.customer,
        subject=a.subject,
        service_type=a.service_type,
        description=_description(a),
        contact=a.contact,
        product=a.product,
        environment=a.environment,
        category=a.category,
        criticality=a.criticality,
        out_of_contract=a.out_of_contract,
        idempotency_key=run.key,
    )
    return run.result(ticket, f"{ticket.number} opened (P{ticket.priority}, {ticket.status})")


def cmd_show(run: Run) -> int:
    ticket = run.services.tickets.show(run.actor, run.args.number)
    if run.as_json:
        emit_json(ticket)
    else:
        print_ticket(ticket)
    return 0


def cmd_list(run: Run) -> int:
    a = run.args
    tickets = run.services.tickets.list_tickets(
        run.actor,
        status=a.status,
        assignee=a.assignee,
        customer=a.customer,
        open_only=a.open,
        limit=a.limit,
    )
    if run.as_json:
        emit_json(tickets)
    else:
        rows = [
            (
                t.number,
                f"P{t.priority}",
                t.status,
                t.customer_code,
                t.assignee or "-",
                when(t.updated_at),
                t.subject[:60],
            )
            for t in tickets
        ]
        table(rows, ["number", "pri", "status", "customer", "assignee", "updated", "subject"])
    return 0


def cmd_assign(run: Run) -> int:
    t = run.services.tickets.assign(
        run.actor, run.args.number, run.args.engineer, idempotency_key=run.key
    )
    return _changed(run, t, "assigned")


def cmd_take(run: Run) -> int:
    return _changed(
        run, run.services.tickets.take(run.actor, run.args.number, idempotency_key=run.key), "taken"
    )


def cmd_start(run: Run) -> int:
    return _changed(
        run,
        run.services.tickets.start(run.actor, run.args.number, idempotency_key=run.key),
        "started",
    )


def cmd_wait(run: Run) -> int:
    t = run.services.tickets.wait_on_customer(
        run.actor, run.args.number, run.args.reason, idempotency_key=run.key
    )
    return _changed(run, t, "waiting on the customer")


def cmd_reply(run: Run) -> int:
    a = run.args
    t = run.services.tickets.customer_replied(
        run.actor, a.number, a.text, contact=a.contact, channel=a.channel, idempotency_key=run.key
    )
    return _changed(run, t, "customer replied")


def cmd_comment(run: Run) -> int:
    a = run.args
    t = run.services.tickets.comment(
        run.actor, a.number, a.text, internal=a.internal, minutes=a.minutes, idempotency_key=run.key
    )
    kind = "internal note" if a.internal else "public comment"
    return run.result(t, f"{t.number}: {kind} added")


def cmd_log(run: Run) -> int:
    a = run.args
    t = run.services.tickets.log_work(
        run.actor, a.number, a.minutes, a.note, idempotency_key=run.key
    )
    return run.result(t, f"{t.number}: {a.minutes} min logged (total {t.time_logged_minutes} min)")


def cmd_resolve(run: Run) -> int:
    a = run.args
    t = run.services.tickets.resolve(
        run.actor,
        a.number,
        problem_nature=a.problem,
        solution=a.solution,
        minutes=a.minutes,
        idempotency_key=run.key,
    )
    return _changed(run, t, "resolved, awaiting the customer's approval")


def cmd_approve(run: Run) -> int:
    a = run.args
    t = run.services.tickets.approve(
        run.actor,
        a.number,
        contact=a.contact,
        channel=a.channel,
        approved_at=parse_when(a.at),
        note=a.note,
        idempotency_key=run.key,
    )
    return _changed(run, t, "approved by the customer")


def cmd_reject(run: Run) -> int:
    a = run.args
    t = run.services.tickets.reject(
        run.actor,
        a.number,
        contact=a.contact,
        channel=a.channel,
        reason=a.reason,
        rejected_at=parse_when(a.at),
        idempotency_key=run.key,
    )
    return _changed(run, t, "rejected by the customer")


def cmd_cancel(run: Run) -> int:
    return _changed(
        run,
        run.services.tickets.cancel(
            run.actor, run.args.number, run.args.reason, idempotency_key=run.key
        ),
        "cancelled",
    )


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    tickets = sub.add_parser("ticket", help="tickets and their workflow").add_subparsers(
        dest="action", required=True
    )

    def action(
        name: str, func, help_text: str, with_number: bool = True
    ) -> argparse.ArgumentParser:
        p = tickets.add_parser(name, parents=[common], help=help_text)
        if with_number:
            p.add_argument("number", help="ticket number, e.g. SD-000042")
        p.set_defaults(func=func)
        return p

    _open_arguments(action("open", cmd_open, "open a ticket", with_number=False))

    action("show", cmd_show, "a ticket with its history")
    p = action("list", cmd_list, "list tickets, most urgent first", with_number=False)
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--assignee")
    p.add_argument("--customer")
    p.add_argument("--open", action="store_true", help="only tickets not closed or cancelled")
    p.add_argument("--limit", type=int, default=50)

    p = action("assign", cmd_assign, "assign or reassign to an engineer (manager)")
    p.add_argument("engineer")
    action("take", cmd_take, "take an unassigned ticket (engineer)")
    action("start", cmd_start, "start working on it")
    p = action("wait", cmd_wait, "wait on the customer")
    p.add_argument("--reason", default="", help="what we need from the customer")
    p = action("reply", cmd_reply, "the customer replied: work resumes")
    p.add_argument("--text", default="", help="what the customer said")
    p.add_argument("--contact")
    p.add_argument("--channel", default=Channel.EMAIL.value, choices=[c.value for c in Channel])
    p = action("comment", cmd_comment, "add a public comment or an internal note")
    p.add_argument("text")
    p.add_argument("--internal", action="store_true", help="staff only")
    p.add_argument("--minutes", type=int, help="time spent")
    p = action("log", cmd_log, "log time spent")
    p.add_argument("minutes", type=int)
    p.add_argument("--note", default="")
    p = action("resolve", cmd_resolve, "provide the resolution")
    p.add_argument("--problem", required=True, help="nature of the problem")
    p.add_argument("--solution", required=True, help="the solution applied")
    p.add_argument("--minutes", type=int, help="time spent")
    for name, func, help_text in (
        ("approve", cmd_approve, "the customer approved the resolution: close"),
        ("reject", cmd_reject, "the customer rejected the resolution: reopen"),
    ):
        p = action(name, func, help_text)
        p.add_argument("--contact", required=True, help="which customer contact answered")
        p.add_argument("--channel", required=True, choices=[c.value for c in Channel])
        p.add_argument("--at", help="when they answered (ISO 8601 with zone); default now")
        if name == "approve":
            p.add_argument("--note", default="")
        else:
            p.add_argument("--reason", required=True)
    p = action("cancel", cmd_cancel, "cancel with a reason")
    p.add_argument("--reason", required=True)


def _open_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--customer", required=True, help="customer code")
    p.add_argument("--subject", required=True)
    p.add_argument("--service-type", required=True, choices=[s.value for s in ServiceType])
    p.add_argument("--description", default="")
    p.add_argument("--description-file", metavar="FILE", help="read the description ('-': stdin)")
    p.add_argument("--contact", help="contact id, e-mail or name")
    p.add_argument("--product", help="product code")
    p.add_argument(
        "--environment",
        default=Environment.PRODUCTION.value,
        choices=[e.value for e in Environment],
    )
    p.add_argument(
        "--category", default=Category.INCIDENT.value, choices=[c.value for c in Category]
    )
    p.add_argument(
        "--criticality", default=Criticality.MEDIUM.value, choices=[c.value for c in Criticality]
    )
    p.add_argument(
        "--out-of-contract",
        action="store_true",
        help="managers: open it although the customer's contract does not cover it",
    )
