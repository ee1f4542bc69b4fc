"""Reports → Monthly SLA report…: choose a customer, a month and a format, then save.

The figures are computed on the runner's worker thread; a PDF is painted here on the
GUI thread (Qt's painter wants it), CSV and JSON are written as the core renders them.
Every problem is shown in the dialog's error line, as plain text.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFileDialog, QWidget

from app.bootstrap import Services
from app.domain.errors import describe
from app.reports.render.monthly import monthly_csv, monthly_json
from app.services.auth import Actor
from app.services.monthly_model import MonthlyReport
from ui.dialogs.base import FormDialog
from ui.tasks import TaskRunner

# Marked for translation here, translated when the combo box is filled.
FORMATS = (
    ("pdf", QT_TRANSLATE_NOOP("MonthlyReportDialog", "PDF document")),
    ("csv", QT_TRANSLATE_NOOP("MonthlyReportDialog", "CSV table")),
    ("json", QT_TRANSLATE_NOOP("MonthlyReportDialog", "JSON data")),
)


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


class MonthlyReportDialog(FormDialog):
    """Emits ``loaded`` once the customer list is in, ``saved(path)`` after each save."""

    loaded = Signal()
    saved = Signal(str)

    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Monthly SLA report"), self.tr("Save…"), parent)
        self.services, self.actor, self.runner = services, actor, runner
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.customer = QComboBox()
        self.customer.setAccessibleName(self.tr("Customer"))
        self.month = QDateEdit()
        self.month.setDisplayFormat("MMMM yyyy")
        self.month.setCalendarPopup(False)
        first = previous_month(date.today())
        self.month.setDate(QDate(first.year, first.month, 1))
        self.month.setAccessibleName(self.tr("Month"))
        self.format = QComboBox()
        for key, label in FORMATS:
            self.format.addItem(self.tr(str(label)), key)
        self.form.addRow(self.tr("Customer"), self.customer)
        self.form.addRow(self.tr("Month"), self.month)
        self.form.addRow(self.tr("Format"), self.format)
        self.ok_button.setEnabled(False)  # until the customers are in
        self.runner.submit(
            lambda: self.services.reports.customers(self.actor),
            self._customers,
            self._failed,
            label="customers",
        )

    # -- input -----------------------------------------------------------------------------

    def chosen_month(self) -> str:
        value = self.month.date()
        return f"{value.year():04d}-{value.month():02d}"

    def chosen_format(self) -> str:
        return str(self.format.currentData())

    def problem(self) -> str:
        if self.customer.currentData() is None:
            return self.tr("Choose a customer.")
        return ""

    def _customers(self, rows: list[tuple[str, str]]) -> None:
        for code, name in rows:
            self.customer.addItem(f"{name} ({code})", code)
        self.ok_button.setEnabled(bool(rows))
        if not rows:
            self.error.setText(self.tr("There are no customers yet."))
        self.loaded.emit()

    def _failed(self, exc: Exception) -> None:
        self.error.setText(describe(exc))
        self.ok_button.setEnabled(True)

    # -- saving ----------------------------------------------------------------------------

    def accept(self) -> None:
        """OK asks where to save; the dialog stays open until the file is written."""
        fmt = self.chosen_format()
        suggested = f"{self.customer.currentData()}-sla-{self.chosen_month()}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save monthly SLA report"), suggested, f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.save(Path(path))

    def save(self, path: Path) -> None:
        problem = self.problem()
        self.error.setText(problem)
        if problem:
            return
        code, month = str(self.customer.currentData()), self.chosen_month()
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("Computing the figures…"))
        self.runner.submit(
            lambda: (
                self.services.monthly_reports.monthly_report(self.actor, code, month),
                self.services.desk_settings.report_company(self.actor),  # the page header
                self.services.customers.get_customer(self.actor, code).language,  # of the PDF
            ),
            lambda done: self._write(done[0], path, done[1], done[2]),
            self._failed,
            label="monthly SLA report",
        )

    def _write(
        self, report: MonthlyReport, path: Path, header: dict[str, Any], language: str = "en"
    ) -> None:
        fmt = self.chosen_format()
        try:
            if fmt == "pdf":
                from ui.printing.monthly import write_monthly_pdf  # Qt's PDF writer, on demand

                write_monthly_pdf(report, path, header, language)
            else:
                text = monthly_json(report) if fmt == "json" else monthly_csv(report)
                path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.error.setText(self.tr("Cannot write {0}: {1}").format(path, exc.strerror or exc))
            self.ok_button.setEnabled(True)
            return
        self.error.setText(self.tr("Saved {0}.").format(path.name))
        self.ok_button.setEnabled(True)
        self.saved.emit(str(path))
