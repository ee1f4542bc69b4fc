"""``supportdesk annex ...``: the SLA annex of contracts — availability and acknowledge
targets with credit bands, planned maintenance windows, outages on incident tickets.

Times are ISO 8601 with a zone: ``2026-03-05T10:00+02:00`` or ``2026-03-05T08:00Z``.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from app.cli.output import table, when
from app.cli.runtime import Run
from app.domain.availability import OutageKind, ServiceHours
from app.domain.tickets import ServiceType


def instant(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid time {value!r}; use e.g. 2026-03-05T10:00+02:00"
        ) from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} has no time zone; add one, e.g. 2026-03-05T10:00+02:00 or …Z"
        )
    return moment


def cmd_target(run: Run) -> int:
    a = run.args
    view = run.services.outages.set_target(
        run.actor,
        contract=a.contract,
        service_type=a.service,
        availability=a.availability,
        hours=a.hours,
        acknowledge_minutes=a.ack_minutes,
        systems=[s for s in (a.systems or "").split(",") if s.strip()],
        bands=a.band or [],
    )
    return run.result(view, f"{view.contract} {view.service_type}: target set")


def cmd_targets(run: Run) -> int:
    views = run.services.outages.targets(run.actor, run.args.customer)
    if run.as_json:
        return run.result(views, "")
    table(
        [
            (
                v.contract,
                v.service_type,
                f"{v.availability} %" if v.availability else "-",
                v.hours,
                v.acknowledge_minutes or "-",
                ", ".join(v.systems) or "-",
                "; ".join(f"<{b} %: {c} %" for b, c in v.bands) or "-",
            )
            for v in views
        ],
        ["contract", "service", "availability", "hours", "ack min", "systems", "credits"],
    )
    return 0


def cmd_maintenance(run: Run) -> int:
    a = run.args
    window = run.services.outages.add_maintenance(
        run.actor, customer=a.customer, start=a.start, end=a.end, system=a.system, note=a.note
    )
    return run.result({"id": window}, f"maintenance window {window} recorded")


def cmd_outage(run: Run) -> int:
    a = run.args
    view = run.services.outages.record(
        run.actor, a.number, system=a.system, start=a.start, end=a.end, kind=a.kind
    )
    return run.result(view, f"outage {view.id} recorded on {view.ticket}")


def cmd_outage_end(run: Run) -> int:
    a = run.args
    view = run.services.outages.end(run.actor, a.number, a.outage, a.end)
    return run.result(view, f"outage {view.id} of {view.ticket} ended {when(view.ended_at)}")


def cmd_outages(run: Run) -> int:
    views = run.services.outages.of_ticket(run.actor, run.args.number)
    if run.as_json:
        return run.result(views, "")
    table(
        [(v.id, v.system, v.kind, when(v.started_at), when(v.ended_at), v.source) for v in views],
        ["id", "system", "kind", "start", "end", "source"],
    )
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    annex = sub.add_parser(
        "annex", help="SLA annex: availability targets, credits, maintenance, outages"
    ).add_subparsers(dest="action", required=True)
    p = annex.add_parser("target", parents=[common], help="set a contract's target for a service")
    p.add_argument("contract")
    p.add_argument("service", choices=[s.value for s in ServiceType])
    p.add_argument("--availability", metavar="PCT", help="monthly availability, e.g. 99.5")
    p.add_argument("--hours", choices=[h.value for h in ServiceHours], default="24x7")
    p.add_argument("--ack-minutes", type=int, metavar="N", help="alert → first engineer action")
    p.add_argument("--systems", metavar="A,B", help="the customer's systems this covers")
    p.add_argument(
        "--band",
        action="append",
        metavar="BELOW:CREDIT",
        help="service credit, e.g. 99.5:5 = below 99.5 %% a 5 %% credit (repeatable)",
    )
    p.set_defaults(func=cmd_target)
    p = annex.add_parser("targets", parents=[common], help="a customer's annex targets")
    p.add_argument("customer")
    p.set_defaults(func=cmd_targets)
    p = annex.add_parser(
        "maintenance", parents=[common], help="record a planned maintenance window"
    )
    p.add_argument("customer")
    p.add_argument("--from", dest="start", type=instant, required=True, metavar="TIME")
    p.add_argument("--to", dest="end", type=instant, required=True, metavar="TIME")
    p.add_argument("--system", default="", help="default: every system of the customer")
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_maintenance)
    p = annex.add_parser("outage", parents=[common], help="record an outage on an incident")
    p.add_argument("number")
    p.add_argument("--system", required=True)
    p.add_argument("--start", type=instant, required=True, metavar="TIME")
    p.add_argument("--end", type=instant, metavar="TIME", help="omit while it lasts")
    p.add_argument("--kind", choices=[k.value for k in OutageKind], default="full")
    p.set_defaults(func=cmd_outage)
    p = annex.add_parser("outage-end", parents=[common], help="record when an outage ended")
    p.add_argument("number")
    p.add_argument("outage", type=int)
    p.add_argument("--end", type=instant, required=True, metavar="TIME")
    p.set_defaults(func=cmd_outage_end)
    p = annex.add_parser("outages", parents=[common], help="the outages of a ticket")
    p.add_argument("number")
    p.set_defaults(func=cmd_outages)
