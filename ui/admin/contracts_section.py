"""Contracts and SLA: contracts (tier, services, validity, calendar), the tier ×
criticality targets table, and business calendars with a 12-month closed-days preview
and a "when would a ticket opened now be due" calculator."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.sla import Target
from app.domain.tickets import Criticality, ServiceType
from app.services.dto import CustomerView
from app.services.sla_views import CalendarView, ContractView
from ui.admin.calendars_tab import CalendarsTab
from ui.admin.parts import Form, RecordList, Section
from ui.admin.records import Column
from ui.admin.targets_model import TargetsModel
from ui.app_context import AppContext
from ui.timefmt import locale_date
from ui.value_labels import value_label


def label_of(value: str) -> str:
    """A stored value (``first_level_support``) in the user's words and language."""
    return value_label(value)


def combo_of(values: list[str]) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label_of(value), value)
    return combo


class ContractsTab(QWidget):
    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.list: RecordList[ContractView] = RecordList(
            self.tr("Contracts"),
            [
                Column(self.tr("Contract"), lambda c: c.code),
                Column(self.tr("Customer"), lambda c: c.customer),
                Column(self.tr("Tier"), lambda c: c.tier),
                Column(
                    self.tr("From"), lambda c: locale_date(c.valid_from), key=lambda c: c.valid_from
                ),
                Column(
                    self.tr("To"),
                    lambda c: locale_date(c.valid_to) if c.valid_to else "—",
                    key=lambda c: c.valid_to,
                ),
                Column(self.tr("Calendar"), lambda c: c.calendar),
                Column(self.tr("Services"), lambda c: ", ".join(label_of(s) for s in c.services)),
            ],
            key=lambda c: c.code,
        )
        self.form = Form(self.tr("New contract"))
        self.customer = self.form.row(self.tr("C&ustomer"), QComboBox())
        self.tier = self.form.row(self.tr("&Tier"), QComboBox())
        self.calendar = self.form.row(self.tr("Ca&lendar"), QComboBox())
        self.valid_from = self.form.row(self.tr("Valid &from"), QDateEdit(QDate.currentDate()))
        self.valid_from.setCalendarPopup(True)
        self.open_ended = QCheckBox(self.tr("&Open-ended"))
        self.open_ended.setChecked(True)
        self.valid_to = QDateEdit(QDate.currentDate().addYears(1))
        self.valid_to.setCalendarPopup(True)
        self.valid_to.setEnabled(False)
        self.open_ended.toggled.connect(lambda on: self.valid_to.setEnabled(not on))
        self.form.row(self.tr("Valid to"), self.valid_to)
        self.form.form.addRow("", self.open_ended)
        services = QWidget()
        grid = QGridLayout(services)
        grid.setContentsMargins(0, 0, 0, 0)
        self.services: dict[str, QCheckBox] = {}
        for i, service in enumerate(ServiceType):
            box = QCheckBox(label_of(service.value))
            self.services[service.value] = box
            grid.addWidget(box, i // 2, i % 2)
        self.form.row(self.tr("Services"), services)
        self.add_button = self.form.button(self.tr("&Add contract"), self.add)
        # Contracts end, they are never deleted (tickets refer to them).
        self.end_button = self.form.button(self.tr("Set &end of selected"), self.set_end)
        self.end_button.setEnabled(False)
        self.list.chosen.connect(self._chosen)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.form)
        split.setSizes([470, 330])
        QVBoxLayout(self).addWidget(split)

    def load(self) -> None:
        s = self.section
        s.call(lambda: s.services.sla.list_contracts(s.actor), self.list.set_records)
        s.call(lambda: s.services.customers.list_customers(s.actor), self._customers)
        s.call(lambda: s.services.sla.calendars(s.actor), self._calendars)
        s.call(lambda: s.services.sla.targets(s.actor), self._tiers)

    def _customers(self, customers: list[CustomerView]) -> None:
        keep = self.customer.currentData()
        self.customer.clear()
        for c in customers:
            self.customer.addItem(f"{c.name} ({c.code})", c.code)
        self.customer.setCurrentIndex(max(0, self.customer.findData(keep)))

    def _calendars(self, calendars: list[CalendarView]) -> None:
        keep = self.calendar.currentData()
        self.calendar.clear()
        for cal in calendars:
            self.calendar.addItem(f"{cal.code} ({cal.timezone})", cal.code)
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(keep)))

    def _tiers(self, targets: list[Target]) -> None:
        keep = self.tier.currentText()
        self.tier.clear()
        self.tier.addItems(sorted({t.tier for t in targets}))
        if keep:
            self.tier.setCurrentText(keep)

    def add(self) -> None:
        s = self.section
        wanted = [name for name, box in self.services.items() if box.isChecked()]
        if not self.customer.currentData():
            self.form.problem(self.tr("Add the customer first (Customers section)."))
            return
        if not self.calendar.currentData():
            self.form.problem(self.tr("Add a business calendar first (Calendars tab)."))
            return
        if not wanted:
            self.form.problem(self.tr("Tick at least one covered service."))
            return
        start = date.fromisoformat(self.valid_from.date().toString(Qt.DateFormat.ISODate))
        end = None
        if not self.open_ended.isChecked():
            end = date.fromisoformat(self.valid_to.date().toString(Qt.DateFormat.ISODate))
        values: dict[str, Any] = dict(
            customer=self.customer.currentData(),
            tier=self.tier.currentText(),
            services=wanted,
            valid_from=start,
            valid_to=end,
            calendar=self.calendar.currentData(),
        )
        s.call(lambda: s.services.sla.add_contract(s.actor, **values), self._added, self.form)

    def _chosen(self, contract: ContractView | None) -> None:
        self.end_button.setEnabled(contract is not None)
        if contract is None:
            return
        self.open_ended.setChecked(contract.valid_to is None)
        if contract.valid_to is not None:
            end = contract.valid_to
            self.valid_to.setDate(QDate(end.year, end.month, end.day))

    def set_end(self) -> None:
        contract, s = self.list.current(), self.section
        if contract is None:
            return
        end = None
        if not self.open_ended.isChecked():
            end = date.fromisoformat(self.valid_to.date().toString(Qt.DateFormat.ISODate))

        def done(saved: ContractView) -> None:
            until = locale_date(saved.valid_to) if saved.valid_to else self.tr("open-ended")
            s.reload(
                self.list,
                lambda: s.services.sla.list_contracts(s.actor),
                then=lambda: self.form.done(self.tr("{0}: {1}.").format(saved.code, until)),
            )

        s.call(
            lambda: s.services.sla.set_contract_end(s.actor, contract.code, end), done, self.form
        )

    def _added(self, contract: ContractView) -> None:
        s = self.section
        s.reload(
            self.list,
            lambda: s.services.sla.list_contracts(s.actor),
            keep=lambda c: c.code == contract.code,
            then=lambda: self.form.done(self.tr("Added contract {0}.").format(contract.code)),
        )


