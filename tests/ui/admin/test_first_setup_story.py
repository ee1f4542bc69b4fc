"""An administrator sets up an empty desk only through the Administration window —
engineers with schedules and skills, a product with a release, a customer with
contacts, a calendar, a tier with its targets, a contract, the assignment policy and
the mail server — then opens a ticket in the new-ticket dialog that gets the tier's
priority, the calendar's due time and the one engineer who knows the product."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QTableView,
)
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, open_services
from app.domain.calendar import BusinessCalendar
from app.domain.sla import Target
from app.services.auth import Passwords
from tests.support.people import PASSWORD
from tests.support.smtp import Inbox, smtp_server
from tests.ui.desk import click, close, log_in, wait
from ui.admin.parts import Form, RecordList
from ui.admin.targets_model import PRIORITY, RESOLUTION, RESPONSE
from ui.admin.window import AdministrationWindow
from ui.connection import SecretStore


class MemorySecrets(SecretStore):
    """A keyring that lives in memory (tests never touch the machine's keyring)."""

    def __init__(self) -> None:
        self._keyring = None
        self.saved: dict[str, str] = {}

    @property
    def available(self) -> bool:
        return True

    def get(self, key: str) -> str | None:
        return self.saved.get(key)

    def set(self, key: str, secret: str) -> bool:
        self.saved[key] = secret
        return True


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as (box, settings):
        yield box, settings.port


def type_in(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def says(qtbot: QtBot, form: Form, words: str) -> None:
    """Wait until the form's message line says ``words`` (fails with what it says)."""

    def settled() -> bool:
        text = form.message.text()
        return words in text or (form.message.property("role") == "error" and text != "")

    try:
        wait(qtbot, settled)
    finally:
        assert words in form.message.text(), form.message.text()


def choose(qtbot: QtBot, records: RecordList[Any], text: str) -> None:
    """Select the row showing ``text`` in its first column, as a click would."""
    wait(
        qtbot,
        lambda: records.proxy.match(records.proxy.index(0, 0), Qt.ItemDataRole.DisplayRole, text),
    )
    index = records.proxy.match(records.proxy.index(0, 0), Qt.ItemDataRole.DisplayRole, text)[0]
    records.table.scrollTo(index)
    rect = records.table.visualRect(index)
    qtbot.mouseClick(records.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert records.table.currentIndex().row() == index.row()


def edit_cell(qtbot: QtBot, table: QTableView, row: int, column: int, value: str) -> None:
    """F2 on a cell, type the value, Enter: the keyboard way to edit a table."""
    index = table.model().index(row, column)
    table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    wait(qtbot, lambda: isinstance(QApplication.focusWidget(), QAbstractSpinBox))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QAbstractSpinBox)
    editor.selectAll()
    qtbot.keyClicks(editor, value)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait(qtbot, lambda: table.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()  # the closed editor goes away before the next F2


def stored_targets(services: Services) -> list[Target]:
    admin = services.users.login("root", PASSWORD)
    return [t for t in services.sla.targets(admin) if t.tier == "Standard"]


def test_an_admin_sets_up_an_empty_desk_and_the_first_ticket_follows_it(
    qtbot: QtBot,
    db_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
    inbox: tuple[Inbox, int],
) -> None:
    services = open_services(db_url, passwords=fast_passwords)
    services.users.create_first_admin("root", PASSWORD, "Rae Root")
    window = log_in(qtbot, db_url, "root", fast_passwords, tmp_path)
    secrets = MemorySecrets()
    window.admin_window = AdministrationWindow(window.ctx, secrets, parent=window)
    window.actions_["administration"].trigger()
    admin = window.admin_window
    assert admin.isVisible()
    admin.resize(1024, 700)

    # People › Users: two engineers.
    admin.open_section(admin.people)
    users = admin.people.users
    wait(qtbot, lambda: users.list.model.rowCount() == 1)  # root
    for name, full in (("ana", "Ana Engineer"), ("ben", "Ben Engineer")):
        click(qtbot, users.new_button)
        type_in(qtbot, users.username, name)
        type_in(qtbot, users.full_name, full)
        type_in(qtbot, users.email, f"{name}@desk.example")
        users.role.setCurrentIndex(users.role.findData("engineer"))
        type_in(qtbot, users.password, "short")
        assert users.password.property("invalid")  # inline: too short
        type_in(qtbot, users.password, PASSWORD)
        click(qtbot, users.add_button)
        says(qtbot, users.form, f"Added {name}")

    # Products: ERP with release 1.0.0, and CRM.
    admin.index.setCurrentRow(admin.sections.index(admin.products))
    products = admin.products
    for code, name in (("ERP", "Enterprise Resource Planning"), ("CRM", "Customer Relations")):
        type_in(qtbot, products.code, code)
        type_in(qtbot, products.name, name)
        click(qtbot, products.add_button)
        says(qtbot, products.form, f"Added {code}")
    choose(qtbot, products.list, "ERP")
    type_in(qtbot, products.version, "1.0.0")
    products.state.setCurrentIndex(products.state.findData("available"))
    click(qtbot, products.add_release_button)
    says(qtbot, products.release_form, "Added ERP 1.0.0")
    wait(qtbot, lambda: products.releases.model.rowCount() == 1)

    # People › Engineers: Ana around the clock on ERP; Ben office hours in New York, CRM.
    admin.open_section(admin.people)
    admin.people.tabs.setCurrentWidget(admin.people.engineers)
    engineers = admin.people.engineers
    wait(qtbot, lambda: engineers.list.model.rowCount() == 2 and engineers.skills.count() == 2)
    plans = (
        ("ana", "Europe/Athens", "Around the clock", "ERP"),
        ("ben", "America/New_York", "Mon–Fri 09–17", "CRM"),
    )
    for name, zone, fill, skill in plans:
        choose(qtbot, engineers.list, name)
        engineers.state.setCurrentIndex(engineers.state.findData("available"))
        engineers.zone.setCurrentText(zone)
        fill_buttons = [
            w for w in engineers.findChildren(type(engineers.save_button)) if w.text() == fill
        ]
        click(qtbot, fill_buttons[0])
        for i in range(engineers.skills.count()):
            item = engineers.skills.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == skill:
                item.setCheckState(Qt.CheckState.Checked)
        click(qtbot, engineers.save_button)
        says(qtbot, engineers.form, f"Saved {name}")
    wait(
        qtbot,
        lambda: (
            {e.username: e.skills for e in engineers.list.model.records}
            == {"ana": ("ERP",), "ben": ("CRM",)}
        ),
    )
    stored = {e.username: e for e in services.assignment.list_engineers(window.ctx.actor)}
    assert stored["ben"].timezone == "America/New_York"
    assert stored["ben"].schedule == (
        "mon 09:00-17:00; tue 09:00-17:00; wed 09:00-17:00; thu 09:00-17:00; fri 09:00-17:00"
    )
    assert stored["ana"].state == "available" and stored["ana"].available_now

    # Customers: ACME with two contacts, one verifying releases.
    admin.open_section(admin.customers)
    customers = admin.customers
    type_in(qtbot, customers.code, "acme!")
    assert customers.code.property("invalid")  # inline: not a code
    type_in(qtbot, customers.code, "ACME")
    type_in(qtbot, customers.name, "Acme Corp")
    click(qtbot, customers.add_button)
    says(qtbot, customers.form, "Added ACME")
    wait(qtbot, lambda: customers.list.current() is not None)
    for name, email, phone, verifies, approves in (
        ("Jo Smith", "jo@acme.example", "", True, False),
        ("Sam Ops", "", "+30 210 000 0000", False, True),
    ):
        type_in(qtbot, customers.contact_name, name)
        type_in(qtbot, customers.contact_email, email)
        type_in(qtbot, customers.contact_phone, phone)
        customers.verifies.setChecked(verifies)
        customers.approves.setChecked(approves)
        click(qtbot, customers.add_contact_button)
        says(qtbot, customers.contact_form, f"Added {name}")
    wait(qtbot, lambda: customers.contacts.model.rowCount() == 2)
    roles = {
        c.name: (c.verifies_releases, c.approves_resolutions)
        for c in services.customers.get_customer(window.ctx.actor, "ACME").contacts
    }
    assert roles == {"Jo Smith": (True, False), "Sam Ops": (False, True)}

    # Contracts and SLA › Calendars: Athens office, Mon–Fri 09–17, Greek holidays.
    admin.open_section(admin.contracts)
    sla = admin.contracts
    sla.tabs.setCurrentWidget(sla.calendars)
    cal = sla.calendars
    type_in(qtbot, cal.code, "ATH")
    cal.zone.setCurrentText("Europe/Athens")
    type_in(qtbot, cal.country, "GR")
    type_in(qtbot, cal.closures, "2026-12-24, 2026-12-31")
    click(qtbot, cal.add_button)
    says(qtbot, cal.form, "Added calendar ATH")
    wait(qtbot, lambda: cal.closed.model.rowCount() > 100)  # weekends, holidays, closures
    whys = {d.why for d in cal.closed.model.records}
    assert {"weekend", "public holiday"} <= whys

    # › Targets: a new tier "Standard" (copied from Gold), its "high" row edited.
    sla.tabs.setCurrentWidget(sla.targets)
    targets = sla.targets
    wait(qtbot, lambda: targets.model.rowCount() >= 16)
    type_in(qtbot, targets.tier_name, "Standard")
    targets.copy_from.setCurrentText("Gold")
    click(qtbot, targets.add_tier_button)
    says(qtbot, targets.form, "Added tier Standard")
    row = next(
        i
        for i, t in enumerate(targets.model.targets)
        if (t.tier, t.criticality.value) == ("Standard", "high")
    )
    for column, value, saved in (
        (PRIORITY, "1", "P1"),
        (RESOLUTION, "600", "10 h"),
        (RESPONSE, "45", "45 min"),
    ):
        edit_cell(qtbot, targets.table, row, column, value)
        assert targets.model.index(row, column).data() == saved
        says(qtbot, targets.form, "Saved Standard / high")
    standard = [t for t in services.sla.targets(window.ctx.actor) if t.tier == "Standard"]
    wait(qtbot, lambda: any(t.response_minutes == 45 for t in stored_targets(services)))
    high = next(t for t in stored_targets(services) if t.criticality.value == "high")
    assert (high.priority, high.response_minutes, high.resolution_minutes) == (1, 45, 600)
    assert len(standard) == 4  # the copy of Gold: one target per criticality

    # › Contracts: ACME on Standard, ATH calendar, second-level support.
    sla.tabs.setCurrentWidget(sla.contracts)
    contracts = sla.contracts
    wait(qtbot, lambda: contracts.calendar.findData("ATH") >= 0 and contracts.customer.count() == 1)
    contracts.calendar.setCurrentIndex(contracts.calendar.findData("ATH"))
    wait(qtbot, lambda: contracts.tier.findText("Standard") >= 0)
    contracts.tier.setCurrentIndex(contracts.tier.findText("Standard"))
    contracts.services["second_level_support"].setChecked(True)
    click(qtbot, contracts.add_button)
    says(qtbot, contracts.form, "Added contract ACME-1")

    # › Calendars: the calculator answers before any ticket exists.
    sla.tabs.setCurrentWidget(sla.calendars)
    wait(qtbot, lambda: cal.calc_customer.count() == 1)
    cal.calc_criticality.setCurrentIndex(cal.calc_criticality.findData("high"))
    click(qtbot, cal.calc_button)
    says(qtbot, cal.calc, "ACME-1, tier Standard: P1, business hours (ATH)")

    # Assignment: least-loaded, automatic.
    admin.open_section(admin.assignment)
    assign = admin.assignment
    wait(qtbot, lambda: assign.settings is not None)
    assign.policy.setCurrentIndex(assign.policy.findData("least_loaded"))
    assign.auto.setChecked(True)
    click(qtbot, assign.save_button)
    says(qtbot, assign.form, "Saved: least-loaded, automatic assignment on")

    # Mail: the SMTP server (password to the keyring) and a test e-mail that arrives.
    box, port = inbox
    admin.open_section(admin.mail)
    mail = admin.mail
    wait(qtbot, lambda: mail.host.text() != "")
    type_in(qtbot, mail.host, "127.0.0.1")
    mail.port.setValue(port)
    type_in(qtbot, mail.smtp_password, "s3cret")
    type_in(qtbot, mail.sender_line, "desk@desk.example")
    click(qtbot, mail.save_server_button)
    says(qtbot, mail.server, f"Saved 127.0.0.1:{port}")
    assert list(secrets.saved.values()) == ["s3cret"]
    assert services.desk_settings.mail_server(window.ctx.actor).port == port
    type_in(qtbot, mail.test_to, "root@desk.example")
    click(qtbot, mail.send_test_button)
    says(qtbot, mail.test, "sent to root@desk.example")
    assert [m["Subject"] for m in box.to("root@desk.example")] == ["SupportDesk test e-mail"]
    admin.close()

    # The first ticket: ACME, ERP, high.
    window.actions_["new_ticket"].trigger()
    wait(qtbot, lambda: window.commands.new_ticket_dialog is not None)
    dialog = window.commands.new_ticket_dialog
    assert dialog is not None
    dialog.customer.setCurrentIndex(dialog.customer.findData("ACME"))
    dialog.product.setCurrentIndex(dialog.product.findData("ERP"))
    qtbot.keyClicks(dialog.subject, "Invoices stuck in export")
    dialog.criticality.setCurrentIndex(dialog.criticality.findData("high"))
    click(qtbot, dialog.ok_button)
    wait(qtbot, lambda: window.current.view is not None)
    view = window.current.view
    assert view is not None
    assert (view.priority, view.assignee, view.status) == (1, "ana", "assigned")
    shown = services.sla.show(window.ctx.actor, view.number)
    athens = BusinessCalendar(
        timezone="Europe/Athens",
        day_start=time(9),
        day_end=time(17),
        country="GR",
        closures=frozenset({date(2026, 12, 24), date(2026, 12, 31)}),
    )
    assert shown.resolution is not None and shown.response is not None
    assert shown.resolution.due_at == athens.add(view.created_at, timedelta(minutes=600))
    assert shown.response.due_at == athens.add(view.created_at, timedelta(minutes=45))
    close(window)
    services.db.dispose()
