"""The rows of Unmatched mail: a short list (mail waiting for a person), held whole."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.mail_in.unmatched import MailView

Index = QModelIndex | QPersistentModelIndex


class UnmatchedMailModel(QAbstractTableModel):
    MailRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("Received", "From", "Subject", "Why")

    def __init__(self) -> None:
        super().__init__()
        self.mails: list[MailView] = []

    def set_mails(self, mails: list[MailView]) -> None:
        self.beginResetModel()
        self.mails = list(mails)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.mails)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.mails):
            return None
        mail = self.mails[index.row()]
        if role == self.MailRole:
            return mail
        if role == Qt.ItemDataRole.DisplayRole:
            sender = f"{mail.sender_name} <{mail.sender}>" if mail.sender_name else mail.sender
            return (
                mail.received_at.strftime("%Y-%m-%d %H:%M"),
                sender,
                mail.subject,
                mail.reason,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return mail.reason
        return None
