"""The monthly SLA report as rich text for the PDF writer (``ui.printing.monthly``):
a document the customer reads and signs off — the promise, what was achieved, the
evidence behind it (outages, maintenance, alerts, breaches), the credits due."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from zoneinfo import ZoneInfo

from app.domain.labels import status_label
from app.reports.render.html import H2, STRIPE, Formatter, num, pairs, table
from app.services.monthly_model import MonthlyReport, SystemAvailability

SERVICE_NAMES = {
    "managed_hosting": "Managed hosting",
    "system_monitoring": "System monitoring",
    "software_maintenance": "Software maintenance",
    "first_level_support": "First-level support",
    "second_level_support": "Second-level support",
}
HOURS = {"24x7": "24 × 7", "business": "Business hours"}


def _t(value: object) -> str:
    return escape("" if value is None else str(value))


def _service(name: str) -> str:
    return SERVICE_NAMES.get(name, name.replace("_", " "))


def _pct(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f} %"


def _target(value: float) -> str:
    return f"{value:g} %"


def span(minutes: float | None) -> str:
    """Minutes as people read them: "0 min", "45 min", "6 h 30 min"."""
    if minutes is None:
        return "–"
    h, m = divmod(round(minutes), 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def short_span(minutes: float) -> str:
    """For narrow columns: "45 min", "6 h 30", "669 h"."""
    h, m = divmod(round(minutes), 60)
    if not h:
        return f"{m} min"
    return f"{h} h {m:02d}" if m else f"{h} h"


def _verdict(met: bool | None, pending: str = "pending") -> str:
    if met is None:
        return f'<span class="muted">{pending}</span>'
    return '<span class="good">met</span>' if met else '<span class="bad">missed</span>'


def month_title(month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, 1).strftime("%B %Y")


def _period(r: MonthlyReport) -> str:
    """The local calendar month, e.g. "1 – 28 February 2026"."""
    zone = ZoneInfo(r.timezone)
    first = r.period_start.astimezone(zone).date()
    last = (r.period_end.astimezone(zone) - timedelta(seconds=1)).date()
    return f"{first.day} – {last.day} {last:%B %Y}"


def _summary(r: MonthlyReport) -> str:
    missed = [a for a in r.availability if not a.met]
    credits = [c for c in r.credits if c.credit_pct > 0]
    m = r.monitoring
    cards = [
        (
            "Availability",
            f"{len(r.availability) - len(missed)} / {len(r.availability)}",
            "systems on target",
        ),
        ("Outages", str(len(r.outages)), "recorded"),
        ("Alerts", str(m.alerts), f"{m.met} acknowledged in time" if m.target_minutes else ""),
        ("Credits", str(len(credits)), "due" if credits else "none due"),
    ]
    cells = "".join(
        f'<td width="25%" align="center" bgcolor="{STRIPE}"><span class="big">{_t(v)}</span>'
        f'<br/><span class="muted">{_t(k)} · {_t(note)}</span></td>'
        for k, v, note in cards
    )
    return f'<table width="100%" cellspacing="4" cellpadding="6"><tr>{cells}</tr></table>'


def _availability_rows(rows: tuple[SystemAvailability, ...]) -> list[list[str]]:
    return [
        [
            _t(_service(a.service_type)), _t(a.system), HOURS.get(a.hours, _t(a.hours)),
            _target(a.target_pct), short_span(a.scheduled_minutes),
            short_span(a.maintenance_minutes), short_span(a.downtime_minutes),
            short_span(a.degraded_minutes),
            f"<b>{_pct(a.availability_pct)}</b>", _verdict(a.met),
            _target(a.credit_pct) if a.credit_pct else "–",
        ]
        for a in rows
    ]  # fmt: skip


def monthly_html(r: MonthlyReport, fmt: Formatter, company: str) -> str:
    who = f"{r.customer_name} ({r.customer_code})"
    head = (
        f"<h1>Monthly SLA report · {month_title(r.month)}</h1>"
        f'<p class="sub">{_t(who)}</p>'
        + pairs(
            [
                ("Contract", _t(r.contract or "none")),
                ("Tier", _t(r.tier or "–")),
                ("Services", _t(", ".join(_service(s) for s in r.services) or "–")),
                ("Period", _period(r)),
                ("Time zone", _t(r.timezone)),
                ("Status", "final" if r.complete else "<b>interim</b> (month not over)"),
            ]
        )
    )
    parts = [head, _summary(r)]
    parts.append(H2 + "1. Availability</h2>")
    if r.availability:
        parts.append(
            table(
                [
                    "Service",
                    "System",
                    "Hours",
                    "Target",
                    "Sched.",
                    "Maint.",
                    "Down",
                    "De-<br/>graded",
                    "Achieved",
                    "Result",
                    "Credit",
                ],
                _availability_rows(r.availability),
                numeric=range(3, 11),
                widths=[11, 12, 7, 8, 8, 8, 8, 8, 12, 9, 9],
            )
        )
    else:
        parts.append('<p class="muted">The contract sets no availability target.</p>')
    parts.append(H2 + "2. Outages</h2>")
    parts.append(
        table(
            ["Ticket", "System", "Kind", "Started", "Ended", "In this month", "Source"],
            [
                [
                    _t(o.ticket),
                    _t(o.system),
                    _t(o.kind),
                    fmt.when(o.started_at),
                    fmt.when(o.ended_at) if o.ended_at else "<b>ongoing</b>",
                    span(o.minutes_in_month),
                    _t(o.source),
                ]
                for o in r.outages
            ],
            numeric=(5,),
            widths=[11, 13, 10, 21, 21, 14, 10],
        )
        if r.outages
        else '<p class="muted">No outages this month.</p>'
    )
    parts.append(H2 + "3. Planned maintenance (excluded from availability)</h2>")
    parts.append(
        table(
            ["System", "From", "To", "Duration", "Note"],
            [
                [
                    _t(w.system or "all systems"),
                    fmt.when(w.starts_at),
                    fmt.when(w.ends_at),
                    span((w.ends_at - w.starts_at).total_seconds() / 60),
                    _t(w.note),
                ]
                for w in r.maintenance
            ],
            numeric=(3,),
            widths=[15, 22, 22, 12, 29],
        )
        if r.maintenance
        else '<p class="muted">No planned maintenance this month.</p>'
    )
    parts.append(_monitoring(r, fmt))
    parts.append(_support(r, fmt))
    parts.append(_credits(r))
    parts.append(H2 + "How the figures are computed</h2>")
    parts += [f'<p class="note">{_t(n)}</p>' for n in r.notes]
    parts.append(_sign_off(r, company))
    return "".join(parts)


def _monitoring(r: MonthlyReport, fmt: Formatter) -> str:
    m = r.monitoring
    goal = f"{m.target_minutes} min" if m.target_minutes else "no target"
    out = (
        H2
        + "4. System monitoring</h2>"
        + pairs(
            [
                ("Alerts", str(m.alerts)),
                ("Acknowledge target", goal),
                ("Acknowledged", str(m.acknowledged)),
                ("Within target", str(m.met) if m.target_minutes else "–"),
                ("Median detection", span(m.median_detection_minutes)),
                ("Median acknowledge", span(m.median_acknowledge_minutes)),
                ("Slowest acknowledge", span(m.max_acknowledge_minutes)),
            ]
        )
    )
    if r.alerts:
        out += table(
            ["Ticket", "Alert", "System", "Fired", "Detected<br/>after",
             "Engineer<br/>on it after", "Result"],
            [
                [_t(a.ticket), _t(a.alertname), _t(a.system), fmt.when(a.starts_at),
                 span(a.detection_minutes), span(a.acknowledge_minutes),
                 _verdict(a.met, "pending" if m.target_minutes else "–")]
                for a in r.alerts
            ],
            numeric=(4, 5),
            widths=[11, 18, 12, 22, 11, 14, 12],
        )  # fmt: skip
    return out


def _support(r: MonthlyReport, fmt: Formatter) -> str:
    out = H2 + "5. Support: response and resolution</h2>"
    if not r.support:
        return out + '<p class="muted">No tickets were opened this month.</p>'
    out += table(
        ["Priority", "Tickets", "Resolved", "Response met", "Resolution met"],
        [
            [_t(s.priority), str(s.tickets), str(s.resolved),
             num(s.response_met_pct, " %"), num(s.resolution_met_pct, " %")]
            for s in r.support
        ],
        numeric=(1, 2, 3, 4),
    )  # fmt: skip
    if r.breaches:
        out += '<p class="note">Breaches:</p>' + table(
            ["Ticket", "Priority", "Subject", "Opened", "Missed", "Status"],
            [
                [_t(b.number), f"P{b.priority}", _t(b.subject), fmt.when(b.opened_at),
                 f'<span class="bad">{_t(b.measures)}</span>', _t(status_label(b.status))]
                for b in r.breaches
            ],
            widths=[12, 9, 33, 22, 13, 11],
        )  # fmt: skip
    else:
        out += '<p class="note">No response or resolution target was missed.</p>'
    return out


def _credits(r: MonthlyReport) -> str:
    out = H2 + "6. Service credits</h2>"
    if not r.credits:
        return out + "<p>No service credits are due for this month.</p>"
    return out + table(
        ["Service", "System", "Achieved", "Target", "Credit (of the month's fee)"],
        [
            [_t(_service(c.service_type)), _t(c.system), _pct(c.availability_pct),
             _target(c.target_pct), f'<b>{_target(c.credit_pct)}</b>']
            for c in r.credits
        ],
        numeric=(2, 3, 4),
    )  # fmt: skip


def _sign_off(r: MonthlyReport, company: str) -> str:
    line = "_" * 28

    def block(side: str) -> str:
        return (
            f'<td width="50%" valign="top"><b>{_t(side)}</b><br/><br/>'
            f"Name: {line}<br/><br/>Signature: {line}<br/><br/>Date: {line}</td>"
        )

    return (
        H2 + "Acceptance</h2>"
        "<p>The undersigned confirm the figures of this report for "
        f"{month_title(r.month)}.</p>"
        '<table width="100%" cellspacing="0" cellpadding="6"><tr>'
        + block(f"For {company}")
        + block(f"For {r.customer_name}")
        + "</tr></table>"
    )
