"""``report_month_keys``: the period report's breakdowns (tickets opened, and resolved,
per category, service type and product) per UTC month, for all customers (issue 19).

``report_day_keys`` is kept per day × customer so that concurrent openings do not queue
on one "today × category" row; at a million tickets a year of it is ~1.2 M rows, which
took 1.5 s to add up. This table holds the same counts per month, spread over
``SHARDS`` rows per key by the customer's id (for the same reason: two desks opening
tickets of different customers rarely touch the same row), so a year reads at most
12 × SHARDS rows per key.

Kept in the same transaction as ``report_day_keys``, from the same delta: every
``report_day_keys`` change the rollup writer applies (:func:`with_month_keys`, called by
``report_rollups.apply``) also goes to its month row, and the rebuild recounts it from
``report_day_keys`` (:func:`rebuild`). A test holds it equal to a recount.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, String, Table, cast, delete, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.persistence.orm import Base
from app.persistence.orm_reports import SHARDS, ReportDayKey

Delta = Mapping[tuple[str, tuple[Any, ...]], Mapping[str, float]]


class ReportMonthKey(Base):
    """Tickets opened per UTC month of opening × shard (customer id mod SHARDS) ×
    breakdown key, and how many of them are resolved (``report_day_keys`` per month)."""

    __tablename__ = "report_month_keys"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # the month's first day
    shard: Mapped[int] = mapped_column(Integer, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" : none
    opened: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    resolved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


TABLE: Table = ReportMonthKey.__table__  # type: ignore[assignment]
KEY = ("month", "shard", "dimension", "key")


def with_month_keys(delta: Delta) -> dict[tuple[str, tuple[Any, ...]], dict[str, float]]:
    """``delta`` plus its ``report_day_keys`` changes added up per month row
    (``("month_keys", (month, shard, dimension, key))``)."""
    out = {k: dict(v) for k, v in delta.items()}
    for (name, key), change in delta.items():
        if name != "keys":
            continue
        day, customer_id, dimension, value = key
        into = out.setdefault(
            ("month_keys", (day.replace(day=1), customer_id % SHARDS, dimension, value)), {}
        )
        for column, amount in change.items():
            into[column] = into.get(column, 0) + amount
    return out


def rebuild(session: Session) -> None:
    """Recount every row from ``report_day_keys`` (after that table was rebuilt)."""
    k = ReportDayKey
    if session.get_bind().dialect.name == "postgresql":
        month: Any = cast(func.date_trunc("month", k.day), Date)
    else:
        month = func.date(k.day, "start of month")
    shard = k.customer_id % SHARDS
    rows = select(
        month.label("month"),
        shard.label("shard"),
        k.dimension,
        k.key,
        func.sum(k.opened),
        func.sum(k.resolved),
    ).group_by(month, shard, k.dimension, k.key)
    session.execute(delete(TABLE))
    session.execute(insert(TABLE).from_select([*KEY, "opened", "resolved"], rows))
