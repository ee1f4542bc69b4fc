"""The Cancel-ticket dialog: the safe "Keep ticket" is the default button, so Enter never
cancels a ticket; "Cancel ticket" has to be clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.dialogs.cancel import CancelDialog


def test_enter_keeps_the_ticket_and_only_the_explicit_button_cancels(qtbot: QtBot) -> None:
    dialog = CancelDialog("SD-000042")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.reason, "Customer withdrew the request")
    assert dialog.keep_button.isDefault() and not dialog.ok_button.isDefault()
    assert dialog.keep_button.text() == "Keep ticket" != dialog.ok_button.text()

    dialog.keep_button.setFocus()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == CancelDialog.DialogCode.Rejected

    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.ok_button.click()
    assert dialog.value().reason == "Customer withdrew the request"
