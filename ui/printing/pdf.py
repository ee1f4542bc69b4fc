"""Reports as PDF, drawn with Qt's own PDF writer: a header with the company's logo
and name on every page, the report laid out by :class:`QTextDocument`, charts drawn
with QtCharts, and a footer with the page number.

Also used headless by ``supportdesk report ... --format pdf`` (offscreen platform).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from app.display_zone import user_zone_name
from app.reports.render.html import (
    ACCENT,
    CSS,
    MUTED,
    RULE,
    Formatter,
    period_html,
    period_span,
    ticket_html,
)
from app.services.report_model import AGE_BUCKETS, PeriodReport, TicketReport
from ui.printing.charts import bar_chart, chart_image

# Package data (wheel, bundle or checkout alike): installs unpack it as real files.
DEFAULT_LOGO = Path(str(files("ui").joinpath("resources", "icons", "app.svg")))
DEFAULT_ZONE = "Europe/Athens"
DPI = 300
MARGIN_MM = 16.0
HEADER_MM, FOOTER_MM = 16.0, 9.0


def ensure_app() -> QApplication:
    """QtCharts and fonts need an application object; headless runs go offscreen."""
    app = QApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    assert isinstance(app, QApplication)
    return app


def _logo(path: str | bytes | None, size: int) -> QImage | None:
    if isinstance(path, bytes) and path:  # stored in the database (Administration › Company)
        stored = QImage.fromData(path)
        return None if stored.isNull() else stored
    source = Path(path) if isinstance(path, str) and path else DEFAULT_LOGO
    if not source.exists():
        return None
    if source.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(source))
        if not renderer.isValid():
            return None
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image
    image = QImage(str(source))
    return None if image.isNull() else image


def _mm(mm: float) -> float:
    return mm / 25.4 * DPI


def _period_charts(r: PeriodReport, _: Callable[[str], str] = str) -> list[tuple[str, QImage]]:
    """The period report's charts, their words in the reader's language (``_``)."""
    prios = [f"P{g.key}" for g in r.by_priority]
    charts = [
        bar_chart(
            _("Tickets per priority"),
            prios,
            [
                (_("count|Opened"), [g.tickets for g in r.by_priority]),
                (_("count|Resolved"), [g.resolved for g in r.by_priority]),
            ],
        ),
        bar_chart(
            _("SLA met per priority (%)"),
            prios,
            [
                (_("Response"), [g.response_met_pct or 0 for g in r.by_priority]),
                (_("Resolution"), [g.resolution_met_pct or 0 for g in r.by_priority]),
            ],
            max_value=100,
        ),
    ]
    backlog_prios = sorted({c.priority for c in r.backlog}) or [1, 2, 3, 4]
    cells = {(c.priority, c.age): c.tickets for c in r.backlog}
    charts.append(
        bar_chart(
            _("Open backlog by age"),
            [f"P{p}" for p in backlog_prios],
            [
                (_(age), [cells.get((p, age), 0) for p in backlog_prios])
                for age, _bound in AGE_BUCKETS
                if any(c.age == age for c in r.backlog)
            ]
            or [(_("open"), [0 for _p in backlog_prios])],
            stacked=True,
            legend=True,
        )
    )
    charts.append(
        bar_chart(
            _("Tickets per category"),
            [_(c.key.replace("_", " ")) for c in r.by_category],
            [
                (_("count|Opened"), [c.opened for c in r.by_category]),
                (_("count|Resolved"), [c.resolved for c in r.by_category]),
            ],
        )
    )
    out = []
    for i, chart in enumerate(charts):
        for axis in chart.axes():
            axis.setLabelsFont(QFont("DejaVu Sans", 8))
        chart.setTitleFont(QFont("DejaVu Sans", 9, QFont.Weight.Bold))
        chart.legend().setFont(QFont("DejaVu Sans", 8))
        out.append((f"chart{i}.png", chart_image(chart, 400, 215)))
    return out


def write_pdf(
    report: TicketReport | PeriodReport,
    path: Path,
    company: Mapping[str, Any] | None = None,
    language: str = "en",
) -> None:
    """Write ``report`` as an A4 PDF at ``path``, in ``language`` (the customer's)."""
    ensure_app()
    company = dict(company or {})
    name = str(company.get("name") or "SupportDesk")
    # The user's zone, as on screen (the report's notes name it): one ticket, one time.
    fmt = Formatter(user_zone_name(), language)
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(_title(report, fmt))
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
    if isinstance(report, TicketReport):
        html = ticket_html(report, fmt)
    else:
        charts = _period_charts(report, fmt.t)
        for key, image in charts:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(key), image)
        html = period_html(report, fmt, [k for k, _ in charts])
        # Image widths are in 96-dpi pixels; the document lays out at the writer's DPI.
        html = html.replace("{W}", str(int(body.width() * 96 / DPI / 2) - 6))
    doc.setHtml(f"<html><body>{html}</body></html>")
    logo = _logo(company.get("logo"), 256)
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            _header(painter, page, name, logo, _title(report, fmt))
            _footer(painter, page, fmt, (number + 1, pages), fmt.when(report.generated_at))
            painter.save()
            painter.translate(body.left(), body.top() - number * body.height())
            clip = QRectF(0, number * body.height(), body.width(), body.height())
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()


def _title(report: TicketReport | PeriodReport, fmt: Formatter) -> str:
    if isinstance(report, TicketReport):
        return fmt.t("Ticket resolution report {number}").format(number=report.number)
    span = period_span(report.start, report.end, fmt.language)
    return f"{fmt.t('Service report')} {report.scope} · {span}"


def _header(painter: QPainter, page: QRectF, name: str, logo: QImage | None, title: str) -> None:
    left, top = _mm(MARGIN_MM), _mm(MARGIN_MM)
    width = page.width() - 2 * _mm(MARGIN_MM)
    size = _mm(10)
    x = left
    if logo is not None:
        painter.drawImage(QRectF(left, top, size * logo.width() / logo.height(), size), logo)
        x += size * logo.width() / logo.height() + _mm(3)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(13)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(ACCENT))
    painter.drawText(QRectF(x, top, width, size), Qt.AlignmentFlag.AlignVCenter, name)
    font.setPointSizeF(8)
    font.setBold(False)
    painter.setFont(font)
    painter.setPen(QColor(MUTED))
    painter.drawText(
        QRectF(left, top, width, size),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
        title,
    )
    pen = QPen(QColor(RULE))
    pen.setWidthF(_mm(0.3))
    painter.setPen(pen)
    y = top + size + _mm(2.5)
    painter.drawLine(int(left), int(y), int(left + width), int(y))


def _footer(
    painter: QPainter, page: QRectF, fmt: Formatter, where: tuple[int, int], generated: str
) -> None:
    number, pages = where
    left = _mm(MARGIN_MM)
    width = page.width() - 2 * _mm(MARGIN_MM)
    y = page.height() - _mm(MARGIN_MM) - _mm(FOOTER_MM) + _mm(3)
    pen = QPen(QColor(RULE))
    pen.setWidthF(_mm(0.3))
    painter.setPen(pen)
    painter.drawLine(int(left), int(y), int(left + width), int(y))
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QColor(MUTED))
    box = QRectF(left, y + _mm(1), width, _mm(FOOTER_MM - 3))
    painter.drawText(
        box, Qt.AlignmentFlag.AlignLeft, fmt.t("Generated {when}").format(when=generated)
    )
    page_of = fmt.t("Page {number} of {pages}").format(number=number, pages=pages)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight, page_of)
