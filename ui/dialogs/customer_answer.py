"""Customer approved… / rejected…: which contact, how, and when."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QPlainTextEdit, QWidget

from app.domain.tickets import Channel
from ui.dialogs.base import FormDialog
from ui.step_calls import StepInput

CHANNEL_LABELS = {
    Channel.PHONE: "Phone",
    Channel.EMAIL: "E-mail",
    Channel.MEETING: "Meeting",
    Channel.PORTAL: "Portal",
}


class CustomerAnswerDialog(FormDialog):
    def __init__(
        self,
        number: str,
        contacts: list[str],
        *,
        approved: bool,
        default_contact: str | None = None,
        approvers: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        verb = "approval" if approved else "rejection"
        super().__init__(
            f"Customer {verb} of {number}",
            "Record approval" if approved else "Record rejection",
            parent,
        )
        self.approved = approved
        self.contact = QComboBox()
        self.contact.setEditable(False)
        # A customer who named the contacts that approve resolutions is bound only by
        # their approval (the service refuses anyone else's): offer only them, the
        # ticket's contact first when it is one of them.
        offered = [c for c in contacts if c in (approvers or ())] if approved else []
        self.contact.addItems(offered or contacts)
        if default_contact and default_contact in (offered or contacts):
            self.contact.setCurrentText(default_contact)
        self.contact.setAccessibleName("Customer contact")
        self.channel = QComboBox()
        for channel, label in CHANNEL_LABELS.items():
            self.channel.addItem(label, channel.value)
        self.channel.setAccessibleName("How the customer answered")
        self._opened_at = QDateTime.currentDateTime()
        self.when = QDateTimeEdit(self._opened_at)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.when.setAccessibleName("When the customer answered")
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(70)
        self.text.setAccessibleName("Note" if approved else "Reason")
        self.text.setPlaceholderText(
            "Optional note" if approved else "Why did the customer reject the resolution?"
        )
        self.form.addRow("Contact", self.contact)
        self.form.addRow("How", self.channel)
        self.form.addRow("When", self.when)
        self.form.addRow("Note" if approved else "Reason", self.text)

    def problem(self) -> str:
        if not self.contact.currentText():
            return "This customer has no contacts; add one first."
        if not self.approved and not self.text.toPlainText().strip():
            return "Say why the customer rejected the resolution."
        return ""

    def value(self) -> StepInput:
        text = self.text.toPlainText()
        # The shown time has minute precision; left untouched it means "now" (the service
        # stamps it), so an answer right after the resolution is never "before" it.
        edited = self.when.dateTime().toSecsSinceEpoch() // 60 != (
            self._opened_at.toSecsSinceEpoch() // 60
        )
        shown: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        when = shown.astimezone(UTC) if edited else None
        return StepInput(
            contact=self.contact.currentText(),
            channel=str(self.channel.currentData()),
            when=min(when, datetime.now(UTC)) if when else None,
            note=text if self.approved else "",
            reason="" if self.approved else text,
        )
