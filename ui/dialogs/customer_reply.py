"""Wait on customer… and Customer replied…: what we wait for, and what the customer said.

Both steps used to be one click, so the history recorded neither the question nor the
answer (the CLI always had ``--reason`` and ``--text``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from ui.dialogs.base import FormDialog
from ui.dialogs.customer_answer import CHANNEL_LABELS
from ui.step_calls import StepInput
from ui.value_labels import value_label


class WaitDialog(FormDialog):
    """The question or item the customer owes us; required, it is what they are told."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Wait on customer: %1").replace("%1", number), "", parent)
        self.ok_button.setText(self.tr("Wait on customer"))
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(80)
        self.reason.setAccessibleName(self.tr("What we wait for"))
        self.reason.setPlaceholderText(self.tr("e.g. the log files from the night of the outage"))
        self.form.addRow(self.tr("Waiting for"), self.reason)

    def problem(self) -> str:
        if self.reason.toPlainText().strip():
            return ""
        return self.tr("Say what the customer needs to send or do.")

    def value(self) -> StepInput:
        return StepInput(reason=self.reason.toPlainText().strip())


class CustomerReplyDialog(FormDialog):
    """Who replied, how, and the text of the reply (recorded in the history)."""

    def __init__(
        self,
        number: str,
        contacts: list[str],
        default_contact: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Customer replied: %1").replace("%1", number), "", parent)
        self.ok_button.setText(self.tr("Record reply"))
        self.contact = QComboBox()
        self.contact.addItems(contacts)
        if default_contact and default_contact in contacts:
            self.contact.setCurrentText(default_contact)
        self.contact.setAccessibleName(self.tr("Customer contact"))
        self.channel = QComboBox()
        for channel in CHANNEL_LABELS:  # the value is the data; words in the user's language
            self.channel.addItem(value_label(channel.value), channel.value)
        self.channel.setAccessibleName(self.tr("How the customer replied"))
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(90)
        self.text.setAccessibleName(self.tr("The customer's reply"))
        self.form.addRow(self.tr("Contact"), self.contact)
        self.form.addRow(self.tr("How"), self.channel)
        self.form.addRow(self.tr("Reply"), self.text)

    def problem(self) -> str:
        if self.text.toPlainText().strip():
            return ""
        return self.tr("Write down what the customer replied.")

    def value(self) -> StepInput:
        return StepInput(
            contact=self.contact.currentText(),
            channel=str(self.channel.currentData()),
            note=self.text.toPlainText().strip(),
        )
