"""Full-text search for the queue (issue 19 item 3, issue 14 item 14): SQL only.

What is searched: the ticket's own text (subject, description, resolution), what
people wrote in its history (comments, customer replies, reasons) and its customer's
code or name. SQLite reads FTS5 tables (``tickets_fts``, ``ticket_events_fts``),
PostgreSQL GIN indexes (``tickets.search_vector``, ``ix_ticket_events_search``);
both are made in migration 0015.

Two plans, chosen by how many tickets the words match (:func:`plan_words`), against a
threshold that grows with the desk (``queue_repository.common_threshold``):

* **rare** words: the matching ticket ids are collected from the full-text indexes
  first (at most the threshold: the collection is also the probe), then the page reads
  just those tickets by id (a sort of a few thousand rows at most). The ids are passed
  as one value, so the planner knows how few they are and never walks the view's sort
  index hoping to meet them (at 1M PostgreSQL did: 7-14 s for "zeppelin" in "All");
* **common** words: walk the view's own index in the page's order and test each
  ticket in hand (SQLite: ``sd_has_words`` on its text and its events' text,
  app.persistence.sqlite_words; PostgreSQL: ``@@`` on its stored ``search_vector``),
  so a page costs about ``page / share of matching tickets`` rows, never a
  collection of every match of "mail".

The estimate only decides when to skip the collection: a word is common without a probe
when its statistics say so for sure (app.persistence.search_stats); anything else is
probed by collecting, and a collection that reaches the threshold means common.

Ranking: tickets whose *subject* holds the words come first (tier 0), then the rest
(tier 1), each tier in the queue's sort order; a ticket number goes straight to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    LargeBinary,
    Select,
    Text,
    and_,
    any_,
    bindparam,
    cast,
    exists,
    func,
    literal_column,
    not_,
    or_,
    select,
    text,
)

from app.domain.tickets import format_number
from app.persistence.orm import Customer, Ticket, TicketEvent
from app.persistence.search_stats import estimated_matches, settle_postgres_search
from app.persistence.sqlite_words import fold

tickets = Ticket.__table__
customers = Customer.__table__
events = TicketEvent.__table__
# Aliases built once: aliasing a table copies all its columns (~0.5 ms a search).
_searched_events = events.alias("searched_events")
# A rare search reads at most this many ids, whatever the threshold (the desktop's id
# stream asks for 100,000 rows at a time: its threshold is in the hundreds of thousands).
COLLECT_MAX = 50_000


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """``tiers``: the extra WHERE clauses of each ranking tier, best first (one tier for
    a number); ``matches``: every matching ticket (for counts); ``common``: the
    walk-and-test plan (None for a number).

    Every value in the clauses is a named bind that also carries its value, so a
    statement built from them runs as it is; ``values`` holds the same values by name
    and ``shape`` names what the statements' text depends on (the plan's kind, the
    engine, the number of words): a caller that compiles once per ``shape`` passes
    ``values`` with each execution (queue_statements.run)."""

    tiers: list[list[ColumnElement[bool]]]
    matches: list[ColumnElement[bool]]
    common: bool | None = None
    values: dict[str, Any] = field(default_factory=dict)
    shape: Hashable = None
    # Tiers known to hold no ticket (a rare word's collected ids split by subject): the
    # page skips their statements, a round trip each (the tier numbers stay, so a page
    # key stays valid).
    empty: frozenset[int] = frozenset()


def number_plan(number: int) -> SearchPlan:
    value = format_number(number)
    hit = [tickets.c.number == bindparam("search_number", value)]
    return SearchPlan([hit], hit, values={"search_number": value}, shape=("number",))


def plan_words(
    conn: Connection,
    terms: Sequence[str],
    phrase: str,
    threshold: int,
    ticket_count: int,
    *,
    settle: Callable[[str], object] | None = None,
) -> SearchPlan:
    """The plan for a word search: common when the statistics say so for sure, else
    the matches collected (capped); a collection that reaches the cap is common too.
    ``settle``: runs the PostgreSQL settings' statement (search_stats)."""
    dialect = conn.dialect.name
    cap = min(threshold, COLLECT_MAX)
    # PostgreSQL: expected past the cap is common at once, not a collection bound to
    # overflow (the desktop's count, threshold 70,000 at 1M: 'mail error', 28,000
    # tickets, took 1.2 s to collect from the heap and count; the walk 0.3-0.4 s).
    # SQLite's FTS5 collects such a set in ~0.2 s, its walk (events tested in Python)
    # took 1.4 s: it collects up to the cap.
    if dialect == "postgresql":  # one round trip: the estimate and the read's settings
        expected = settle_postgres_search(conn, terms, ticket_count, cap, settle=settle)
        if expected >= cap:
            return _common_plan(terms, phrase, dialect)
    elif estimated_matches(conn, terms, ticket_count) >= threshold:
        return _common_plan(terms, phrase, dialect)
    found = _collect(conn, terms, phrase, cap)
    if found is None:
        return _common_plan(terms, phrase, dialect)
    hits, subject_hits = found
    return _rare_plan(hits, subject_hits, terms, dialect)


