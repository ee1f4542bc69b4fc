"""Customers and their contacts (who verifies releases)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, describe
from app.services.customers import EMAIL_RE, clean_code
from app.services.dto import ContactView, CustomerView
from ui.admin.environments_tab import EnvironmentsTab
from ui.admin.parts import Form, RecordList, Section, mark
from ui.admin.records import Column, yes_no
from ui.app_context import AppContext
from ui.i18n import LANGUAGES


class CustomersSection(Section):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Customers")
        self.list: RecordList[CustomerView] = RecordList(
            self.tr("Customers"),
            [
                Column(self.tr("Code"), lambda c: c.code),
                Column(self.tr("Name"), lambda c: c.name),
                Column(
                    self.tr("Contacts"),
                    lambda c: str(len(c.contacts)),
                    key=lambda c: len(c.contacts),
                ),
                Column(self.tr("Language"), lambda c: LANGUAGES.get(c.language, c.language)),
            ],
            key=lambda c: c.code,
        )
        self.form = Form(self.tr("New customer"))
        self.code = self.form.row(self.tr("C&ode"), QLineEdit())
        self.code.setPlaceholderText(self.tr("e.g. ACME"))
        self.name = self.form.row(self.tr("&Name"), QLineEdit())
        self.add_button = self.form.button(self.tr("&Add customer"), self.add)
        self.rename_button = self.form.button(self.tr("Rena&me selected"), self.rename)
        # The language of the customer's e-mails and PDF reports (issue 18).
        self.language = self.form.row(self.tr("&Language"), QComboBox())
        self.language.setToolTip(self.tr("The language of the e-mails and PDF reports it gets"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language_button = self.form.button(self.tr("Set lan&guage"), self.set_language)
        self.code.textChanged.connect(self._check_code)

        self.contacts: RecordList[ContactView] = RecordList(
            self.tr("Contacts"),
            [
                Column(self.tr("Contact"), lambda c: c.name),
                Column(self.tr("E-mail"), lambda c: c.email),
                Column(self.tr("Phone"), lambda c: c.phone),
                Column(
                    self.tr("Verifies releases"),
                    lambda c: yes_no(c.verifies_releases),
                    check=lambda c: c.verifies_releases,
                ),
                Column(
                    self.tr("Approves"),
                    lambda c: yes_no(c.approves_resolutions),
                    check=lambda c: c.approves_resolutions,
                ),
            ],
            key=lambda c: c.name,
        )
        self.contact_form = Form(self.tr("New contact of the selected customer"))
        self.contact_name = self.contact_form.row(self.tr("Contact na&me"), QLineEdit())
        self.contact_email = self.contact_form.row(self.tr("E-&mail"), QLineEdit())
        self.contact_phone = self.contact_form.row(self.tr("P&hone"), QLineEdit())
        self.verifies = self.contact_form.row(
            self.tr("Verifies releases"),
            QCheckBox(self.tr("&Receives test releases and verifies them")),
        )
        self.approves = self.contact_form.row(
            self.tr("Approves resolutions"),
            QCheckBox(self.tr("Appro&ves resolved tickets for the customer")),
        )
        self.add_contact_button = self.contact_form.button(
            self.tr("Add &contact"), self.add_contact
        )
        self.save_contact_button = self.contact_form.button(
            self.tr("&Save selected contact"), self.save_contact
        )
        self.contact_email.textChanged.connect(self._check_email)
        self.contacts.chosen.connect(self._contact_chosen)

        top = QSplitter()
        top.addWidget(self.list)
        top.addWidget(self.form)
        bottom = QSplitter()
        bottom.addWidget(self.contacts)
        bottom.addWidget(self.contact_form)
        for split in (top, bottom):
            split.setSizes([480, 320])
        self.environments = EnvironmentsTab(self)
        self.below = QTabWidget()
        self.below.addTab(bottom, self.tr("Con&tacts"))
        self.below.addTab(self.environments, self.tr("En&vironments"))
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(top)
        outer.addWidget(self.below)
        QVBoxLayout(self).addWidget(outer)
        self.list.chosen.connect(self._chosen)
        self._chosen(None)

    def load(self) -> None:
        self.call(lambda: self.services.customers.list_customers(self.actor), self.list.set_records)

    def _chosen(self, customer: CustomerView | None) -> None:
        self.contacts.set_records(list(customer.contacts) if customer else [])
        self.add_contact_button.setEnabled(customer is not None)
        self.rename_button.setEnabled(customer is not None)
        self.language_button.setEnabled(customer is not None)
        self.environments.show_customer(customer.code if customer else None)
        if customer is not None:
            self.name.setText(customer.name)
            self.language.setCurrentIndex(max(0, self.language.findData(customer.language)))
        self.contact_form.setTitle(
            self.tr("New contact of {0}").format(customer.name)
            if customer
            else self.tr("New contact (choose a customer first)")
        )

    def _check_code(self) -> str:
        problem = ""
        if self.code.text():
            try:
                clean_code("customer", self.code.text())
            except DomainError as exc:
                problem = describe(exc, sentence=True)
        self.form.problem(mark(self.code, problem))
        return problem

    def _check_email(self) -> str:
        text = self.contact_email.text().strip()
        problem = (
            self.tr("This is not an e-mail address.")
            if text and not EMAIL_RE.fullmatch(text)
            else ""
        )
        self.contact_form.problem(mark(self.contact_email, problem))
        return problem

    def add(self) -> None:
        if self._check_code():
            return
        code, name = self.code.text(), self.name.text()
        self.call(
            lambda: self.services.customers.add_customer(self.actor, code=code, name=name),
            self._added,
            self.form,
        )

    def _added(self, customer: CustomerView) -> None:
        self.code.clear()
        self.name.clear()
        self.reload(
            self.list,
            lambda: self.services.customers.list_customers(self.actor),
            keep=lambda c: c.code == customer.code,
            then=lambda: self.form.done(self.tr("Added {0}.").format(customer.code)),
        )

    def add_contact(self) -> None:
        customer = self.list.current()
        if customer is None or self._check_email():
            return
        values: dict[str, Any] = dict(
            customer_code=customer.code,
            name=self.contact_name.text(),
            email=self.contact_email.text(),
            phone=self.contact_phone.text(),
            verifies_releases=self.verifies.isChecked(),
            approves_resolutions=self.approves.isChecked(),
        )
        self.call(
            lambda: self.services.customers.add_contact(self.actor, **values),
            self._contact_added,
            self.contact_form,
        )

    def _contact_added(self, contact: ContactView) -> None:
        for field in (self.contact_name, self.contact_email, self.contact_phone):
            field.clear()
        self.verifies.setChecked(False)
        self.approves.setChecked(False)
        self.reload(
            self.list,
            lambda: self.services.customers.list_customers(self.actor),
            then=lambda: self.contact_form.done(self.tr("Added {0}.").format(contact.name)),
        )

    def rename(self) -> None:
        customer, name = self.list.current(), self.name.text()
        if customer is None:
            return
        self.call(
            lambda: self.services.customers.rename_customer(self.actor, customer.code, name),
            lambda c: self.reload(
                self.list,
                lambda: self.services.customers.list_customers(self.actor),
                then=lambda: self.form.done(self.tr("{0} is now {1}.").format(c.code, c.name)),
            ),
            self.form,
        )

    def set_language(self) -> None:
        customer, language = self.list.current(), str(self.language.currentData())
        if customer is None:
            return
        self.call(
            lambda: self.services.customers.set_language(self.actor, customer.code, language),
            lambda c: self.reload(
                self.list,
                lambda: self.services.customers.list_customers(self.actor),
                then=lambda: self.form.done(
                    self.tr("{0} gets e-mails and reports in {1}.").format(
                        c.code, LANGUAGES.get(c.language, c.language)
                    )
                ),
            ),
            self.form,
        )

    def _contact_chosen(self, contact: ContactView | None) -> None:
        self.save_contact_button.setEnabled(contact is not None)
        if contact is None:
            return
        self.contact_name.setText(contact.name)
        self.contact_email.setText(contact.email)
        self.contact_phone.setText(contact.phone)
        self.verifies.setChecked(contact.verifies_releases)
        self.approves.setChecked(contact.approves_resolutions)

    def save_contact(self) -> None:
        customer, contact = self.list.current(), self.contacts.current()
        if customer is None or contact is None or self._check_email():
            return
        email, phone = self.contact_email.text(), self.contact_phone.text()
        verifies, approves = self.verifies.isChecked(), self.approves.isChecked()
        self.call(
            lambda: self.services.customers.edit_contact(
                self.actor,
                customer_code=customer.code,
                contact_id=contact.id,
                email=email,
                phone=phone,
                verifies_releases=verifies,
                approves_resolutions=approves,
            ),
            lambda saved: self.reload(
                self.list,
                lambda: self.services.customers.list_customers(self.actor),
                then=lambda: self.contact_form.done(self.tr("Saved {0}.").format(saved.name)),
            ),
            self.contact_form,
        )
