"""JSON and CSV forms of the reports.

JSON keeps the report's structure, with times in hours as the dataclasses hold them.
CSV is one table a spreadsheet opens directly: a ``section`` column says which part of
the report a row belongs to, so the figures per priority, the breaches and the
breakdowns all fit in one file.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, datetime
from typing import Any

from app.services.report_model import GroupFigures, PeriodReport, TicketReport, TimeFigures


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
                row[f"{f.name}_{stat}_hours"] = getattr(value, stat)
        elif f.name != "key":
            row[f.name] = value
    return row


def period_csv(report: PeriodReport) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    head = f"{report.scope} {report.start.isoformat()}..{report.end.isoformat()}"
    writer.writerow({"section": "period", "key": head, "detail": report.scope_name})
    writer.writerow({"section": "counts", "key": "opened", "tickets": report.opened})
    writer.writerow({"section": "counts", "key": "resolved", "tickets": report.resolved})
    writer.writerow({"section": "counts", "key": "closed", "tickets": report.closed})
    for g in report.by_priority:
        writer.writerow(_figures_row("priority", g) | {"key": f"P{g.key}"})
    writer.writerow(_figures_row("total", report.total))
    for section, rows in (
        ("category", report.by_category),
        ("service", report.by_service),
        ("product", report.by_product),
    ):
        for c in rows:
            writer.writerow(
                {"section": section, "key": c.key, "tickets": c.opened, "resolved": c.resolved}
            )
    for cell in report.backlog:
        writer.writerow(
            {"section": "backlog", "key": f"P{cell.priority} {cell.age}", "tickets": cell.tickets}
        )
    for p in report.time_by_person:
        writer.writerow(
            {"section": "time_logged", "key": p.person, "time_logged_minutes": p.minutes}
        )
    for b in report.breaches:
        writer.writerow(
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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["field", "value"])
    for name, value in plain(report).items():
        if name in {"history", "time_logged"}:
            continue
        writer.writerow([name, "" if value is None else value])
    for person in report.time_logged:
        writer.writerow([f"time_logged:{person.person}", person.minutes])
    for event in report.history:
        writer.writerow([f"history:{event.at.isoformat()}", f"{event.who}: {event.what}"])
    return out.getvalue()
