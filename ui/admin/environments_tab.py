"""A customer's environments: which release of each product runs on their test and
production systems, and recording what they already run when tracking starts (later
changes go through release promotion, which keeps its own history)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLineEdit, QSplitter, QVBoxLayout, QWidget

from app.domain.releases import InstallEnvironment
from app.services.release_views import InstallationView, VersionMatrix
from ui.admin.parts import Form, RecordList, Section
from ui.admin.records import Column
from ui.value_labels import value_label


@dataclass(frozen=True)
class EnvironmentRow:
    product: str
    test: str
    production: str
    status: str


def rows_of(matrix: VersionMatrix, customer: str) -> list[EnvironmentRow]:
    for code, _name, cells in matrix.rows:
        if code != customer:
            continue
        result = []
        for product, cell in zip(matrix.products, cells, strict=True):
            status = []
            if cell.behind:
                status.append(f"behind {cell.latest}")
            if cell.awaiting_verification:
                status.append(f"awaiting verification of {cell.awaiting_verification}")
            result.append(
                EnvironmentRow(product, cell.test or "", cell.production or "", "; ".join(status))
            )
        return result
    return []


class EnvironmentsTab(QWidget):
    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.customer: str | None = None
        self.list: RecordList[EnvironmentRow] = RecordList(
            self.tr("Environments"),
            [
                Column(self.tr("Product"), lambda r: r.product),
                Column(self.tr("Test"), lambda r: r.test),
                Column(self.tr("Production"), lambda r: r.production),
                Column(self.tr("Status"), lambda r: r.status),
            ],
            key=lambda r: r.product,
        )
        self.form = Form(self.tr("Already installed (when tracking starts)"))
        self.product = self.form.row(self.tr("P&roduct"), QComboBox())
        self.environment = self.form.row(self.tr("En&vironment"), QComboBox())
        for env in InstallEnvironment:
            self.environment.addItem(value_label(env.value), env.value)
        self.version = self.form.row(self.tr("Vers&ion"), QLineEdit())
        self.reason = self.form.row(self.tr("Reas&on"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. installed before SupportDesk"))
        self.record_button = self.form.button(self.tr("Record &installed"), self.record)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.form)
        QVBoxLayout(self).addWidget(split)

    def show_customer(self, customer: str | None) -> None:
        self.customer = customer
        self.record_button.setEnabled(customer is not None)
        if customer is None:
            self.list.set_records([])
            return
        s = self.section
        s.call(lambda: s.services.releases.matrix(s.actor), self._matrix)

    def _matrix(self, matrix: VersionMatrix) -> None:
        keep = self.product.currentText()
        self.product.clear()
        self.product.addItems(list(matrix.products))
        if keep:
            self.product.setCurrentText(keep)
        self.list.set_records(rows_of(matrix, self.customer or ""))

    def record(self) -> None:
        customer, s = self.customer, self.section
        if customer is None:
            return
        values = {
            "customer": customer,
            "product": self.product.currentText(),
            "environment": self.environment.currentData(),
            "version": self.version.text().strip(),
            "reason": self.reason.text(),
        }

        def done(view: InstallationView) -> None:
            self.version.clear()
            self.reason.clear()
            said = self.tr("Recorded {0} {1}.").format(view.product, view.to_version)

            def shown(matrix: VersionMatrix) -> None:
                self._matrix(matrix)
                self.form.done(said)

            s.call(lambda: s.services.releases.matrix(s.actor), shown)

        s.call(
            lambda: s.services.releases.record_baseline(s.actor, **values),
            done,
            self.form,
        )
