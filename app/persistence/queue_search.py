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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    Select,
    Text,
    and_,
    any_,
    bindparam,
    column,
    exists,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
    union_all,
)

from app.domain.tickets import format_number
from app.persistence.orm import Customer, Ticket, TicketEvent
from app.persistence.search_stats import estimated_matches

tickets = Ticket.__table__
customers = Customer.__table__
events = TicketEvent.__table__
_tickets_fts = table("tickets_fts", column("rowid", Integer))
_events_fts = table("ticket_events_fts", column("rowid", Integer))
# For the rest of this read: no JIT compilation (its 8-9 ms cost more than the whole
# search; the prefix words' default estimates push statements past jit_above_cost) and
# no parallel workers (their start-up waits for a core on a busy machine).
_PG_LOCAL = text(
    "SELECT set_config('jit', 'off', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)
# A rare search reads at most this many ids, whatever the threshold (the desktop's id
# stream asks for 100,000 rows at a time: its threshold is in the hundreds of thousands).
COLLECT_MAX = 50_000


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """``tiers``: the extra WHERE clauses of each ranking tier, best first (one tier for
    a number); ``matches``: every matching ticket (for counts); ``common``: the
    walk-and-test plan (None for a number)."""

    tiers: list[list[ColumnElement[bool]]]
    matches: list[ColumnElement[bool]]
    common: bool | None = None


def number_plan(number: int) -> SearchPlan:
    hit = [tickets.c.number == format_number(number)]
    return SearchPlan([hit], hit)


def plan_words(
    conn: Connection, terms: Sequence[str], phrase: str, threshold: int, ticket_count: int
) -> SearchPlan:
    """The plan for a word search: common when the statistics say so for sure, else
    the matches collected (capped); a collection that reaches the cap is common too."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(_PG_LOCAL)
    if estimated_matches(conn, terms, ticket_count) >= threshold:
        return _common_plan(terms, phrase, dialect)
    cap = min(threshold, COLLECT_MAX)
    found = _collect(conn, terms, phrase, cap)
    if found is None:
        return _common_plan(terms, phrase, dialect)
    hits, subject_hits = found
    return _rare_plan(hits, subject_hits, dialect)


# -- rare words: collect the ids, then read those tickets ------------------------------------


def _collect(
    conn: Connection, terms: Sequence[str], phrase: str, cap: int
) -> tuple[set[int], set[int]] | None:
    """The matching ticket ids and those whose subject matches; None when there are
    more than ``cap`` (rows counted before removing duplicates: a ticket found by its
    text and its comment counts twice, so a borderline word may be called common)."""
    if conn.dialect.name == "sqlite":
        hits_sql, subject_sql = _sqlite_hits(terms, phrase), _sqlite_subject_hits(terms)
    else:
        hits_sql, subject_sql = _postgres_hits(terms, phrase), None
    rows = conn.execute(hits_sql.limit(cap + 1)).all()
    if len(rows) > cap:
        return None
    hits = {int(r[0]) for r in rows}
    if subject_sql is None:
        subject = {int(r[0]) for r in rows if r[1]}
    else:
        subject = {int(r[0]) for r in conn.execute(subject_sql.limit(cap + 1))} & hits
    return hits, subject


def _of_customers(phrase: str) -> Select[Any]:
    others = tickets.alias("probed")
    return select(others.c.id, false()).where(others.c.customer_id.in_(_customer_ids(phrase)))


def _sqlite_hits(terms: Sequence[str], phrase: str) -> Any:
    q = _fts_query(terms)
    by_text = select(_tickets_fts.c.rowid, false()).where(_match(_tickets_fts, q))
    e = events.alias("searched_events")
    by_event = (
        select(e.c.ticket_id, false())
        .select_from(_events_fts.join(e, e.c.id == _events_fts.c.rowid))
        .where(_match(_events_fts, q))
    )
    return union_all(by_text, by_event, _of_customers(phrase))


def _sqlite_subject_hits(terms: Sequence[str]) -> Select[Any]:
    q = _fts_query(terms, "subject")
    return select(_tickets_fts.c.rowid).where(_match(_tickets_fts, q))


def _postgres_hits(terms: Sequence[str], phrase: str) -> Any:
    tsq, tsq_subject = _tsquery(terms), _tsquery(terms, "A")
    others = tickets.alias("searched")
    vector: ColumnElement[Any] = literal_column("searched.search_vector")
    by_text = select(others.c.id, vector.bool_op("@@")(tsq_subject)).where(
        vector.bool_op("@@")(tsq)
    )
    e = events.alias("searched_events")
    by_event = select(e.c.ticket_id, false()).where(
        e.c.text.is_not(None), _event_vector(e).bool_op("@@")(tsq)
    )
    return union_all(by_text, by_event, _of_customers(phrase))


def _rare_plan(hits: set[int], subject_hits: set[int], dialect: str) -> SearchPlan:
    subject = _among(sorted(subject_hits), "search_subject_ids", dialect)
    rest = _among(sorted(hits - subject_hits), "search_other_ids", dialect)
    every = _among(sorted(hits), "search_ids", dialect)
    return SearchPlan([[subject], [rest]], [every], common=False)


def _among(ids: list[int], name: str, dialect: str) -> ColumnElement[bool]:
    """``tickets.id`` in these ids, the ids as one value (a statement of any size)."""
    if dialect == "sqlite":
        given = bindparam(name, json.dumps(ids), type_=Text)
        listed = select(literal_column("value", Integer)).select_from(func.json_each(given))
        return tickets.c.id.in_(listed)
    return tickets.c.id == any_(bindparam(name, ids, type_=ARRAY(Integer)))


# -- common words: walk the view's index, test each ticket ------------------------------------


def _common_plan(terms: Sequence[str], phrase: str, dialect: str) -> SearchPlan:
    if dialect == "sqlite":
        any_hit, subject_hit = _sqlite_tests(terms, phrase)
    else:
        any_hit, subject_hit = _postgres_tests(terms, phrase)
    return SearchPlan([[subject_hit], [any_hit, not_(subject_hit)]], [any_hit], common=True)


def _sqlite_tests(
    terms: Sequence[str], phrase: str
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    # Tests on the row in hand (app.persistence.sqlite_words), no full-text lookups.
    words = " ".join(terms)
    t = tickets.c
    e = events.alias("searched_events")

    def has(text: Any) -> ColumnElement[bool]:
        return func.sd_has_words(text, words) == 1

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
    by_customer = tickets.c.customer_id.in_(_customer_ids(phrase))
    return or_(has(own_text), by_customer, in_event), has(t.subject)


def _postgres_tests(
    terms: Sequence[str], phrase: str
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    tsq, tsq_subject = _tsquery(terms), _tsquery(terms, "A")
    vector = literal_column("tickets.search_vector", Text)
    e = events.alias("searched_events")
    event_hit = and_(e.c.text.is_not(None), _event_vector(e).bool_op("@@")(tsq))
    # PostgreSQL chooses between testing each ticket's events and hashing every event
    # match first. Forcing the test per ticket (OFFSET 0) made "mail" counts 7x faster
    # at 1M but two-word counts 2-4x slower (few tickets hold both words, each walked
    # ticket's events are parsed): left to the planner until counts are reworked.
    in_event = exists().where(e.c.ticket_id == tickets.c.id, event_hit).correlate(tickets)
    by_customer = tickets.c.customer_id.in_(_customer_ids(phrase))
    any_hit = or_(vector.bool_op("@@")(tsq), by_customer, in_event)
    return any_hit, vector.bool_op("@@")(tsq_subject)


# -- pieces ----------------------------------------------------------------------------------


def _customer_ids(phrase: str) -> Select[Any]:
    return select(customers.c.id).where(
        or_(
            func.lower(customers.c.code) == phrase,
            func.lower(customers.c.name).startswith(phrase, autoescape=True),
        )
    )


def _fts_query(terms: Sequence[str], column_name: str | None = None) -> str:
    # Terms are letters, digits and _ only (app.domain.queue.search_terms): safe to quote.
    words = " ".join(f'"{w}"*' for w in terms)
    return f"{column_name} : ({words})" if column_name else words


def _tsquery(terms: Sequence[str], weight: str = "") -> ColumnElement[Any]:
    return func.to_tsquery("simple", " & ".join(f"{w}:*{weight}" for w in terms))


def _match(target: Any, query: str) -> ColumnElement[bool]:
    return literal_column(target.name).bool_op("MATCH")(query)


def _event_vector(alias: Any) -> ColumnElement[Any]:
    # The very expression of ix_ticket_events_search, so PostgreSQL can use it.
    return func.to_tsvector(literal_column("'simple'"), alias.c.text)
