"""Queries and locks of the assignment feature.

Locking: an engineer's profile row is locked (``FOR UPDATE``) before anything is
assigned to them, so their open-ticket count cannot be raced past their maximum;
candidate tickets are claimed with ``FOR UPDATE SKIP LOCKED`` so two desks never wait
for, nor take, the same ticket. SQLite ignores both clauses: its write transactions
begin IMMEDIATE, which already serialises writers.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app.domain.assignment import EngineerState
from app.domain.roles import Role
from app.domain.tickets import Status
from app.persistence import write_path
from app.persistence.orm import Product, Ticket, User
from app.persistence.orm_assignment import AppSetting, EngineerProfile
from app.persistence.types import UTCDateTime


def _later(at: datetime | None) -> Any:
    """``last_assigned_at`` moved to ``at`` unless it is later already (None: kept)."""
    if at is None:
        return None
    column = EngineerProfile.last_assigned_at
    return case((or_(column.is_(None), column < at), at), else_=column)


# The statements of every opening's assignment, built once per process (building them
# cost more client CPU than running them, issue 19); values are bound at execution.


@functools.cache
def _claim_statement() -> Any:
    """PostgreSQL's claim (see :meth:`AssignmentRepository.claim_profile`), for bound
    ``claimed`` (the user id) and ``claimed_at`` (not column names: an UPDATE reserves
    those)."""
    ep = EngineerProfile
    at = bindparam("claimed_at", type_=UTCDateTime())
    old = (
        select(ep.user_id, ep.last_assigned_at.label("old_at"))
        .where(ep.user_id == bindparam("claimed"))
        .with_for_update(skip_locked=True)
        .subquery("old")
    )
    column = ep.last_assigned_at
    later = case((or_(column.is_(None), column < at), at), else_=column)  # as _later
    return (
        update(ep)
        .where(ep.user_id == old.c.user_id)
        .values(open_tickets=ep.open_tickets + 1, last_assigned_at=later)
        .returning(ep, old.c.old_at)
    )


@functools.cache
def _available_statement(settings: tuple[str, ...]) -> Any:
    """Available active engineers with their profiles, and the values of ``settings``
    (scalar subqueries: one statement)."""
    values = [
        select(AppSetting.value).where(AppSetting.key == key).scalar_subquery() for key in settings
    ]
    return (
        select(User, EngineerProfile, *values)
        .join(EngineerProfile, EngineerProfile.user_id == User.id)
        .where(User.active.is_(True), User.role == Role.ENGINEER.value)
        .where(EngineerProfile.state == EngineerState.AVAILABLE.value)
        .order_by(User.id)
    )


class AssignmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._settings: dict[tuple[str, ...], dict[str, str]] = {}
        # The identity map holds objects weakly: keep the profiles this transaction read,
        # so the hooks' later look-ups of the same engineer are no SELECT.
        self._kept: list[EngineerProfile] = []
        # Profiles this transaction holds locked, and assignment times to record on them
        # with their next open-count move (one UPDATE of the row instead of two).
        self._locked: set[int] = set()
        self._touches: dict[int, datetime] = {}
        # PostgreSQL: engineers locked by :meth:`claim_profile`: how many +1s of
        # assignments their count already holds (the open-count hook's moves take them
        # instead of an UPDATE), and their assignment time before and at the last claim
        # (to undo a refused claim; to know the time is written).
        self._precounted: dict[int, int] = {}
        self._claimed: dict[int, tuple[datetime | None, datetime]] = {}
        # SQLite: the profiles :meth:`available_engineers` read, which this transaction
        # (holding the write lock) may claim without reading them again.
        self._candidates: dict[int, EngineerProfile] = {}

    # -- settings --------------------------------------------------------------------------

    def settings(self, keys: Iterable[str]) -> dict[str, str]:
        """Settings by key, read once per unit of work (the hooks ask on every change)."""
        wanted = tuple(keys)
        cached = self._settings.get(wanted)
        if cached is None:
            rows = self.session.execute(
                select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(wanted))
            )
            cached = self._settings[wanted] = {key: value for key, value in rows}
        return dict(cached)

    def put_setting(self, key: str, value: str) -> None:
        self._settings.clear()
        row = self.session.get(AppSetting, key, with_for_update=True)
        if row is None:
            self._insert_ignore(AppSetting, {"key": key, "value": value}, "key")
            row = self.session.get(AppSetting, key, with_for_update=True, populate_existing=True)
        if row is not None:
            row.value = value

    # -- profiles --------------------------------------------------------------------------

    def find_profile(self, user_id: int) -> EngineerProfile | None:
        return self.session.get(EngineerProfile, user_id)

    def profile(self, user_id: int, *, lock: bool = False) -> EngineerProfile:
        """The engineer's profile (created "off duty" if missing), optionally locked and
        re-read so what the caller sees is what it holds."""
        # with_for_update=False (not None) would bypass the identity map: a SELECT each time.
        row = self.session.get(
            EngineerProfile, user_id, with_for_update=True if lock else None, populate_existing=lock
        )
        if row is None:
            self._insert_ignore(
                EngineerProfile,
                {
                    "user_id": user_id,
                    "state": EngineerState.OFF.value,
                    "timezone": "UTC",
                    "schedule": "",
                    "skills": "",
                },
                "user_id",
            )
            row = self.session.get(
                EngineerProfile, user_id, with_for_update=lock, populate_existing=True
            )
        assert row is not None  # inserted just above, or by a concurrent desk
        self._kept.append(row)
        if lock:
            self._locked.add(user_id)
        return row

    def try_lock_profile(self, user_id: int) -> EngineerProfile | None:
        """The profile, locked and re-read — or None while another desk holds it (that
        desk is assigning to this engineer right now: try someone else)."""
        query = (
            select(EngineerProfile)
            .where(EngineerProfile.user_id == user_id)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        row = self.session.scalars(query).first()
        if row is not None:
            self._kept.append(row)
            self._locked.add(user_id)
        return row

    def claim_profile(self, user_id: int, at: datetime) -> EngineerProfile | None:
        """:meth:`try_lock_profile` for an assignment at ``at``. On PostgreSQL the lock,
        the open count's +1 and the assignment time are one statement (issue 19: an
        opening's statements): ``UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)``. The
        profile comes back as before the assignment (its count without the +1), for the
        caller's re-check under the lock; a refused claim is undone by :meth:`unclaim`,
        and a +1 no open-count move takes is undone by :meth:`settle_claims`."""
        if self.session.get_bind().dialect.name != "postgresql":
            # SQLite: a desk's transaction has held the only write lock since BEGIN
            # IMMEDIATE, and a background job's reads one snapshot (its first write
            # fails if anyone wrote since): a second read in this transaction returns
            # the candidate row as read moments ago — a statement for nothing (issue 19).
            candidate = self._candidates.get(user_id)
            if candidate is not None:
                self._locked.add(user_id)
                return candidate
            return self.try_lock_profile(user_id)
        row = self.session.execute(
            _claim_statement(),
            {"claimed": user_id, "claimed_at": at},
            execution_options={"synchronize_session": False, "populate_existing": True},
        ).first()
        if row is None:  # another desk holds the row: try someone else
            return None
        prof: EngineerProfile = row[0]
        # As before the assignment, for the re-check and its explanation.
        set_committed_value(prof, "open_tickets", prof.open_tickets - 1)
        set_committed_value(prof, "last_assigned_at", row[1])
        self._kept.append(prof)
        self._locked.add(user_id)
        self._claimed[user_id] = (row[1], at)
        self._precounted[user_id] = self._precounted.get(user_id, 0) + 1
        return prof

    def unclaim(self, user_id: int) -> None:
        """Undo a claim the re-check refused (the row is still ours, locked)."""
        if user_id not in self._claimed:
            return  # SQLite, or nothing claimed: nothing was written
        old_at = self._claimed.pop(user_id)[0]
        self._settle_one(user_id)
        self.session.execute(
            update(EngineerProfile)
            .where(EngineerProfile.user_id == user_id)
            .values(open_tickets=EngineerProfile.open_tickets - 1, last_assigned_at=old_at),
            execution_options={"synchronize_session": False},
        )
        prof = self.profile(user_id)
        set_committed_value(prof, "last_assigned_at", old_at)

    def settle_claims(self) -> None:
        """Before commit: a claimed +1 no open-count move took (the ticket left the
        engineer's load in the same transaction) is taken back; the time stays."""
        for user_id in sorted(self._precounted):
            write_path.add_open(self.session, user_id, -self._precounted.pop(user_id))

    def _settle_one(self, user_id: int) -> None:
        left = self._precounted.pop(user_id) - 1
        if left:
            self._precounted[user_id] = left

    def touch_last_assigned(self, user_id: int, at: datetime) -> None:
        """Record an assignment to ``user_id`` at ``at`` (never moving the time back).

        On a row this transaction already holds locked (an assignment's), the time is
        written with the open-count move that follows it (:meth:`move_open_count`), or
        by :meth:`write_touches`; otherwise the UPDATE runs now, so the engineer's row
        is locked in the order the caller reached it.
        """
        prof = self.profile(user_id)
        claimed = self._claimed.get(user_id)
        if claimed is not None and at <= claimed[1]:  # the claim wrote it (a later-wins max)
            old = claimed[0]
            set_committed_value(prof, "last_assigned_at", at if old is None or old < at else old)
            return
        if prof.last_assigned_at is not None and prof.last_assigned_at >= at:
            return
        if user_id in self._locked:
            self._touches[user_id] = max(at, self._touches.get(user_id, at))
        else:
            self.session.execute(
                update(EngineerProfile)
                .where(EngineerProfile.user_id == user_id)
                .values(last_assigned_at=_later(at)),
                execution_options={"synchronize_session": False},
            )
        set_committed_value(prof, "last_assigned_at", at)

    def write_touches(self) -> None:
        """Write the assignment times no open-count move has taken along."""
        for user_id in sorted(self._touches):
            at = self._touches.pop(user_id)
            self.session.execute(
                update(EngineerProfile)
                .where(EngineerProfile.user_id == user_id)
                .values(last_assigned_at=_later(at)),
                execution_options={"synchronize_session": False},
            )

    def available_engineers(
        self, settings: Sequence[str] = ()
    ) -> list[tuple[User, EngineerProfile]]:
        """Active engineers whose state is "available" (schedule and load come later).

        ``settings`` (keys) are read in the same statement — each row carries them — and
        kept for :meth:`settings` in this unit of work (with nobody available they are not
        read: whoever asks then reads them)."""
        rows = self.session.execute(_available_statement(tuple(settings))).all()
        found = [(row[0], row[1]) for row in rows]
        if rows and settings:
            read = zip(settings, rows[0][2:], strict=True)
            self._settings[tuple(settings)] = {k: v for k, v in read if v is not None}
        self._kept.extend(prof for _, prof in found)
        if self.session.get_bind().dialect.name != "postgresql":
            self._candidates.update((prof.user_id, prof) for _, prof in found)
        return found

    def engineers(self) -> list[tuple[User, EngineerProfile | None]]:
        rows = self.session.execute(
            select(User, EngineerProfile)
            .outerjoin(EngineerProfile, EngineerProfile.user_id == User.id)
            .where(User.role == Role.ENGINEER.value)
            .order_by(User.username)
        )
        return [(user, prof) for user, prof in rows]

    def open_counts(self, user_ids: Collection[int]) -> dict[int, int]:
        """Maintained counts (``engineer_profiles.open_tickets``), not a count of tickets."""
        return write_path.open_counts(self.session, user_ids)

    def move_open_count(self, user_id: int, delta: int) -> None:
        """Add ``delta`` to the engineer's open-ticket count in this transaction (the
        profile's row lock on PostgreSQL: the same row assignments to them lock)."""
        if delta == 1 and user_id in self._precounted:
            self._settle_one(user_id)
            # The claim wrote this +1 already; only a later assignment time is left.
            at = self._touches.pop(user_id, None)
            if at is not None:
                write_path.add_open(self.session, user_id, 0, _later(at))
            loaded = self.session.identity_map.get(identity_key(EngineerProfile, user_id))
            if loaded is not None:
                set_committed_value(loaded, "open_tickets", loaded.open_tickets + 1)
            return
        value = write_path.add_open(
            self.session, user_id, delta, _later(self._touches.pop(user_id, None))
        )
        if value is None:  # no profile yet: create it, counted the slow way once
            self.session.flush()
            self.profile(user_id)
            value = write_path.count_open(self.session, user_id)
            self.session.execute(
                update(EngineerProfile)
                .where(EngineerProfile.user_id == user_id)
                .values(open_tickets=value),
                execution_options={"synchronize_session": False},
            )
        loaded = self.session.identity_map.get(identity_key(EngineerProfile, user_id))
        if loaded is not None:
            set_committed_value(loaded, "open_tickets", value)

    def product_ids(self, codes: Iterable[str]) -> list[int]:
        return list(
            self.session.scalars(select(Product.id).where(Product.code.in_(list(codes)))).all()
        )

    def unknown_products(self, codes: Collection[str]) -> list[str]:
        known = set(self.session.scalars(select(Product.code).where(Product.code.in_(codes))))
        return sorted(set(codes) - known)

    # -- the unassigned queue --------------------------------------------------------------

    def claim_next_ticket(self, product_ids: list[int] | None) -> Ticket | None:
        """Lock and return the most urgent unassigned ticket (priority, then oldest),
        skipping tickets another desk holds. ``product_ids`` None = any product;
        otherwise tickets naming no product or one of these."""
        query = select(Ticket).where(Ticket.status == Status.NEW.value)
        query = query.where(Ticket.assignee_id.is_(None))
        if product_ids is not None:
            query = query.where(
                or_(Ticket.product_id.is_(None), Ticket.product_id.in_(product_ids))
            )
        query = (
            query.order_by(Ticket.priority, Ticket.created_at, Ticket.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        return self.session.scalars(query.execution_options(populate_existing=True)).first()

    def unassigned_ids(self, limit: int) -> list[int]:
        return list(
            self.session.scalars(
                select(Ticket.id)
                .where(Ticket.status == Status.NEW.value, Ticket.assignee_id.is_(None))
                .order_by(Ticket.priority, Ticket.created_at, Ticket.id)
                .limit(limit)
            ).all()
        )

    def lock_ticket(self, ticket_id: int) -> Ticket | None:
        """The ticket, locked, if no other desk holds it (else None: try another)."""
        query = select(Ticket).where(Ticket.id == ticket_id).with_for_update(skip_locked=True)
        return self.session.scalars(query.execution_options(populate_existing=True)).first()

    # -- helpers ---------------------------------------------------------------------------

    def _insert_ignore(self, model: type, values: dict[str, object], key: str) -> None:
        """INSERT that quietly does nothing when a concurrent desk inserted the row first."""
        dialect = self.session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        self.session.execute(
            insert(model).values(**values).on_conflict_do_nothing(index_elements=[key])
        )
