"""Windows beside the main one: the release promotion wizard, the version matrix,
pending verifications, the manager dashboard and the ticket report export.

Each is created on first use (QtCharts and the wizard stay out of start-up) and then
raised again instead of duplicated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from app.domain.errors import describe
from app.domain.roles import Permission, allows
from app.services.report_model import TicketReport
from ui.app_context import AppContext
from ui.i18n import translate


class ToolWindows(QObject):
    open_tickets = Signal(list)  # ticket numbers to show (dashboard click-through)
    notice = Signal(str)  # one line for the status bar

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._open: dict[str, QWidget] = {}

    # -- permissions decide which menu entries exist ----------------------------------------

    @property
    def can_promote(self) -> bool:
        role = self.ctx.actor.role
        return allows(role, Permission.RECORD_INSTALLATION) or allows(
            role, Permission.RECORD_CUSTOMER_RESPONSE
        )

    @property
    def can_see_dashboard(self) -> bool:
        return allows(self.ctx.actor.role, Permission.MANAGE_CATALOGUE)

    # -- windows ----------------------------------------------------------------------------

    def promotion_wizard(self, product: str = "", version: str = "", customer: str = "") -> None:
        from ui.wizards.promotion import PromotionWizard

        wizard = PromotionWizard(self.ctx.services, self.ctx.actor, self.ctx.runner, self.window)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if product and version:
            wizard.resume(product, version, [customer] if customer else [])
        wizard.show()

    def version_matrix(self) -> None:
        from ui.views.release_views import VersionMatrixView

        view = self._window(
            "matrix", lambda: VersionMatrixView(self.ctx.services, self.ctx.actor, self.ctx.runner)
        )
        view.refresh()  # type: ignore[attr-defined]

    def pending_verifications(self) -> None:
        from ui.views.release_views import PendingVerificationsView

        def make() -> QWidget:
            view = PendingVerificationsView(self.ctx.services, self.ctx.actor, self.ctx.runner)
            view.resume_requested.connect(self.promotion_wizard)
            return view

        self._window("pending", make).refresh()  # type: ignore[attr-defined]

    def dashboard(self) -> None:
        from ui.views.dashboard import DashboardView

        def make() -> QWidget:
            view = DashboardView(self.ctx.services, self.ctx.actor, self.ctx.runner)
            view.open_tickets.connect(self.open_tickets)
            return view

        self._window("dashboard", make).refresh()  # type: ignore[attr-defined]

    def unmatched_mail(self) -> None:
        from ui.views.unmatched_mail import UnmatchedMailView

        def make() -> QWidget:
            view = UnmatchedMailView(self.ctx)
            view.open_ticket.connect(lambda number: self.open_tickets.emit([number]))
            return view

        self._window("unmatched", make).refresh()  # type: ignore[attr-defined]

    def ticket_report(self, number: str | None) -> None:
        """Save the customer-ready PDF report of ``number`` (rendered off the GUI thread
        for its figures; the PDF itself is painted here, Qt's painter wants this thread)."""
        if not number:
            self.notice.emit(translate("ToolWindows", "Select a ticket first."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("ToolWindows", "Save ticket report"),
            f"{number}-report.pdf",
            translate("ToolWindows", "PDF files (*.pdf)"),
        )
        if not path:
            return
        self.ctx.runner.submit(
            lambda: self._ticket_report_parts(number),
            lambda done: self._write_pdf(done[0], Path(path), done[1], done[2]),
            lambda exc: self.notice.emit(describe(exc)),
            label="ticket report",
        )

    def _ticket_report_parts(self, number: str) -> tuple[TicketReport, dict[str, Any], str]:
        """The report, the header (company) and the customer's language (worker thread)."""
        services, actor = self.ctx.services, self.ctx.actor
        report = services.reports.ticket_report(actor, number)
        header = services.desk_settings.report_company(actor)
        language = services.customers.get_customer(actor, report.customer_code).language
        return report, header, language

    def _write_pdf(
        self, report: TicketReport, path: Path, header: dict[str, Any], language: str = "en"
    ) -> None:
        from ui.printing import write_pdf  # QtCharts: only when asked for

        try:
            write_pdf(report, path, header, language)
        except OSError as exc:
            self.notice.emit(
                translate("ToolWindows", "Cannot write {path}: {error}").format(
                    path=path, error=exc
                )
            )
            return
        self.notice.emit(translate("ToolWindows", "Report saved to {path}").format(path=path))

    def refresh_open(self) -> None:
        """Another desk changed something: reload the release views that are showing."""
        for key in ("matrix", "pending"):
            widget = self._open.get(key)
            if widget is not None and widget.isVisible():
                widget.refresh()  # type: ignore[attr-defined]

    def _window(self, key: str, make: object) -> QWidget:
        widget = self._open.get(key)
        if widget is None:
            widget = make()  # type: ignore[operator]
            widget.setParent(self.window, Qt.WindowType.Window)
            widget.resize(1000, 640)
            self._open[key] = widget
        widget.show()
        widget.raise_()
        widget.activateWindow()
        return widget
