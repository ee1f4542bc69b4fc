"""Assignment: the policy (round-robin / least-loaded) and automatic assignment on or
off, with a warning before switching it on while many tickets wait unassigned (they are
handed out at once to whoever is available)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.domain.assignment import POLICIES
from app.domain.queue import SavedView
from app.services.assignment import EngineerStatus
from app.services.auto_assign import AssignmentSettings
from ui.admin.parts import Form, RecordList, Section
from ui.admin.records import Column
from ui.app_context import AppContext
from ui.value_labels import value_label

# Turning auto-assignment on with this many waiting tickets asks for a second click.
WARN_AT = 3


class AssignmentSection(Section):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("Assignment")
        self.form = Form(self.tr("Automatic assignment"))
        self.policy = self.form.row(self.tr("&Policy"), QComboBox())
        for name in POLICIES:
            self.policy.addItem(value_label(name), name)
        self.auto = self.form.row(
            self.tr("Automatic"),
            QCheckBox(self.tr("&Assign new tickets to the first available engineer")),
        )
        self.default_cap = self.form.row(self.tr("Default &cap"), QSpinBox())
        self.default_cap.setRange(0, 500)
        self.default_cap.setSpecialValueText(self.tr("no cap"))
        self.default_cap.setToolTip(
            self.tr("Open tickets at most, for engineers without a cap of their own")
        )
        self.save_button = self.form.button(self.tr("&Save"), self.save)
        self.explain = QLabel(
            self.tr(
                "Round-robin gives the next ticket to whoever waited longest; least-loaded to "
                "whoever has the fewest open tickets. Engineers receive tickets only within "
                "their weekly schedule, their skills and their cap (People › Engineers)."
            )
        )
        self.explain.setWordWrap(True)
        self.explain.setProperty("role", "muted")
        self.engineers: RecordList[EngineerStatus] = RecordList(
            self.tr("Engineers"),
            [
                Column(self.tr("Engineer"), lambda e: e.username),
                Column(self.tr("Available now"), lambda e: e.why_not or self.tr("yes")),
                Column(
                    self.tr("Open"), lambda e: str(e.open_tickets), key=lambda e: e.open_tickets
                ),
            ],
            key=lambda e: e.username,
        )
        self.settings: AssignmentSettings | None = None
        self.confirming = False
        self.auto.toggled.connect(lambda _on: self._unconfirm())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.explain)
        layout.addWidget(self.engineers, 1)

    def load(self) -> None:
        self.call(lambda: self.services.assignment.settings(self.actor), self._show)
        self.call(
            lambda: self.services.assignment.list_engineers(self.actor), self.engineers.set_records
        )

    def _show(self, settings: AssignmentSettings) -> None:
        self.settings = settings
        self.policy.setCurrentIndex(max(0, self.policy.findData(settings.policy)))
        self.auto.setChecked(settings.auto)
        self.default_cap.setValue(settings.default_max or 0)
        self._unconfirm()

    def _unconfirm(self) -> None:
        self.confirming = False
        self.save_button.setText(self.tr("&Save"))

    def save(self) -> None:
        turning_on = self.auto.isChecked() and not (self.settings and self.settings.auto)
        if turning_on and not self.confirming:
            self.call(
                lambda: self.services.queue.view_counts(self.actor)[SavedView.UNASSIGNED],
                self._checked,
                self.form,
            )
            return
        self._store()

    def _checked(self, waiting: int) -> None:
        if waiting < WARN_AT:
            self._store()
            return
        self.confirming = True
        self.save_button.setText(self.tr("&Turn on anyway"))
        self.form.problem(
            self.tr(
                "{0} tickets are waiting unassigned. Turning automatic assignment on hands them "
                "out now to whoever is available — possibly all to one engineer. Press “Turn on "
                "anyway” to go ahead, or untick Automatic."
            ).format(waiting)
        )

    def _store(self) -> None:
        policy, auto = self.policy.currentData(), self.auto.isChecked()
        cap = self.default_cap.value() or None
        a = self.services.assignment

        def store() -> AssignmentSettings:
            a.set_default_cap(self.actor, cap)  # first: auto-assignment then respects it
            return a.configure(self.actor, policy=policy, auto=auto)

        def done(settings: AssignmentSettings) -> None:
            self._show(settings)
            state = self.tr("on") if settings.auto else self.tr("off")
            self.form.done(
                self.tr("Saved: {0}, automatic assignment {1}.").format(
                    settings.policy.replace("_", "-"), state
                )
            )

        self.call(
            store,
            done,
            self.form,
        )
