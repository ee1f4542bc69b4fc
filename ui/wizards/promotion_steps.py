"""The doing pages of the promotion wizard: install on test (and notify), record the
customers' verifications, install on production. Batches run in the background with
progress and a Cancel button; each customer is its own transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from app.domain.errors import describe
from app.domain.tickets import Channel
from app.services.dto import CustomerView
from app.services.release_views import CandidateRow, PromotionView
from ui.timefmt import locale_datetime_format
from ui.value_labels import relabel, value_label
from ui.wizards.batch import BatchResult, BatchRun
from ui.wizards.promotion_pages import cell, fit_columns, make_table
from ui.wizards.promotion_state import WizardState


def to_utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toMSecsSinceEpoch() / 1000, UTC)


def qt_time(moment: datetime) -> QDateTime:
    """``moment`` for a date-time editor, shown in the desk's local time."""
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


def now_edit(name: str) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.currentDateTime())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(locale_datetime_format())  # the user's locale, not ISO
    edit.setAccessibleName(name)
    return edit


class InstallPage(QWizardPage):
    """Install on ``environment`` for the selected customers whose promotion allows it."""

    def __init__(self, state: WizardState, environment: str) -> None:
        super().__init__()
        self.state = state
        self.environment = environment
        self.wanted_states = (
            {None, "planned", "rejected"} if environment == "test" else {"verified"}
        )
        on_test = environment == "test"
        self.setTitle(self.tr("Install on test") if on_test else self.tr("Install on production"))
        columns = [self.tr("Customer"), self.tr("State"), self.tr("Result")]
        self.model = QStandardItemModel(0, len(columns))
        self.model.setHorizontalHeaderLabels(columns)
        self.view = make_table(
            self.model,
            self.tr("Customers to install on test")
            if on_test
            else self.tr("Customers to install on production"),
        )
        self.installed_at = now_edit(self.tr("Installed at"))
        self.notes = QLineEdit()
        self.notes.setAccessibleName(self.tr("Installation notes"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("only for a downgrade or a withdrawn release"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.notify = QCheckBox(self.tr("E-mail the customers' verifying contacts now"))
        self.notify.setChecked(True)
        self.notify.setVisible(environment == "test")
        self.go = QPushButton(
            self.tr("&Install on test") if on_test else self.tr("&Install on production")
        )
        self.cancel = QPushButton(self.tr("Cancel run"))
        self.cancel.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Installed &at"), self.installed_at)
        form.addRow(self.tr("&Notes"), self.notes)
        form.addRow(self.tr("&Reason"), self.reason)
        form.addRow("", self.notify)
        run_row = QHBoxLayout()
        run_row.addWidget(self.go)
        run_row.addWidget(self.cancel)
        run_row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.summary)
        self.batch = BatchRun(state.runner, self)
        self.batch.progress.connect(self._progress)
        self.batch.finished.connect(self._finished)
        self.go.clicked.connect(self.run)
        self.cancel.clicked.connect(self.batch.cancel)
        self.targets: list[str] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.installed_at.setDateTime(qt_time(self.state.now()))
        self.setSubTitle(self.tr("Checking where each customer stands…"))
        self.go.setEnabled(False)
        self.state.runner.submit(
            lambda: self.state.promotions.candidates(
                self.state.actor, product=self.state.product, version=self.state.version
            ),
            self._loaded,
            lambda exc: self.summary.setText(describe(exc)),
            label="states",
        )

    def _loaded(self, rows: list[CandidateRow]) -> None:
        chosen = set(self.state.customers)
        mine = [r for r in rows if r.customer in chosen]
        self.targets = [r.customer for r in mine if r.state in self.wanted_states]
        self.model.removeRows(0, self.model.rowCount())
        for row in mine:
            waiting = row.customer in self.targets
            self.model.appendRow(
                [
                    cell(row.customer),
                    cell(value_label(row.state) if row.state else self.tr("not started")),
                    cell(self.tr("to do") if waiting else self.tr("not at this step")),
                ]
            )
        fit_columns(self.view)
        self.progress.setRange(0, max(1, len(self.targets)))
        self.progress.setValue(0)
        self.go.setEnabled(bool(self.targets))
        self.setSubTitle(
            self.tr("{count} of %n selected customer(s) are at this step.", "", len(mine)).format(
                count=len(self.targets)
            )
            if self.targets
            else self.tr("No selected customer is at this step: go on.")
        )
        self.completeChanged.emit()

    def run(self) -> None:
        svc, actor = self.state.promotions, self.state.actor
        base = {"product": self.state.product, "version": self.state.version}
        at, notes = to_utc(self.installed_at), self.notes.text()
        reason = self.reason.text().strip() or None
        notify = self.notify.isChecked()

        def step(customer: str) -> str:
            if self.environment == "test":
                view = svc.install_on_test(
                    actor,
                    customer=customer,
                    installed_at=at,
                    notes=notes,
                    notify=notify,
                    reason=reason,
                    **base,
                )
            else:
                view = svc.install_on_production(
                    actor, customer=customer, installed_at=at, notes=notes, reason=reason, **base
                )
            return view.state

        self.go.setEnabled(False)
        self.cancel.setEnabled(True)
        self.summary.setText(self.tr("Working…"))
        self.batch.start(self.targets, step)
        self.completeChanged.emit()

    def _progress(self, done: int, total: int, customer: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.summary.setText(
            self.tr("{done} of {total}: {customer}").format(
                done=done, total=total, customer=customer
            )
        )

    def _finished(self, results: list[BatchResult]) -> None:
        self.cancel.setEnabled(False)
        by_customer = {r.customer: r for r in results}
        for row in range(self.model.rowCount()):
            result = by_customer.get(self.model.item(row, 0).text())
            if result is not None:
                text = (
                    value_label(result.message)
                    if result.ok
                    else self.tr("failed: {why}").format(why=result.message)
                )
                self.model.item(row, 2).setText(text)
        fit_columns(self.view)
        ok = sum(r.ok for r in results)
        skipped = len(self.targets) - len(results)
        done = (
            self.tr("Done: {ok} installed on test, {failed} failed")
            if self.environment == "test"
            else self.tr("Done: {ok} installed on production, {failed} failed")
        ).format(ok=ok, failed=len(results) - ok)
        if skipped:
            done += self.tr(", {skipped} not attempted (cancelled)").format(skipped=skipped)
        self.summary.setText(done + ".")
        self.targets = [c for c in self.targets if c not in by_customer or not by_customer[c].ok]
        self.go.setEnabled(bool(self.targets))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.batch.running


class VerificationPage(QWizardPage):
    """Record each customer's answer; those not answered stay pending (resume later)."""

    def __init__(self, state: WizardState) -> None:
        super().__init__()
        self.state = state
        self.setTitle(self.tr("Customers' verification"))
        self.setSubTitle(
            self.tr(
                "Record each answer as it arrives. You can finish now and come "
                "back: unanswered customers stay in Pending verifications."
            )
        )
        columns = [self.tr("Customer"), self.tr("State"), self.tr("Verifying contacts")]
        self.model = QStandardItemModel(0, len(columns))
        self.model.setHorizontalHeaderLabels(columns)
        self.view = make_table(self.model, self.tr("Customers awaiting verification"))
        self.approved = QRadioButton(self.tr("&Approved"))
        self.rejected = QRadioButton(self.tr("Re&jected"))
        self.approved.setChecked(True)
        verdict = QButtonGroup(self)
        verdict.addButton(self.approved)
        verdict.addButton(self.rejected)
        self.contact = QComboBox()
        self.contact.setAccessibleName(self.tr("Customer contact"))
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.value, channel.value)
        relabel(self.channel)
        self.channel.setAccessibleName(self.tr("Channel"))
        self.when = now_edit(self.tr("Answered at"))
        self.comments = QPlainTextEdit()
        self.comments.setAccessibleName(self.tr("Comments or reason"))
        self.comments.setPlaceholderText(
            self.tr("Comments; for a rejection, the customer's reason")
        )
        self.comments.setFixedHeight(64)
        self.record = QPushButton(self.tr("&Record answer"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        verdicts = QHBoxLayout()
        verdicts.addWidget(self.approved)
        verdicts.addWidget(self.rejected)
        verdicts.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Answer"), verdicts)
        form.addRow(self.tr("&Who"), self.contact)
        form.addRow(self.tr("&How"), self.channel)
        form.addRow(self.tr("&When"), self.when)
        form.addRow(self.tr("&Comments"), self.comments)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(form)
        layout.addWidget(self.record)
        layout.addWidget(self.feedback)
        self.view.selectionModel().currentRowChanged.connect(self._customer_chosen)
        self.record.clicked.connect(self.record_answer)
        self.pending: list[str] = []
        # Whose contacts the combo holds, so a reload that keeps the same
        # customer selected does not empty the combo under the user's hand.
        self._contacts_of: str | None = None

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.when.setDateTime(qt_time(self.state.now()))
        self.reload()

    def reload(self) -> None:
        self.state.runner.submit(
            lambda: self.state.promotions.candidates(
                self.state.actor, product=self.state.product, version=self.state.version
            ),
            self._loaded,
            lambda exc: self.feedback.setText(describe(exc)),
            label="pending",
        )

    def _loaded(self, rows: list[CandidateRow]) -> None:
        chosen = set(self.state.customers)
        waiting = [
            r
            for r in rows
            if r.customer in chosen and r.state in ("on_test", "awaiting_verification")
        ]
        self.pending = [r.customer for r in waiting]
        # The list reloads after every answer while the user may already have
        # moved on to another customer: keep their choice, never jump to the
        # first row under them (a rejection would be recorded for the wrong one).
        keep = self.selected_customer()
        self.model.removeRows(0, self.model.rowCount())
        for row in waiting:
            self.model.appendRow(
                [
                    cell(row.customer),
                    cell(value_label(row.state)),
                    cell(str(row.verifying_contacts)),
                ]
            )
        fit_columns(self.view)
        self.record.setEnabled(bool(waiting))
        if waiting:
            codes = [r.customer for r in waiting]
            self.view.selectRow(codes.index(keep) if keep in codes else 0)
        else:
            self.feedback.setText(self.tr("No selected customer is waiting for verification."))

    def selected_customer(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.item(index.row(), 0).text() if index.isValid() else None

    def _customer_chosen(self) -> None:
        code = self.selected_customer()
        if code is None or (code == self._contacts_of and self.contact.count()):
            return
        self.contact.clear()
        self._contacts_of = None
        self.state.runner.submit(
            lambda: self.state.customers_service.get_customer(self.state.actor, code),
            self._contacts,
            lambda exc: self.feedback.setText(describe(exc)),
            label="contacts",
        )

    def _contacts(self, customer: CustomerView) -> None:
        if customer.code != self.selected_customer():
            return  # the user moved on meanwhile
        self.contact.clear()
        self._contacts_of = customer.code
        for contact in sorted(customer.contacts, key=lambda c: not c.verifies_releases):
            self.contact.addItem(contact.name, str(contact.id))

    def record_answer(self) -> None:
        customer = self.selected_customer()
        if customer is None or self.contact.currentData() is None:
            self.feedback.setText(self.tr("Choose the customer and the contact who answered."))
            return
        approved = self.approved.isChecked()
        if not approved and not self.comments.toPlainText().strip():
            self.feedback.setText(self.tr("A rejection needs the customer's reason."))
            self.comments.setFocus()
            return
        args = {
            "product": self.state.product,
            "version": self.state.version,
            "customer": customer,
            "approved": approved,
            "contact": self.contact.currentData(),
            "channel": self.channel.currentData(),
            "verified_at": to_utc(self.when),
            "comments": self.comments.toPlainText(),
        }
        self.record.setEnabled(False)
        self.state.runner.submit(
            lambda: self.state.promotions.record_verification(self.state.actor, **args),
            self._recorded,
            self._refused,
            label="verification",
        )

    def _recorded(self, view: PromotionView) -> None:
        extra = (
            self.tr("; ticket {ticket} opened for the problem").format(ticket=view.ticket)
            if view.ticket
            else ""
        )
        self.feedback.setText(f"{view.customer}: {value_label(view.state).lower()}{extra}.")
        self.comments.clear()
        self.reload()

    def _refused(self, exc: Exception) -> None:
        self.feedback.setText(describe(exc))
        self.record.setEnabled(True)