# -- rare words: collect the ids, then read those tickets ------------------------------------


def _collect(
    conn: Connection, terms: Sequence[str], phrase: str, cap: int
) -> tuple[set[int], set[int] | None] | None:
    """The matching ticket ids and (PostgreSQL) those whose subject matches; None when
    there are more than ``cap`` (rows counted before removing duplicates: a ticket found
    by its text and its comment counts twice, so a borderline word may be called
    common). SQLite tests the subjects of the collected tickets as it reads them: a
    second FTS5 query for the subject column merged the prefix words' lists again."""
    values: dict[str, Any] = {"cap": cap + 1, **_customer_values(phrase)}
    if conn.dialect.name == "sqlite":
        values["query"] = _fts_query(terms)
        rows = conn.execute(_SQLITE_HITS, values).all()
        return None if len(rows) > cap else ({int(r[0]) for r in rows}, None)
    values |= {"query": _tsquery_text(terms), "subject_query": _tsquery_text(terms, "A")}
    rows = conn.execute(_POSTGRES_HITS, values).all()
    if len(rows) > cap:
        return None
    return {int(r[0]) for r in rows}, {int(r[0]) for r in rows if r[1]}


# The collections, written out: one statement per engine whatever the words (they are
# values), so nothing is built per search. Aliases "searched"/"probed" are the names
# the query-plan tests know tickets by (tests/support/query_plans.py).
_CUSTOMER_TICKETS = """
    SELECT probed.id, {false} FROM tickets AS probed
    WHERE probed.customer_id IN (
        SELECT customers.id FROM customers
        WHERE lower(customers.code) = :search_phrase
           OR lower(customers.name) LIKE :search_prefix ESCAPE '/'
    )"""
_SQLITE_HITS = text(
    """
    SELECT tickets_fts.rowid, 0 FROM tickets_fts WHERE tickets_fts MATCH :query
    UNION ALL
    SELECT searched_events.ticket_id, 0
    FROM ticket_events_fts
    JOIN ticket_events AS searched_events ON searched_events.id = ticket_events_fts.rowid
    WHERE ticket_events_fts MATCH :query
    UNION ALL"""
    + _CUSTOMER_TICKETS.format(false="0")
    + "\n    LIMIT :cap"
)
_POSTGRES_HITS = text(
    """
    SELECT searched.id, searched.search_vector @@ to_tsquery('simple', :subject_query)
    FROM tickets AS searched
    WHERE searched.search_vector @@ to_tsquery('simple', :query)
    UNION ALL
    SELECT searched_events.ticket_id, false
    FROM ticket_events AS searched_events
    WHERE searched_events.text IS NOT NULL
      AND to_tsvector('simple', searched_events.text) @@ to_tsquery('simple', :query)
    UNION ALL"""
    + _CUSTOMER_TICKETS.format(false="false")
    + "\n    LIMIT :cap"
)


def _customer_values(phrase: str) -> dict[str, Any]:
    """The customers a search names: code equal to it, or name starting with it."""
    escaped = phrase.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return {"search_phrase": phrase, "search_prefix": escaped + "%"}


def _rare_plan(
    hits: set[int], subject_hits: set[int] | None, terms: Sequence[str], dialect: str
) -> SearchPlan:
    values: dict[str, Any] = {}
    every = _among(sorted(hits), "search_ids", dialect, values)
    if subject_hits is None:  # SQLite: the subject tested on the tickets read by id
        in_subject = _has_words(tickets.c.subject, terms, values)
        tiers = [[every, in_subject], [every, not_(in_subject)]]
        return SearchPlan(tiers, [every], False, values, ("rare", dialect, len(terms)))
    others = hits - subject_hits
    subject = _among(sorted(subject_hits), "search_subject_ids", dialect, values)
    rest = _among(sorted(others), "search_other_ids", dialect, values)
    empty = frozenset(i for i, ids in enumerate((subject_hits, others)) if not ids)
    return SearchPlan([[subject], [rest]], [every], False, values, ("rare", dialect), empty)


def _among(ids: list[int], name: str, dialect: str, values: dict[str, Any]) -> ColumnElement[bool]:
    """``tickets.id`` in these ids, the ids as one value (a statement of any size)."""
    if dialect == "sqlite":
        given = _value(values, name, json.dumps(ids), Text)
        listed = select(literal_column("value", Integer)).select_from(func.json_each(given))
        return tickets.c.id.in_(listed)
    return tickets.c.id == any_(_value(values, name, ids, ARRAY(Integer)))


def _value(values: dict[str, Any], name: str, value: Any, type_: Any = None) -> Any:
    """A named bind carrying ``value``, recorded in ``values`` (SearchPlan.values)."""
    values[name] = value
    return bindparam(name, value, type_=type_)


