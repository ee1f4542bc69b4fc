"""``supportdesk contract|sla|notify ...``: contracts, SLA targets, the scan, e-mail."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from app.cli.output import emit_json, hours, table, when
from app.cli.runtime import Run
from app.domain.errors import ValidationError
from app.domain.tickets import Criticality, ServiceType
from app.services.dto import to_jsonable


def _plain(value: Any) -> Any:
    """JSON-ready, including calendar dates (the shared helper knows only datetimes)."""
    value = to_jsonable(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}; use YYYY-MM-DD") from None


def cmd_contract_add(run: Run) -> int:
    a = run.args
    contract = run.services.sla.add_contract(
        run.actor,
        customer=a.customer,
        tier=a.tier,
        services=[s for s in a.services.split(",") if s.strip()],
        valid_from=a.valid_from,
        valid_to=a.valid_to,
        calendar=a.calendar,
        code=a.code,
    )
    until = contract.valid_to.isoformat() if contract.valid_to else "open-ended"
    return run.result(
        _plain(contract),
        f"contract {contract.code} added for {contract.customer}: {contract.tier}, "
        f"{contract.valid_from.isoformat()} → {until}, covers {', '.join(contract.services)}",
    )


def cmd_contract_list(run: Run) -> int:
    contracts = run.services.sla.list_contracts(run.actor, run.args.customer)
    if run.as_json:
        emit_json(_plain(contracts))
        return 0
    rows = [
        (
            c.code,
            c.customer,
            c.tier,
            c.valid_from.isoformat(),
            c.valid_to.isoformat() if c.valid_to else "-",
            c.calendar,
            ", ".join(c.services),
        )
        for c in contracts
    ]
    table(rows, ["contract", "customer", "tier", "from", "to", "calendar", "services"])
    return 0


def cmd_targets(run: Run) -> int:
    targets = run.services.sla.targets(run.actor)
    if run.as_json:
        emit_json(targets)
        return 0
    rows = [
        (
            t.tier,
            t.criticality.value,
            f"P{t.priority}",
            hours(t.response_minutes),
            hours(t.resolution_minutes),
            "business hours" if t.business_hours else "24x7",
        )
        for t in targets
    ]
    table(rows, ["tier", "criticality", "priority", "response", "resolution", "clock"])
    return 0


def cmd_target_set(run: Run) -> int:
    a = run.args
    target = run.services.sla.set_target(
        run.actor,
        tier=a.tier,
        criticality=a.criticality,
        priority=a.priority,
        response_minutes=a.response,
        resolution_minutes=a.resolution,
        business_hours=not a.round_the_clock,
    )
    return run.result(
        target,
        f"{target.tier} {target.criticality.value}: P{target.priority}, response "
        f"{hours(target.response_minutes)}, resolution {hours(target.resolution_minutes)}",
    )


def cmd_show(run: Run) -> int:
    view = run.services.sla.show(run.actor, run.args.number)
    if run.as_json:
        emit_json(view)
        return 0
    print(f"{view.number}  P{view.priority}  {view.status}")
    if not view.covered:
        print(f"  SLA          none ({view.note})")
        return 0
    print(f"  contract     {view.note} ({view.tier}, {view.clock})")
    print(f"  state        {view.state}   next deadline {when(view.due_at)}")
    print(f"  responded    {when(view.first_responded_at)}")
    for name, clock in (("response", view.response), ("resolution", view.resolution)):
        if clock is None:
            continue
        print(
            f"  {name:<12} {clock.state:<9} due {when(clock.due_at)}  used "
            f"{hours(clock.used_minutes)} of {hours(clock.target_minutes)}, left "
            f"{hours(max(0, clock.left_minutes))}"
        )
    if view.escalations:
        print(f"  escalated    {', '.join(view.escalations)}")
    return 0


def cmd_scan(run: Run) -> int:
    report = run.services.sla.scan()
    if run.as_json:
        emit_json(report)
    else:
        for number, measure, threshold in report.escalations:
            print(f"{number}: {measure} {threshold.replace('_', ' ')}")
        print(f"sla scan: {report.checked} checked, {len(report.escalations)} escalated")
    for problem in report.problems:
        print(f"supportdesk: {problem}", file=sys.stderr)
    return 0


def cmd_notify_send(run: Run) -> int:
    report = run.services.notifications.send_pending()
    if run.as_json:
        emit_json(report)
    else:
        print(f"notify: {report.sent} sent, {report.retrying} to retry, {report.failed} failed")
    for error in report.errors:
        print(f"supportdesk: {error}", file=sys.stderr)
    return 0


def cmd_notify_list(run: Run) -> int:
    messages = run.services.notifications.list_outbox(
        run.actor, status=run.args.status, limit=run.args.limit
    )
    if run.as_json:
        emit_json(messages)
        return 0
    rows = [
        (m.id, m.status, m.attempts, m.to_address, m.subject[:50], (m.last_error or "")[:40])
        for m in messages
    ]
    table(rows, ["id", "status", "tries", "to", "subject", "last error"])
    return 0


def cmd_notify_retry(run: Run) -> int:
    count = run.services.notifications.retry_failed(run.actor)
    return run.result({"requeued": count}, f"{count} failed message(s) queued again")


def cmd_priority(run: Run) -> int:
    a = run.args
    if not a.priority.upper().lstrip("P").isdigit():
        raise ValidationError(f"priority looks like P1 … P4; got {a.priority!r}.")
    ticket = run.services.sla.override_priority(
        run.actor, a.number, int(a.priority.upper().lstrip("P")), a.reason
    )
    return run.result(ticket, f"{ticket.number} is now P{ticket.priority}")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    contracts = sub.add_parser("contract", help="customer contracts (SLA)").add_subparsers(
        dest="action", required=True
    )
    p = contracts.add_parser("add", parents=[common], help="add a contract (manager)")
    p.add_argument("customer", help="customer code")
    p.add_argument("--tier", required=True, help="e.g. Platinum, Gold, Silver, Bronze")
    p.add_argument(
        "--services",
        required=True,
        help="comma-separated: " + ", ".join(s.value for s in ServiceType),
    )
    p.add_argument("--from", dest="valid_from", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="valid_to", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--calendar", default="GR", help="business calendar code (default GR)")
    p.add_argument("--code", help="contract code (default CUSTOMER-N)")
    p.set_defaults(func=cmd_contract_add)
    p = contracts.add_parser("list", parents=[common], help="list contracts")
    p.add_argument("--customer")
    p.set_defaults(func=cmd_contract_list)

    sla = sub.add_parser("sla", help="SLA targets, clocks and escalations").add_subparsers(
        dest="action", required=True
    )
    p = sla.add_parser("targets", parents=[common], help="targets per tier and criticality")
    p.set_defaults(func=cmd_targets)
    p = sla.add_parser("target", parents=[common], help="set one target (manager)")
    p.add_argument("tier")
    p.add_argument("criticality", choices=[c.value for c in Criticality])
    p.add_argument("--priority", type=int, required=True, choices=[1, 2, 3, 4])
    p.add_argument("--response", type=int, required=True, metavar="MINUTES")
    p.add_argument("--resolution", type=int, required=True, metavar="MINUTES")
    p.add_argument("--24x7", dest="round_the_clock", action="store_true", help="not business hours")
    p.set_defaults(func=cmd_target_set)
    p = sla.add_parser("show", parents=[common], help="a ticket's SLA clocks")
    p.add_argument("number")
    p.set_defaults(func=cmd_show)
    p = sla.add_parser("scan", parents=[common], help="escalate due tickets (cron-safe)")
    p.set_defaults(func=cmd_scan, needs_actor=False)
    p = sla.add_parser("priority", parents=[common], help="override a priority (manager)")
    p.add_argument("number")
    p.add_argument("priority", help="P1 … P4")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_priority)

    notify = sub.add_parser("notify", help="e-mail notifications").add_subparsers(
        dest="action", required=True
    )
    p = notify.add_parser("send", parents=[common], help="deliver queued e-mail (cron-safe)")
    p.set_defaults(func=cmd_notify_send, needs_actor=False)
    p = notify.add_parser("list", parents=[common], help="the outbox (manager)")
    p.add_argument("--status", choices=["queued", "sending", "sent", "failed"])
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_notify_list)
    p = notify.add_parser("retry", parents=[common], help="queue failed messages again")
    p.set_defaults(func=cmd_notify_retry)
