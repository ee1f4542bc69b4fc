"""The monthly SLA report as JSON (its structure, exactly as the dataclasses hold it)
and as CSV (one long table: section, service, system, item, measure, value — every
figure of the report on its own row, so a spreadsheet can pivot it)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from app.reports.render.csv_safe import writer
from app.reports.render.tabular import plain
from app.services.monthly_model import MonthlyReport

CSV_COLUMNS = ("section", "service", "system", "item", "measure", "value")


def monthly_json(report: MonthlyReport) -> str:
    return (
        json.dumps({"report": "monthly_sla", **plain(report)}, indent=2, ensure_ascii=False) + "\n"
    )


def _rows(r: MonthlyReport) -> Iterator[tuple[Any, ...]]:
    for key in ("customer_code", "customer_name", "month", "timezone", "contract", "tier"):
        yield ("report", "", "", "", key, getattr(r, key))
    yield ("report", "", "", "", "complete", r.complete)
    for a in r.availability:
        for measure in (
            "hours",
            "target_pct",
            "scheduled_minutes",
            "maintenance_minutes",
            "downtime_minutes",
            "degraded_minutes",
            "availability_pct",
            "met",
            "credit_pct",
        ):
            yield ("availability", a.service_type, a.system, "", measure, getattr(a, measure))
    for o in r.outages:
        for measure in ("kind", "started_at", "ended_at", "minutes_in_month", "source"):
            yield ("outage", "", o.system, o.ticket, measure, plain(getattr(o, measure)))
    for w in r.maintenance:
        item = plain(w.starts_at)
        yield ("maintenance", "", w.system or "all", item, "ends_at", plain(w.ends_at))
        yield ("maintenance", "", w.system or "all", item, "note", w.note)
    yield from _service_rows(r)


def _service_rows(r: MonthlyReport) -> Iterator[tuple[Any, ...]]:
    m = r.monitoring
    for measure, value in plain(m).items():
        yield ("monitoring", "system_monitoring", "", "", measure, value)
    for line in r.alerts:
        for measure in ("alertname", "detection_minutes", "acknowledge_minutes", "met"):
            yield ("alert", "system_monitoring", line.system, line.ticket, measure,
                   getattr(line, measure))  # fmt: skip
    for s in r.support:
        for measure in ("tickets", "resolved", "response_met_pct", "resolution_met_pct"):
            yield ("support", "", "", s.priority, measure, getattr(s, measure))
    for b in r.breaches:
        yield ("breach", "", "", b.number, "missed", b.measures)
    for c in r.credits:
        yield ("credit", c.service_type, c.system, "", "credit_pct", c.credit_pct)


def monthly_csv(report: MonthlyReport) -> str:
    out = io.StringIO()
    w = writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    w.writerows(("" if v is None else v for v in row) for row in _rows(report))
    return out.getvalue()


def monthly_text(r: MonthlyReport, company: str) -> str:
    """The e-mail that carries the report: the figures a customer looks for first."""
    lines = [
        f"Dear {r.customer_name},",
        "",
        f"here is the SLA report of {r.month} for contract {r.contract or '-'}"
        + ("" if r.complete else " (interim: the month is not over)")
        + ".",
        "",
        "Availability",
    ]
    for a in r.availability:
        achieved = "-" if a.availability_pct is None else f"{a.availability_pct:.3f} %"
        verdict = "met" if a.met else "missed"
        lines.append(
            f"  {a.system} ({a.service_type}, {a.hours}): {achieved} "
            f"against {a.target_pct:g} %, {verdict}"
        )
    if not r.availability:
        lines.append("  no availability target in the contract")
    lines += ["", f"Outages: {len(r.outages)}"]
    lines += [
        f"  {o.ticket} {o.system} {o.kind}: {o.started_at:%Y-%m-%d %H:%M} UTC, "
        f"{o.minutes_in_month:g} min in the month"
        for o in r.outages
    ]
    m = r.monitoring
    lines += ["", f"Monitoring alerts: {m.alerts}, acknowledged {m.acknowledged}"]
    if m.target_minutes:
        lines.append(f"  within {m.target_minutes} min: {m.met}")
    lines += ["", "Support (tickets opened in the month)"]
    lines += [
        f"  {s.priority}: {s.tickets} tickets, response met {s.response_met_pct}, "
        f"resolution met {s.resolution_met_pct}"
        for s in r.support
    ]
    lines += ["", "Service credits"]
    lines += [f"  {c.system} ({c.service_type}): {c.credit_pct:g} %" for c in r.credits] or [
        "  none due"
    ]
    lines += [
        "",
        "The full report (PDF) is available from your account manager on request.",
        "",
        f"{company}",
    ]
    return "\n".join(lines) + "\n"
