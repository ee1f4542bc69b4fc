"""The monthly SLA report as an A4 PDF: the same page furniture as the other reports
(logo, company, title on every page; page numbers and print time in the footer), the
body laid out from :func:`app.reports.render.monthly_html.monthly_html`.

Imported lazily by ``supportdesk sla-report --format pdf`` and by the desktop client.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from app.reports.render.html import CSS, Formatter
from app.reports.render.monthly_html import month_title, monthly_html
from app.services.monthly_model import MonthlyReport
from ui.printing.pdf import (
    DEFAULT_ZONE,
    DPI,
    FOOTER_MM,
    HEADER_MM,
    MARGIN_MM,
    _footer,
    _header,
    _logo,
    _mm,
    ensure_app,
)


def write_monthly_pdf(
    report: MonthlyReport,
    path: Path,
    company: Mapping[str, Any] | None = None,
    language: str = "en",
) -> None:
    """Write ``report`` as an A4 PDF at ``path``, in ``language`` (the customer's)."""
    ensure_app()
    company = dict(company or {})
    name = str(company.get("name") or "SupportDesk")
    fmt = Formatter(str(company.get("timezone") or report.timezone or DEFAULT_ZONE), language)
    month = month_title(report.month, language)
    title = f"{fmt.t('SLA report')} {report.customer_code} · {month}"
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator(name)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    page = QRectF(0, 0, writer.width(), writer.height())
    body = page.adjusted(
        _mm(MARGIN_MM), _mm(MARGIN_MM + HEADER_MM), -_mm(MARGIN_MM), -_mm(MARGIN_MM + FOOTER_MM)
    )
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultStyleSheet(CSS)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    doc.setHtml(f"<html><body>{monthly_html(report, fmt, name)}</body></html>")
    logo = _logo(company.get("logo"), 256)
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            _header(painter, page, name, logo, title)
            _footer(painter, page, fmt, (number + 1, pages), fmt.when(report.generated_at))
            painter.save()
            painter.translate(body.left(), body.top() - number * body.height())
            clip = QRectF(0, number * body.height(), body.width(), body.height())
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
