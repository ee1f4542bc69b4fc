"""People: users (add, role, e-mail, deactivate/reactivate, reset password) and the
engineers' availability, weekly schedule, product skills and cap."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.assignment import EngineerState
from app.domain.roles import Role
from app.services.assignment import EngineerStatus
from app.services.dto import ProductView, UserView
from ui.admin.parts import Form, RecordList, Section, mark
from ui.admin.records import Column, yes_no
from ui.admin.schedule_grid import ScheduleGridModel
from ui.app_context import AppContext
from ui.value_labels import value_label

MIN_PASSWORD = 8
GRID_ROW = 20


def zone_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)  # type to find "Europe/Athens" among ~600 zones
    combo.addItems(sorted(available_timezones()))
    combo.setCurrentText("UTC")
    return combo


class UsersTab(QWidget):
    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.list: RecordList[UserView] = RecordList(
            self.tr("Users"),
            [
                Column(self.tr("User"), lambda u: u.username),
                Column(self.tr("Name"), lambda u: u.full_name),
                Column(self.tr("E-mail"), lambda u: u.email),
                Column(self.tr("Role"), lambda u: u.role),
                Column(self.tr("Active"), yes_no_active, check=lambda u: u.active),
            ],
            key=lambda u: u.username,
        )
        self.form = Form(self.tr("User"))
        self.username = self.form.row(self.tr("User &name"), QLineEdit())
        self.full_name = self.form.row(self.tr("F&ull name"), QLineEdit())
        self.email = self.form.row(self.tr("&E-mail"), QLineEdit())
        self.role = self.form.row(self.tr("&Role"), QComboBox())
        for role in Role:
            self.role.addItem(value_label(role.value), role.value)
        self.password = self.form.row(self.tr("&Password"), QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("for a new user, or to reset"))
        self.new_button = self.form.button(self.tr("Ne&w"), self.new)
        self.add_button = self.form.button(self.tr("&Add user"), self.add)
        self.save_button = self.form.button(self.tr("&Save changes"), self.save)
        self.reset_button = self.form.button(self.tr("Reset pass&word"), self.reset_password)
        self.active_button = self.form.button(self.tr("&Deactivate"), self.toggle_active)
        self.list.chosen.connect(self._show)
        self.password.textChanged.connect(self._check_password)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.form)
        split.setSizes([460, 340])
        QVBoxLayout(self).addWidget(split)
        self._show(None)

    def load(self) -> None:
        s = self.section
        s.call(lambda: s.services.users.list_users(s.actor), self.list.set_records)

    def _show(self, user: UserView | None) -> None:
        for button in (self.save_button, self.reset_button, self.active_button):
            button.setEnabled(user is not None)
        if user is None:
            return
        self.username.setText(user.username)
        self.full_name.setText(user.full_name)
        self.email.setText(user.email)
        self.role.setCurrentIndex(self.role.findData(user.role))
        self.active_button.setText(
            self.tr("&Deactivate") if user.active else self.tr("Re&activate")
        )

    def _check_password(self) -> str:
        text = self.password.text()
        problem = ""
        if text and len(text) < MIN_PASSWORD:
            problem = self.tr("A password has at least {0} characters.").format(MIN_PASSWORD)
        self.form.problem(mark(self.password, problem))
        return problem

    def new(self) -> None:
        self.list.table.clearSelection()
        self.list.table.setCurrentIndex(self.list.proxy.index(-1, -1))
        for field in (self.username, self.full_name, self.email, self.password):
            field.clear()
        self.username.setFocus()
        self.form.done(self.tr("Type the new user's details, then Add user."))

    def add(self) -> None:
        if not self.password.text():
            self.form.problem(mark(self.password, self.tr("A new user needs a password.")))
            return
        if self._check_password():
            return
        s, name = self.section, self.username.text()
        values: dict[str, Any] = dict(
            username=name,
            password=self.password.text(),
            role=self.role.currentData(),
            full_name=self.full_name.text(),
            email=self.email.text(),
        )
        s.call(lambda: s.services.users.add_user(s.actor, **values), self._added, self.form)

    def _added(self, user: UserView) -> None:
        self.password.clear()
        s = self.section
        s.reload(
            self.list,
            lambda: s.services.users.list_users(s.actor),
            then=lambda: self.form.done(self.tr("Added {0}.").format(user.username)),
        )

    def save(self) -> None:
        user, s = self.list.current(), self.section
        if user is None:
            return
        values: dict[str, Any] = dict(
            role=self.role.currentData(), email=self.email.text(), full_name=self.full_name.text()
        )
        s.call(
            lambda: s.services.users.edit_user(s.actor, user.username, **values),
            lambda v: self._saved(self.tr("Saved {0}.").format(v.username)),
            self.form,
        )

    def reset_password(self) -> None:
        user, s, password = self.list.current(), self.section, self.password.text()
        if user is None:
            return
        if not password:
            self.form.problem(mark(self.password, self.tr("Type the new password first.")))
            return
        if self._check_password():
            return
        s.call(
            lambda: s.services.users.set_password(s.actor, user.username, password),
            lambda _none: self._saved(self.tr("New password set for {0}.").format(user.username)),
            self.form,
        )

    def toggle_active(self) -> None:
        user, s = self.list.current(), self.section
        if user is None:
            return
        s.call(
            lambda: s.services.users.set_active(s.actor, user.username, not user.active),
            lambda v: self._saved(
                (self.tr("{0} is active.") if v.active else self.tr("{0} is deactivated.")).format(
                    v.username
                )
            ),
            self.form,
        )

    def _saved(self, text: str) -> None:
        self.password.clear()
        s = self.section
        s.reload(
            self.list,
            lambda: s.services.users.list_users(s.actor),
            then=lambda: self.form.done(text),
        )


def yes_no_active(user: UserView) -> str:
    return yes_no(user.active)


class EngineersTab(QWidget):
    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        self.list: RecordList[EngineerStatus] = RecordList(
            self.tr("Engineers"),
            [
                Column(self.tr("Engineer"), lambda e: e.username),
                Column(self.tr("State"), lambda e: e.state),
                Column(self.tr("Now"), lambda e: e.why_not or self.tr("available")),
                Column(
                    self.tr("Open"), lambda e: str(e.open_tickets), key=lambda e: e.open_tickets
                ),
                Column(self.tr("Cap"), lambda e: str(e.max_open or "—"), key=lambda e: e.max_open),
                Column(self.tr("Skills"), lambda e: ", ".join(e.skills) or self.tr("all")),
                Column(self.tr("Time zone"), lambda e: e.timezone),
            ],
            key=lambda e: e.username,
        )
        self.form = Form(self.tr("Availability, schedule, skills"))
        self.state = self.form.row(self.tr("&State"), QComboBox())
        for state in EngineerState:
            self.state.addItem(value_label(state.value), state.value)
        self.zone = self.form.row(self.tr("&Time zone"), zone_combo())
        self.cap = self.form.row(self.tr("&Cap (open tickets)"), QSpinBox())
        self.cap.setRange(0, 500)
        self.cap.setSpecialValueText(self.tr("no cap"))
        self.skills = self.form.row(self.tr("S&kills (products)"), QListWidget())
        self.skills.setMaximumHeight(72)
        self.grid_model = ScheduleGridModel(self)
        self.grid = QTableView()
        self.grid.setAccessibleName(self.tr("Weekly schedule"))
        self.grid.setModel(self.grid_model)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setMinimumSectionSize(18)
        self.grid.verticalHeader().setDefaultSectionSize(GRID_ROW)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Hour labels need the whole narrow section (the app style pads headers).
        self.grid.setStyleSheet("QHeaderView::section { padding: 0px; }")
        header_height = self.grid.horizontalHeader().sizeHint().height()
        self.grid.setFixedHeight(7 * GRID_ROW + header_height + 4)
        self.form.form.addRow(self.tr("Week (own time zone)"), self.grid)
        fill = QHBoxLayout()
        for text, days, hours, on in (
            (self.tr("Mon–Fri 09–17"), range(5), range(9, 17), True),
            (self.tr("Around the clock"), range(7), range(24), True),
            (self.tr("Clear"), range(7), range(24), False),
        ):
            button = QPushButton(text)
            button.clicked.connect(
                lambda _c=False, d=days, h=hours, o=on: self.grid_model.set_block(d, h, o)
            )
            fill.addWidget(button)
        fill.addStretch(1)
        self.form.form.addRow(self.tr("Fill"), fill)
        self.grid_note = QLabel(self.tr("An empty week means always on duty."))
        self.grid_note.setProperty("role", "muted")
        self.form.form.addRow("", self.grid_note)
        self.save_button = self.form.button(self.tr("&Save engineer"), self.save)
        self.list.chosen.connect(self._show)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.form)
        split.setSizes([200, 420])
        QVBoxLayout(self).addWidget(split)
        self._show(None)

    def load(self) -> None:
        s = self.section
        s.call(lambda: s.services.customers.list_products(s.actor), self._products)
        s.call(lambda: s.services.assignment.list_engineers(s.actor), self.list.set_records)

    def _products(self, products: list[ProductView]) -> None:
        wanted = set(self._checked_skills())
        self.skills.clear()
        for product in products:
            item = QListWidgetItem(f"{product.code} — {product.name}", self.skills)
            item.setData(Qt.ItemDataRole.UserRole, product.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = product.code in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        current = self.list.current()
        if current is not None:
            self._show(current)

    def _checked_skills(self) -> list[str]:
        return [
            self.skills.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.skills.count())
            if self.skills.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _show(self, eng: EngineerStatus | None) -> None:
        self.save_button.setEnabled(eng is not None)
        if eng is None:
            return
        self.state.setCurrentIndex(self.state.findData(eng.state))
        self.zone.setCurrentText(eng.timezone)
        self.cap.setValue(eng.max_open or 0)
        self.grid_model.set_spec(eng.schedule, eng.timezone)
        for i in range(self.skills.count()):
            item = self.skills.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in eng.skills
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def save(self) -> None:
        """Skills, schedule and cap first, availability last: becoming available hands
        the engineer a waiting ticket, chosen with the new skills and hours."""
        eng, s = self.list.current(), self.section
        if eng is None:
            return
        a, who = s.services.assignment, eng.username
        skills, spec, zone = self._checked_skills(), self.grid_model.spec(), self.zone.currentText()
        cap, state = self.cap.value() or None, self.state.currentData()

        def work() -> EngineerStatus:
            a.set_skills(s.actor, skills, engineer=who)
            a.set_schedule(s.actor, spec, zone, engineer=who)
            a.set_max(s.actor, cap, engineer=who)
            return a.set_state(s.actor, state, engineer=who)

        s.call(work, self._saved, self.form)

    def _saved(self, eng: EngineerStatus) -> None:
        got = (
            self.tr(" {0} received {1}.").format(eng.username, eng.received) if eng.received else ""
        )
        text = self.tr("Saved {0}.").format(eng.username) + got
        s = self.section
        s.reload(
            self.list,
            lambda: s.services.assignment.list_engineers(s.actor),
            then=lambda: self.form.done(text),
        )


class PeopleSection(Section):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = self.tr("People")
        self.users = UsersTab(self)
        self.engineers = EngineersTab(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.users, self.tr("&Users"))
        self.tabs.addTab(self.engineers, self.tr("E&ngineers"))
        QVBoxLayout(self).addWidget(self.tabs)

    def load(self) -> None:
        self.users.load()
        self.engineers.load()
