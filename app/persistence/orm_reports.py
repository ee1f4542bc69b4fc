"""Per-ticket facts for the reports: one row per ticket, kept true by the reports hook
inside every ticket transaction, so that report figures are SQL aggregations over
indexed columns instead of a replay of every ticket's history.

Everything here is derived (recomputable from the history and the SLA clock), hence
not part of the history's replayed fields.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    false,
    literal_column,
    or_,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.orm import Base, Ticket
from app.persistence.types import UTCDateTime


class TicketFacts(Base):
    __tablename__ = "ticket_facts"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last resolution (a rejected resolution is replaced by the next one).
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Minutes: wall-clock, and business time as the ticket's SLA clock counts it
    # (contract calendar; the resolution clock pauses while waiting on the customer).
    response_wall_minutes: Mapped[int | None] = mapped_column(Integer)
    response_business_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_wall_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_business_minutes: Mapped[int | None] = mapped_column(Integer)
    waiting_minutes: Mapped[int] = mapped_column(Integer, default=0)
    reassignments: Mapped[int] = mapped_column(Integer, default=0)
    reopenings: Mapped[int] = mapped_column(Integer, default=0)
    # NULL: no SLA target, or the clock has not finished yet.
    response_target_minutes: Mapped[int | None] = mapped_column(Integer)
    resolution_target_minutes: Mapped[int | None] = mapped_column(Integer)
    response_met: Mapped[bool | None] = mapped_column(Boolean)
    resolution_met: Mapped[bool | None] = mapped_column(Boolean)
    time_logged_minutes: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # What the rollups (below) counted this ticket under, copied from the ticket by the
    # facts hook: a later change takes the ticket's old contribution out exactly, even
    # when it moved it to another priority or customer. NULL only in rows written before
    # migration 0017 filled them.
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    customer_id: Mapped[int | None] = mapped_column(Integer)
    priority: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(40))
    service_type: Mapped[str | None] = mapped_column(String(40))
    product_id: Mapped[int | None] = mapped_column(Integer)
    ticket_resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # tickets'
    # tickets.sla_state = 'breached' (an open ticket past its deadline, or one that closed
    # so), as last counted: the rollups' ``breached`` (migration 0024).
    breached: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


def _zero() -> Mapped[int]:
    return mapped_column(Integer, default=0, server_default="0")


class _PeriodSums:
    """The period report's counts and sums (shared by the day and month rollups).
    ``*_n`` count the tickets with a value, ``*_sum`` add the values (minutes; ``xw`` =
    resolution wall, to full precision)."""

    opened: Mapped[int] = _zero()
    closed: Mapped[int] = _zero()
    backlog: Mapped[int] = _zero()  # open and waiting for us (report_sql.BACKLOG)
    missed: Mapped[int] = _zero()  # a response or resolution target missed (MISSED)
    # Breached (tickets.sla_state) but no target missed: the breach list's count is
    # missed + breached + the imported tickets whose source says "not made" (few).
    breached: Mapped[int] = _zero()
    rw_n: Mapped[int] = _zero()
    rw_sum: Mapped[int] = _zero()
    rb_n: Mapped[int] = _zero()
    rb_sum: Mapped[int] = _zero()
    xw_n: Mapped[int] = _zero()  # = resolved
    xw_sum: Mapped[float] = mapped_column(Float, default=0, server_default="0")
    xb_n: Mapped[int] = _zero()
    xb_sum: Mapped[int] = _zero()
    response_met_n: Mapped[int] = _zero()
    response_met_sum: Mapped[int] = _zero()
    resolution_met_n: Mapped[int] = _zero()
    resolution_met_sum: Mapped[int] = _zero()
    sla_met_n: Mapped[int] = _zero()
    sla_met_sum: Mapped[int] = _zero()
    reassignments: Mapped[int] = _zero()
    reopenings: Mapped[int] = _zero()
    reopened: Mapped[int] = _zero()
    logged: Mapped[int] = _zero()


# Rows keyed by customer are spread over SHARDS rows per period and priority instead
# (customer id mod SHARDS, migration 0024): the all-customer reports add up at most
# SHARDS rows per day or month and priority, and two desks changing tickets of different
# customers still rarely touch the same row.
SHARDS = 16


def own_shard(customer_id: int) -> int:
    """The shard of a customer's OWN rows in ``report_months`` (migration 0028): beside
    the shards 0 … SHARDS-1, which the all-customer reports add up, each customer's
    tickets are also counted under ``-customer_id``, which one customer's period report
    reads (a year: 12 rows per priority). A ticket's change adds to its own row in the
    same upsert (same statement) as to its shard's row, and every change that updates
    the one updates the other: no row is busier than the shard row the change already
    locks. (One customer's breakdowns read its days of ``report_day_keys``, which are
    per customer already.)"""
    return -customer_id


class ReportDay(_PeriodSums, Base):
    """Issue 19: the period figures per UTC day of opening × shard × priority, kept by
    the facts hook in the ticket's own transaction (add the ticket's new contribution,
    take its old one out)."""

    __tablename__ = "report_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    shard: Mapped[int] = mapped_column(Integer, primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True)


class ReportMonth(_PeriodSums, Base):
    """The same per UTC month (its first day): a year reads twelve rows per shard and
    priority, and days only for the partial months at its ends. Also each customer's
    own rows (:func:`own_shard`): one customer's year reads twelve per priority."""

    __tablename__ = "report_months"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    shard: Mapped[int] = mapped_column(Integer, primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True)


