"""The detail pane: the ticket's fields (editable where the role allows, validated
inline), its workflow steps as buttons, and saving with conflict detection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Conflict, DomainError, describe
from app.domain.labels import status_label
from app.domain.tickets import Category, Criticality, Environment, ServiceType, clean_subject
from app.services.dto import TicketView
from app.services.sla_views import SlaView
from ui.app_context import AppContext
from ui.current_ticket import CurrentTicket
from ui.detail_text import needs_reason, priority_origin
from ui.dialogs.conflict import ConflictChoice, ConflictDialog
from ui.dialogs.new_ticket import enum_combo
from ui.domain_labels import label
from ui.history_text import time_spent
from ui.i18n import translate
from ui.step_calls import field_changes
from ui.theme import icon
from ui.ticket_actions import TicketFacts, editable_fields
from ui.timefmt import locale_time
from ui.value_labels import relabel
from ui.views.detail_sla import sla_line
from ui.views.shrinkable import shrinkable
from ui.views.ticket_steps import StepButtons, TicketSteps


class TicketDetail(QFrame):
    saved = Signal(object)  # TicketView after a field save

    def __init__(self, ctx: AppContext, current: CurrentTicket, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pane")
        self.ctx, self.current = ctx, current
        self.view: TicketView | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.steps = TicketSteps(ctx, current, self)
        self._build()
        current.loaded.connect(self.show_ticket)
        self.steps.notice.connect(self.show_notice)
        current.failed.connect(self.show_notice)
        self.show_ticket(None)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        top = self._build_header()
        self.subject = QLineEdit()
        self.subject.setObjectName("ticketSubject")
        self.subject.setAccessibleName(translate("TicketDetail", "Subject"))
        self.subject_error = QLabel()
        self.subject_error.setProperty("role", "error")
        self.subject_error.hide()
        self.notice = QLabel()
        self.notice.setProperty("role", "error")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(translate("TicketDetail", "Notice"))
        self.notice.hide()
        self.buttons = StepButtons(self.steps)
        form = self._build_form()
        self.save_button = QPushButton(icon("save"), translate("TicketDetail", "Save changes"))
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(translate("TicketDetail", "Revert"))
        self.revert_button.clicked.connect(lambda: self.show_ticket(self.view))
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        self.placeholder = QLabel(
            translate("TicketDetail", "Select a ticket in the queue to see it here.")
        )
        self.placeholder.setProperty("role", "muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addWidget(self.subject)
        body.addWidget(self.subject_error)
        body.addWidget(self.buttons)
        body.addWidget(self.notice)
        body.addLayout(form)
        body.addLayout(save_row)
        body.addStretch(1)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll)
        self.subject.textEdited.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        for combo in self._combos().values():
            combo.currentIndexChanged.connect(self._edited)
        self.priority_edit.valueChanged.connect(self._edited)

    def _build_header(self) -> QHBoxLayout:
        self.number = QLabel()
        self.number.setObjectName("ticketNumber")
        self.status = QLabel()
        self.status.setObjectName("statusBadge")
        self.status.setAccessibleName(translate("TicketDetail", "Status"))
        self.priority = QLabel()
        self.priority.setProperty("role", "muted")
        top = QHBoxLayout()
        top.addWidget(self.number)
        top.addWidget(self.status)
        top.addWidget(self.priority)
        top.addStretch(1)
        return top

    def _build_form(self) -> QFormLayout:
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(translate("TicketDetail", "Description"))
        self.description.setFixedHeight(90)
        # The values stay the items' data; the words are the user's language.
        self.criticality = relabel(
            enum_combo(self.tr("Criticality"), Criticality, Criticality.MEDIUM)
        )
        self.category = relabel(enum_combo(self.tr("Category"), Category, Category.INCIDENT))
        self.environment = relabel(
            enum_combo(self.tr("Environment"), Environment, Environment.PRODUCTION)
        )
        self.service_type = relabel(
            enum_combo(self.tr("Service type"), ServiceType, ServiceType.MANAGED_HOSTING)
        )
        self.priority_edit = QSpinBox()
        self.priority_edit.setRange(1, 4)
        self.priority_edit.setPrefix("P")
        self.priority_edit.setAccessibleName(translate("TicketDetail", "Priority"))
        keys = ("customer", "contact", "product", "assignee", "created", "time", "resolution")
        self.info = {k: QLabel() for k in (*keys, "priority_origin", "sla")}
        # Why the edit (a priority override or a lowered criticality); shown only then.
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason for the change"))
        self.reason.setPlaceholderText(self.tr("Why? Kept in the history"))
        self.reason.textEdited.connect(self._edited)
        names = {
            "customer": self.tr("Customer"),
            "contact": self.tr("Contact"),
            "product": self.tr("Product"),
            "assignee": self.tr("Assignee"),
            "created": self.tr("Opened"),
            "time": self.tr("Time logged"),
            "resolution": self.tr("Resolution"),
            "priority_origin": self.tr("Priority origin"),
            "sla": self.tr("SLA"),
        }
        for key, shown in self.info.items():
            shown.setAccessibleName(names[key])
            shown.setTextFormat(Qt.TextFormat.PlainText)  # user-typed text is never markup
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for combo in self._combos().values():
            shrinkable(combo)
        form = self.form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        # A pane too narrow for label and field side by side puts the field under its
        # label rather than past the pane's right edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, widget in (
            (self.tr("Customer"), self.info["customer"]),
            (self.tr("Contact"), self.info["contact"]),
            (self.tr("Product"), self.info["product"]),
            (self.tr("Assignee"), self.info["assignee"]),
            (self.tr("Criticality"), self.criticality),
            (self.tr("Priority"), self.priority_edit),
            ("", self.info["priority_origin"]),
            (self.tr("Reason"), self.reason),
            (self.tr("SLA"), self.info["sla"]),
            (self.tr("Category"), self.category),
            (self.tr("Service"), self.service_type),
            (self.tr("Environment"), self.environment),
            (self.tr("Opened"), self.info["created"]),
            (self.tr("Time logged"), self.info["time"]),
            (self.tr("Description"), self.description),
            (self.tr("Resolution"), self.info["resolution"]),
        ):
            form.addRow(caption, widget)
        return form

    def _combos(self) -> dict[str, QComboBox]:
        return {
            "criticality": self.criticality,
            "category": self.category,
            "environment": self.environment,
            "service_type": self.service_type,
        }

    # -- showing ---------------------------------------------------------------------------

    def show_ticket(self, view: TicketView | None) -> None:
        self.view = view
        self.placeholder.setVisible(view is None)
        self.scroll_area.setVisible(view is not None)
        self.notice.hide()
        if view is None:
            return
        self._loading = True
        self.number.setText(view.number)
        self.status.setText(label(status_label(view.status)))
        self.priority.setText(f"P{view.priority}")
        self.subject.setText(view.subject)
        self.description.setPlainText(view.description)
        for name, combo in self._combos().items():
            combo.setCurrentIndex(combo.findData(getattr(view, name)))
        self.priority_edit.setValue(view.priority)
        self.info["customer"].setText(f"{view.customer_name} ({view.customer_code})")
        self.info["contact"].setText(view.contact or "—")
        self.info["product"].setText(view.product or "—")
        self.info["assignee"].setText(view.assignee or label("Unassigned"))
        self.info["created"].setText(
            self.tr("{when} by {who}").format(
                when=locale_time(view.created_at, zone=True), who=view.created_by
            )
        )
        self.info["priority_origin"].setText(self._priority_origin(view))
        self.reason.clear()
        self._load_sla(view)
        self.info["time"].setText(time_spent(view.time_logged_minutes))
        resolution = f"{view.problem_nature} — {view.solution}" if view.problem_nature else "—"
        self.info["resolution"].setText(resolution)
        allowed = editable_fields(TicketFacts(view.status, view.assignee), self.ctx.user)
        self.subject.setReadOnly("subject" not in allowed)
        self.description.setReadOnly("description" not in allowed)
        for name, combo in self._combos().items():
            combo.setEnabled(name in allowed)
        self.priority_edit.setEnabled("priority" in allowed)
        self._loading = False
        self._edited()

    def _priority_origin(self, view: TicketView) -> str:
        """detail_text.priority_origin's words in the user's language."""
        origin = priority_origin(view)
        if origin == "from the contract (tier × criticality)":
            return self.tr("from the contract (tier × criticality)")
        if origin.startswith("set by "):
            return self.tr("set by {rest}").format(rest=origin.removeprefix("set by "))
        return origin

    def _load_sla(self, view: TicketView) -> None:
        """Due time and time left, fetched beside the ticket (the queue shows the same)."""
        self.info["sla"].setText("…")
        sla, actor, number = self.ctx.services.sla, self.ctx.actor, view.number

        def shown(reading: SlaView) -> None:
            if self.view is not None and self.view.number == number:
                self.info["sla"].setText(sla_line(reading, datetime.now(UTC)))

        self.ctx.runner.submit(
            lambda: sla.show(actor, number),
            shown,
            lambda exc: self.info["sla"].setText(describe(exc, sentence=True)),
            label=f"sla {number}",
        )

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- editing ---------------------------------------------------------------------------

    def edits(self) -> dict[str, Any]:
        """The changed fields, compared with the ticket as it was loaded."""
        if self.view is None:
            return {}
        edited: dict[str, Any] = {
            "subject": self.subject.text(),
            "description": self.description.toPlainText(),
            "priority": self.priority_edit.value(),
            **{name: combo.currentData() for name, combo in self._combos().items()},
        }
        return field_changes(self.view, edited)

    def _edited(self) -> None:
        if getattr(self, "_loading", False):
            return
        problem = ""
        try:
            clean_subject(self.subject.text())
        except DomainError as exc:
            problem = describe(exc, sentence=True)
        self.subject.setProperty("invalid", bool(problem))
        self.subject.style().polish(self.subject)
        self.subject_error.setText(problem)
        self.subject_error.setVisible(bool(problem))
        edits = self.edits()
        dirty = bool(edits)
        why = self.view is not None and needs_reason(self.view, edits)
        self.reason.setVisible(why)
        self.form.labelForField(self.reason).setVisible(why)
        if why and not self.reason.text().strip() and not problem:
            problem = self.tr("Say why (the reason is kept in the history).")
            self.subject_error.setText(problem)
            self.subject_error.setVisible(True)
        self.save_button.setEnabled(dirty and not problem)
        self.revert_button.setEnabled(dirty)

    def save(
        self,
        *,
        changes: dict[str, Any] | None = None,
        version: int | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Save the edited fields with the version the user saw (a stale one: Conflict).

        ``then`` runs once the save succeeded (moving on after "Save" in the leave
        question); a refusal keeps the user here with the notice.
        """
        view = self.view
        changes = self.edits() if changes is None else changes
        if view is None or not changes:
            return
        seen = view.version if version is None else version
        tickets, actor, reason = self.ctx.services.tickets, self.ctx.actor, self.reason.text()
        self.ctx.runner.submit(
            lambda: tickets.edit(
                actor, view.number, changes, expected_version=seen, reason=reason.strip()
            ),
            lambda saved: self._saved(saved, then),
            lambda exc: self._save_refused(exc, changes, seen),
            label=f"save {view.number}",
        )

    def _saved(self, view: TicketView, then: Callable[[], None] | None = None) -> None:
        self.saved.emit(view)
        self.current.reload()
        if then is not None:
            then()

    def _save_refused(self, exc: Exception, mine: dict[str, Any], seen: int) -> None:
        if not isinstance(exc, Conflict) or self.view is None:
            self.show_notice(describe(exc))
            return
        tickets, actor, number = self.ctx.services.tickets, self.ctx.actor, self.view.number
        self.ctx.runner.submit(
            lambda: tickets.show(actor, number, with_history=False),
            lambda theirs: self._show_conflict(mine, theirs, seen),
            lambda e: self.show_notice(describe(e)),
        )

    def _show_conflict(self, mine: dict[str, Any], theirs: TicketView, seen: int) -> None:
        dialog = ConflictDialog(mine, theirs, seen, self)
        self.conflict_dialog = dialog

        def decided(_: int) -> None:
            self.conflict_dialog = None
            if dialog.choice == ConflictChoice.APPLY_MINE:
                # Only the fields this user changed, on top of their version.
                self.save(changes=mine, version=theirs.version)
            else:
                self.current.reload()

        dialog.finished.connect(decided)
        dialog.open()
