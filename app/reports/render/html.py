"""The reports as rich text for Qt's ``QTextDocument`` (``ui.printing`` lays it out
into a PDF); plain strings, no Qt here.

Only the subset of HTML/CSS that QTextDocument understands is used: tables with
cellpadding, inline styles, images by resource name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from app.domain.labels import status_label
from app.i18n import month_name, translator
from app.i18n import when as written_when
from app.services.report_model import GroupFigures, PeriodReport, TicketReport, TimeFigures

ACCENT = "#1f4e8c"
MUTED = "#5f6b7a"
RULE = "#c9d1db"
STRIPE = "#f3f6f9"
# QTextDocument drops a heading's top margin after a table; an inline style keeps it.
H2 = '<p style="font-size: 3pt; margin: 0;">&nbsp;</p><h2>'
# The period report's second part (lists) starts on a fresh page.
H2_NEW_PAGE = '<h2 style="page-break-before: always;">'

CSS = f"""
body {{ font-family: 'DejaVu Sans', 'Segoe UI', sans-serif; font-size: 9pt; color: #1f2730; }}
h1 {{ font-size: 17pt; color: {ACCENT}; margin: 0; }}
h2 {{ font-size: 11.5pt; color: {ACCENT}; margin-bottom: 4pt; }}
table.data {{ font-size: 8.5pt; }}
.sub {{ font-size: 10.5pt; color: {MUTED}; }}
.muted {{ color: {MUTED}; }}
th {{ background-color: {ACCENT}; color: white; font-weight: bold; text-align: left; }}
td.num, th.num {{ text-align: right; }}
.key {{ color: {MUTED}; }}
.big {{ font-size: 16pt; font-weight: bold; color: {ACCENT}; }}
.good {{ color: #1b7f3b; font-weight: bold; }}
.bad {{ color: #b3261e; font-weight: bold; }}
p.note {{ font-size: 8pt; color: {MUTED}; margin: 1pt 0; }}
"""


def _t(value: object) -> str:
    return escape("" if value is None else str(value))


def duration(minutes: int | None) -> str:
    if minutes is None:
        return "–"
    h, m = divmod(int(minutes), 60)
    return f"{h} h {m:02d} min"


def num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


class Formatter:
    """Times in one zone, words in the reader's language (the customer's: issue 18)."""

    def __init__(self, zone: str, language: str = "en") -> None:
        self.zone = ZoneInfo(zone)
        self.zone_name = zone
        self.language = language
        self.t = translator(language)

    def when(self, moment: datetime | None) -> str:
        if moment is None:
            return "–"
        return written_when(moment, self.zone, self.language)

    def status(self, label: str) -> str:
        """A status label (``Resolved``) in the reader's language."""
        translated = self.t(f"status:{label}")
        return label if translated.startswith("status:") else translated

    def duration(self, minutes: int | None) -> str:
        if minutes is None:
            return "–"
        h, m = divmod(int(minutes), 60)
        return self.t("{hours} h {minutes} min").format(hours=h, minutes=f"{m:02d}")


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    widths: Sequence[int] = (),
) -> str:
    """A striped table; cells are already HTML. ``widths`` in percent."""
    head = "".join(
        f"<th{' class=num' if i in numeric else ''}"
        f"{f' width={widths[i]}%' if i < len(widths) else ''}>{h}</th>"
        for i, h in enumerate(headers)
    )
    body = []
    for r, row in enumerate(rows):
        bg = f' bgcolor="{STRIPE}"' if r % 2 else ""
        cells = "".join(
            f"<td{' class=num' if i in numeric else ''}>{c}</td>" for i, c in enumerate(row)
        )
        body.append(f"<tr{bg}>{cells}</tr>")
    return (
        f'<table class="data" width="100%" cellspacing="0" cellpadding="4" border="0" '
        f'style="border-collapse: collapse;"><tr>{head}</tr>{"".join(body)}</table>'
    )


def pairs(items: Sequence[tuple[str, str]]) -> str:
    """Key/value pairs in two columns of pairs."""
    half = (len(items) + 1) // 2
    rows = []
    for i in range(half):
        left = items[i]
        right = items[i + half] if i + half < len(items) else ("", "")
        rows.append(
            f'<tr><td class="key" width="16%">{left[0]}</td><td width="34%">{left[1]}</td>'
            f'<td class="key" width="16%">{right[0]}</td><td width="34%">{right[1]}</td></tr>'
        )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{"".join(rows)}</table>'


def _outcome(
    met: bool | None, finished_text: str = "in progress", t: Callable[[str], str] = str
) -> str:
    if met is None:
        return f'<span class="muted">{t(finished_text)}</span>'
    return (
        f'<span class="good">{t("met")}</span>'
        if met
        else f'<span class="bad">{t("missed")}</span>'
    )


def _live(
    met: bool | None, state: str | None, target: int | None, t: Callable[[str], str] = str
) -> str:
    """An open clock reads like the queue: breached / at risk / paused / on track."""
    if met is not None or target is None:
        return _outcome(met, "no SLA", t)
    if state == "breached":
        return f'<span class="bad">{t("breached")}</span>'
    if state == "at_risk":
        return f'<span class="bad">{t("at risk")}</span>'
    return _outcome(None, {"paused": "paused"}.get(state or "", "on track"), t)


def ticket_html(r: TicketReport, fmt: Formatter) -> str:
    """The ticket report, in ``fmt``'s language (the customer's)."""
    _, span = fmt.t, fmt.duration
    title = (
        f"<h1>{_('Ticket resolution report')}</h1>"
        f'<p class="sub">{_t(r.number)} · {_t(r.subject)}</p>'
    )
    facts = pairs(
        [
            (_("Customer"), f"{_t(r.customer_name)} ({_t(r.customer_code)})"),
            (_("Contact"), _t(r.contact or "–")),
            (_("Service"), _t(_(r.service_type.replace("_", " ")))),
            (_("Category"), _t(_(r.category.replace("_", " ")))),
            (_("Priority"), f"P{r.priority} ({_t(_(r.criticality))})"),
            (_("Status"), _t(fmt.status(status_label(r.status)))),
            (_("Opened"), fmt.when(r.opened_at)),
            (_("First response"), fmt.when(r.first_response_at)),
            (_("Resolved"), fmt.when(r.resolved_at)),
            (_("Closed"), fmt.when(r.closed_at)),
        ]
    )
    problem = (
        f"{H2}{_('The problem')}</h2><p>{_t(r.problem_nature or _('Not resolved yet.'))}</p>"
        f"{H2}{_('The solution applied')}</h2><p>{_t(r.solution or _('Not resolved yet.'))}</p>"
    )
    sla_rows = [
        [
            _("First response"),
            span(r.response_wall_minutes),
            span(r.response_business_minutes),
            span(r.response_target_minutes),
            _live(r.response_met, r.response_state, r.response_target_minutes, _),
        ],
        [
            _("Resolution"),
            span(r.resolution_wall_minutes),
            span(r.resolution_business_minutes),
            span(r.resolution_target_minutes),
            _live(r.resolution_met, r.resolution_state, r.resolution_target_minutes, _),
        ],
    ]
    outcome = {
        "met": f'<span class="good">{_("SLA met")}</span>',
        "missed": f'<span class="bad">{_("SLA missed")}</span>',
    }.get(r.sla_outcome, _t(_(r.sla_outcome)))
    times = (
        H2
        + _("Time and service level")
        + "</h2>"
        + table(
            ["", _("Elapsed (wall-clock)"), _("Business time"), _("SLA target"), _("Outcome")],
            sla_rows,
            widths=[18, 26, 20, 20, 16],
        )
        + pairs(
            [
                (_("Waiting on you"), span(r.waiting_minutes)),
                (_("Overall"), outcome),
                (_("Reassignments"), str(r.reassignments)),
                (_("Reopenings"), str(r.reopenings)),
            ]
        )
    )
    logged = H2 + _("Time logged") + "</h2>"
    if r.time_logged:
        rows = [[_t(p.person), span(p.minutes)] for p in r.time_logged]
        rows.append([f"<b>{_('Total')}</b>", f"<b>{span(r.time_logged_minutes)}</b>"])
        logged += table([_("Person"), _("Time")], rows, widths=[60, 40])
    else:
        logged += f'<p class="muted">{_("No time was logged.")}</p>'
    history = (
        H2
        + _("History")
        + "</h2>"
        + table(
            [_("When"), _("Who"), _("What")],
            # the service's fixed phrases ("Ticket opened") translate; composed ones stay
            [[fmt.when(e.at), _t(e.who), _t(_(e.what))] for e in r.history],
            widths=[24, 18, 58],
        )
    )
    note = _(
        "Times are shown in {zone}. Business time counts the working hours of your contract "
        "and leaves out the time the ticket waited on you."
    )
    foot = f'<p class="note">{_t(note.format(zone=fmt.zone_name))}</p>'
    if r.imported_from:
        imported = _("Imported from {source}.").format(source=r.imported_from)
        foot += f'<p class="note">{_t(imported)}</p>'
    return title + facts + problem + times + logged + history + foot


def _hours(t: TimeFigures) -> list[str]:
    return [num(t.median), num(t.mean), num(t.p90)]


def _pct(v: float | None) -> str:
    return num(v, " %")


def period_span(start: date, end: date, language: str = "en") -> str:
    def month(d: date, *, year: bool) -> str:
        name = month_name(d.month, language, in_date=True)
        return f"{name} {d.year}" if year else name

    if start.year == end.year:
        return f"{start.day} {month(start, year=False)} – {end.day} {month(end, year=True)}"
    return f"{start.day} {month(start, year=True)} – {end.day} {month(end, year=True)}"


def period_html(r: PeriodReport, fmt: Formatter, charts: Sequence[str]) -> str:
    """``charts``: resource names of chart images, shown two by two; in ``fmt``'s
    language (a customer's report in the customer's)."""
    _, span = fmt.t, fmt.duration
    who = r.scope_name if r.scope == "all" else f"{r.scope_name} ({r.scope})"
    if r.scope == "all":
        who = _(who)
    title = (
        f"<h1>{_('Service report')}</h1>"
        f'<p class="sub">{_t(who)} · {period_span(r.start, r.end, fmt.language)}</p>'
    )
    t = r.total
    cards = [
        (_("count|Opened"), str(r.opened)),
        (_("count|Resolved"), str(r.resolved)),
        (_("count|Closed"), str(r.closed)),
        (_("card|SLA met"), _pct(t.sla_met_pct)),
        (_("card|Reopen rate"), _pct(t.reopen_rate_pct)),
        (_("Median resolution"), num(t.resolution_wall.median, _(" h"))),
    ]
    card_cells = "".join(
        f'<td width="16%" align="center" bgcolor="{STRIPE}"><span class="big">{v}</span><br/>'
        f'<span class="muted">{k}</span></td>'
        for k, v in cards
    )
    summary = f'<table width="100%" cellspacing="4" cellpadding="6"><tr>{card_cells}</tr></table>'
    images = ""
    for i in range(0, len(charts), 2):
        pair = charts[i : i + 2]
        cells = "".join(f'<td width="50%"><img src="{c}" width="{{W}}"/></td>' for c in pair)
        images += f'<table width="100%" cellspacing="0" cellpadding="2"><tr>{cells}</tr></table>'
    groups: list[GroupFigures] = [*r.by_priority, t]

    def label(g: GroupFigures) -> str:
        return f"<b>{_('All')}</b>" if g.key == "all" else f"P{g.key}"

    times = H2 + _("Response and resolution times (hours)") + "</h2>" + table(
        ["", _("Tickets"), _("Resolved"), _("Response<br/>median"), _("Response<br/>p90"),
         _("Resolution<br/>median"), _("Resolution<br/>mean"), _("Resolution<br/>p90"),
         _("Business<br/>median"), _("Business<br/>p90")],
        [
            [label(g), str(g.tickets), str(g.resolved), num(g.response_wall.median),
             num(g.response_wall.p90), *_hours(g.resolution_wall),
             num(g.resolution_business.median), num(g.resolution_business.p90)]
            for g in groups
        ],
        numeric=range(1, 10),
    )  # fmt: skip
    sla = H2 + _("Service level and rework") + "</h2>" + table(
        ["", _("Response<br/>met"), _("Resolution<br/>met"), _("SLA<br/>met"),
         _("Re-<br/>assigned"), _("Re-<br/>opened"), _("Reopen<br/>rate"), _("Time<br/>logged")],
        [
            [label(g), _pct(g.response_met_pct), _pct(g.resolution_met_pct),
             _pct(g.sla_met_pct), str(g.reassignments), str(g.reopenings),
             _pct(g.reopen_rate_pct), span(g.time_logged_minutes)]
            for g in groups
        ],
        numeric=range(1, 8),
    )  # fmt: skip
    breakdown = H2 + _("Tickets by category, service and product") + "</h2>"
    cols = []
    for name, rows in (
        (_("Category"), r.by_category),
        (_("Service"), r.by_service),
        (_("Product"), r.by_product),
    ):
        cols.append(
            table(
                [name, _("count|Opened"), _("count|Resolved")],
                [[_t(_(c.key.replace("_", " "))), str(c.opened), str(c.resolved)] for c in rows],
                numeric=(1, 2),
            )
        )
    breakdown += (
        '<table width="100%" cellspacing="6"><tr>'
        + "".join(f'<td width="33%" valign="top">{c}</td>' for c in cols)
        + "</tr></table>"
    )
    if r.breaches:
        breaches = H2_NEW_PAGE + _("SLA breaches") + "</h2>" + table(
            [_("Ticket"), _("Priority"), _("Subject"), _("Opened"), _("Missed"), _("Status")],
            [
                [_t(b.number), f"P{b.priority}", _t(b.subject), fmt.when(b.opened_at),
                 f'<span class="bad">{_t(_(b.measures))}</span>',
                 _t(fmt.status(status_label(b.status)))]
                for b in r.breaches
            ],
            widths=[12, 13, 27, 22, 14, 12],
        )  # fmt: skip
        if r.breaches_truncated:
            breaches += (
                '<p class="note">'
                + _(
                    "The first {shown} of {total} breaches are listed "
                    "(the JSON and CSV say the same)."
                ).format(shown=len(r.breaches), total=r.breaches_total)
                + "</p>"
            )
    else:
        breaches = (
            H2_NEW_PAGE
            + _("SLA breaches")
            + f'</h2><p class="good">{_("None in this period.")}</p>'
        )
    backlog = H2 + _("Open backlog by age") + "</h2>"
    if r.backlog:
        backlog += table(
            [_("Priority"), _("Age"), _("Tickets")],
            [[f"P{c.priority}", _t(_(c.age)), str(c.tickets)] for c in r.backlog],
            numeric=(2,),
            widths=[30, 40, 30],
        )
    else:
        backlog += f'<p class="muted">{_("No open tickets.")}</p>'
    people = H2 + _("Time logged per person") + "</h2>"
    if r.time_by_person:
        people += table(
            [_("Person"), _("Time")],
            [[_t(p.person), span(p.minutes)] for p in r.time_by_person],
            widths=[60, 40],
        )
    else:
        people += f'<p class="muted">{_("No time was logged.")}</p>'
    if r.scope == "all" and r.time_by_customer:
        people += (
            H2
            + _("Time logged per customer")
            + "</h2>"
            + table(
                [_("Customer"), _("Time")],
                [[_t(c.person), span(c.minutes)] for c in r.time_by_customer],
                widths=[60, 40],
            )
        )
    notes = "".join(f'<p class="note">{_t(n)}</p>' for n in r.notes)
    shown_in = _("Dates and times are shown in {zone}.").format(zone=fmt.zone_name)
    notes += f'<p class="note">{_t(shown_in)}</p>'
    return title + summary + images + times + sla + breaches + breakdown + backlog + people + notes
