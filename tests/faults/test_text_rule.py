"""Random text — control characters, NUL, lone surrogates, huge strings — pushed through
the services on SQLite and PostgreSQL: each value is refused with a clear message or
stored and read back exactly as the rule cleaned it (trimmed), never "database error"."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.bootstrap import Services
from app.domain.errors import DomainError, ValidationError
from tests.support.people import People

# Every code point, surrogates included, with the awkward ones made likely.
AWKWARD = st.sampled_from(["\x00", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\ud800", "\udfff"])
CHARS = st.one_of(st.characters(blacklist_categories=()), AWKWARD)
TEXTS = st.text(CHARS, max_size=300)
TEN_MB = 10 * 1024 * 1024

RUN = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _refusal_is_clear(exc: ValidationError) -> None:
    assert "database" not in exc.message.lower()
    assert exc.message.split()[0] in {
        "comment",
        "subject",
        "description",
        "customer",
    }, exc.message


@pytest.fixture
def ticket(services: Services, people: People) -> str:
    return services.tickets.open_ticket(
        people.care, customer="ACME", subject="Base", service_type="first_level_support"
    ).number


@RUN
@given(text=TEXTS)
@example(text="\x00")
@example(text="only\x00nul")
@example(text="tabs\tand\nlines\r\nare fine")
@example(text="x" * TEN_MB)
@example(text="y" * (TEN_MB - 1) + "\x00")
@example(text="\ud83d lone high surrogate")
def test_comments(services: Services, people: People, ticket: str, text: str) -> None:
    try:
        services.tickets.comment(people.engineer, ticket, text)
    except ValidationError as exc:
        _refusal_is_clear(exc)
        return
    stored = [e.text for e in services.tickets.show(people.engineer, ticket).history]
    assert stored[-1] == text.strip()


@RUN
@given(subject=TEXTS, description=TEXTS)
@example(subject="\x00", description="")
@example(subject="Tab\there", description="")
@example(subject="Fine", description="z" * TEN_MB)
def test_new_tickets(services: Services, people: People, subject: str, description: str) -> None:
    try:
        view = services.tickets.open_ticket(
            people.care,
            customer="ACME",
            subject=subject,
            description=description,
            service_type="first_level_support",
        )
    except ValidationError as exc:
        _refusal_is_clear(exc)
        return
    back = services.tickets.show(people.care, view.number, with_history=False)
    assert (back.subject, back.description) == (subject.strip(), description.strip())


CODES = itertools.count(1)


@RUN
@given(name=TEXTS)
@example(name="Acme\x00Evil")
def test_customer_names(services: Services, people: People, name: str) -> None:
    code = f"RND{next(CODES)}"
    try:
        services.customers.add_customer(people.manager, code=code, name=name)
    except ValidationError as exc:
        _refusal_is_clear(exc)
        return
    assert services.customers.get_customer(people.manager, code).name == name.strip()


@pytest.mark.parametrize("bad", ["SD-\x00", "\ud800", "Jo\x00Smith"])
def test_lookups_with_impossible_text_are_refused_in_words(
    services: Services, people: People, ticket: str, bad: str
) -> None:
    """Values that reach a query without a field rule (a ticket number, a contact's name,
    a search) are refused as text, never as "database error"."""
    calls = [
        lambda: services.tickets.show(people.care, bad),
        lambda: services.tickets.open_ticket(
            people.care, customer="ACME", subject="x", contact=bad, service_type="managed_hosting"
        ),
        lambda: services.tickets.comment(people.engineer, bad, "hello"),
    ]
    for call in calls:
        with pytest.raises(DomainError) as refused:
            call()
        assert "database" not in refused.value.message.lower(), refused.value.message
