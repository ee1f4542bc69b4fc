"""``supportdesk sla-report``: the monthly SLA report of a customer (JSON, CSV or PDF),
or ``--send`` to queue it by e-mail to the customer's contacts — for cron, e.g. on the
2nd of every month: ``supportdesk --user reports sla-report --all --previous-month --send``
(then ``supportdesk notify send`` delivers it).

The PDF is drawn by the PDF writer (``ui.printing``, Qt), imported only when a PDF is
asked for (``--format pdf``, and ``--send``: the mail carries the PDF), so the command
stays headless otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.cli.runtime import Run
from app.domain.errors import ValidationError
from app.reports.render.monthly import monthly_csv, monthly_json

FORMATS = ("json", "csv", "pdf")


def _month(run: Run) -> str:
    a = run.args
    if a.previous_month:
        first = run.services.ctx.clock.now().date().replace(day=1)
        last = first - timedelta(days=1)
        return f"{last.year:04d}-{last.month:02d}"
    if not a.month:
        raise ValidationError("say which month: --month YYYY-MM or --previous-month.")
    return str(a.month)


def _customers(run: Run) -> list[str]:
    a = run.args
    if a.all == bool(a.customer):
        raise ValidationError("name one customer, or --all (customers with annex targets).")
    return run.services.monthly_reports.customers(run.actor) if a.all else [a.customer]


def _pdf_bytes(run: Run, code: str, month: str, settings: dict[str, Any]) -> bytes | None:
    """The report as the PDF the mail carries (drawn here: the services draw no PDFs)."""
    report = run.services.monthly_reports.monthly_report(run.actor, code, month)
    if not report.complete:  # queue_mail refuses it with the clear line
        return None
    from ui.printing.monthly import write_monthly_pdf  # lazy: Qt only for PDFs

    language = run.services.customers.get_customer(run.actor, code).language
    with tempfile.TemporaryDirectory(prefix="supportdesk-sla-") as folder:
        target = Path(folder) / "report.pdf"
        write_monthly_pdf(report, target, settings, language)
        return target.read_bytes()


def cmd_report(run: Run) -> int:
    a = run.args
    month = _month(run)
    customers = _customers(run)
    settings = run.services.desk_settings.report_company(run.actor)
    if a.send:
        sent: dict[str, list[str]] = {}
        for code in customers:
            name = str(settings.get("name") or "SupportDesk")
            pdf = _pdf_bytes(run, code, month, settings)
            sent[code] = run.services.monthly_reports.queue_mail(
                run.actor, code, month, name, pdf=pdf
            )
        lines = [f"{code}: {', '.join(to) or 'nothing new to queue'}" for code, to in sent.items()]
        return run.result({"month": month, "queued": sent}, "\n".join(lines) or "no customers")
    if len(customers) != 1:
        raise ValidationError("--all only with --send; write reports one customer at a time.")
    report = run.services.monthly_reports.monthly_report(run.actor, customers[0], month)
    if a.format == "pdf":
        if not a.out:
            raise ValidationError("a PDF needs --out FILE.")
        from ui.printing.monthly import write_monthly_pdf  # lazy: Qt only for PDFs

        # In the customer's language (customers.language, issue 18).
        language = run.services.customers.get_customer(run.actor, customers[0]).language
        write_monthly_pdf(report, Path(a.out), settings, language)
    else:
        text = monthly_json(report) if a.format == "json" else monthly_csv(report)
        if not a.out:
            sys.stdout.write(text)
            return 0
        try:
            Path(a.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ValidationError(f"cannot write {a.out}: {exc.strerror or exc}") from None
    print(f"report written to {a.out}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sla-report",
        parents=[common],
        help="the monthly SLA report of a customer (PDF, CSV, JSON; --send e-mails it)",
    )
    p.add_argument("customer", nargs="?", help="customer code")
    p.add_argument("--all", action="store_true", help="every customer with annex targets")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--month", metavar="YYYY-MM")
    when.add_argument("--previous-month", action="store_true", help="the month before today")
    p.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    p.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    p.add_argument(
        "--send", action="store_true", help="queue it by e-mail to the customer's contacts"
    )
    p.set_defaults(func=cmd_report)
