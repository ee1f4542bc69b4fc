"""``supportdesk report ticket NUMBER`` and ``report period --customer CODE|--all``.

JSON and CSV are rendered by the core (:mod:`app.reports.render`); ``--format pdf`` is
drawn by the PDF writer (``ui.printing``, Qt), imported only at that moment so the
core stays Qt-free.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.cli.runtime import Run
from app.domain.errors import ValidationError
from app.reports.render.tabular import period_csv, ticket_csv, to_json
from app.services.report_model import PeriodReport, TicketReport

FORMATS = ("json", "csv", "pdf")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}; use YYYY-MM-DD") from None


def _language(run: Run, report: TicketReport | PeriodReport) -> str:
    """A customer's report in the customer's language (customers.language, issue 18)."""
    code = report.customer_code if isinstance(report, TicketReport) else report.scope
    if code == "all":
        return "en"
    return run.services.customers.get_customer(run.actor, code).language


def _write(run: Run, report: TicketReport | PeriodReport) -> int:
    fmt, out = run.args.format, run.args.out
    if fmt == "pdf":
        if not out:
            raise ValidationError("a PDF needs --out FILE.")
        from ui.printing import write_pdf  # lazy: Qt only for PDFs

        company = run.services.desk_settings.report_company(run.actor)
        write_pdf(report, Path(out), company, _language(run, report))
    else:
        if fmt == "json":
            text = to_json(report)
        elif isinstance(report, TicketReport):
            text = ticket_csv(report)
        else:
            text = period_csv(report)
        if not out:
            sys.stdout.write(text)
            return 0
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ValidationError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"report written to {out}", file=sys.stderr)
    return 0


def cmd_ticket(run: Run) -> int:
    return _write(run, run.services.reports.ticket_report(run.actor, run.args.number))


def cmd_period(run: Run) -> int:
    a = run.args
    if not a.all and not a.customer:
        raise ValidationError("say whose tickets: --customer CODE or --all.")
    report = run.services.reports.period_report(
        run.actor, customer=None if a.all else a.customer, start=a.start, end=a.end
    )
    return _write(run, report)


def cmd_rebuild(run: Run) -> int:
    count = run.services.reports.rebuild_facts(run.actor, everything=run.args.everything)
    return run.result({"tickets": count}, f"report facts computed for {count} ticket(s)")


def cmd_rebuild_rollups(run: Run) -> int:
    count = run.services.reports.rebuild_rollups(run.actor)
    return run.result({"tickets": count}, f"report rollups recounted from {count} ticket(s)")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    reports = sub.add_parser(
        "report", help="ticket resolution and period reports (PDF, CSV, JSON)"
    ).add_subparsers(dest="action", required=True)
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    output.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    p = reports.add_parser(
        "ticket", parents=[common, output], help="what was wrong, what we did, how long it took"
    )
    p.add_argument("number")
    p.set_defaults(func=cmd_ticket)
    p = reports.add_parser(
        "period", parents=[common, output], help="figures of a period, per customer or for all"
    )
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--customer", metavar="CODE")
    scope.add_argument("--all", action="store_true", help="all customers")
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_period)
    p = reports.add_parser(
        "rebuild-facts",
        parents=[common],
        help="compute report facts of tickets from before reports existed (manager)",
    )
    p.add_argument("--everything", action="store_true", help="recompute every ticket's facts")
    p.set_defaults(func=cmd_rebuild)
    p = reports.add_parser(
        "rebuild-rollups",
        parents=[common],
        help="recount the report rollups from the tickets (after a bulk load; manager)",
    )
    p.set_defaults(func=cmd_rebuild_rollups)
