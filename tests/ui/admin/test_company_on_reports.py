"""The company an administrator stores (Administration › Company) heads the reports:
its name over the settings file's, its logo drawn from the stored image."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from app.bootstrap import Services
from tests.support.people import People
from ui.printing.pdf import _logo, write_pdf


def png(folder: Path, width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#3d7be6"))
    path = folder / "logo.png"
    assert image.save(str(path))
    return path.read_bytes()


def test_reports_are_headed_by_the_stored_company(
    services: Services, people: People, tmp_path: Path
) -> None:
    before = services.desk_settings.report_company(people.care)
    assert "name" not in before and "logo" not in before  # nothing stored, no file
    logo = png(tmp_path, 64, 32)
    services.desk_settings.set_company(people.admin, name="Northwind Support", logo=logo)
    header = services.desk_settings.report_company(people.care)
    assert (header["name"], header["logo"]) == ("Northwind Support", logo)
    drawn = _logo(header["logo"], 256)
    assert drawn is not None and (drawn.width(), drawn.height()) == (64, 32)

    ticket = services.tickets.open_ticket(
        people.care, customer="ACME", subject="Printer on fire", service_type="second_level_support"
    )
    report = services.reports.ticket_report(people.care, ticket.number)
    out = tmp_path / "report.pdf"
    write_pdf(report, out, header)
    assert out.read_bytes().startswith(b"%PDF")
