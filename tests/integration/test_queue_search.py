"""Search looks in comments and resolutions too (issue 14 item 14), ranks subject hits
first, and finds the same tickets whichever plan its words' frequency picks (issue 19),
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from app.bootstrap import Services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services import queue as queue_service
from tests.support.people import People

# Threshold of "common" words: None scales with the desk (a tiny desk: every word is
# rare), 1 makes every word common (the walk-and-test plan).
PLANS = pytest.mark.parametrize("common_words", [None, 1], ids=["rare-plan", "common-plan"])


def open_ticket(services: Services, people: People, subject: str, description: str = "") -> str:
    return services.tickets.open_ticket(
        people.care,
        customer="ACME",
        subject=subject,
        description=description,
        service_type="first_level_support",
        criticality="medium",
    ).number


def found(services: Services, people: People, text: str, **kw: object) -> list[str]:
    flt = QueueFilter(view=SavedView.ALL, search=text)
    page = services.queue.page(people.care, flt, QueueSort(**kw), None, 100)  # type: ignore[arg-type]
    return [r.number for r in page.rows]


@PLANS
def test_words_in_comments_and_resolutions_are_found(
    services: Services, people: People, common_words: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_service, "COMMON_WORDS", common_words)
    commented = open_ticket(services, people, "Screen flickers")
    resolved = open_ticket(services, people, "Laptop slow")
    open_ticket(services, people, "Nothing to see")
    services.tickets.take(people.engineer, commented)
    services.tickets.comment(people.engineer, commented, "The Kühlschrank driver is outdated")
    services.tickets.take(people.engineer, resolved)
    services.tickets.start(people.engineer, resolved)
    services.tickets.resolve(
        people.engineer, resolved, problem_nature="thermal throttling", solution="new paste"
    )

    assert found(services, people, "KÜHLSCHRANK") == [commented]  # any case
    assert found(services, people, "driver outdat") == [commented]  # words and a prefix
    assert found(services, people, "throttl") == [resolved]  # the problem's nature
    assert found(services, people, "paste") == [resolved]  # the solution
    assert found(services, people, "paste driver") == []  # all words, in one place
    flt = QueueFilter(view=SavedView.ALL, search="driver")
    assert services.queue.count(people.care, flt) == 1


@PLANS
def test_subject_hits_come_first_then_the_rest_in_the_queue_order(
    services: Services, people: People, common_words: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_service, "COMMON_WORDS", common_words)
    in_body = [open_ticket(services, people, f"Issue {i}", "the printer jams") for i in range(3)]
    in_subject = [open_ticket(services, people, f"Printer {i} offline") for i in range(2)]
    open_ticket(services, people, "Unrelated")
    in_comment = open_ticket(services, people, "Other")
    services.tickets.comment(people.care, in_comment, "also the printer")

    by_number = {"column": QueueColumn.NUMBER}
    assert found(services, people, "printer", **by_number) == [*in_subject, *in_body, in_comment]
    descending = {"column": QueueColumn.NUMBER, "descending": True}
    assert found(services, people, "printer", **descending) == [
        *reversed(in_subject),
        in_comment,
        *reversed(in_body),
    ]
    # Page by page, one ticket at a time, across the two tiers: no gap, no repeat.
    flt = QueueFilter(view=SavedView.ALL, search="printer")
    sort = QueueSort(QueueColumn.NUMBER)
    walked: list[str] = []
    page = services.queue.page(people.care, flt, sort, None, 1)
    walked += [r.number for r in page.rows]
    while page.next_key is not None:
        page = services.queue.page(people.care, flt, sort, page.next_key, 1)
        walked += [r.number for r in page.rows]
    assert walked == [*in_subject, *in_body, in_comment]
    assert services.queue.count(people.care, flt) == 6


def test_a_ticket_number_search_goes_straight_to_it(services: Services, people: People) -> None:
    number = open_ticket(services, people, "Printer offline")
    open_ticket(services, people, f"Mentions {number} in the subject")
    assert found(services, people, number) == [number]


@PLANS
def test_accents_and_case_are_folded_in_either_plan(
    services: Services, people: People, common_words: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's common-word walk skips the Python test for ASCII text that lacks the
    words (LIKE first); text with accents always reaches it, so "cafe" finds "Café" as
    FTS5's unicode61 does. PostgreSQL's 'simple' configuration keeps accents (both
    plans): "café" is found by "café" only."""
    monkeypatch.setattr(queue_service, "COMMON_WORDS", common_words)
    accented = open_ticket(services, people, "Café machine", "Die Kühlschrank-Tür klemmt")
    plain = open_ticket(services, people, "CAFETERIA printer")
    open_ticket(services, people, "Coffee machine")
    by_number = {"column": QueueColumn.NUMBER}
    assert found(services, people, "printer cafeteria") == [plain]
    if services.db.engine.dialect.name == "sqlite":
        assert found(services, people, "cafe", **by_number) == [accented, plain]
        assert found(services, people, "CAFÉ", **by_number) == [accented, plain]
        assert found(services, people, "kuhlschrank tur") == [accented]
    else:
        assert found(services, people, "cafe", **by_number) == [plain]
        assert found(services, people, "CAFÉ", **by_number) == [accented]
        assert found(services, people, "kühlschrank tür") == [accented]


@PLANS
def test_searches_of_one_shape_each_find_their_own_words(
    services: Services, people: People, common_words: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two searches whose statements have the same text (same plan, same number of
    words) differ only in their values: each finds its own tickets and counts its own
    (the plan's values are named binds, SearchPlan.values, never baked into a statement
    that may be compiled once per shape and run again)."""
    monkeypatch.setattr(queue_service, "COMMON_WORDS", common_words)
    scanner = open_ticket(services, people, "Scanner offline")
    router = open_ticket(services, people, "Router offline", "the router reboots")
    for word, number in (("scanner", scanner), ("router", router), ("scanner", scanner)):
        assert found(services, people, word) == [number]
        flt = QueueFilter(view=SavedView.ALL, search=word)
        assert services.queue.count(people.care, flt) == 1
        ids, _ = services.queue.ids(people.care, flt, QueueSort(), None, 10)
        assert len(ids) == 1
    assert found(services, people, "scanner router") == []
    assert found(services, people, "offline", column=QueueColumn.NUMBER) == [scanner, router]


@PLANS
def test_a_rare_word_in_no_subject_or_only_in_subjects_reads_one_tier(
    services: Services, people: People, common_words: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL collects a rare word's ids split by subject first: a tier with no id
    is not read at all (its statement was a round trip for nothing); the order is the
    same either way, on both engines and both plans."""
    monkeypatch.setattr(queue_service, "COMMON_WORDS", common_words)
    in_subjects = [open_ticket(services, people, f"Printer quokka {i}") for i in range(2)]
    in_texts = [open_ticket(services, people, "Printer", f"a wombat {i}") for i in range(3)]
    open_ticket(services, people, "Other")
    engine = services.db.engine
    seen: list[str] = []

    def observe(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", observe)
    try:
        for word, expected in (("quokka", in_subjects), ("wombat", in_texts)):
            seen.clear()
            assert sorted(found(services, people, word)) == sorted(expected), word
            tiers = [s for s in seen if s.lstrip().startswith("SELECT tickets.id")]
            rare_on_postgres = services.db.dialect == "postgresql" and common_words is None
            assert len(tiers) == (1 if rare_on_postgres else 2), (word, tiers)
    finally:
        event.remove(engine, "before_cursor_execute", observe)
