"""Indexes the period report's percentiles walk (issue 19, item 6: "percentiles from
the rollups or from index-ordered scans").

The histogram (``report_month_buckets``) says which duration bucket holds a median or
90th percentile; the tickets of that bucket opened in the period are then read in
value order from one of these indexes — a range of the duration, filtered by opening
time inside the index — instead of from every ticket of the period (420,000 of them
for a year at a million tickets, of which the bucket holds ~1 %). Each index covers
what the percentile reads (the priority, and for the resolution its exact end), so the
tickets' rows are not visited.
"""

from __future__ import annotations

from sqlalchemy import Index

from app.persistence.orm_reports import TicketFacts as F

# By the rollups' short measure names (report_rollups.DURATIONS).
DURATION_INDEXES: dict[str, Index] = {
    "rw": Index("ix_ticket_facts_rw", F.response_wall_minutes, F.opened_at, F.priority),
    "rb": Index("ix_ticket_facts_rb", F.response_business_minutes, F.opened_at, F.priority),
    "xw": Index(
        "ix_ticket_facts_xw",
        F.resolution_wall_minutes,
        F.opened_at,
        F.priority,
        F.resolved_at,
    ),
    "xb": Index("ix_ticket_facts_xb", F.resolution_business_minutes, F.opened_at, F.priority),
}

# One customer's percentiles (migration 0028): the period's durations of its tickets,
# read in one range of this covering index (a year of the biggest customer at a million
# tickets: ~72,000 entries, no table rows) and ranked exactly as a scan ranks them
# (app.persistence.report_customer).
CUSTOMER_DURATIONS = Index(
    "ix_ticket_facts_customer_opened",
    F.customer_id,
    F.opened_at,
    F.priority,
    F.response_wall_minutes,
    F.response_business_minutes,
    F.resolution_wall_minutes,
    F.resolution_business_minutes,
    F.resolved_at,
)
