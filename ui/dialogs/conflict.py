"""Someone else changed the ticket meanwhile: show both versions, let the user choose.

Nothing is written unless the user explicitly applies their changes on top of the
other version (which is then a new save with the new version number).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import TicketView
from ui.i18n import translate
from ui.timefmt import stamp


class ConflictChoice:
    KEEP_THEIRS = "theirs"
    APPLY_MINE = "mine"


class ConflictDialog(QDialog):
    def __init__(
        self,
        mine: dict[str, Any],
        theirs: TicketView,
        seen_version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = ConflictChoice.KEEP_THEIRS
        self.setWindowTitle(f"{theirs.number} was changed meanwhile")
        self.setMinimumWidth(620)
        # Words, not row versions: when it changed and how many saves you missed.
        missed = theirs.version - seen_version
        times = "" if missed <= 1 else f" ({missed} saves)"
        intro = QLabel(
            f"Someone else saved {theirs.number} at {stamp(theirs.updated_at)}{times} while "
            "you were editing it. Nothing of yours was saved. Compare and choose:"
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        names = sorted(mine)
        self.table = QTableWidget(len(names), 3)
        self.table.setAccessibleName(translate("ConflictDialog", "Your version and theirs"))
        self.table.setHorizontalHeaderLabels(["Field", "Your version", "Their version"])
        self.table.verticalHeader().hide()
        for row, name in enumerate(names):
            theirs_value = str(getattr(theirs, name, ""))
            cells = (name.replace("_", " "), str(mine[name]), theirs_value)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col and str(mine[name]) != theirs_value:
                    item.setForeground(QColor("#c8372d") if col == 1 else item.foreground())
                self.table.setItem(row, col, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(1, 220)
        self.buttons = QDialogButtonBox()
        self.keep_theirs = QPushButton(translate("ConflictDialog", "Discard mine, keep theirs"))
        self.apply_mine = QPushButton(translate("ConflictDialog", "Apply mine on top of theirs"))
        self.buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.apply_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs.setDefault(True)
        self.apply_mine.clicked.connect(self._mine)
        self.keep_theirs.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)

    def _mine(self) -> None:
        self.choice = ConflictChoice.APPLY_MINE
        self.accept()
