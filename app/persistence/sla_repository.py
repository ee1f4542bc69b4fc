"""Storage of the SLA feature: contracts, targets, calendars, per-ticket clocks and
escalations, and what the scan needs (the clocks due, a ticket locked by id)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, bindparam, func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.util import identity_key

from app.domain.roles import Role
from app.persistence.orm import Ticket, User
from app.persistence.orm_sla import (
    BusinessCalendarRow,
    Contract,
    SlaClock,
    SlaEscalation,
    SlaTargetRow,
)
from app.persistence.repositories import SYSTEM_USERNAME

# The system user's id by database (engine): its row comes with the first migration and
# is never renumbered, so it is read once per process instead of once per change.
_SYSTEM_IDS: WeakKeyDictionary[Engine, int] = WeakKeyDictionary()


# A clock with its calendar and its escalations ("measure:threshold,…"), built once: a
# statement made anew per call costs more client CPU than its round trip.
_PAIR = SlaEscalation.measure + ":" + SlaEscalation.threshold
CLOCK_ESCALATIONS = (
    select(func.aggregate_strings(_PAIR, ","))
    .where(SlaEscalation.ticket_id == SlaClock.ticket_id)
    .scalar_subquery()
)
_CLOCK = (
    select(SlaClock, CLOCK_ESCALATIONS)
    .options(joinedload(SlaClock.calendar))
    .where(SlaClock.ticket_id == bindparam("ticket_id"))
)


@functools.cache
def _contracts_query(*, with_targets: bool) -> Any:
    """A customer's contracts with their calendars (bound ``customer_id``) and, given
    ``with_targets``, each one's SLA target for the bound ``criticality``: built once
    per process — every opening reads it, and building it cost more CPU than running
    it (issue 19)."""
    query = (
        select(Contract)
        .options(joinedload(Contract.calendar))  # each one's day is in its calendar
        .where(Contract.customer_id == bindparam("customer_id"))
        .order_by(Contract.id)
    )
    if not with_targets:
        return query
    on = (SlaTargetRow.tier == Contract.tier) & (
        SlaTargetRow.criticality == bindparam("criticality")
    )
    return query.add_columns(SlaTargetRow).outerjoin(SlaTargetRow, on)


class SlaRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        # The session's identity map holds objects weakly: keep this transaction's clocks
        # (and through them their calendars) so every hook's ``clock()`` is no SELECT.
        self._clocks: list[SlaClock] = []
        # (measure, threshold) of each clock's escalations, read with the clock.
        self._escalations: dict[int, list[tuple[str, str]]] = {}
        # Targets read with the contracts at opening (kept: the identity map is weak).
        self._targets: list[SlaTargetRow] = []

    # -- contracts -------------------------------------------------------------------------

    def contract_count(self, customer_id: int) -> int:
        """How many contracts the customer has (of any date)."""
        query = (
            select(func.count()).select_from(Contract).where(Contract.customer_id == customer_id)
        )
        return self.session.scalar(query) or 0

    def contract_exists(self, code: str) -> bool:
        return bool(self.session.scalar(select(Contract.id).where(Contract.code == code)))

    def contracts(self, customer_id: int | None = None) -> Sequence[Contract]:
        """Contracts by customer, then start date (of one customer, or all)."""
        query = select(Contract).order_by(Contract.customer_id, Contract.valid_from)
        if customer_id is not None:
            query = query.where(Contract.customer_id == customer_id)
        return self.session.scalars(query).all()

    def customer_contracts(
        self, customer_id: int, criticality: str | None = None
    ) -> Sequence[Contract]:
        """The customer's contracts, oldest first (for the check at opening).

        With ``criticality``, each contract's SLA target for it is read in the same
        statement and kept, so :meth:`target` finds it without a SELECT (issue 19: an
        opening's statements)."""
        if criticality is None:
            query = _contracts_query(with_targets=False)
            return self.session.scalars(query, {"customer_id": customer_id}).all()
        params = {"customer_id": customer_id, "criticality": criticality}
        rows = self.session.execute(_contracts_query(with_targets=True), params)
        found = [(contract, target) for contract, target in rows.unique()]
        self._targets.extend(target for _, target in found if target is not None)
        return [contract for contract, _ in found]

    def add_contract(self, contract: Contract) -> None:
        self.session.add(contract)

    # -- targets ---------------------------------------------------------------------------

    def targets(self) -> Sequence[SlaTargetRow]:
        return self.session.scalars(select(SlaTargetRow)).all()

    def target(self, tier: str, criticality: str) -> SlaTargetRow | None:
        return self.session.get(SlaTargetRow, (tier, criticality))

    def add_target(self, row: SlaTargetRow) -> None:
        self.session.add(row)

    def tiers(self) -> Sequence[str]:
        """Every tier that has at least one target."""
        return self.session.scalars(select(SlaTargetRow.tier).distinct()).all()

    # -- calendars -------------------------------------------------------------------------

    def calendars(self) -> Sequence[BusinessCalendarRow]:
        return self.session.scalars(
            select(BusinessCalendarRow).order_by(BusinessCalendarRow.code)
        ).all()

    def find_calendar(self, code: str) -> BusinessCalendarRow | None:
        return self.session.scalar(
            select(BusinessCalendarRow).where(BusinessCalendarRow.code == code)
        )

    def add_calendar(self, row: BusinessCalendarRow) -> None:
        self.session.add(row)

    # -- clocks and escalations ------------------------------------------------------------

    def clock(self, ticket_id: int) -> SlaClock | None:
        """The ticket's clock with its calendar and its escalations: one SELECT, none
        once in this session."""
        held = self.session.identity_map.get(identity_key(SlaClock, ticket_id))
        found = held if isinstance(held, SlaClock) else None  # in the session: no SELECT
        if found is not None:
            self._clocks.append(found)
            return found
        for kept in self._clocks:  # added in this session, not yet written (an opening)
            if kept.ticket_id == ticket_id and kept in self.session.new:
                return kept
        row = self.session.execute(_CLOCK, {"ticket_id": ticket_id}).first()
        if row is None:
            return None
        self.hold_clock(row[0], row[1])
        return row[0]

    def hold_clock(self, clock: SlaClock, escalations: str | None) -> None:
        """Keep ``clock`` (read with its calendar) and its escalations (``CLOCK_ESCALATIONS``
        as read with it) for :meth:`clock` and :meth:`escalations` in this session."""
        self._clocks.append(clock)
        self._escalations[clock.ticket_id] = [
            (part.split(":", 1)[0], part.split(":", 1)[1])
            for part in (escalations or "").split(",")
            if part
        ]

    def add_clock(self, clock: SlaClock) -> None:
        self.session.add(clock)
        self._clocks.append(clock)
        self._escalations[clock.ticket_id] = []  # a new clock has none

    def escalations(self, ticket_id: int) -> list[tuple[str, str]]:
        """(measure, threshold) of every escalation the ticket had."""
        if ticket_id in self._escalations:
            return list(self._escalations[ticket_id])
        rows = self.session.execute(
            select(SlaEscalation.measure, SlaEscalation.threshold).where(
                SlaEscalation.ticket_id == ticket_id
            )
        ).all()
        return [(measure, threshold) for measure, threshold in rows]

    def add_escalation(self, row: SlaEscalation) -> None:
        self.session.add(row)
        self._escalations.pop(row.ticket_id, None)  # read again when asked

    def system_user_id(self) -> int:
        """The id of the built-in author of automatic actions."""
        engine = self.session.get_bind().engine
        found = _SYSTEM_IDS.get(engine)
        if found is None:
            query = select(User.id).where(User.username == SYSTEM_USERNAME)
            found = _SYSTEM_IDS[engine] = int(self.session.scalar(query) or 0)
        return found

    def managers_to_notify(self) -> list[User]:
        """Active managers with an e-mail address, by username."""
        return list(
            self.session.scalars(
                select(User)
                .where(User.role == Role.MANAGER.value, User.active.is_(True), User.email != "")
                .order_by(User.username)
            )
        )

    # -- the scan --------------------------------------------------------------------------

    def due_ticket_ids(self, now: datetime, limit: int) -> Sequence[int]:
        """Tickets whose next SLA check has come, the most overdue first."""
        return self.session.scalars(
            select(SlaClock.ticket_id)
            .where(SlaClock.next_check_at <= now)
            .order_by(SlaClock.next_check_at)
            .limit(limit)
        ).all()

    def lock_ticket(self, ticket_id: int) -> Ticket | None:
        """The ticket with its row lock taken (PostgreSQL), or None if it is gone."""
        return self.session.scalar(select(Ticket).where(Ticket.id == ticket_id).with_for_update())
