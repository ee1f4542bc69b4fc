"""Cancel…: a reason is required; cancelling is final."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QWidget

from ui.dialogs.base import FormDialog
from ui.i18n import translate
from ui.step_calls import StepInput


class CancelDialog(FormDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("CancelDialog", "Cancel {number}").format(number=number),
            translate("CancelDialog", "Cancel ticket"),
            parent,
        )
        # Cancelling is final: Enter must not do it, and "Cancel" beside "Cancel ticket"
        # reads as the same thing. The safe button is the default and says what it does.
        keep = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        keep.setText(self.tr("Keep ticket"))
        keep.setDefault(True)
        keep.setAutoDefault(True)
        self.ok_button.setDefault(False)
        self.ok_button.setAutoDefault(False)
        self.keep_button = keep
        warning = QLabel(
            translate("CancelDialog", "Cancelling is final: the ticket cannot be reopened.")
        )
        warning.setProperty("role", "muted")
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(80)
        self.reason.setAccessibleName(translate("CancelDialog", "Reason for cancelling"))
        self.form.addRow(warning)
        self.form.addRow(translate("CancelDialog", "Reason"), self.reason)

    def problem(self) -> str:
        return "" if self.reason.toPlainText().strip() else "Give the reason for cancelling."

    def value(self) -> StepInput:
        return StepInput(reason=self.reason.toPlainText())
