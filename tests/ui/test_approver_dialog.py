"""Issue 13: recording a customer's approval offers the contacts who approve
resolutions (and only them), the ticket's contact first when it is one; a rejection, or
a customer who named no approvers, offers every contact. The dialog is built the way
the ticket view builds it, from the customer the services return."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from tests.support.people import People
from ui.dialogs.customer_answer import CustomerAnswerDialog
from ui.ticket_actions import Step
from ui.views.ticket_steps import TicketSteps


def _dialog(services: Services, people: People, step: Step) -> CustomerAnswerDialog:
    view = services.tickets.open_ticket(
        people.care,
        customer="ACME",
        contact="Jo Smith",
        subject="Invoices stuck",
        service_type="first_level_support",
    )
    customer = services.customers.get_customer(people.care, "ACME")
    holder = SimpleNamespace(parent_widget=None)
    dialog = TicketSteps._answer_dialog(holder, view, step, customer)  # type: ignore[arg-type]
    assert isinstance(dialog, CustomerAnswerDialog)
    return dialog


def _items(dialog: CustomerAnswerDialog) -> list[str]:
    return [dialog.contact.itemText(i) for i in range(dialog.contact.count())]


def test_approval_offers_only_the_approvers(
    qtbot: QtBot, services: Services, people: People
) -> None:
    for name, approves in (("Pat Boss", True), ("Lee Ops", False), ("Kim Chief", True)):
        services.customers.add_contact(
            people.manager,
            customer_code="ACME",
            name=name,
            email=f"{name.split()[0].lower()}@acme.example",
            approves_resolutions=approves,
        )
    dialog = _dialog(services, people, Step.APPROVE)
    qtbot.addWidget(dialog)
    assert _items(dialog) == ["Pat Boss", "Kim Chief"]
    assert dialog.contact.currentText() == "Pat Boss"  # Jo Smith, the ticket's, is not one
    dialog.contact.setCurrentIndex(1)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == CustomerAnswerDialog.DialogCode.Accepted
    assert dialog.value().contact == "Kim Chief"

    rejection = _dialog(services, people, Step.REJECT)
    qtbot.addWidget(rejection)
    assert _items(rejection) == ["Jo Smith", "Pat Boss", "Lee Ops", "Kim Chief"]
    assert rejection.contact.currentText() == "Jo Smith"


def test_the_tickets_contact_comes_first_when_it_approves(
    qtbot: QtBot, services: Services, people: People
) -> None:
    services.customers.add_contact(
        people.manager, customer_code="ACME", name="Pat Boss", email="pat@acme.example",
        approves_resolutions=True,
    )  # fmt: skip
    contact = services.customers.get_customer(people.manager, "ACME").contacts[0]
    services.customers.edit_contact(
        people.manager,
        customer_code="ACME",
        contact_id=contact.id,
        email=contact.email,
        phone=contact.phone,
        verifies_releases=False,
        approves_resolutions=True,
    )
    dialog = _dialog(services, people, Step.APPROVE)
    qtbot.addWidget(dialog)
    assert _items(dialog) == ["Jo Smith", "Pat Boss"]
    assert dialog.contact.currentText() == "Jo Smith"


def test_no_named_approvers_offers_every_contact(
    qtbot: QtBot, services: Services, people: People
) -> None:
    dialog = _dialog(services, people, Step.APPROVE)
    qtbot.addWidget(dialog)
    assert _items(dialog) == ["Jo Smith"]