class ReportDayKey(Base):
    """Tickets opened per UTC day by category, service type and product (all customers):
    the period report's breakdowns."""

    __tablename__ = "report_day_keys"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    # Not read by the breakdowns (all customers); spreads today's rows over customers so
    # concurrent openings do not queue on one "today × category" row.
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" : none
    opened: Mapped[int] = _zero()
    resolved: Mapped[int] = _zero()


class ReportResolvedDay(Base):
    """Tickets resolved per UTC day (``tickets.resolved_at``) × shard × priority, with
    their SLA outcome: the dashboard's weekly trend."""

    __tablename__ = "report_resolved_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    shard: Mapped[int] = mapped_column(Integer, primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True)
    resolved: Mapped[int] = _zero()
    sla_met_n: Mapped[int] = _zero()
    sla_met_sum: Mapped[int] = _zero()


class ReportDayWork(Base):
    """Minutes of work logged per UTC day (of the work event) × customer × person: the
    time-by-person and time-by-customer reports. History is append-only and a ticket
    never changes customer, so the hook only ever adds."""

    __tablename__ = "report_day_work"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minutes: Mapped[int] = _zero()


class ReportMonthWork(Base):
    """``report_day_work`` per UTC month (its first day) and person, all customers: time
    by person reads twelve rows per person for a year. (One person logs from one desk at
    a time: the row is not contended.)"""

    __tablename__ = "report_month_work"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    actor_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minutes: Mapped[int] = _zero()


class ReportMonthCustomerWork(Base):
    """``report_day_work`` per UTC month and customer, all people: time by customer."""

    __tablename__ = "report_month_customer_work"

    month: Mapped[date] = mapped_column(Date, primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minutes: Mapped[int] = _zero()


class ReportMonthBucket(Base):
    """How many tickets opened in a UTC month have a duration (``measure``: rw, rb, xw,
    xb in whole minutes) in each fixed bucket, per priority: the histogram that finds
    which few tickets hold a median or 90th percentile (app.services.report_buckets)."""

    __tablename__ = "report_month_buckets"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the month's first day
    priority: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(2), primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = _zero()


# Period reports filter tickets by customer and opening, resolution or closing time;
# the tickets table is shared, so these indexes are declared (and migrated) here.
Index("ix_tickets_customer_created", Ticket.customer_id, Ticket.created_at)
Index("ix_tickets_created", Ticket.created_at)
Index("ix_tickets_resolved", Ticket.resolved_at)
Index("ix_tickets_closed", Ticket.closed_at)

# Percentiles read the period's durations from this covering index only (no table rows).
Index(
    "ix_ticket_facts_opened",
    TicketFacts.opened_at,
    TicketFacts.priority,
    TicketFacts.response_wall_minutes,
    TicketFacts.response_business_minutes,
    TicketFacts.resolution_wall_minutes,
    TicketFacts.resolution_business_minutes,
    TicketFacts.resolved_at,
)
# The dashboard's trend reads the tickets resolved in the hours a week boundary splits a
# day off: by the facts' copy of the resolution time, with what its SLA outcome needs.
Index(
    "ix_ticket_facts_resolved",
    TicketFacts.ticket_resolved_at,
    TicketFacts.response_met,
    TicketFacts.resolution_met,
    TicketFacts.ticket_id,
)
# Missed targets are few: the breach list walks them by opening time.
MISSED = or_(TicketFacts.response_met.is_(False), TicketFacts.resolution_met.is_(False))
Index(
    "ix_ticket_facts_missed",
    TicketFacts.opened_at,
    sqlite_where=MISSED,
    postgresql_where=MISSED,
)
# Literal values (not bound parameters), so that SQLite matches the queries' terms with
# the partial indexes' predicates.
BREACHED = Ticket.sla_state == literal_column("'breached'")
AT_RISK = Ticket.sla_state.in_([literal_column("'at_risk'"), literal_column("'breached'")])
# Breached tickets of a period, for the breach list (the open ones past due).
Index("ix_tickets_breached", Ticket.created_at, sqlite_where=BREACHED, postgresql_where=BREACHED)
# The dashboard's "at risk now": the most urgent deadline first, walked in order.
Index(
    "ix_tickets_at_risk_due",
    Ticket.sla_due_at,
    Ticket.id,
    sqlite_where=AT_RISK,
    postgresql_where=AT_RISK,
)
# One customer's time logged (its reports) reads its days of work.
Index("ix_report_day_work_customer", ReportDayWork.customer_id, ReportDayWork.day)
# The backlog reads only the days that still have open tickets.
Index(
    "ix_report_days_backlog",
    ReportDay.day,
    sqlite_where=ReportDay.backlog > 0,
    postgresql_where=ReportDay.backlog > 0,
)
