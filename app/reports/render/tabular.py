"""JSON and CSV forms of the reports.

JSON keeps the report's structure at full precision, with times in hours as the
dataclasses hold them (so figures can be checked against an independent computation).
CSV is one table a spreadsheet opens directly: a ``section`` column says which part of
the report a row belongs to, so the figures per priority, the breaches and the
breakdowns all fit in one file; it is for reading, so hours are rounded to 2 decimals
and percentages to 1. Every CSV cell goes through :mod:`.csv_safe` (no formulas).
"""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date, datetime
from typing import Any

from app.reports.render.csv_safe import dict_writer, writer
from app.services.report_model import GroupFigures, PeriodReport, TicketReport, TimeFigures

HOURS_DECIMALS = 2
PCT_DECIMALS = 1


def _shown(name: str, value: Any) -> Any:
    """A figure as the CSV shows it: hours and percentages rounded for reading."""
    if not isinstance(value, float):
        return value
    return round(value, PCT_DECIMALS if name.endswith("_pct") else HOURS_DECIMALS)


def plain(value: Any) -> Any:
    """Dataclasses → dicts; dates and datetimes → ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_json(report: TicketReport | PeriodReport) -> str:
    kind = "ticket" if isinstance(report, TicketReport) else "period"
    return json.dumps({"report": kind, **plain(report)}, indent=2, ensure_ascii=False) + "\n"


FIGURE_COLUMNS = [
    "tickets",
    "resolved",
    "unresolved",
    *[
        f"{measure}_{stat}_hours"
        for measure in (
            "response_wall",
            "response_business",
            "resolution_wall",
            "resolution_business",
        )
        for stat in ("median", "mean", "p90")
    ],
    "response_met_pct",
    "resolution_met_pct",
    "sla_met_pct",
    "sla_known",
    "reassignments",
    "reopenings",
    "reopened_tickets",
    "reopen_rate_pct",
    "time_logged_minutes",
]
CSV_COLUMNS = ["section", "key", *FIGURE_COLUMNS, "number", "subject", "detail"]


def _figures_row(section: str, g: GroupFigures) -> dict[str, Any]:
    row: dict[str, Any] = {"section": section, "key": g.key}
    for f in dataclasses.fields(g):
        value = getattr(g, f.name)
        if isinstance(value, TimeFigures):
            for stat in ("median", "mean", "p90"):
                column = f"{f.name}_{stat}_hours"
                row[column] = _shown(column, getattr(value, stat))
        elif f.name != "key":
            row[f.name] = _shown(f.name, value)
    return row


def period_csv(report: PeriodReport) -> str:
    out = io.StringIO()
    table = dict_writer(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    table.writeheader()
    head = f"{report.scope} {report.start.isoformat()}..{report.end.isoformat()}"
    detail = f"{report.scope_name} (days in {report.timezone})"
    table.writerow({"section": "period", "key": head, "detail": detail})
    table.writerow({"section": "counts", "key": "opened", "tickets": report.opened})
    table.writerow({"section": "counts", "key": "resolved", "tickets": report.resolved})
    table.writerow({"section": "counts", "key": "closed", "tickets": report.closed})
    for g in report.by_priority:
        table.writerow(_figures_row("priority", g) | {"key": f"P{g.key}"})
    table.writerow(_figures_row("total", report.total))
    for section, rows in (
        ("category", report.by_category),
        ("service", report.by_service),
        ("product", report.by_product),
    ):
        for c in rows:
            table.writerow(
                {"section": section, "key": c.key, "tickets": c.opened, "resolved": c.resolved}
            )
    for cell in report.backlog:
        table.writerow(
            {"section": "backlog", "key": f"P{cell.priority} {cell.age}", "tickets": cell.tickets}
        )
    for p in report.time_by_person:
        table.writerow(
            {"section": "time_logged", "key": p.person, "time_logged_minutes": p.minutes}
        )
    for spent in report.time_by_customer:
        table.writerow(
            {
                "section": "time_by_customer",
                "key": spent.person,
                "time_logged_minutes": spent.minutes,
            }
        )
    listed = len(report.breaches)
    table.writerow(
        {
            "section": "breaches",
            "key": "total",
            "tickets": report.breaches_total,
            "detail": f"first {listed} listed" if report.breaches_truncated else "all listed",
        }
    )
    for b in report.breaches:
        table.writerow(
            {
                "section": "breach",
                "key": f"P{b.priority}",
                "number": b.number,
                "subject": b.subject,
                "detail": f"{b.customer}: {b.measures} ({b.status})",
            }
        )
    return out.getvalue()


def ticket_csv(report: TicketReport) -> str:
    """A ticket report as field/value pairs (history rows last)."""
    out = io.StringIO()
    table = writer(out, lineterminator="\n")
    table.writerow(["field", "value"])
    for name, value in plain(report).items():
        if name in {"history", "time_logged"}:
            continue
        table.writerow([name, "" if value is None else value])
    for person in report.time_logged:
        table.writerow([f"time_logged:{person.person}", person.minutes])
    for event in report.history:
        table.writerow([f"history:{event.at.isoformat()}", f"{event.who}: {event.what}"])
    return out.getvalue()
