"""The manager dashboard: SLA compliance trend, backlog by priority and age, load per
engineer and the tickets at risk now, with click-through to the tickets behind a
figure; and the period report, exported with progress and a Cancel button.

All database work runs on the :class:`TaskRunner`; the GUI thread only draws.
Wiring (main window): ``view = DashboardView(services, actor, runner)``, then
``view.open_tickets.connect(<show these ticket numbers in the queue>)``.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QBarSet, QChart, QChartView, QLineSeries
from PySide6.QtCore import QDate, QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.errors import describe
from app.reports.render.tabular import period_csv, to_json
from app.services.auth import Actor
from app.services.dashboard import DashboardFigures
from app.services.report_model import PeriodReport
from app.services.reports import ReportCancelled
from ui.models.at_risk_model import NUMBER_ROLE, AtRiskModel
from ui.models.dashboard_shape import DashboardShape
from ui.printing.charts import bar_chart, line_chart
from ui.tasks import TaskRunner
from ui.timefmt import locale_date_format, locale_day_month, locale_time, user_zone
from ui.value_labels import value_label
from ui.views.chart_palette import match_palette

SUBJECT = 3  # the at-risk table's column that gives way on a narrow screen


def week_labels(starts: list[datetime]) -> list[str]:
    """``4/10, 11, 18, 25, 1/11, 8``: the month only where it changes, so eight weeks fit
    a narrow chart without "11…" (the locale decides day/month order)."""
    labels, month = [], None
    for start in starts:
        local = start.astimezone(user_zone())
        labels.append(locale_day_month(start) if local.month != month else str(local.day))
        month = local.month
    return labels


class DashboardView(QWidget):
    open_tickets = Signal(list)  # ticket numbers behind a clicked figure
    loaded = Signal()
    export_finished = Signal(str)  # the file written, or "" when cancelled or failed
    _progress = Signal(int, int)  # from the worker thread to the progress bar

    def __init__(
        self, services: Services, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.setWindowTitle(self.tr("Dashboard"))
        self.services, self.actor, self.runner = services, actor, runner
        self.shape: DashboardShape | None = None
        self._cancel = threading.Event()
        self._bar_sets: dict[str, list[QBarSet]] = {}
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)  # Greek runs longer than the English it replaces
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.trend_view = self._chart_view()
        self.backlog_view = self._chart_view()
        self.load_view = self._chart_view()
        self.at_risk = AtRiskModel(self)
        self.at_risk_table = QTableView()
        self.at_risk_table.setModel(self.at_risk)
        self.at_risk_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.at_risk_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.at_risk_table.verticalHeader().setVisible(False)
        self.at_risk_table.setWordWrap(False)
        # Each column as wide as its words (Greek headers and local dates run long); the
        # subject takes what is left, and a narrow screen scrolls sideways instead of
        # cutting a header (every cell has its whole text as a tooltip).
        header = self.at_risk_table.horizontalHeader()
        header.setMinimumSectionSize(40)
        for column in range(self.at_risk.columnCount()):
            mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch if column == SUBJECT else mode
            )
        self.at_risk_table.doubleClicked.connect(
            lambda index: self.open_tickets.emit([index.data(NUMBER_ROLE)])
        )
        self.open_at_risk = QPushButton(self.tr("Open all at risk"))
        self.open_at_risk.clicked.connect(lambda: self.open_tickets.emit(self.at_risk.numbers()))
        self._progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        grid = QGridLayout()
        grid.addWidget(self.trend_view, 0, 0)
        grid.addWidget(self.backlog_view, 0, 1)
        grid.addWidget(self.load_view, 1, 0)
        risk = QVBoxLayout()
        risk.addWidget(QLabel(self.tr("<b>Tickets at risk now</b> (double-click to open)")))
        risk.addWidget(self.at_risk_table, 1)
        risk.addWidget(self.open_at_risk, 0, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(risk, 1, 1)
        # The at-risk list needs the width more than the charts do (1024 px screens).
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addWidget(self._export_box())
        self.refresh()

    # -- figures -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        self.runner.submit(
            lambda: self.services.dashboard.figures(self.actor),
            self._show,
            self._failed,
            label="dashboard",
        )

    def _show(self, figures: DashboardFigures) -> None:
        self.refresh_button.setEnabled(True)
        shape = self.shape = DashboardShape(figures)
        self.status.setText(
            self.tr("{backlog} open tickets, {risk} at risk or breached · updated {when}").format(
                backlog=shape.backlog_total(),
                risk=len(figures.at_risk),
                when=locale_time(figures.generated_at).split(" ")[-1],
            )
        )
        trend = line_chart(
            self.tr("SLA met, per week (%)"),
            week_labels(shape.trend_starts()),
            self.tr("SLA met"),
            shape.trend_values(),
        )
        for series in trend.series():
            if isinstance(series, QLineSeries):
                series.clicked.connect(self._trend_clicked)
        self._set_chart(self.trend_view, trend)
        backlog = shape.backlog()
        backlog = type(backlog)(
            backlog.categories, [(value_label(age), values) for age, values in backlog.sets]
        )
        self._set_chart(
            self.backlog_view,
            self._bars("backlog", self.tr("Backlog by priority and age"), backlog, stacked=True),
        )
        load = shape.load()
        load = type(load)(load.categories, [(self.tr("Open tickets"), v) for _, v in load.sets])
        self._set_chart(
            self.load_view,
            self._bars("load", self.tr("Open tickets per engineer"), load, horizontal=True),
        )
        self.at_risk.set_rows(figures.at_risk)
        self.loaded.emit()

    def _failed(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(describe(exc))

    def _bars(
        self, figure: str, title: str, bars: Any, *, stacked: bool = False, horizontal: bool = False
    ) -> QChart:
        chart = bar_chart(
            title,
            bars.categories,
            bars.sets,
            stacked=stacked,
            legend=stacked,
            horizontal=horizontal,
        )
        sets = [s for series in chart.series() for s in series.barSets()]  # type: ignore[attr-defined]
        self._bar_sets[figure] = sets
        for index, bar_set in enumerate(sets):
            bar_set.clicked.connect(
                lambda category, i=index, f=figure: self._bar_clicked(f, i, category)
            )
        return chart

    def _bar_clicked(self, figure: str, set_index: int, category: int) -> None:
        if figure == "backlog":  # a set per age, a category per priority
            self.clicked(figure, set_index, category)
        else:  # one set, a category per engineer
            self.clicked(figure, category)

    def _trend_clicked(self, point: QPointF) -> None:
        self.clicked("trend", round(point.x()))

    def clicked(self, figure: str, *where: int) -> None:
        """A bar or point was clicked: fetch the tickets behind it, then emit them."""
        if self.shape is None:
            return
        target = self.shape.click(figure, *where)
        if target is None:
            return
        name, key = target
        self.runner.submit(
            lambda: self.services.dashboard.tickets_behind(self.actor, name, key),
            self.open_tickets.emit,
            self._failed,
            label="dashboard tickets",
        )

    def bar_sets(self, figure: str) -> list[QBarSet]:
        return self._bar_sets.get(figure, [])

    @staticmethod
    def _chart_view() -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(320, 220)
        return view

    @staticmethod
    def _set_chart(view: QChartView, chart: QChart) -> None:
        match_palette(chart, view.palette())
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    # -- period report -----------------------------------------------------------------------

    def _export_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Period report"))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("All customers"), None)
        today = QDate.currentDate()
        self.start = QDateEdit(today.addMonths(-1).addDays(1 - today.day()))
        self.end = QDateEdit(today.addDays(-today.day()))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(locale_date_format())
        self.format = QComboBox()
        self.format.addItems(["PDF", "CSV", "JSON"])
        self.format.setAccessibleName(self.tr("File format"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.clicked.connect(self._ask_file)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        row = QHBoxLayout(box)
        for widget in (
            QLabel(self.tr("Customer")),
            self.scope,
            QLabel(self.tr("from")),
            self.start,
            QLabel(self.tr("to")),
            self.end,
            self.format,
            self.export_button,
            self.progress,
            self.cancel_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self.runner.submit(
            lambda: self.services.reports.customers(self.actor),
            self._fill_customers,
            lambda _e: None,
            label="report customers",
        )
        return box

    def _fill_customers(self, customers: list[tuple[str, str]]) -> None:
        for code, name in customers:
            self.scope.addItem(f"{code} – {name}", code)

    def _ask_file(self) -> None:
        fmt = self.format.currentText().lower()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the period report"), f"period-report.{fmt}"
        )
        if path:
            self.export_period(
                Path(path),
                self.scope.currentData(),
                self.start.date().toPython(),  # type: ignore[arg-type]
                self.end.date().toPython(),  # type: ignore[arg-type]
                fmt,
            )

    def export_period(
        self, path: Path, customer: str | None, start: date, end: date, fmt: str
    ) -> None:
        """Build the report's figures in the background (with progress, cancellable),
        then write the file; the PDF is drawn here, on the GUI thread (QtCharts)."""
        self._cancel.clear()
        self._busy(True)

        def progress(done: int, total: int) -> None:
            if self._cancel.is_set():
                raise ReportCancelled("the report was cancelled.")
            self._progress.emit(done, total)

        # One customer's report speaks that customer's language; the all-customers one
        # is for the desk, in the desk's language.
        desk_language = "el" if QLocale().language() == QLocale.Language.Greek else "en"

        def build() -> tuple[PeriodReport, dict[str, Any], str]:
            report = self.services.reports.period_report(
                self.actor, customer=customer, start=start, end=end, progress=progress
            )
            # The header (company name and logo, Administration › Company) read here too.
            header = self.services.desk_settings.report_company(self.actor)
            if customer is None:
                return report, header, desk_language
            return (
                report,
                header,
                self.services.customers.get_customer(self.actor, customer).language,
            )

        self.runner.submit(
            build,
            lambda done: self._write(done[0], path, fmt, done[1], done[2]),
            self._export_failed,
            label="period report",
        )

    def cancel_export(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)

    def _write(
        self,
        report: PeriodReport,
        path: Path,
        fmt: str,
        header: dict[str, Any],
        language: str = "en",
    ) -> None:
        try:
            if fmt == "pdf":
                from ui.printing import write_pdf  # QtCharts: only when asked for

                write_pdf(report, path, header, language)
            else:
                path.write_text(
                    to_json(report) if fmt == "json" else period_csv(report), encoding="utf-8"
                )
        except (OSError, ValueError) as exc:
            self._export_failed(exc)
            return
        self._busy(False)
        self.status.setText(self.tr("Period report saved to {path}").format(path=path))
        self.export_finished.emit(str(path))

    def _export_failed(self, exc: Exception) -> None:
        self._busy(False)
        if isinstance(exc, ReportCancelled):
            self.status.setText(self.tr("The period report was cancelled."))
        else:
            self.status.setText(describe(exc))
        self.export_finished.emit("")

    def _busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
