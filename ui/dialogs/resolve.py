"""Resolve…: the problem's nature and the solution applied are required."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QSpinBox, QWidget

from app.domain.tickets import MINUTES_MAX
from ui.dialogs.base import FormDialog
from ui.step_calls import StepInput


class ResolveDialog(FormDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Resolve {number}", "Resolve", parent)
        self.nature = QPlainTextEdit()
        self.nature.setAccessibleName("Problem nature")
        self.nature.setPlaceholderText("What was wrong?")
        self.solution = QPlainTextEdit()
        self.solution.setAccessibleName("Solution applied")
        self.solution.setPlaceholderText("What did you do to fix it?")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MINUTES_MAX)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes spent")
        for w in (self.nature, self.solution):
            w.setFixedHeight(80)
        self.form.addRow("Problem nature", self.nature)
        self.form.addRow("Solution applied", self.solution)
        self.form.addRow("Time spent", self.minutes)

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