# -- common words: walk the view's index, test each ticket ------------------------------------


def _common_plan(terms: Sequence[str], phrase: str, dialect: str) -> SearchPlan:
    values = _customer_values(phrase)
    if dialect == "sqlite":
        any_hit, subject_hit = _sqlite_tests(terms, values)
    else:
        any_hit, subject_hit = _postgres_tests(terms, values)
    tiers = [[subject_hit], [any_hit, not_(subject_hit)]]
    return SearchPlan(tiers, [any_hit], True, values, ("common", dialect, len(terms)))


def _sqlite_tests(
    terms: Sequence[str], values: dict[str, Any]
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    # Tests on the row in hand (app.persistence.sqlite_words), no full-text lookups.
    t = tickets.c
    e = _searched_events

    def has(text: Any) -> ColumnElement[bool]:
        return _has_words(text, terms, values)

    own_text = (
        func.coalesce(t.subject, "")
        .concat(" ")
        .concat(func.coalesce(t.description, ""))
        .concat(" ")
        .concat(func.coalesce(t.problem_nature, ""))
        .concat(" ")
        .concat(func.coalesce(t.solution, ""))
    )
    in_event = (
        exists()
        .where(e.c.ticket_id == tickets.c.id, e.c.text.is_not(None), has(e.c.text))
        .correlate(tickets)
    )
    by_customer = tickets.c.customer_id.in_(_customer_ids(values))
    return or_(has(own_text), by_customer, in_event), has(t.subject)


def _has_words(text: Any, terms: Sequence[str], values: dict[str, Any]) -> ColumnElement[bool]:
    """SQLite: every word starts a word of ``text`` (app.persistence.sqlite_words).
    LIKE in C first: an ASCII text without the words as substrings cannot hold them, so
    only candidates (and non-ASCII texts, which LIKE does not fold the way unicode61
    does) reach the Python function, microseconds a call."""
    ascii_only = func.length(text) == func.length(cast(text, LargeBinary))
    substrings = and_(  # "café": cafe
        *(
            text.like(_value(values, f"search_like_{i}", f"%{fold(w)}%", Text))
            for i, w in enumerate(terms)
        )
    )
    words = _value(values, "search_words", " ".join(terms), Text)
    called = func.sd_has_words(text, words) == 1
    return and_(or_(not_(ascii_only), substrings), called)


def _postgres_tests(
    terms: Sequence[str], values: dict[str, Any]
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    tsq = _tsquery(values, "search_query", terms)
    tsq_subject = _tsquery(values, "search_subject_query", terms, "A")
    vector = literal_column("tickets.search_vector", Text)
    e = _searched_events
    event_hit = and_(e.c.text.is_not(None), _event_vector(e).bool_op("@@")(tsq))
    # PostgreSQL chooses between testing each ticket's events and hashing every event
    # match first. Forcing the test per ticket (OFFSET 0) made "mail" counts 7x faster
    # at 1M but two-word counts 2-4x slower (few tickets hold both words, each walked
    # ticket's events are parsed): left to the planner until counts are reworked.
    in_event = exists().where(e.c.ticket_id == tickets.c.id, event_hit).correlate(tickets)
    by_customer = tickets.c.customer_id.in_(_customer_ids(values))
    any_hit = or_(vector.bool_op("@@")(tsq), by_customer, in_event)
    return any_hit, vector.bool_op("@@")(tsq_subject)


# -- pieces ----------------------------------------------------------------------------------


def _customer_ids(values: dict[str, Any]) -> Select[Any]:
    """The customers a search names (``values``: :func:`_customer_values`)."""
    phrase = bindparam("search_phrase", values["search_phrase"], type_=Text)
    prefix = bindparam("search_prefix", values["search_prefix"], type_=Text)
    return select(customers.c.id).where(
        or_(
            func.lower(customers.c.code) == phrase,
            func.lower(customers.c.name).like(prefix, escape="/"),
        )
    )


def _fts_query(terms: Sequence[str], column_name: str | None = None) -> str:
    # Terms are letters, digits and _ only (app.domain.queue.search_terms): safe to quote.
    words = " ".join(f'"{w}"*' for w in terms)
    return f"{column_name} : ({words})" if column_name else words


def _tsquery_text(terms: Sequence[str], weight: str = "") -> str:
    return " & ".join(f"{w}:*{weight}" for w in terms)


def _tsquery(
    values: dict[str, Any], name: str, terms: Sequence[str], weight: str = ""
) -> ColumnElement[Any]:
    query = _value(values, name, _tsquery_text(terms, weight), Text)
    return func.to_tsquery(literal_column("'simple'"), query)


def _event_vector(alias: Any) -> ColumnElement[Any]:
    # The very expression of ix_ticket_events_search, so PostgreSQL can use it.
    return func.to_tsvector(literal_column("'simple'"), alias.c.text)
