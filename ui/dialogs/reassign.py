"""Assign… / Reassign…: pick an active engineer."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ui.dialogs.base import FormDialog
from ui.i18n import translate
from ui.step_calls import StepInput


class ReassignDialog(FormDialog):
    def __init__(
        self,
        what: str,
        engineers: list[tuple[str, str]],
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Assign {what}", "Assign", parent)
        self.engineer = QComboBox()
        self.engineer.setAccessibleName(translate("ReassignDialog", "Engineer"))
        for username, full_name in engineers:
            if username != current:
                self.engineer.addItem(f"{full_name or username} ({username})", username)
        self.form.addRow(translate("ReassignDialog", "Engineer"), self.engineer)

    def problem(self) -> str:
        return "" if self.engineer.currentData() else "There is no other active engineer."

    def value(self) -> StepInput:
        return StepInput(assignee=str(self.engineer.currentData()))
