"""The Administration window: a list of sections on the left, one editor on the right.

Every section talks to the same services as the CLI; the services check the roles, so
a manager sees the sections but a refusal (e.g. adding a user) says why.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from ui.admin.assignment_section import AssignmentSection
from ui.admin.company_section import CompanySection
from ui.admin.contracts_section import ContractsSection
from ui.admin.customers_section import CustomersSection
from ui.admin.mail_section import MailSection
from ui.admin.parts import Section
from ui.admin.people_section import PeopleSection
from ui.admin.products_section import ProductsSection
from ui.app_context import AppContext
from ui.connection import SecretStore
from ui.theme import app_icon

GEOMETRY_KEY = "admin/geometry"


class AdministrationWindow(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        secrets: SecretStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setObjectName("administration")
        self.setWindowTitle(self.tr("Administration — SupportDesk"))
        self.setWindowIcon(app_icon())
        self.people = PeopleSection(ctx)
        self.customers = CustomersSection(ctx)
        self.contracts = ContractsSection(ctx)
        self.products = ProductsSection(ctx)
        self.assignment = AssignmentSection(ctx)
        self.mail = MailSection(ctx, secrets)
        self.company = CompanySection(ctx)
        self.sections: list[Section] = [
            self.people,
            self.customers,
            self.contracts,
            self.products,
            self.assignment,
            self.mail,
            self.company,
        ]
        self.index = QListWidget()
        self.index.setAccessibleName(self.tr("Sections"))
        self.index.setFixedWidth(170)
        self.pages = QStackedWidget()
        for section in self.sections:
            QListWidgetItem(section.title, self.index)
            self.pages.addWidget(section)
        self.index.currentRowChanged.connect(self._show)
        layout = QHBoxLayout(self)
        layout.addWidget(self.index)
        layout.addWidget(self.pages, 1)
        # Ctrl+1 … Ctrl+7 jump to a section; Escape closes (keyboard-complete).
        for number, _section in enumerate(self.sections, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.index.setCurrentRow(n - 1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.close)
        geometry = ctx.settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1000, 660)
        self.index.setCurrentRow(0)

    def open_section(self, section: Section) -> None:
        self.index.setCurrentRow(self.sections.index(section))

    def refresh(self) -> None:
        """Reload the section on screen (others reload when they are next shown)."""
        self._show(self.index.currentRow())

    def _show(self, row: int) -> None:
        if row < 0:
            return
        # A section reads the database whenever it is shown: what another section (or
        # another desk) changed meanwhile appears — the lists are small.
        self.pages.setCurrentIndex(row)
        self.sections[row].load()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ctx.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)
