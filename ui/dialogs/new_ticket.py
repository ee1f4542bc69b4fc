"""New ticket: customer/contact/product pickers that search as you type, and the rest."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from app.domain.errors import DomainError, describe
from app.domain.tickets import Category, Criticality, Environment, ServiceType, clean_subject
from app.services.dto import CustomerView, ProductView
from ui.dialogs.base import FormDialog
from ui.value_labels import value_label


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def searchable_combo(name: str) -> QComboBox:
    """An editable combo whose completer matches anywhere in the text, as you type."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(name)
    completer = combo.completer()
    assert completer is not None  # editable combos always have one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


def enum_combo(name: str, enum: Any, default: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for item in enum:  # the value is the data; the words are the user's language
        combo.addItem(value_label(item.value), item.value)
    combo.setCurrentIndex(combo.findData(default))
    return combo


class NewTicketDialog(FormDialog):
    """Stays open until the ticket is really opened: a refusal (e.g. the contract does not
    cover the service) is shown inline and nothing typed is lost."""

    submitted = Signal(dict)  # open_ticket keyword arguments; the caller answers

    def __init__(
        self,
        customers: list[CustomerView],
        products: list[ProductView],
        parent: QWidget | None = None,
        *,
        may_open_out_of_contract: bool = False,
    ) -> None:
        super().__init__(self.tr("New ticket"), self.tr("Open ticket"), parent)
        self.discard_box: QMessageBox | None = None
        self.setMinimumWidth(520)
        self.customers = {c.code: c for c in customers}
        self.customer = searchable_combo(self.tr("Customer"))
        for c in customers:
            self.customer.addItem(f"{c.name} ({c.code})", c.code)
        self.customer.setCurrentIndex(-1)
        line = self.customer.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Type to search customers"))
        self.contact = searchable_combo(self.tr("Customer contact"))
        self.product = searchable_combo(self.tr("Product"))
        self.product.addItem(self.tr("— none —"), None)
        for p in products:
            self.product.addItem(f"{p.name} ({p.code})", p.code)
        self.subject = QLineEdit()
        self.subject.setAccessibleName(self.tr("Subject"))
        self.subject.setPlaceholderText(self.tr("One line that says what is wrong"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setFixedHeight(110)
        self.criticality = enum_combo(self.tr("Criticality"), Criticality, Criticality.MEDIUM)
        self.service_type = enum_combo(
            self.tr("Service type"), ServiceType, ServiceType.SECOND_LEVEL_SUPPORT
        )
        self.category = enum_combo(self.tr("Category"), Category, Category.INCIDENT)
        self.environment = enum_combo(self.tr("Environment"), Environment, Environment.PRODUCTION)
        self.customer.currentIndexChanged.connect(self._customer_chosen)
        self.subject.textChanged.connect(self._check_subject)
        for label, widget in (
            (self.tr("Customer"), self.customer),
            (self.tr("Contact"), self.contact),
            (self.tr("Product"), self.product),
            (self.tr("Subject"), self.subject),
            (self.tr("Description"), self.description),
            (self.tr("Criticality"), self.criticality),
            (self.tr("Service type"), self.service_type),
            (self.tr("Category"), self.category),
            (self.tr("Environment"), self.environment),
        ):
            self.form.addRow(label, widget)
        # Managers may open a ticket the contract does not cover (recorded, no SLA clock).
        self.out_of_contract = QCheckBox(self.tr("Open out of contract (no SLA; recorded)"))
        self.out_of_contract.setAccessibleName(self.tr("Open out of contract"))
        if may_open_out_of_contract:
            self.form.addRow("", self.out_of_contract)
        else:
            self.out_of_contract.hide()

    def _customer_chosen(self) -> None:
        self.contact.clear()
        customer = self.customers.get(self.customer.currentData() or "")
        if customer:
            for person in customer.contacts:
                self.contact.addItem(person.name, person.name)

    def _check_subject(self) -> None:
        problem = self._subject_problem() if self.subject.text() else ""
        self.subject.setProperty("invalid", bool(problem))
        self.subject.style().polish(self.subject)
        self.error.setText(problem)

    def _subject_problem(self) -> str:
        try:
            clean_subject(self.subject.text())
        except DomainError as exc:
            return describe(exc, sentence=True)
        return ""

    def problem(self) -> str:
        if not self.customer.currentData() or self.customer.currentIndex() < 0:
            return "Choose the customer."
        return self._subject_problem()

    # -- submitting and leaving --------------------------------------------------------------

    def _try_accept(self) -> None:
        """Check, then hand the values over; the dialog closes only once opened."""
        problem = self.problem()
        self.error.setText(problem)
        if problem:
            return
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("Opening…"))
        self.submitted.emit(self.value())

    def refused(self, message: str) -> None:
        """The service said no: keep everything, say why, let the user fix it."""
        self.ok_button.setEnabled(True)
        self.error.setText(message)

    def has_input(self) -> bool:
        return bool(self.subject.text().strip() or self.description.toPlainText().strip())

    def reject(self) -> None:
        """Escape or Cancel on a filled-in form asks first instead of dropping it."""
        if not self.has_input() or self.discard_box is not None:
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard new ticket?"),
            self.tr("Discard what you typed for this new ticket?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.discard_box = box

        def decided(answer: int) -> None:
            self.discard_box = None
            if answer == QMessageBox.StandardButton.Discard:
                super(NewTicketDialog, self).reject()

        box.finished.connect(decided)
        box.open()

    def value(self) -> dict[str, Any]:
        """Keyword arguments for TicketService.open_ticket."""
        return {
            "out_of_contract": self.out_of_contract.isChecked(),
            "customer": self.customer.currentData(),
            "contact": self.contact.currentData() or None,
            "product": self.product.currentData() or None,
            "subject": self.subject.text(),
            "description": self.description.toPlainText(),
            "criticality": self.criticality.currentData(),
            "service_type": self.service_type.currentData(),
            "category": self.category.currentData(),
            "environment": self.environment.currentData(),
        }