class TargetsTab(QWidget):
    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.model = TargetsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("SLA targets"))
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(
            self.tr(
                "Double-click (or F2) a priority or a target to change it; new tickets use it. "
                "Business hours follow the contract's calendar; unticked means 24×7."
            )
        )
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self.form = Form(self.tr("New tier"))
        self.tier_name = self.form.row(self.tr("Tier &name"), QLineEdit())
        self.copy_from = self.form.row(self.tr("Copy targets &of"), QComboBox())
        self.add_tier_button = self.form.button(self.tr("Add &tier"), self.add_tier)
        self.model.edited.connect(self._save)
        self.model.refused.connect(self.form.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form)

    def load(self) -> None:
        s = self.section
        s.call(lambda: s.services.sla.targets(s.actor), self._loaded)

    def _loaded(self, targets: list[Target]) -> None:
        order = {c.value: i for i, c in enumerate(Criticality)}
        self.model.set_targets(sorted(targets, key=lambda t: (t.tier, order[t.criticality])))
        keep = self.copy_from.currentText()
        self.copy_from.clear()
        self.copy_from.addItems(sorted({t.tier for t in targets}))
        if keep:
            self.copy_from.setCurrentText(keep)

    def _save(self, t: Target) -> None:
        s = self.section
        s.call(
            lambda: s.services.sla.set_target(
                s.actor,
                tier=t.tier,
                criticality=t.criticality.value,
                priority=t.priority,
                response_minutes=t.response_minutes,
                resolution_minutes=t.resolution_minutes,
                business_hours=t.business_hours,
            ),
            lambda saved: self.form.done(
                self.tr("Saved {0} / {1}.").format(saved.tier, saved.criticality.value)
            ),
            self.form,
        )

    def add_tier(self) -> None:
        name, source = self.tier_name.text().strip(), self.copy_from.currentText()
        if not name:
            self.form.problem(self.tr("Name the new tier."))
            return
        copied = [t for t in self.model.targets if t.tier == source]
        s = self.section

        def work() -> list[Target]:
            for t in copied:
                s.services.sla.set_target(
                    s.actor,
                    tier=name,
                    criticality=t.criticality.value,
                    priority=t.priority,
                    response_minutes=t.response_minutes,
                    resolution_minutes=t.resolution_minutes,
                    business_hours=t.business_hours,
                )
            return s.services.sla.targets(s.actor)

        def done(targets: list[Target]) -> None:
            self.tier_name.clear()
            self.form.done(self.tr("Added tier {0}; adjust its targets above.").format(name))
            self._loaded(targets)

        s.call(work, done, self.form)


class ContractsSection(Section):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Contracts and SLA")
        self.contracts = ContractsTab(self)
        self.targets = TargetsTab(self)
        self.calendars = CalendarsTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.contracts, self.tr("C&ontracts"))
        self.tabs.addTab(self.targets, self.tr("&Targets"))
        self.tabs.addTab(self.calendars, self.tr("Ca&lendars"))
        self.tabs.currentChanged.connect(lambda _i: self.load())
        QVBoxLayout(self).addWidget(self.tabs)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def load(self) -> None:
        self.contracts.load()
        self.targets.load()
        self.calendars.load()
