"""The PDF reports, drawn with Qt's PDF writer and rendered back to PNG.

Set SUPPORTDESK_REPORT_SAMPLES=DIR to also keep the PDFs and first-page PNGs there
(how docs/reports/ was made); look at them before committing.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, open_services
from app.domain.clock import FakeClock
from app.services.auth import Passwords
from tests.support.people import make_people
from tests.support.report_data import build_month
from ui.printing import write_pdf

COMPANY = {"name": "Hellas Systems S.A.", "timezone": "Europe/Athens"}


def render(pdf: Path, page: int = 0) -> QImage:
    doc = QPdfDocument()
    doc.load(str(pdf))
    size = doc.pagePointSize(page)
    image = doc.render(page, QSize(int(size.width() * 1.5), int(size.height() * 1.5)))
    doc.close()
    # The renderer leaves the paper transparent; put it on white paper.
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def ink(image: QImage) -> float:
    """Share of sampled pixels that are not white (a blank page has none)."""
    dark = total = 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            total += 1
            dark += image.pixelColor(x, y).lightness() < 240
    return dark / total


def pages(pdf: Path) -> int:
    doc = QPdfDocument()
    doc.load(str(pdf))
    count = doc.pageCount()
    doc.close()
    return count


def test_ticket_and_period_reports_render_as_printable_pdfs(
    qtbot: QtBot, sqlite_url: str, clock: FakeClock, fast_passwords: Passwords, tmp_path: Path
) -> None:
    services: Services = open_services(sqlite_url, clock=clock, passwords=fast_passwords)
    try:
        people = make_people(services)
        month = build_month(services, people, clock)
        ticket = services.reports.ticket_report(people.care, month.a)
        period = services.reports.period_report(
            people.manager, customer="ACME", start=date(2026, 3, 1), end=date(2026, 3, 31)
        )
    finally:
        services.db.dispose()
    made = {}
    for name, report in (("ticket-report", ticket), ("period-report", period)):
        pdf = tmp_path / f"{name}.pdf"
        write_pdf(report, pdf, COMPANY)
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size < 500_000
        first = render(pdf)
        assert not first.isNull()
        assert first.width() < first.height()  # A4 portrait
        assert 0.02 < ink(first) < 0.6  # printed on, but not a black box
        png = tmp_path / f"{name}.png"
        assert first.save(str(png))
        made[name] = (pdf, png)
    assert pages(made["ticket-report"][0]) == 1
    assert pages(made["period-report"][0]) == 2  # figures and charts; then the lists
    samples = os.environ.get("SUPPORTDESK_REPORT_SAMPLES")
    if samples:
        Path(samples).mkdir(parents=True, exist_ok=True)
        for pdf, png in made.values():
            shutil.copy(pdf, samples)
            shutil.copy(png, samples)
