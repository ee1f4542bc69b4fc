"""The monthly SLA report as rich text for the PDF writer (``ui.printing.monthly``):
a document the customer reads and signs off — the promise, what was achieved, the
evidence behind it (outages, maintenance, alerts, breaches), the credits due."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from zoneinfo import ZoneInfo

from app.domain.labels import status_label
from app.i18n import Translate, month_name
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


def _service(name: str, _: Translate = str) -> str:
    return _(SERVICE_NAMES.get(name, name.replace("_", " ")))


def _pct(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f} %"


def _target(value: float) -> str:
    return f"{value:g} %"


def span(minutes: float | None, _: Translate = str) -> str:
    """Minutes as people read them: "0 min", "45 min", "6 h 30 min"."""
    if minutes is None:
        return "–"
    h, m = divmod(round(minutes), 60)
    if h:
        return _("{hours} h {minutes} min").format(hours=h, minutes=f"{m:02d}")
    return _("{minutes} min").format(minutes=m)


def short_span(minutes: float, _: Translate = str) -> str:
    """For narrow columns: "45 min", "6 h 30", "669 h"."""
    h, m = divmod(round(minutes), 60)
    if not h:
        return _("{minutes} min").format(minutes=m)
    hours = _("{hours} h").format(hours=h)
    return f"{hours} {m:02d}" if m else hours


def _verdict(met: bool | None, pending: str = "pending", _: Translate = str) -> str:
    if met is None:
        return f'<span class="muted">{_(pending)}</span>'
    # (narrow table cells: "verdict|" keys let Greek say it short)
    if met:
        return f'<span class="good">{_("verdict|met")}</span>'
    return f'<span class="bad">{_("verdict|missed")}</span>'


def month_title(month: str, language: str = "en") -> str:
    year, mon = (int(p) for p in month.split("-"))
    return f"{month_name(mon, language)} {year}"


def _period(r: MonthlyReport, language: str = "en") -> str:
    """The local calendar month, e.g. "1 – 28 February 2026" ("1 – 28 Φεβρουαρίου 2026")."""
    zone = ZoneInfo(r.timezone)
    first = r.period_start.astimezone(zone).date()
    last = (r.period_end.astimezone(zone) - timedelta(seconds=1)).date()
    return f"{first.day} – {last.day} {month_name(last.month, language, in_date=True)} {last.year}"


def _summary(r: MonthlyReport, _: Translate = str) -> str:
    missed = [a for a in r.availability if not a.met]
    credits = [c for c in r.credits if c.credit_pct > 0]
    m = r.monitoring
    cards = [
        (
            _("Availability"),
            f"{len(r.availability) - len(missed)} / {len(r.availability)}",
            _("systems on target"),
        ),
        (_("Outages"), str(len(r.outages)), _("recorded")),
        (
            _("Alerts"),
            str(m.alerts),
            _("{count} acknowledged in time").format(count=m.met) if m.target_minutes else "",
        ),
        (_("Credits"), str(len(credits)), _("due") if credits else _("none due")),
    ]
    cells = "".join(
        f'<td width="25%" align="center" bgcolor="{STRIPE}"><span class="big">{_t(v)}</span>'
        f'<br/><span class="muted">{_t(k)} · {_t(note)}</span></td>'
        for k, v, note in cards
    )
    return f'<table width="100%" cellspacing="4" cellpadding="6"><tr>{cells}</tr></table>'


def _availability_rows(rows: tuple[SystemAvailability, ...], _: Translate = str) -> list[list[str]]:
    return [
        [
            _t(_service(a.service_type, _)), _t(a.system), _t(_(HOURS.get(a.hours, a.hours))),
            _target(a.target_pct), short_span(a.scheduled_minutes, _),
            short_span(a.maintenance_minutes, _), short_span(a.downtime_minutes, _),
            short_span(a.degraded_minutes, _),
            f"<b>{_pct(a.availability_pct)}</b>", _verdict(a.met, _=_),
            _target(a.credit_pct) if a.credit_pct else "–",
        ]
        for a in rows
    ]  # fmt: skip


def monthly_html(r: MonthlyReport, fmt: Formatter, company: str) -> str:
    """The report in ``fmt``'s language (the customer's: issue 18)."""
    _ = fmt.t
    who = f"{r.customer_name} ({r.customer_code})"
    head = (
        f"<h1>{_('Monthly SLA report')} · {month_title(r.month, fmt.language)}</h1>"
        f'<p class="sub">{_t(who)}</p>'
        + pairs(
            [
                (_("Contract"), _t(r.contract or _("none"))),
                (_("Tier"), _t(r.tier or "–")),
                (_("Services"), _t(", ".join(_service(s, _) for s in r.services) or "–")),
                (_("Period"), _period(r, fmt.language)),
                (_("Time zone"), _t(r.timezone)),
                (
                    _("Status"),
                    _("final") if r.complete else _("<b>interim</b> (month not over)"),
                ),
            ]
        )
    )
    parts = [head, _summary(r, _)]
    parts.append(H2 + _("1. Availability") + "</h2>")
    if r.availability:
        parts.append(
            table(
                [
                    _("Service"),
                    _("System"),
                    _("Hours"),
                    _("Target"),
                    _("Sched."),
                    _("Maint."),
                    _("Down"),
                    _("De-<br/>graded"),
                    _("Achieved"),
                    _("Result"),
                    _("Credit"),
                ],
                _availability_rows(r.availability, _),
                numeric=range(3, 11),
                widths=[14, 11, 7, 8, 8, 7, 7, 8, 11, 10, 9],
            )
        )
    else:
        parts.append(f'<p class="muted">{_("The contract sets no availability target.")}</p>')
    parts.append(H2 + _("2. Outages") + "</h2>")
    parts.append(
        table(
            [
                _("Ticket"),
                _("System"),
                _("Kind"),
                _("Started"),
                _("Ended"),
                _("In this month"),
                _("Source"),
            ],
            [
                [
                    _t(o.ticket),
                    _t(o.system),
                    _t(_(o.kind)),
                    fmt.when(o.started_at),
                    fmt.when(o.ended_at) if o.ended_at else f"<b>{_('ongoing')}</b>",
                    span(o.minutes_in_month, _),
                    _t(_(o.source)),
                ]
                for o in r.outages
            ],
            numeric=(5,),
            widths=[11, 13, 10, 21, 21, 14, 10],
        )
        if r.outages
        else f'<p class="muted">{_("No outages this month.")}</p>'
    )
    parts.append(H2 + _("3. Planned maintenance (excluded from availability)") + "</h2>")
    parts.append(
        table(
            [_("System"), _("From"), _("To"), _("Duration"), _("Note")],
            [
                [
                    _t(w.system or _("all systems")),
                    fmt.when(w.starts_at),
                    fmt.when(w.ends_at),
                    span((w.ends_at - w.starts_at).total_seconds() / 60, _),
                    _t(w.note),
                ]
                for w in r.maintenance
            ],
            numeric=(3,),
            widths=[15, 22, 22, 12, 29],
        )
        if r.maintenance
        else f'<p class="muted">{_("No planned maintenance this month.")}</p>'
    )
    parts.append(_monitoring(r, fmt))
    parts.append(_support(r, fmt))
    parts.append(_credits(r, _))
    parts.append(H2 + _("How the figures are computed") + "</h2>")
    parts += [f'<p class="note">{_t(_(n))}</p>' for n in r.notes]  # the service's fixed notes
    parts.append(_sign_off(r, company, fmt))
    return "".join(parts)


def _monitoring(r: MonthlyReport, fmt: Formatter) -> str:
    _ = fmt.t
    m = r.monitoring
    goal = span(m.target_minutes, _) if m.target_minutes else _("no target")
    out = (
        H2
        + _("4. System monitoring")
        + "</h2>"
        + pairs(
            [
                (_("Alerts"), str(m.alerts)),
                (_("Acknowledge target"), goal),
                (_("Acknowledged"), str(m.acknowledged)),
                (_("Within target"), str(m.met) if m.target_minutes else "–"),
                (_("Median detection"), span(m.median_detection_minutes, _)),
                (_("Median acknowledge"), span(m.median_acknowledge_minutes, _)),
                (_("Slowest acknowledge"), span(m.max_acknowledge_minutes, _)),
            ]
        )
    )
    if r.alerts:
        out += table(
            [_("Ticket"), _("Alert"), _("System"), _("Fired"), _("Detected<br/>after"),
             _("Engineer<br/>on it after"), _("Result")],
            [
                [_t(a.ticket), _t(a.alertname), _t(a.system), fmt.when(a.starts_at),
                 span(a.detection_minutes, _), span(a.acknowledge_minutes, _),
                 _verdict(a.met, "pending" if m.target_minutes else "–", _)]
                for a in r.alerts
            ],
            numeric=(4, 5),
            widths=[11, 18, 12, 22, 11, 14, 12],
        )  # fmt: skip
    return out


def _support(r: MonthlyReport, fmt: Formatter) -> str:
    _ = fmt.t
    out = H2 + _("5. Support: response and resolution") + "</h2>"
    if not r.support:
        return out + f'<p class="muted">{_("No tickets were opened this month.")}</p>'
    out += table(
        [_("Priority"), _("Tickets"), _("count|Resolved"), _("Response met"), _("Resolution met")],
        [
            [_t(s.priority), str(s.tickets), str(s.resolved),
             num(s.response_met_pct, " %"), num(s.resolution_met_pct, " %")]
            for s in r.support
        ],
        numeric=(1, 2, 3, 4),
    )  # fmt: skip
    if r.breaches:
        out += f'<p class="note">{_("Breaches:")}</p>' + table(
            [_("Ticket"), _("Priority"), _("Subject"), _("Opened"), _("Missed"), _("Status")],
            [
                [_t(b.number), f"P{b.priority}", _t(b.subject), fmt.when(b.opened_at),
                 f'<span class="bad">{_t(_(b.measures))}</span>',
                 _t(fmt.status(status_label(b.status)))]
                for b in r.breaches
            ],
            widths=[12, 13, 29, 22, 13, 11],
        )  # fmt: skip
    else:
        out += f'<p class="note">{_("No response or resolution target was missed.")}</p>'
    return out


def _credits(r: MonthlyReport, _: Translate = str) -> str:
    out = H2 + _("6. Service credits") + "</h2>"
    if not r.credits:
        return out + f"<p>{_('No service credits are due for this month.')}</p>"
    return out + table(
        [_("Service"), _("System"), _("Achieved"), _("Target"), _("Credit (of the month's fee)")],
        [
            [_t(_service(c.service_type, _)), _t(c.system), _pct(c.availability_pct),
             _target(c.target_pct), f'<b>{_target(c.credit_pct)}</b>']
            for c in r.credits
        ],
        numeric=(2, 3, 4),
    )  # fmt: skip


def _sign_off(r: MonthlyReport, company: str, fmt: Formatter) -> str:
    _ = fmt.t
    line = "_" * 28

    def block(side: str) -> str:
        return (
            f'<td width="50%" valign="top"><b>{_t(side)}</b><br/><br/>'
            f"{_('Name:')} {line}<br/><br/>{_('Signature:')} {line}<br/><br/>"
            f"{_('Date:')} {line}</td>"
        )

    confirm = _("The undersigned confirm the figures of this report for {month}.")
    return (
        H2
        + _("Acceptance")
        + "</h2>"
        + f"<p>{_t(confirm.format(month=month_title(r.month, fmt.language)))}</p>"
        + '<table width="100%" cellspacing="0" cellpadding="6"><tr>'
        + block(_("For {party}").format(party=company))
        + block(_("For {party}").format(party=r.customer_name))
        + "</tr></table>"
    )
