"""Walk a widget tree and list the visible words a Greek user would still read in English."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
    QWizard,
)

# Words that stay as they are in Greek: names, acronyms, formats, language names.
KEEP = {
    "supportdesk",
    "postgresql",
    "sqlite",
    "tls",
    "sla",
    "pdf",
    "csv",
    "ok",
    "e-mail",
    "mail",
    "smtp",
    "db",
    "english",
    "sd",
    "kb",
    "png",
    "jpg",
    "jpeg",
    "id",
    "json",
    "ssl",
    "starttls",
    # PostgreSQL TLS modes are the server's own words
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
    # time-zone names (Etc/UTC, Europe/Athens) are data
    "etc",
    "utc",
    # key names in hints (Ctrl+F)
    "ctrl",
    "shift",
    "alt",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text: the words, not the tags
    return text.replace("&&", "&").replace("&", "")


def english_words(text: str, data: Iterable[str] = ()) -> list[str]:
    """Latin-script words in ``text`` that are neither kept words nor shown data."""
    text = _clean(text)
    for value in data:
        text = text.replace(value, " ")
    return [w for w in LATIN_WORD.findall(text) if w.lower() not in KEEP]


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        # QAction.menu() is typed as QObject (QAction lives in QtGui); in a widget app a
        # submenu is a QMenu.
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_texts(submenu, f"{where} › {action.text()}")
        else:
            yield f"{where} menu", action.text()


def visible_texts(root: QWidget, *, skip: Iterable[QWidget] = ()) -> Iterator[tuple[str, str]]:
    """(where, text) of every string a user sees in ``root`` (shown widgets only)."""
    skipped = list(skip)
    yield "window title", root.windowTitle()
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                yield from _menu_texts(submenu, "menu bar")
    if isinstance(root, QWizard):
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
        ):
            yield "wizard button", root.buttonText(which)
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if any(widget is s or s.isAncestorOf(widget) for s in skipped):
            continue
        for text in _widget_texts(widget):
            yield type(widget).__name__, text


def _widget_texts(widget: QWidget) -> Iterator[str]:
    """The strings one widget shows itself (not its children's)."""
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTabWidget):
        yield from (widget.tabText(i) for i in range(widget.count()))
    elif isinstance(widget, QComboBox) and not widget.isEditable():
        yield from (widget.itemText(i) for i in range(widget.count()))  # the choices too
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    if isinstance(widget, QListWidget):
        yield from (widget.item(i).text() for i in range(widget.count()))
    elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
        yield from headers(widget)


def headers(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    for section in range(model.columnCount()):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        yield str(value or "")


def untranslated(
    root: QWidget, *, data: Iterable[str] = (), skip: Iterable[QWidget] = ()
) -> list[str]:
    values = sorted(set(data), key=len, reverse=True)
    return sorted(
        {
            f"{where}: {text!r}"
            for where, text in visible_texts(root, skip=skip)
            if text and english_words(text, values)
        }
    )
