"""Full-text search for the queue (issue 19 item 3, issue 14 item 14): SQL only.

What is searched: the ticket's own text (subject, description, resolution), what
people wrote in its history (comments, customer replies, reasons) and its customer's
code or name. SQLite reads FTS5 tables (``tickets_fts``, ``ticket_events_fts``),
PostgreSQL GIN indexes (``tickets.search_vector``, ``ix_ticket_events_search``);
both are made in migration 0015.

Two plans, chosen by how many tickets the words are expected to match (SQLite: each
word's row count from the fts5vocab tables; PostgreSQL: the planner's estimate from
``ANALYZE``'s word statistics; plus the named customers' tickets), compared with a
threshold that grows with the desk (``queue_repository.common_threshold``):

* **rare** words: collect the matching ticket ids from the full-text indexes first,
  then read just those tickets (a sort of a few thousand rows at most);
* **common** words: walk the view's own index in the page's order and test each
  ticket in hand (SQLite: ``sd_has_words`` on its text and its events' text,
  app.persistence.sqlite_words; PostgreSQL: ``@@`` on its stored ``search_vector``),
  so a page costs about ``page / share of matching tickets`` rows, never a
  collection of every match of "mail".

Ranking: tickets whose *subject* holds the words come first (tier 0), then the rest
(tier 1), each tier in the queue's sort order; a ticket number goes straight to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    Text,
    and_,
    column,
    exists,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    union,
    union_all,
)

from app.domain.tickets import format_number
from app.persistence.orm import Customer, Ticket, TicketEvent

tickets = Ticket.__table__
customers = Customer.__table__
events = TicketEvent.__table__
_tickets_fts = table("tickets_fts", column("rowid", Integer))
_events_fts = table("ticket_events_fts", column("rowid", Integer))


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """``tiers``: the extra WHERE clauses of each ranking tier, best first (one tier for
    a number); ``matches``: every matching ticket (for counts)."""

    tiers: list[list[ColumnElement[bool]]]
    matches: list[ColumnElement[bool]]


def number_plan(number: int) -> SearchPlan:
    hit = [tickets.c.number == format_number(number)]
    return SearchPlan([hit], hit)


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


_TOP = "\U0010ffff"  # sorts after every word: the end of a prefix's range


def sqlite_word_rows(vocabulary: str, term: str) -> Select[Any]:
    """How many rows hold a word starting with ``term`` (an fts5vocab range read;
    a row holding two such words counts twice, fine for an estimate)."""
    vocab = table(vocabulary, column("term", Text), column("doc", Integer))
    return select(func.coalesce(func.sum(vocab.c.doc), 0)).where(
        vocab.c.term >= term, vocab.c.term < term + _TOP
    )


def customer_tickets(phrase: str, enough: int) -> Select[Any]:
    """How many tickets belong to customers the search names, at most ``enough``."""
    others = tickets.alias("probed")
    found = select(others.c.id).where(others.c.customer_id.in_(_customer_ids(phrase)))
    return select(func.count()).select_from(found.limit(enough).subquery())


def postgres_hits(terms: Sequence[str], phrase: str) -> CompoundSelect[Any]:
    """Every match, for the planner to estimate (``EXPLAIN``, never run): its estimate
    comes from the statistics ``ANALYZE`` keeps on the words of ``search_vector``."""
    tsq = _tsquery(terms)
    others = tickets.alias("probed")
    e = events.alias("probed_events")
    by_text = select(others.c.id).where(literal_column("probed.search_vector").bool_op("@@")(tsq))
    by_event = select(e.c.ticket_id).where(
        e.c.text.is_not(None), _event_vector(e).bool_op("@@")(tsq)
    )
    return union_all(by_text, by_event)


def word_plan(terms: Sequence[str], phrase: str, dialect: str, *, common: bool) -> SearchPlan:
    """The tiers for a word search (see the module docstring for ``common``)."""
    if dialect == "sqlite":
        any_hit, subject_hit = _sqlite_conditions(terms, phrase, common=common)
    else:
        any_hit, subject_hit = _postgres_conditions(terms, phrase, common=common)
    return SearchPlan([[subject_hit], [any_hit, not_(subject_hit)]], [any_hit])


def _sqlite_conditions(
    terms: Sequence[str], phrase: str, *, common: bool
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    by_customer = tickets.c.customer_id.in_(_customer_ids(phrase))
    e = events.alias("searched_events")
    if common:
        # Tests on the row in hand (app.persistence.sqlite_words), no full-text lookups.
        words = " ".join(terms)
        t = tickets.c

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
        return or_(has(own_text), in_event, by_customer), has(t.subject)
    q, q_subject = _fts_query(terms), _fts_query(terms, "subject")
    others = tickets.alias("searched")
    by_text = select(_tickets_fts.c.rowid).where(_match(_tickets_fts, q))
    by_event = select(e.c.ticket_id).where(
        e.c.id.in_(select(_events_fts.c.rowid).where(_match(_events_fts, q)))
    )
    of_customer = select(others.c.id).where(others.c.customer_id.in_(_customer_ids(phrase)))
    subject = select(_tickets_fts.c.rowid).where(_match(_tickets_fts, q_subject))
    return tickets.c.id.in_(union(by_text, by_event, of_customer)), tickets.c.id.in_(subject)


def _postgres_conditions(
    terms: Sequence[str], phrase: str, *, common: bool
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    tsq, tsq_subject = _tsquery(terms), _tsquery(terms, "A")
    vector = literal_column("tickets.search_vector", Text)
    by_customer = tickets.c.customer_id.in_(_customer_ids(phrase))
    e = events.alias("searched_events")
    event_hit = and_(e.c.text.is_not(None), _event_vector(e).bool_op("@@")(tsq))
    subject_hit = vector.bool_op("@@")(tsq_subject)
    if common:
        in_event = exists().where(e.c.ticket_id == tickets.c.id, event_hit).correlate(tickets)
        return or_(vector.bool_op("@@")(tsq), in_event, by_customer), subject_hit
    # Rare words: collect the matches first (GIN), materialised, so the planner never
    # walks the sort index hoping to meet them.
    others = tickets.alias("searched")
    by_text = select(others.c.id).where(literal_column("searched.search_vector").bool_op("@@")(tsq))
    by_event = select(e.c.ticket_id).where(event_hit)
    of_customer = select(others.c.id).where(others.c.customer_id.in_(_customer_ids(phrase)))
    hits = union(by_text, by_event, of_customer).cte("search_hits").prefix_with("MATERIALIZED")
    subject = select(others.c.id).where(
        literal_column("searched.search_vector").bool_op("@@")(tsq_subject)
    )
    subject_hits = subject.cte("subject_hits").prefix_with("MATERIALIZED")
    return tickets.c.id.in_(select(hits.c.id)), tickets.c.id.in_(select(subject_hits.c.id))
