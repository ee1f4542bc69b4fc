"""``supportdesk release|install|promote``: the catalogue, installations and promotions."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.cli.output import emit_json, table, when
from app.cli.runtime import Run
from app.cli.tickets import parse_when
from app.domain.errors import ValidationError
from app.domain.releases import ReleaseState
from app.domain.tickets import Channel
from app.reports.render import csv_safe
from app.services.release_views import PromotionView


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"invalid date {value!r}; use YYYY-MM-DD.") from None


def _promotion(run: Run, view: PromotionView, verb: str) -> int:
    extra = f" (ticket {view.ticket})" if view.ticket else ""
    text = f"{view.product} {view.version} for {view.customer}: {verb}, now {view.state}{extra}"
    return run.result(view, text)


def cmd_release_add(run: Run) -> int:
    a = run.args
    view = run.services.releases.add_release(
        run.actor,
        product=a.product,
        version=a.version,
        state=a.state,
        release_date=_date(a.date),
        notes=a.notes,
    )
    return run.result(view, f"{view.product} {view.version} added ({view.kind}, {view.state})")


def cmd_release_list(run: Run) -> int:
    releases = run.services.releases.list_releases(run.actor, run.args.product)
    if run.as_json:
        emit_json(releases)
    else:
        rows = [(r.product, r.version, r.kind, r.state, r.release_date or "-") for r in releases]
        table(rows, ["product", "version", "kind", "state", "date"])
    return 0


def cmd_release_notes(run: Run) -> int:
    a = run.args
    notes = run.services.releases.release_notes(run.actor, product=a.product, version=a.version)
    return run.result({"notes": notes}, notes.rstrip())


def cmd_release_state(run: Run) -> int:
    a = run.args
    view = run.services.releases.set_state(
        run.actor, product=a.product, version=a.version, state=a.state
    )
    return run.result(view, f"{view.product} {view.version} is now {view.state}")


def cmd_release_link(run: Run) -> int:
    a = run.args
    view = run.services.releases.link_ticket(
        run.actor, product=a.product, version=a.version, ticket=a.ticket
    )
    return run.result(view, f"{a.ticket} linked to {view.product} {view.version}")


def cmd_release_matrix(run: Run) -> int:
    matrix = run.services.releases.matrix(run.actor)
    if run.as_json:
        emit_json(matrix)
        return 0
    rows = matrix.to_csv_rows()
    if run.args.csv == "-":
        csv_safe.writer(sys.stdout).writerows(rows)
    elif run.args.csv:
        with open(run.args.csv, "w", newline="", encoding="utf-8") as handle:
            csv_safe.writer(handle).writerows(rows)
        print(f"version matrix written to {run.args.csv} ({len(rows) - 1} customers)")
    else:
        table(rows[1:], rows[0])
    return 0


def cmd_release_pending(run: Run) -> int:
    pending = run.services.promotions.pending_verifications(run.actor)
    if run.as_json:
        emit_json(pending)
    else:
        rows = [
            (p.customer, p.product, p.version, when(p.since), ", ".join(p.contacts) or "-")
            for p in pending
        ]
        table(rows, ["customer", "product", "version", "waiting since", "verifying contacts"])
    return 0


def cmd_install(run: Run) -> int:
    a = run.args
    at = parse_when(a.at)
    place = {"product": a.product, "version": a.version, "customer": a.customer}
    if a.baseline:
        if not a.reason:
            raise ValidationError("a baseline needs --reason (e.g. 'tracked from today').")
        view = run.services.releases.record_baseline(
            run.actor, environment=a.env, installed_at=at, reason=a.reason, **place
        )
        return run.result(view, f"{a.customer} {a.env}: {a.product} {a.version} recorded")
    if a.env == "test":
        promo = run.services.promotions.install_on_test(
            run.actor,
            installed_at=at,
            notes=a.notes,
            notify=not a.no_notify,
            reason=a.reason,
            **place,
        )
    else:
        promo = run.services.promotions.install_on_production(
            run.actor, installed_at=at, notes=a.notes, reason=a.reason, **place
        )
    return _promotion(run, promo, f"installed on {a.env}")


def cmd_promote(run: Run) -> int:
    a = run.args
    if a.step in ("preview", "show"):
        return (_promote_preview if a.step == "preview" else _promote_show)(run)
    svc = run.services.promotions
    base = {"product": a.product, "version": a.version}
    results = []
    for customer in a.customers:
        if a.step == "test":
            view = svc.install_on_test(run.actor, customer=customer, notes=a.notes, **base)
        elif a.step == "notify":
            view = svc.notify(run.actor, customer=customer, **base)
        elif a.step == "production":
            view = svc.install_on_production(run.actor, customer=customer, notes=a.notes, **base)
        else:
            view = svc.record_verification(
                run.actor,
                customer=customer,
                approved=a.step == "verify",
                contact=a.contact,
                channel=a.channel,
                verified_at=parse_when(a.at),
                comments=a.comments,
                ticket=a.ticket,
                **base,
            )
        results.append(view)
        if not run.as_json:
            _promotion(run, view, a.step)
    if run.as_json:
        emit_json(results)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    releases = sub.add_parser("release", help="releases of our products").add_subparsers(
        dest="action", required=True
    )
    p = releases.add_parser("add", parents=[common], help="add a release (manager)")
    p.add_argument("product")
    p.add_argument("version", help="major.minor.patch")
    p.add_argument(
        "--state", default=ReleaseState.PLANNED.value, choices=[s.value for s in ReleaseState]
    )
    p.add_argument("--date", help="release date, YYYY-MM-DD")
    p.add_argument("--notes", default="")
    p.set_defaults(func=cmd_release_add)
    p = releases.add_parser("list", parents=[common], help="releases, newest first")
    p.add_argument("--product")
    p.set_defaults(func=cmd_release_list)
    for name, func, help_text in (
        ("notes", cmd_release_notes, "release notes, with the tickets it delivers"),
        ("state", cmd_release_state, "set planned / available / withdrawn (manager)"),
        ("link", cmd_release_link, "link a ticket the release delivers (manager)"),
    ):
        p = releases.add_parser(name, parents=[common], help=help_text)
        p.add_argument("product")
        p.add_argument("version")
        if name == "state":
            p.add_argument("state", choices=[s.value for s in ReleaseState])
        if name == "link":
            p.add_argument("ticket")
        p.set_defaults(func=func)
    p = releases.add_parser("matrix", parents=[common], help="customers × products versions")
    p.add_argument("--csv", metavar="FILE", help="write CSV to FILE ('-': stdout)")
    p.set_defaults(func=cmd_release_matrix)
    p = releases.add_parser("pending", parents=[common], help="verifications we wait for")
    p.set_defaults(func=cmd_release_pending)

    p = sub.add_parser("install", parents=[common], help="record an installation")
    p.add_argument("customer")
    p.add_argument("product")
    p.add_argument("version")
    p.add_argument("--env", required=True, choices=["test", "production"])
    p.add_argument("--at", help="when it was installed (ISO 8601 with zone); default now")
    p.add_argument("--notes", default="")
    p.add_argument("--reason", help="required for a downgrade, a withdrawn release, a baseline")
    p.add_argument("--no-notify", action="store_true", help="test: do not e-mail the customer")
    p.add_argument(
        "--baseline",
        action="store_true",
        help="record what the customer already runs (manager, first time only)",
    )
    p.set_defaults(func=cmd_install)

    p = sub.add_parser("promote", parents=[common], help="promote a release to customers")
    p.add_argument(
        "step", choices=["preview", "test", "notify", "verify", "reject", "production", "show"]
    )
    p.add_argument("product")
    p.add_argument("version")
    p.add_argument("customers", nargs="+", metavar="CUSTOMER")
    p.add_argument("--notes", default="")
    p.add_argument("--contact", help="verify/reject: which customer contact answered")
    p.add_argument("--channel", default=Channel.EMAIL.value, choices=[c.value for c in Channel])
    p.add_argument("--at", help="verify/reject: when they answered (ISO 8601 with zone)")
    p.add_argument("--comments", default="", help="verify: comments; reject: the reason")
    p.add_argument("--ticket", help="reject: link this ticket instead of opening one")
    p.set_defaults(func=cmd_promote)


def _promote_preview(run: Run) -> int:
    a = run.args
    rows = run.services.promotions.preview(
        run.actor, product=a.product, version=a.version, customers=a.customers
    )
    if run.as_json:
        emit_json(rows)
        return 0
    table(
        [
            (
                r.customer,
                r.test_version or "-",
                r.production_version or "-",
                r.state or "-",
                r.next_step or "-",
                "yes" if r.allowed else r.why_not,
            )
            for r in rows
        ],
        ["customer", "test", "production", "state", "next step", "allowed"],
    )
    return 0


def _promote_show(run: Run) -> int:
    a = run.args
    view = run.services.promotions.show(
        run.actor, product=a.product, version=a.version, customer=a.customers[0]
    )
    if run.as_json:
        emit_json(view)
        return 0
    print(f"{view.product} {view.version} for {view.customer}: {view.state}")
    table(
        [(e.seq, when(e.occurred_at), e.actor, e.step, e.new_state, e.notes) for e in view.history],
        ["#", "when", "who", "step", "state", "notes"],
    )
    return 0
