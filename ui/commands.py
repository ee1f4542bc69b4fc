"""Window-level commands that need a dialog or a service call: new ticket, take next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.errors import DomainError, describe
from app.domain.queue import QueueFilter, QueueSort
from app.domain.roles import Permission, Role, allows
from app.services.dto import CustomerView, ProductView, TicketView
from app.services.idempotency import new_key
from ui.app_context import AppContext
from ui.dialogs.new_ticket import NewTicketDialog
from ui.dialogs.reassign import ReassignDialog
from ui.queue_export import export_queue


class Commands(QObject):
    opened = Signal(object)  # TicketView of a ticket just opened or taken
    notice = Signal(str)
    changed = Signal()  # several tickets changed (bulk actions)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.new_ticket_dialog: NewTicketDialog | None = None
        self.assign_dialog: ReassignDialog | None = None

    def _say(self, exc: Exception) -> None:
        self.notice.emit(describe(exc))

    def new_ticket(self) -> None:
        customers, actor = self.ctx.services.customers, self.ctx.actor
        self.ctx.runner.submit(
            lambda: (customers.list_customers(actor), customers.list_products(actor)),
            lambda lists: self._ask_new_ticket(*lists),
            self._say,
            label="customers",
        )

    def _ask_new_ticket(self, customers: list[CustomerView], products: list[ProductView]) -> None:
        dialog = NewTicketDialog(
            customers,
            products,
            self.window,
            may_open_out_of_contract=allows(self.ctx.actor.role, Permission.OVERRIDE_PRIORITY),
        )
        self.new_ticket_dialog = dialog
        tickets, actor = self.ctx.services.tickets, self.ctx.actor

        def opened(view: TicketView) -> None:
            dialog.accept()
            self.opened.emit(view)

        # One key for this dialog: submitting again after "connection lost while saving"
        # finds the ticket the first submit opened instead of opening a second one.
        key = new_key()

        def submitted(values: dict[str, Any]) -> None:
            self.ctx.runner.submit(
                lambda: tickets.open_ticket(actor, **values, idempotency_key=key),
                opened,
                lambda exc: dialog.refused(describe(exc, sentence=True)),
                label="open ticket",
            )

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _: setattr(self, "new_ticket_dialog", None))
        dialog.open()

    def export_queue(self, flt: QueueFilter, sort: QueueSort, path: Path | None = None) -> None:
        """Save what the queue shows (view, filters, sort) as CSV, off the GUI thread."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export queue"), "queue.csv", self.tr("CSV files (*.csv)")
            )
            if not chosen:
                return
            path = Path(chosen)
        services, actor, target = self.ctx.services, self.ctx.actor, path
        self.ctx.runner.submit(
            lambda: export_queue(services, actor, flt, sort, target),
            lambda n: self.notice.emit(
                self.tr("Exported %1 tickets to %2")
                .replace("%1", f"{n:,}")
                .replace("%2", str(target))
            ),
            self._say,
            label="export queue",
        )

    def take_next(self) -> None:
        assignment, actor = self.ctx.services.assignment, self.ctx.actor

        def taken(view: TicketView | None) -> None:
            if view is None:
                self.notice.emit("Nothing to take: no unassigned ticket you qualify for.")
            else:
                self.opened.emit(view)

        self.ctx.runner.submit(lambda: assignment.take_next(actor), taken, self._say)

    def bulk_assign(self, numbers: list[str]) -> None:
        """A manager assigns the selected tickets to one engineer (one change each)."""
        if not numbers:
            self.notice.emit("Select the tickets to assign first.")
            return
        users, actor = self.ctx.services.users, self.ctx.actor
        self.ctx.runner.submit(
            lambda: [
                (u.username, u.full_name)
                for u in users.list_users(actor)
                if u.active and u.role == Role.ENGINEER
            ],
            lambda engineers: self._ask_assignee(numbers, engineers),
            self._say,
        )

    def _ask_assignee(self, numbers: list[str], engineers: list[tuple[str, str]]) -> None:
        what = numbers[0] if len(numbers) == 1 else f"{len(numbers)} tickets"
        dialog = ReassignDialog(what, engineers, None, self.window)
        self.assign_dialog = dialog
        tickets, actor = self.ctx.services.tickets, self.ctx.actor

        def assign_all() -> tuple[int, list[str]]:
            engineer = dialog.value().assignee
            done, problems = 0, []
            for number in numbers:
                try:
                    tickets.assign(actor, number, engineer)
                    done += 1
                except DomainError as exc:  # one refusal must not stop the others
                    problems.append(f"{number}: {describe(exc)}")
            return done, problems

        def finished(result: tuple[int, list[str]]) -> None:
            done, problems = result
            text = f"Assigned {done} of {len(numbers)} tickets."
            self.notice.emit(" ".join([text, *problems[:3]]))
            self.changed.emit()

        dialog.accepted.connect(
            lambda: self.ctx.runner.submit(assign_all, finished, self._say, label="assign")
        )
        dialog.finished.connect(lambda _: setattr(self, "assign_dialog", None))
        dialog.open()
