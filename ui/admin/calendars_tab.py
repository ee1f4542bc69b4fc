"""Business calendars: working days and hours in a time zone, country holidays and
closures; the next 12 months' closed days; when a ticket opened now would be due."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.assignment import DAYS
from app.domain.tickets import Criticality, ServiceType
from app.services.dto import CustomerView
from app.services.sla_preview import ClosedDay, DuePreview
from app.services.sla_views import CalendarView
from ui.admin.parts import Form, RecordList, Section, mark
from ui.admin.people_section import zone_combo
from ui.admin.records import Column
from ui.value_labels import day_name, value_label

PREVIEW_DAYS = 365


def _local(moment: datetime) -> str:
    return f"{moment.astimezone():%a %d %b %Y %H:%M %Z}"  # the desk's own zone


class CalendarsTab(QWidget):
    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.list: RecordList[CalendarView] = RecordList(
            self.tr("Calendars"),
            [
                Column(self.tr("Calendar"), lambda c: c.code),
                Column(self.tr("Time zone"), lambda c: c.timezone),
                Column(
                    self.tr("Days"),
                    lambda c: ",".join(DAYS[int(d)] for d in c.workdays.split(",") if d),
                ),
                Column(self.tr("Hours"), lambda c: f"{c.day_start}–{c.day_end}"),
                Column(
                    self.tr("Holidays of"),
                    lambda c: "/".join(x for x in (c.country, c.subdivision) if x),
                ),
                Column(
                    self.tr("Closures"),
                    lambda c: str(len(c.closures)),
                    key=lambda c: len(c.closures),
                ),
            ],
            key=lambda c: c.code,
        )
        self.closed: RecordList[ClosedDay] = RecordList(
            self.tr("Closed days"),
            [
                Column(
                    self.tr("Closed day"), lambda d: f"{d.day:%a %d %b %Y}", key=lambda d: d.day
                ),
                Column(self.tr("Why"), lambda d: d.why),
            ],
            key=lambda d: d.day,
        )
        self.form = Form(self.tr("New calendar"))
        self.code = self.form.row(self.tr("C&ode"), QLineEdit())
        self.code.setPlaceholderText(self.tr("e.g. GR-OFFICE"))
        self.zone = self.form.row(self.tr("Time &zone"), zone_combo())
        self.zone.setCurrentText("Europe/Athens")
        days = QWidget()
        day_grid = QGridLayout(days)
        day_grid.setContentsMargins(0, 0, 0, 0)
        self.days: list[QCheckBox] = []
        for i, name in enumerate(DAYS):
            box = QCheckBox(day_name(i))
            box.setProperty("day", name)
            box.setChecked(i < 5)
            self.days.append(box)
            day_grid.addWidget(box, i // 4, i % 4)
        self.form.row(self.tr("Working days"), days)
        hours = QWidget()
        row = QHBoxLayout(hours)
        row.setContentsMargins(0, 0, 0, 0)
        self.opens = QTimeEdit(QTime(9, 0))
        self.opens.setAccessibleName(self.tr("Opens"))
        self.closes = QTimeEdit(QTime(17, 0))
        self.closes.setAccessibleName(self.tr("Closes"))
        row.addWidget(self.opens)
        row.addWidget(QLabel("–"))
        row.addWidget(self.closes)
        self.form.row(self.tr("Working hours"), hours)
        self.country = self.form.row(self.tr("Holidays of &country"), QLineEdit("GR"))
        self.country.setPlaceholderText(self.tr("two letters, e.g. GR; empty: none"))
        self.closures = self.form.row(self.tr("Closures"), QLineEdit())
        self.closures.setPlaceholderText(self.tr("extra closed days: 2026-12-24, 2026-12-31"))
        self.closures.textChanged.connect(self._check_closures)
        self.add_button = self.form.button(self.tr("&Add calendar"), self.add)

        self._calculator()

        # Two columns: calendars over the new-calendar form; the selected calendar's
        # closed days over the due-time calculator.
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.list)
        left.addWidget(self.form)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.closed)
        right.addWidget(self.calc)
        columns = QSplitter()
        columns.addWidget(left)
        columns.addWidget(right)
        columns.setStretchFactor(0, 3)
        columns.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(columns)
        self.list.chosen.connect(self._chosen)

    def _calculator(self) -> None:
        self.calc = Form(self.tr("When would a ticket opened now be due?"))
        self.calc_customer = self.calc.row(self.tr("Customer"), QComboBox())
        self.calc_criticality = self.calc.row(self.tr("Criticality"), QComboBox())
        for c in Criticality:
            self.calc_criticality.addItem(value_label(c.value), c.value)
        self.calc_service = self.calc.row(self.tr("Service"), QComboBox())
        for s in ServiceType:
            self.calc_service.addItem(value_label(s.value), s.value)
        self.calc_service.setCurrentIndex(self.calc_service.findData("second_level_support"))
        self.calc_button = self.calc.button(self.tr("Ca&lculate"), self.calculate)

    def load(self) -> None:
        s = self.section
        s.call(lambda: s.services.sla.calendars(s.actor), self.list.set_records)
        s.call(lambda: s.services.customers.list_customers(s.actor), self._customers)

    def _customers(self, customers: list[CustomerView]) -> None:
        keep = self.calc_customer.currentData()
        self.calc_customer.clear()
        for c in customers:
            self.calc_customer.addItem(f"{c.name} ({c.code})", c.code)
        self.calc_customer.setCurrentIndex(max(0, self.calc_customer.findData(keep)))

    def _chosen(self, cal: CalendarView | None) -> None:
        if cal is None:
            self.closed.set_records([])
            return
        s = self.section
        s.call(
            lambda: s.services.sla_preview.closed_days(s.actor, cal.code, days=PREVIEW_DAYS),
            self.closed.set_records,
        )

    def _parsed_closures(self) -> list[date]:
        text = self.closures.text().replace(";", ",")
        return [date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()]

    def _check_closures(self) -> str:
        try:
            self._parsed_closures()
            problem = ""
        except ValueError:
            problem = self.tr("Write closures as dates like 2026-12-24, separated by commas.")
        self.form.problem(mark(self.closures, problem))
        return problem

    def add(self) -> None:
        if self._check_closures():
            return
        workdays = ",".join(DAYS[i] for i, box in enumerate(self.days) if box.isChecked())
        if not workdays:
            self.form.problem(self.tr("Tick at least one working day."))
            return
        values: dict[str, Any] = dict(
            code=self.code.text(),
            timezone=self.zone.currentText(),
            workdays=workdays,
            day_start=self.opens.time().toString("HH:mm"),
            day_end=self.closes.time().toString("HH:mm"),
            country=self.country.text().strip() or None,
            closures=self._parsed_closures(),
        )
        s = self.section
        s.call(lambda: s.services.sla.add_calendar(s.actor, **values), self._added, self.form)

    def _added(self, cal: CalendarView) -> None:
        self.code.clear()
        self.closures.clear()
        s = self.section
        s.reload(
            self.list,
            lambda: s.services.sla.calendars(s.actor),
            keep=lambda c: c.code == cal.code,
            then=lambda: self.form.done(self.tr("Added calendar {0}.").format(cal.code)),
        )

    def calculate(self) -> None:
        customer = self.calc_customer.currentData()
        if not customer:
            self.calc.problem(self.tr("Add a customer with a contract first."))
            return
        s = self.section
        crit, service = self.calc_criticality.currentData(), self.calc_service.currentData()
        s.call(
            lambda: s.services.sla_preview.due_now(
                s.actor, customer=customer, criticality=crit, service_type=service
            ),
            self._calculated,
            self.calc,
        )

    def _calculated(self, due: DuePreview) -> None:
        self.last_due = due
        self.calc.done(
            self.tr("{0}, tier {1}: P{2}, {3}.\nFirst response by {4}\nResolution by {5}").format(
                due.contract,
                due.tier,
                due.priority,
                due.clock,
                _local(due.response_due),
                _local(due.resolution_due),
            )
        )
