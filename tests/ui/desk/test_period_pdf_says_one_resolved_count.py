"""A period PDF said 19 resolved in its summary and 18 in its table (issue 14, item 9).

The tickets that made the counts drift: one resolved, reopened and resolved again inside
the period; one resolved, reopened and still open; one resolved and then cancelled; one
opened in the last hour of the period (Athens) and resolved after it; one opened in the
first hour of the period by Athens time but the day before by UTC. Every place in the
PDF that says how many were resolved (the summary card, the "All" row, the per-priority
rows, the category/service/product tables) must give one number. Both engines."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.people import People
from tests.support.report_data import ATHENS, build_month
from tests.ui.desk.pdf_text import pdf_text
from ui.printing import write_pdf

START, END = date(2026, 3, 1), date(2026, 3, 31)


def _tricky_tickets(services: Services, people: People, clock: FakeClock) -> None:
    t, eng, care = services.tickets, people.engineer, people.care

    def open_(when: datetime, subject: str) -> str:
        clock.set(when)
        return t.open_ticket(
            care,
            customer="ACME",
            subject=subject,
            service_type="second_level_support",
            criticality="medium",
            description=subject,
            contact="Jo Smith",
        ).number

    def resolve(number: str, when: datetime) -> None:
        clock.set(when)
        t.resolve(eng, number, problem_nature="A cause.", solution="A fix.")

    twice = open_(datetime(2026, 3, 10, 10, tzinfo=ATHENS), "Resolved twice")
    t.take(eng, twice)
    t.start(eng, twice)
    resolve(twice, datetime(2026, 3, 10, 12, tzinfo=ATHENS))
    clock.set(datetime(2026, 3, 11, 10, tzinfo=ATHENS))
    t.reject(care, twice, contact="Jo Smith", channel="phone", reason="Still broken.")
    resolve(twice, datetime(2026, 3, 11, 12, tzinfo=ATHENS))

    reopened = open_(datetime(2026, 3, 12, 10, tzinfo=ATHENS), "Reopened, still open")
    t.take(eng, reopened)
    t.start(eng, reopened)
    resolve(reopened, datetime(2026, 3, 12, 12, tzinfo=ATHENS))
    clock.set(datetime(2026, 3, 13, 10, tzinfo=ATHENS))
    t.reject(care, reopened, contact="Jo Smith", channel="phone", reason="Not fixed.")

    cancelled = open_(datetime(2026, 3, 16, 10, tzinfo=ATHENS), "Resolved, then cancelled")
    t.take(eng, cancelled)
    t.start(eng, cancelled)
    resolve(cancelled, datetime(2026, 3, 16, 12, tzinfo=ATHENS))
    clock.set(datetime(2026, 3, 16, 13, tzinfo=ATHENS))
    t.cancel(people.manager, cancelled, "Duplicate of another ticket.")

    late = open_(datetime(2026, 3, 31, 23, 30, tzinfo=ATHENS), "Opened in the last hour")
    t.take(eng, late)
    t.start(eng, late)
    resolve(late, datetime(2026, 4, 1, 9, 30, tzinfo=ATHENS))

    early = open_(datetime(2026, 3, 1, 0, 30, tzinfo=ATHENS), "Opened in the first hour")
    t.take(eng, early)
    t.start(eng, early)
    resolve(early, datetime(2026, 3, 1, 2, tzinfo=ATHENS))
    clock.set(datetime(2026, 4, 2, 12, tzinfo=ATHENS))


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def _pairs(section: str) -> list[tuple[int, int]]:
    """(opened, resolved) of each row of a breakdown table (a row ends in two numbers)."""
    return [(int(a), int(b)) for a, b in re.findall(r"(\d+) (\d+)$", section, re.M)]


def test_the_period_pdf_says_one_resolved_count_everywhere(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    build_month(services, people, clock)
    _tricky_tickets(services, people, clock)
    report = services.reports.period_report(people.manager, customer="ACME", start=START, end=END)

    # A..E of the month, plus: twice (resolved), reopened (open), cancelled, late
    # (resolved after the period: still a ticket of it), early (resolved).
    assert report.opened == 10
    assert report.resolved == 7
    assert report.resolved == report.total.resolved == sum(g.resolved for g in report.by_priority)
    # B and "twice" were reopened once each, "reopened" once; the cancelled one was not.
    assert report.total.reopenings == 3
    for rows in (report.by_category, report.by_service, report.by_product):
        assert sum(r.resolved for r in rows) == report.resolved
        assert sum(r.opened for r in rows) == report.opened

    pdf = tmp_path / "period.pdf"
    write_pdf(report, pdf, {"name": "Hellas Systems S.A.", "timezone": "Europe/Athens"})
    text = pdf_text(pdf).replace("\r\n", "\n")
    summary = _section(text, "Service report\n", "Response and resolution times")
    card = int(re.search(r"(\d+)\nResolved", summary).group(1))  # type: ignore[union-attr]
    times = _section(text, "Response and resolution times", "Service level and rework")
    priorities = [(int(n), int(r)) for n, r in re.findall(r"\bP\d (\d+) (\d+)\b", times)]
    all_row = re.search(r"\bAll (\d+) (\d+)\b", times)
    assert all_row is not None and len(priorities) == len(report.by_priority)
    assert card == int(all_row.group(2)) == sum(r for _, r in priorities) == 7
    for name, after in (("Category", "Service"), ("Service", "Product"), ("Product", "Open")):
        table = _pairs(_section(text, f"{name} Opened Resolved", f"{after} "))
        assert sum(r for _, r in table) == card, name
        assert sum(n for n, _ in table) == int(all_row.group(1)) == 10, name
