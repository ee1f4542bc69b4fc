"""``supportdesk engineer …``, ``assign …`` and ``ticket take-next``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli.output import emit_json, table, when
from app.cli.runtime import Run
from app.domain.assignment import POLICIES, EngineerState
from app.domain.errors import ValidationError

if TYPE_CHECKING:
    from app.services.assignment import EngineerStatus


def _status_lines(status: EngineerStatus) -> str:
    lines = [
        f"{status.username}: {status.state}"
        + ("" if status.available_now else f" (not available: {status.why_not})"),
        f"  schedule       {status.schedule or 'any time'} ({status.timezone})",
        f"  skills         {', '.join(status.skills) or 'any product'}",
        f"  open tickets   {status.open_tickets} of "
        + (str(status.max_open) if status.max_open else "no maximum"),
        f"  last assigned  {when(status.last_assigned_at)}",
    ]
    if status.received:
        lines.append(f"  received       {status.received}")
    return "\n".join(lines)


def _show(run: Run, status: EngineerStatus) -> int:
    return run.result(status, _status_lines(status))


def cmd_status(run: Run) -> int:
    a, svc = run.args, run.services.assignment
    if a.set:
        return _show(run, svc.set_state(run.actor, a.set, a.engineer))
    return _show(run, svc.status(run.actor, a.engineer))


def cmd_schedule(run: Run) -> int:
    a, svc = run.args, run.services.assignment
    if a.clear and a.spec:
        raise ValidationError("give a schedule or --clear, not both.")
    if a.clear or a.spec or a.timezone:
        current = svc.status(run.actor, a.engineer).schedule
        spec = "" if a.clear else (a.spec or current)
        return _show(run, svc.set_schedule(run.actor, spec, a.timezone, a.engineer))
    return _show(run, svc.status(run.actor, a.engineer))


def cmd_skills(run: Run) -> int:
    a, svc = run.args, run.services.assignment
    if a.clear and a.products:
        raise ValidationError("give products or --clear, not both.")
    if a.clear or a.products:
        codes = [c for item in a.products for c in item.split(",")]
        return _show(run, svc.set_skills(run.actor, codes, a.engineer))
    return _show(run, svc.status(run.actor, a.engineer))


def cmd_max(run: Run) -> int:
    a, svc = run.args, run.services.assignment
    if a.none and a.value is not None:
        raise ValidationError("give a number or --none, not both.")
    if a.none or a.value is not None:
        return _show(run, svc.set_max(run.actor, None if a.none else a.value, a.engineer))
    return _show(run, svc.status(run.actor, a.engineer))


def cmd_list(run: Run) -> int:
    people = run.services.assignment.list_engineers(run.actor)
    if run.as_json:
        emit_json(people)
        return 0
    rows = [
        (
            p.username,
            p.state,
            "yes" if p.available_now else "no",
            f"{p.open_tickets}/{p.max_open or '-'}",
            ",".join(p.skills) or "any",
            when(p.last_assigned_at),
        )
        for p in people
    ]
    table(rows, ["engineer", "state", "available", "open", "skills", "last assigned"])
    return 0


def cmd_policy(run: Run) -> int:
    a, svc = run.args, run.services.assignment
    if a.set or a.auto:
        auto = None if a.auto is None else a.auto == "on"
        settings = svc.configure(run.actor, policy=a.set, auto=auto)
    else:
        settings = svc.settings(run.actor)
    text = f"policy {settings.policy}, automatic assignment {'on' if settings.auto else 'off'}"
    return run.result(settings, text)


def cmd_dispatch(run: Run) -> int:
    numbers = run.services.assignment.dispatch(run.actor)
    text = f"assigned {', '.join(numbers)}" if numbers else "nothing to assign"
    return run.result({"assigned": numbers}, text)


def cmd_take_next(run: Run) -> int:
    ticket = run.services.assignment.take_next(run.actor)
    if ticket is None:
        return run.result(None, "no unassigned ticket for you right now")
    return run.result(ticket, f"{ticket.number} taken (P{ticket.priority}): {ticket.subject}")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``engineer`` and ``assign`` groups and ``ticket take-next`` (after the
    ticket group exists)."""
    engineers = sub.add_parser("engineer", help="engineers' availability").add_subparsers(
        dest="action", required=True
    )

    def action(name: str, func: Callable[[Run], int], help_text: str) -> argparse.ArgumentParser:
        p = engineers.add_parser(name, parents=[common], help=help_text)
        p.add_argument("--engineer", metavar="NAME", help="another engineer (manager)")
        p.set_defaults(func=func)
        return p

    p = action("status", cmd_status, "show or set your state")
    p.add_argument("--set", choices=[s.value for s in EngineerState])
    p = action("schedule", cmd_schedule, "show or set your weekly working hours")
    p.add_argument("spec", nargs="?", help="e.g. 'mon-fri 09:00-17:00; sat 22:00-06:00'")
    p.add_argument("--timezone", help="IANA time zone, e.g. Europe/Athens")
    p.add_argument("--clear", action="store_true", help="no schedule: any time")
    p = action("skills", cmd_skills, "show or set the products you work on")
    p.add_argument("products", nargs="*", help="product codes")
    p.add_argument("--clear", action="store_true", help="no skills listed: any product")
    p = action("max", cmd_max, "show or set your maximum of open tickets")
    p.add_argument("value", nargs="?", type=int)
    p.add_argument("--none", action="store_true", help="no maximum")
    p = engineers.add_parser("list", parents=[common], help="every engineer's availability")
    p.set_defaults(func=cmd_list)

    assign = sub.add_parser("assign", help="automatic assignment").add_subparsers(
        dest="action", required=True
    )
    p = assign.add_parser("policy", parents=[common], help="show or change the policy (manager)")
    p.add_argument("--set", choices=sorted(POLICIES), help="how the engineer is chosen")
    p.add_argument("--auto", choices=["on", "off"], help="assign new tickets automatically")
    p.set_defaults(func=cmd_policy)
    p = assign.add_parser("dispatch", parents=[common], help="assign waiting tickets now")
    p.set_defaults(func=cmd_dispatch)

    if "ticket" not in sub.choices:
        return  # only the command asked for is registered (app.cli.COMMAND_GROUPS)
    ticket_group = _subcommands(sub.choices["ticket"])
    p = ticket_group.add_parser(
        "take-next", parents=[common], help="take the most urgent unassigned ticket (engineer)"
    )
    p.set_defaults(func=cmd_take_next)


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    for act in parser._actions:
        if isinstance(act, argparse._SubParsersAction):
            return act
    raise LookupError(f"{parser.prog} has no sub-commands")
