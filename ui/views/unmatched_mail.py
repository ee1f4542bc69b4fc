"""Unmatched mail: mail from senders we do not know (or who may not write into the
ticket they name). Care staff open a ticket for a customer with it — the sender becomes
that customer's contact — or discard it with a reason. Both decisions are recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import describe
from app.services.dto import CustomerView
from app.services.mail_in.unmatched import MailView
from ui.app_context import AppContext
from ui.models.unmatched_model import UnmatchedMailModel


class UnmatchedMailView(QWidget):
    open_ticket = Signal(str)  # the number of a ticket opened from a mail

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Unmatched mail"))
        self.model = UnmatchedMailModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.body = QPlainTextEdit()  # plain text: mail is never rendered as HTML
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("The mail's text"))
        self.customer = QComboBox()
        self.customer.setAccessibleName(self.tr("Customer to open the ticket for"))
        self.contact_name = QLineEdit()
        self.contact_name.setPlaceholderText(self.tr("Contact name (default: the sender's)"))
        self.attach_button = QPushButton(self.tr("Open ticket for customer"))
        self.attach_button.clicked.connect(self.attach)
        self.discard_button = QPushButton(self.tr("Discard…"))
        self.discard_button.clicked.connect(self.discard)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setProperty("role", "muted")
        decide = QHBoxLayout()
        decide.addWidget(self.customer, 1)
        decide.addWidget(self.contact_name, 1)
        decide.addWidget(self.attach_button)
        decide.addWidget(self.discard_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.body, 1)
        lower_layout.addLayout(decide)
        lower_layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._enable(False)

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        self.ctx.runner.submit(
            lambda: (services.unmatched_mail.list(actor), services.customers.list_customers(actor)),
            lambda both: self._loaded(*both),
            self._failed,
            label="unmatched mail",
        )

    def _loaded(self, mails: list[MailView], customers: list[CustomerView]) -> None:
        chosen = self.customer.currentData()
        self.customer.clear()
        for c in customers:
            self.customer.addItem(f"{c.name} ({c.code})", c.code)
        if chosen:
            self.customer.setCurrentIndex(max(0, self.customer.findData(chosen)))
        self.model.set_mails(mails)
        if mails:
            self.table.selectRow(0)
        self._show_current()
        self.status.setText(
            self.tr("%n mail(s) wait for a decision.", "", len(mails))
            if mails
            else self.tr("No mail waits for a decision.")
        )

    def current(self) -> MailView | None:
        index = self.table.currentIndex()
        mail = self.model.data(index, UnmatchedMailModel.MailRole) if index.isValid() else None
        return mail if isinstance(mail, MailView) else None

    def _show_current(self) -> None:
        mail = self.current()
        self.body.setPlainText(mail.body if mail else "")
        self._enable(mail is not None)

    def _enable(self, on: bool) -> None:
        for w in (self.attach_button, self.discard_button, self.customer, self.contact_name):
            w.setEnabled(on)

    # -- decisions -------------------------------------------------------------------------

    def attach(self) -> None:
        mail, code = self.current(), self.customer.currentData()
        if mail is None or not code:
            self.status.setText(self.tr("Choose a mail and a customer first."))
            return
        name = self.contact_name.text().strip()
        unmatched, actor = self.ctx.services.unmatched_mail, self.ctx.actor
        self._enable(False)
        self.ctx.runner.submit(
            lambda: unmatched.attach(actor, mail.id, customer=code, contact_name=name),
            self._attached,
            self._failed,
            label="open ticket from mail",
        )

    def _attached(self, number: str) -> None:
        self.contact_name.clear()
        self.status.setText(self.tr("Opened %1.").replace("%1", number))
        self.open_ticket.emit(number)
        self.refresh()

    def discard(self) -> None:
        mail = self.current()
        if mail is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Discard mail"), self.tr("Why is this mail discarded?")
        )
        if not ok:
            return
        self.discard_mail(mail, reason)

    def discard_mail(self, mail: MailView, reason: str) -> None:
        unmatched, actor = self.ctx.services.unmatched_mail, self.ctx.actor
        self._enable(False)
        self.ctx.runner.submit(
            lambda: unmatched.discard(actor, mail.id, reason),
            lambda _none: self.refresh(),
            self._failed,
            label="discard mail",
        )

    def _failed(self, exc: Exception) -> None:
        self._enable(self.current() is not None)
        self.status.setText(describe(exc))
