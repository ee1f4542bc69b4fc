"""The ticket PDF speaks the customer's language (customers.language, issue 18): Greek
headings, facts, SLA words and dates for a Greek customer; English for the others."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.domain.clock import FakeClock
from tests.support.people import People
from tests.support.tickets import gold_checkout_ticket
from tests.ui.desk.pdf_text import pdf_text
from ui.printing import write_pdf


def ticket_pdf(services: Services, people: People, clock: FakeClock, path: Path) -> str:
    number = gold_checkout_ticket(services, people, "high")
    clock.set(clock.now() + timedelta(days=6))
    services.sla.scan()
    report = services.reports.ticket_report(people.care, number)
    language = services.customers.get_customer(people.care, "ACME").language
    write_pdf(report, path, {"name": "Test desk"}, language)
    return pdf_text(path)


def test_a_greek_customers_ticket_pdf_is_greek(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    services.customers.set_language(people.manager, "ACME", "el")
    text = ticket_pdf(services, people, clock, tmp_path / "el.pdf")
    for greek in (
        "Αναφορά επίλυσης αιτήματος",  # title, and the header's
        "Πελάτης",
        "Διαχειριζόμενη φιλοξενία".lower(),  # the service, in the customer's words
        "Χρόνος και επίπεδο υπηρεσίας",
        "εκπρόθεσμο",  # both clocks, as the queue says "breached"
        "Μαρτίου 2026",  # dates in Greek
        "Σελίδα 1 από",
    ):
        assert greek in text, greek
    for english in ("Ticket resolution report", "Customer", "breached", "Page 1 of"):
        assert english not in text, english


def test_an_english_customers_ticket_pdf_stays_english(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    text = ticket_pdf(services, people, clock, tmp_path / "en.pdf")
    assert "Ticket resolution report" in text and "breached" in text
    assert "Αναφορά" not in text


def test_a_greek_customers_period_report_is_greek(
    qtbot: QtBot, services: Services, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    ticket_pdf(services, people, clock, tmp_path / "first.pdf")  # a ticket in the period
    services.customers.set_language(people.manager, "ACME", "el")
    today = clock.now().date()
    report = services.reports.period_report(
        people.manager, customer="ACME", start=today - timedelta(days=30), end=today
    )
    language = services.customers.get_customer(people.manager, "ACME").language
    path = tmp_path / "period.pdf"
    write_pdf(report, path, {"name": "Test desk"}, language)
    text = pdf_text(path)
    # (the charts are pictures: their words are not in the text)
    for greek in ("Αναφορά υπηρεσιών", "Παραβιάσεις SLA", "Χρόνοι απόκρισης και επίλυσης"):
        assert greek in text, greek
    for english in ("Service report", "SLA breaches", "Response and resolution"):
        assert english not in text, english


def test_a_greek_customers_monthly_sla_report_is_greek(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from app.bootstrap import demo_services
    from app.services.demo import DEMO_PASSWORD, load_demo
    from ui.printing.monthly import write_monthly_pdf

    seeding, clock = demo_services(services)  # the demo's "now" is 2 March 2026
    load_demo(seeding, clock, tickets=4)
    mia = services.users.login("mia", DEMO_PASSWORD)
    services.customers.set_language(mia, "ACME", "el")
    report = services.monthly_reports.monthly_report(mia, "ACME", "2026-02")
    language = services.customers.get_customer(mia, "ACME").language
    path = tmp_path / "monthly.pdf"
    write_monthly_pdf(report, path, {"name": "Test desk"}, language)
    text = pdf_text(path)
    for greek in (
        "Μηνιαία αναφορά SLA · Φεβρουάριος 2026",
        "1 – 28 Φεβρουαρίου 2026",
        "1. Διαθεσιμότητα",
        "2. Διακοπές",
        "6. Πιστώσεις υπηρεσίας",
        "Αποδοχή",
        "Υπογραφή:",
    ):
        assert greek in text, greek
    for english in ("Monthly SLA report", "Availability", "Outages", "Signature:"):
        assert english not in text, english
