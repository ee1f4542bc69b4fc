"""Customer approved… / rejected…: which contact, how, and when."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QPlainTextEdit, QWidget

from app.domain.tickets import Channel
from ui.dialogs.base import FormDialog
from ui.i18n import translate
from ui.step_calls import StepInput
from ui.timefmt import locale_datetime_format
from ui.value_labels import value_label

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
        super().__init__(
            (
                translate("CustomerAnswerDialog", "Customer approval of {number}")
                if approved
                else translate("CustomerAnswerDialog", "Customer rejection of {number}")
            ).format(number=number),
            translate("CustomerAnswerDialog", "Record approval")
            if approved
            else translate("CustomerAnswerDialog", "Record rejection"),
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
        self.contact.setAccessibleName(translate("CustomerAnswerDialog", "Customer contact"))
        self.channel = QComboBox()
        for channel in CHANNEL_LABELS:  # the value is the data; words in the user's language
            self.channel.addItem(value_label(channel.value), channel.value)
        self.channel.setAccessibleName(
            translate("CustomerAnswerDialog", "How the customer answered")
        )
        self._opened_at = QDateTime.currentDateTime()
        self.when = QDateTimeEdit(self._opened_at)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(locale_datetime_format())  # the user's locale
        self.when.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.when.setAccessibleName(translate("CustomerAnswerDialog", "When the customer answered"))
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(70)
        note = translate("CustomerAnswerDialog", "Note")
        reason = translate("CustomerAnswerDialog", "Reason")
        self.text.setAccessibleName(note if approved else reason)
        self.text.setPlaceholderText(
            translate("CustomerAnswerDialog", "Optional note")
            if approved
            else translate("CustomerAnswerDialog", "Why did the customer reject the resolution?")
        )
        self.form.addRow(translate("CustomerAnswerDialog", "Contact"), self.contact)
        self.form.addRow(translate("CustomerAnswerDialog", "How"), self.channel)
        self.form.addRow(translate("CustomerAnswerDialog", "When"), self.when)
        self.form.addRow(note if approved else reason, self.text)

    def problem(self) -> str:
        if not self.contact.currentText():
            return translate(
                "CustomerAnswerDialog", "This customer has no contacts; add one first."
            )
        if not self.approved and not self.text.toPlainText().strip():
            return translate(
                "CustomerAnswerDialog", "Say why the customer rejected the resolution."
            )
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
