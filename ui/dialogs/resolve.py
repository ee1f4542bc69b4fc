"""Resolve…: the problem's nature and the solution applied are required."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QSpinBox, QWidget

from app.domain.tickets import MINUTES_MAX
from ui.dialogs.base import FormDialog
from ui.i18n import translate
from ui.step_calls import StepInput


class ResolveDialog(FormDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("ResolveDialog", "Resolve {number}").format(number=number),
            translate("ResolveDialog", "Resolve"),
            parent,
        )
        self.nature = QPlainTextEdit()
        self.nature.setAccessibleName(translate("ResolveDialog", "Problem nature"))
        self.nature.setPlaceholderText(translate("ResolveDialog", "What was wrong?"))
        self.solution = QPlainTextEdit()
        self.solution.setAccessibleName(translate("ResolveDialog", "Solution applied"))
        self.solution.setPlaceholderText(translate("ResolveDialog", "What did you do to fix it?"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MINUTES_MAX)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName(translate("ResolveDialog", "Minutes spent"))
        for w in (self.nature, self.solution):
            w.setFixedHeight(80)
        self.form.addRow(translate("ResolveDialog", "Problem nature"), self.nature)
        self.form.addRow(translate("ResolveDialog", "Solution applied"), self.solution)
        self.form.addRow(translate("ResolveDialog", "Time spent"), self.minutes)

    def problem(self) -> str:
        if not self.nature.toPlainText().strip():
            return "Describe the nature of the problem."
        if not self.solution.toPlainText().strip():
            return "Describe the solution applied."
        return ""

    def value(self) -> StepInput:
        return StepInput(
            problem_nature=self.nature.toPlainText(),
            solution=self.solution.toPlainText(),
            minutes=self.minutes.value(),
        )
