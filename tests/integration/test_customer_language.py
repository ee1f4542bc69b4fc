"""A customer reads our e-mails in their own language (customers.language, issue 18):
a Greek customer's contact gets Greek mail, an English one English, and staff mail
stays as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.bootstrap import Services
from app.domain.errors import PermissionDenied, ValidationError
from app.persistence.orm_sla import OutboxMessage
from tests.support.people import People
from tests.support.tickets import printer_offline_ticket


def mail_for(services: Services, number: str) -> list[OutboxMessage]:
    with services.db.session() as s:
        rows = s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        return [m for m in rows if number in m.subject]


def comment_mail(services: Services, people: People) -> OutboxMessage:
    number = printer_offline_ticket(services, people)
    services.tickets.comment(people.care, number, "Ο οδηγός ενημερώθηκε.")
    (mail,) = mail_for(services, number)
    return mail


def test_a_greek_customers_contact_gets_greek_mail(services: Services, people: People) -> None:
    assert services.customers.get_customer(people.manager, "ACME").language == "en"
    view = services.customers.set_language(people.manager, "ACME", "el")
    assert view.language == "el"
    assert services.customers.get_customer(people.care, "ACME").language == "el"

    mail = comment_mail(services, people)
    assert mail.subject.endswith("Printer offline")  # the ticket's own words, as typed
    assert mail.body.startswith("Αγαπητέ/ή Jo Smith,")
    assert "υπάρχουν νέα για το αίτημά σας SD-" in mail.body
    assert "Ο οδηγός ενημερώθηκε." in mail.body
    assert "Dear" not in mail.body and "Kind regards" not in mail.body


def test_an_english_customer_keeps_english_mail(services: Services, people: People) -> None:
    mail = comment_mail(services, people)
    assert mail.body.startswith("Dear Jo Smith,")
    assert "Αγαπητέ" not in mail.body


def test_a_stored_greek_template_wins_over_the_built_in_one(
    services: Services, people: People
) -> None:
    services.customers.set_language(people.manager, "ACME", "el")
    with services.db.unit_of_work() as uow:
        from app.persistence.orm_sla import NotificationTemplate

        uow.outbox.add_template(
            NotificationTemplate(
                key="public_comment.el",
                subject="Νέα για το $number",
                body="Γεια σας $contact: $text",
                updated_at=services.ctx.clock.now(),
            )
        )
        uow.commit()
    mail = comment_mail(services, people)
    assert "Νέα για το SD-" in mail.subject
    assert mail.body == "Γεια σας Jo Smith: Ο οδηγός ενημερώθηκε."


def test_only_known_languages_and_only_managers(services: Services, people: People) -> None:
    with pytest.raises(ValidationError, match="language must be one of en, el"):
        services.customers.set_language(people.manager, "ACME", "fr")
    with pytest.raises(PermissionDenied):
        services.customers.set_language(people.engineer, "ACME", "el")
    assert services.customers.set_language(people.manager, "ACME", "el_GR").language == "el"


def test_the_resolution_mail_subject_and_body_are_greek(services: Services, people: People) -> None:
    services.customers.set_language(people.manager, "ACME", "el")
    number = printer_offline_ticket(services, people)
    services.tickets.take(people.engineer, number)
    services.tickets.start(people.engineer, number)
    services.tickets.resolve(
        people.engineer, number, problem_nature="Παλιός οδηγός", solution="Νέος οδηγός"
    )
    (mail,) = [m for m in mail_for(services, number) if "Επιλύθηκε" in m.subject]
    assert mail.subject == f"[{number}] Επιλύθηκε, αναμένεται η έγκρισή σας: Printer offline"
    assert "επιλύσαμε το αίτημά σας" in mail.body and "Πρόβλημα: Παλιός οδηγός" in mail.body
