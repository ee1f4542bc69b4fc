"""Administration sections beyond the first set-up: refusals said inline, deactivating
a person, the warning before automatic assignment meets a backlog, templates previewed,
a company logo, and the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from pytestqt.qtbot import QtBot

from app.bootstrap import Services, open_services
from app.domain.errors import AuthenticationFailed
from app.services.auth import Passwords
from tests.support.people import PASSWORD, People, make_people
from tests.ui.admin.test_first_setup_story import MemorySecrets, choose, says, type_in
from tests.ui.desk import click, close, log_in, wait
from ui.admin.window import AdministrationWindow
from ui.main_window import MainWindow


def open_admin(qtbot: QtBot, window: MainWindow) -> AdministrationWindow:
    window.admin_window = AdministrationWindow(window.ctx, MemorySecrets(), parent=window)
    window.actions_["administration"].trigger()
    assert window.admin_window.isVisible()
    return window.admin_window


@pytest.fixture
def desk(db_url: str, fast_passwords: Passwords) -> tuple[Services, People]:
    services = open_services(db_url, passwords=fast_passwords)
    return services, make_people(services)


def test_a_manager_is_refused_users_but_not_customers_and_engineers_see_no_entry(
    qtbot: QtBot,
    desk: tuple[Services, People],
    db_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services, _people = desk
    engineer = log_in(qtbot, db_url, "eng", fast_passwords, tmp_path)
    assert not engineer.actions_["administration"].isVisible()
    close(engineer)

    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    admin = open_admin(qtbot, window)
    users = admin.people.users
    wait(qtbot, lambda: users.list.model.rowCount() == 5)
    click(qtbot, users.new_button)
    type_in(qtbot, users.username, "newbie")
    type_in(qtbot, users.password, PASSWORD)
    click(qtbot, users.add_button)
    says(qtbot, users.form, "may not manage users")
    assert users.form.message.property("role") == "error"

    qtbot.keyClick(admin, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert admin.pages.currentWidget() is admin.customers
    type_in(qtbot, admin.customers.code, "BETA")
    type_in(qtbot, admin.customers.name, "Beta Ltd")
    click(qtbot, admin.customers.add_button)
    says(qtbot, admin.customers.form, "Added BETA")
    assert admin.customers.list.current() is not None
    assert admin.customers.list.current().code == "BETA"  # type: ignore[union-attr]
    type_in(qtbot, admin.customers.list.filter, "acme")
    assert admin.customers.list.proxy.rowCount() == 1
    # Jo Smith becomes the contact who verifies ACME's releases.
    choose(qtbot, admin.customers.list, "ACME")
    choose(qtbot, admin.customers.contacts, "Jo Smith")
    assert admin.customers.contact_email.text() == "jo@acme.example"
    admin.customers.verifies.setChecked(True)
    admin.customers.approves.setChecked(True)
    click(qtbot, admin.customers.save_contact_button)
    says(qtbot, admin.customers.contact_form, "Saved Jo Smith")
    [jo] = services.customers.get_customer(_people.manager, "ACME").contacts
    assert jo.verifies_releases and jo.approves_resolutions
    qtbot.keyClick(admin, Qt.Key.Key_Escape)
    assert not admin.isVisible()
    close(window)
    services.db.dispose()


def test_an_admin_deactivates_and_reactivates_a_person(
    qtbot: QtBot,
    desk: tuple[Services, People],
    db_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services, _people = desk
    window = log_in(qtbot, db_url, "admin", fast_passwords, tmp_path)
    users = open_admin(qtbot, window).people.users
    choose(qtbot, users.list, "cara")
    assert users.active_button.text() == "&Deactivate"
    click(qtbot, users.active_button)
    says(qtbot, users.form, "cara is deactivated")
    with pytest.raises(AuthenticationFailed):
        services.users.login("cara", PASSWORD)
    wait(qtbot, lambda: users.active_button.text() == "Re&activate")
    click(qtbot, users.active_button)
    says(qtbot, users.form, "cara is active")
    assert services.users.login("cara", PASSWORD).username == "cara"

    choose(qtbot, users.list, "admin")
    click(qtbot, users.active_button)
    says(qtbot, users.form, "You cannot deactivate yourself")
    close(window)
    services.db.dispose()


def test_turning_auto_assignment_on_over_a_backlog_asks_first(
    qtbot: QtBot,
    desk: tuple[Services, People],
    db_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services, people = desk
    services.assignment.configure(people.manager, auto=False)
    for n in range(3):
        services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=f"Waiting {n}",
            service_type="second_level_support",
        )
    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    admin = open_admin(qtbot, window)
    admin.open_section(admin.assignment)
    section = admin.assignment
    wait(qtbot, lambda: section.settings is not None and not section.auto.isChecked())
    section.auto.setChecked(True)
    section.default_cap.setValue(4)
    click(qtbot, section.save_button)
    says(qtbot, section.form, "3 tickets are waiting unassigned")
    assert section.save_button.text() == "&Turn on anyway"
    assert not services.assignment.settings(people.manager).auto  # nothing changed yet
    click(qtbot, section.save_button)
    # The warning is still on the line until the answer comes: wait for the answer.
    wait(qtbot, lambda: section.form.message.text().startswith("Saved:"))
    assert section.form.message.text() == "Saved: round-robin, automatic assignment on."
    assert services.assignment.settings(people.manager).auto
    assert services.assignment.settings(people.manager).default_max == 4
    close(window)
    services.db.dispose()


def test_template_preview_and_company_logo(
    qtbot: QtBot,
    desk: tuple[Services, People],
    db_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services, people = desk
    window = log_in(qtbot, db_url, "admin", fast_passwords, tmp_path)
    admin = open_admin(qtbot, window)
    admin.open_section(admin.mail)
    mail = admin.mail
    mail.tabs.setCurrentIndex(1)
    wait(qtbot, lambda: mail.templates.model.rowCount() > 0)
    mail.templates.select_row(0)
    type_in(qtbot, mail.template_subject, "[$number] $subject for $customer")
    assert mail.preview.toPlainText().startswith(
        "Subject: [SD-000123] Invoices stuck in export for Acme Ltd"
    )
    key = mail.templates.current().key  # type: ignore[union-attr]
    click(qtbot, mail.save_template_button)
    says(qtbot, mail.template_form, "Saved the")
    assert services.notifications.templates(people.admin)[key][0] == (
        "[$number] $subject for $customer"
    )

    admin.open_section(admin.company)
    company = admin.company
    logo = tmp_path / "logo.png"
    picture = QPixmap(40, 20)
    picture.fill(QColor("#3d7be6"))
    assert picture.save(str(logo), "PNG")
    wait(qtbot, lambda: company.logo_view.text() == "no logo")  # loaded
    type_in(qtbot, company.name, "Northwind Support")
    company.use_logo_file(logo)
    click(qtbot, company.save_button)
    says(qtbot, company.form, "Saved.")
    saved = services.desk_settings.company(people.admin)
    assert (saved.name, saved.logo) == ("Northwind Support", logo.read_bytes())
    assert company.logo_view.pixmap() is not None and not company.logo_view.pixmap().isNull()
    close(window)
    services.db.dispose()


def test_a_customers_environments_show_and_record_what_runs_there(
    qtbot: QtBot,
    desk: tuple[Services, People],
    db_url: str,
    fast_passwords: Passwords,
    tmp_path: Path,
) -> None:
    services, people = desk
    services.customers.add_product(people.manager, code="ERP", name="ERP")
    services.releases.add_release(people.manager, product="ERP", version="1.0.0", state="available")
    window = log_in(qtbot, db_url, "mia", fast_passwords, tmp_path)
    admin = open_admin(qtbot, window)
    admin.open_section(admin.customers)
    customers = admin.customers
    choose(qtbot, customers.list, "ACME")
    customers.below.setCurrentWidget(customers.environments)
    envs = customers.environments
    wait(qtbot, lambda: envs.list.model.rowCount() == 1 and envs.product.count() == 1)
    assert envs.list.model.records[0].production == ""
    envs.environment.setCurrentIndex(envs.environment.findData("production"))
    type_in(qtbot, envs.version, "1.0.0")
    type_in(qtbot, envs.reason, "installed before SupportDesk")
    click(qtbot, envs.record_button)
    says(qtbot, envs.form, "Recorded ERP 1.0.0")
    row = envs.list.model.records[0]
    assert (row.product, row.test, row.production) == ("ERP", "", "1.0.0")
    close(window)
    services.db.dispose()
