"""Asking before unsaved field edits are left behind (next ticket, quit).

One question, three answers: Save (then go on once saved), Discard (go on), Cancel
(stay). The box is window-modal and opened with ``open()``, so the event loop keeps
turning and tests can answer it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import translate


def ask_unsaved(
    parent: QWidget,
    number: str,
    *,
    on_save: Callable[[], None],
    on_discard: Callable[[], None],
    on_cancel: Callable[[], None],
) -> QMessageBox:
    # translate("Context", ...) is the spelling pyside6-lupdate reads; an alias such as
    # tr = QCoreApplication.translate was extracted with an empty context.
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("UnsavedEdits", "Unsaved changes"),
        translate("UnsavedEdits", "%1 has changes that are not saved.").replace("%1", number),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(translate("UnsavedEdits", "Save them before you go on?"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def decided(_result: int) -> None:
        button = box.clickedButton()
        answer = box.standardButton(button) if button else QMessageBox.StandardButton.Cancel
        if answer == QMessageBox.StandardButton.Save:
            on_save()
        elif answer == QMessageBox.StandardButton.Discard:
            on_discard()
        else:
            on_cancel()

    box.finished.connect(decided)
    box.open()
    return box
