"""The workflow steps for the current ticket: buttons, menu actions and their dialogs.

Which steps show is decided by the Qt-free :func:`ui.ticket_actions.available_steps`;
each step runs one service call through the task runner with the version the user saw.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from app.domain.errors import Conflict, describe
from app.domain.roles import Role
from app.services.dto import CustomerView, TicketView
from ui.app_context import AppContext
from ui.current_ticket import CurrentTicket
from ui.dialogs.cancel import CancelDialog
from ui.dialogs.customer_answer import CustomerAnswerDialog
from ui.dialogs.customer_reply import CustomerReplyDialog, WaitDialog
from ui.dialogs.reassign import ReassignDialog
from ui.dialogs.resolve import ResolveDialog
from ui.domain_labels import label
from ui.step_calls import StepInput, step_call
from ui.theme import icon
from ui.ticket_actions import STEP_INFO, Step, TicketFacts, available_steps
from ui.views.flow_layout import FlowLayout


class TicketSteps(QObject):
    """Owns one QAction per step; the detail pane shows them as buttons too."""

    notice = Signal(str)  # a sentence for the user (refusals, conflicts)
    done = Signal(object)  # the TicketView after a step

    def __init__(self, ctx: AppContext, current: CurrentTicket, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.current, self.parent_widget = ctx, current, parent
        self.active_dialog: QDialog | None = None
        self.actions: dict[Step, QAction] = {}
        for step, info in STEP_INFO.items():
            action = QAction(icon(info.icon), label(info.label), parent)
            if info.shortcut:
                action.setShortcut(QKeySequence(info.shortcut))
            action.setEnabled(False)
            name = label(info.label).rstrip("…")
            action.setToolTip(f"{name} ({info.shortcut})" if info.shortcut else name)
            action.triggered.connect(lambda _=False, s=step: self.request(s))
            self.actions[step] = action
        current.loaded.connect(self.refresh)

    def refresh(self, view: TicketView | None) -> None:
        steps = (
            set(available_steps(TicketFacts(view.status, view.assignee), self.ctx.user))
            if (view)
            else set()
        )
        # Actions stay visible (the Workflow menu lists every step and its key); only the
        # possible ones are enabled, and only those show as buttons.
        for step, action in self.actions.items():
            action.setEnabled(step in steps)

    def visible_steps(self) -> list[Step]:
        """The steps offered now (enabled actions, shown as buttons)."""
        return [s for s, a in self.actions.items() if a.isEnabled()]

    # -- running a step --------------------------------------------------------------------

    def request(self, step: Step) -> None:
        view = self.current.view
        if view is None:
            return
        if not STEP_INFO[step].needs_dialog:
            self._run(view, step, StepInput())
        elif step == Step.RESOLVE:
            self._ask(view, step, ResolveDialog(view.number, self.parent_widget))
        elif step == Step.CANCEL:
            self._ask(view, step, CancelDialog(view.number, self.parent_widget))
        elif step == Step.WAIT:
            self._ask(view, step, WaitDialog(view.number, self.parent_widget))
        elif step in (Step.APPROVE, Step.REJECT, Step.CUSTOMER_REPLIED):
            customers, actor = self.ctx.services.customers, self.ctx.actor
            self.ctx.runner.submit(
                lambda: customers.get_customer(actor, view.customer_code),
                lambda cust: self._ask(view, step, self._answer_dialog(view, step, cust)),
                self._refused,
            )
        else:  # assign / reassign
            users, actor = self.ctx.services.users, self.ctx.actor
            self.ctx.runner.submit(
                lambda: [
                    (u.username, u.full_name)
                    for u in users.list_users(actor)
                    if u.active and u.role == Role.ENGINEER
                ],
                lambda engineers: self._ask(
                    view,
                    step,
                    ReassignDialog(view.number, engineers, view.assignee, self.parent_widget),
                ),
                self._refused,
            )

    def _answer_dialog(self, view: TicketView, step: Step, customer: CustomerView) -> QDialog:
        contacts = [c.name for c in customer.contacts]
        if step == Step.CUSTOMER_REPLIED:
            return CustomerReplyDialog(view.number, contacts, view.contact, self.parent_widget)
        return CustomerAnswerDialog(
            view.number,
            contacts,
            approved=step == Step.APPROVE,
            default_contact=view.contact,
            approvers=[c.name for c in customer.contacts if c.approves_resolutions],
            parent=self.parent_widget,
        )

    def _ask(self, view: TicketView, step: Step, dialog: QDialog) -> None:
        """Open the step's dialog window-modally (not exec: the event loop keeps turning)."""
        self.active_dialog = dialog
        dialog.accepted.connect(lambda: self._run(view, step, dialog.value()))  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _: setattr(self, "active_dialog", None))
        dialog.open()

    def _run(self, view: TicketView, step: Step, given: StepInput) -> None:
        call = step_call(self.ctx.services, self.ctx.actor, view, step, given)
        self.ctx.runner.submit(call, self._applied, self._refused, label=STEP_INFO[step].label)

    def _applied(self, view: TicketView) -> None:
        self.done.emit(view)
        self.current.reload()

    def _refused(self, exc: Exception) -> None:
        message = describe(exc)
        if isinstance(exc, Conflict):
            message = f"{message} The ticket has been reloaded; check it and try again."
            self.current.reload()
        self.notice.emit(message[:1].upper() + message[1:])


class StepButtons(QWidget):
    """A row of buttons mirroring the visible step actions."""

    def __init__(self, steps: TicketSteps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self)  # wraps: one row of them is wider than a narrow pane
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Step, QPushButton] = {}
        for step, action in steps.actions.items():
            button = QPushButton(action.icon(), action.text())
            button.setAccessibleName(action.text().rstrip("…"))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            button.setVisible(False)
            action.changed.connect(lambda b=button, a=action: b.setVisible(a.isEnabled()))
            layout.addWidget(button)
            self.buttons[step] = button
