"""Assigning tickets to the first available engineer: fairly, atomically, visibly.

Three moments assign a ticket: a ticket is opened while auto-assignment is on (the
:class:`AutoAssignHook`, inside the opening transaction); an engineer becomes
available (they receive the most urgent waiting ticket they qualify for); an
engineer asks to "take next". Every assignment writes the same history as a manual
one — an "assigned" event (field ``assignee``) and a status event new → assigned —
with a text explaining the choice. Automatic ones are authored by the system user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from app.domain.assignment import (
    Engineer,
    WeeklySchedule,
    below_max,
    explain,
    format_duration,
    parse_max_open,
    parse_skills,
    parse_state,
    parse_timezone,
    policy_named,
    unavailable_because,
)
from app.domain.errors import NotFound, ValidationError
from app.domain.roles import Permission, Role
from app.domain.tickets import Status
from app.persistence.assignment_repository import AssignmentRepository
from app.persistence.orm import Ticket, User
from app.persistence.orm_assignment import EngineerProfile
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.auto_assign import (
    AUTO_KEY,
    DEFAULT_MAX_KEY,
    POLICY_KEY,
    AssignmentSettings,
    assign_best,
    hand_over,
    read_settings,
    record_assignment,
    snapshot,
)
from app.services.common import acting_user, storage_errors
from app.services.context import ServiceContext
from app.services.dto import TicketView
from app.services.pipeline import ChangePipeline
from app.services.runner import TicketRunner, run_now
from app.services.users import clean_username

DISPATCH_BATCH = 200
ProfileChange = Callable[[EngineerProfile, AssignmentRepository], None]


@dataclass(frozen=True, slots=True)
class EngineerStatus:
    username: str
    state: str
    timezone: str
    schedule: str
    skills: tuple[str, ...]
    max_open: int | None
    open_tickets: int
    last_assigned_at: datetime | None
    available_now: bool
    why_not: str | None
    # A ticket handed over because this change made the engineer available.
    received: str | None = None


class AssignmentService:
    def __init__(self, ctx: ServiceContext, pipeline: ChangePipeline | None = None) -> None:
        self.ctx = ctx
        # The ticket changes' one path: a ticket assigned here is a changed ticket there.
        self.pipeline = pipeline or ChangePipeline()

    # -- settings shared by every desk ----------------------------------------------------

    def settings(self, actor: Actor) -> AssignmentSettings:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            return read_settings(uow)

    def configure(
        self, actor: Actor, *, policy: str | None = None, auto: bool | None = None
    ) -> AssignmentSettings:
        chosen = policy_named(policy).name if policy is not None else None
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.ASSIGN_OTHERS)
            repo = uow.assignment
            if chosen is not None:
                repo.put_setting(POLICY_KEY, chosen)
            if auto is not None:
                repo.put_setting(AUTO_KEY, "on" if auto else "off")
            result = read_settings(uow)
            uow.commit()
            return result

    # -- an engineer's availability --------------------------------------------------------

    def status(self, actor: Actor, engineer: str | None = None) -> EngineerStatus:
        with self.ctx.db.unit_of_work(write=False) as uow:
            user = self._whose(uow, actor, engineer, Permission.WORK_TICKET)
            prof = uow.assignment.find_profile(user.id)
            return self._status(uow, user, prof or EngineerProfile(user_id=user.id))

    def list_engineers(self, actor: Actor) -> list[EngineerStatus]:
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            repo = uow.assignment
            rows = [(u, p) for u, p in repo.engineers() if u.active]
            counts = repo.open_counts([u.id for u, _ in rows])
            return [
                self._status(uow, u, p or EngineerProfile(user_id=u.id), counts[u.id])
                for u, p in rows
            ]

    def set_state(self, actor: Actor, state: str, engineer: str | None = None) -> EngineerStatus:
        new = parse_state(state)

        def change(prof: EngineerProfile, _repo: AssignmentRepository) -> None:
            prof.state = new.value

        return self._edit(actor, engineer, change)

    def set_schedule(
        self,
        actor: Actor,
        spec: str,
        timezone: str | None = None,
        engineer: str | None = None,
    ) -> EngineerStatus:
        def change(prof: EngineerProfile, _repo: AssignmentRepository) -> None:
            zone = timezone.strip() if timezone else prof.timezone
            parse_timezone(zone)
            prof.schedule = WeeklySchedule.parse(spec, zone).spec()
            prof.timezone = zone

        return self._edit(actor, engineer, change)

    def set_skills(
        self, actor: Actor, products: Sequence[str], engineer: str | None = None
    ) -> EngineerStatus:
        codes = parse_skills(products)

        def change(prof: EngineerProfile, repo: AssignmentRepository) -> None:
            unknown = repo.unknown_products(codes)
            if unknown:
                raise NotFound(f"no product with code {', '.join(unknown)}.")
            prof.skills = ",".join(sorted(codes))

        return self._edit(actor, engineer, change)

    def set_max(
        self, actor: Actor, max_open: int | None, engineer: str | None = None
    ) -> EngineerStatus:
        limit = parse_max_open(max_open)

        def change(prof: EngineerProfile, _repo: AssignmentRepository) -> None:
            prof.max_open = limit

        return self._edit(actor, engineer, change)

    # -- claiming work ---------------------------------------------------------------------

    def take_next(self, actor: Actor) -> TicketView | None:
        """Claim the most urgent unassigned ticket you qualify for (None: there is none).

        Tickets another desk is claiming at this instant are skipped, never waited for
        and never reported as an error.
        """
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            me = acting_user(uow, actor, Permission.TAKE_TICKET)
            repo = uow.assignment
            prof = repo.profile(me.id, lock=True)
            cap = read_settings(uow).default_max
            eng = snapshot(me, prof, prof.open_tickets, cap)
            if not below_max(eng):
                raise ValidationError(
                    f"{me.username} already has {eng.open_tickets} open tickets, their "
                    "maximum; finish or hand over one first."
                )
            ticket = repo.claim_next_ticket(self._product_ids(repo, eng))
            if ticket is None:
                return None
            now = self.ctx.clock.now()
            waited = format_duration(now - ticket.created_at)
            why = explain(eng, now, f"take next: P{ticket.priority}, waiting {waited}")
            record_assignment(uow, ticket, me, me, now, why=why, policy=None)
            return self._done(uow, ticket)

    def dispatch(self, actor: Actor, *, each: TicketRunner = run_now) -> list[str]:
        """Offer every waiting ticket to the available engineers again (after working
        hours begin, or someone drops below their maximum). Returns the tickets assigned.

        One short transaction per ticket (issue 19): a desk's own action never waits
        behind the whole batch, and ``each`` runs each one (the background jobs give
        SQLite's write lock way there)."""
        with self.ctx.db.unit_of_work(write=False) as uow:
            acting_user(uow, actor)
            if not read_settings(uow).auto or not uow.assignment.available_engineers():
                return []
            waiting = uow.assignment.unassigned_ids(DISPATCH_BATCH)
        assigned: list[str] = []
        for ticket_id in waiting:
            number, anyone = each(partial(self._dispatch_one, ticket_id))
            if number is not None:
                assigned.append(number)
            if number is None and anyone:
                break  # nobody can take even a ticket any engineer may work on: done
        return assigned

    def _dispatch_one(self, ticket_id: int) -> tuple[str | None, bool]:
        """(the ticket's number if it was assigned, whether any engineer qualified)."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            ticket = uow.assignment.lock_ticket(ticket_id)
            if ticket is None or ticket.status != Status.NEW or ticket.assignee_id:
                return None, False
            anyone = ticket.product_id is None
            if assign_best(uow, ticket, self.ctx.clock.now()) is None:
                return None, anyone
            self.pipeline.finish(uow, ticket)
            uow.commit()
            return ticket.number, anyone

    # -- internals -------------------------------------------------------------------------

    def _edit(self, actor: Actor, engineer: str | None, change: ProfileChange) -> EngineerStatus:
        """Change a profile (own, or any engineer's for managers); if that makes the
        engineer available, hand them the most urgent ticket waiting for them."""
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            user = self._whose(uow, actor, engineer, Permission.SET_OWN_AVAILABILITY)
            repo = uow.assignment
            prof = repo.profile(user.id, lock=True)
            change(prof, repo)
            now = self.ctx.clock.now()
            prof.updated_at = now
            handed = hand_over(uow, user, prof, now, reason="auto: became available")
            if handed is not None:
                self.pipeline.finish(uow, handed.ticket)
            received = handed.ticket.number if handed is not None else None
            result = self._status(uow, user, prof, received=received)
            uow.commit()
            return result

    def _done(self, uow: UnitOfWork, ticket: Ticket) -> TicketView:
        self.pipeline.finish(uow, ticket)
        uow.commit()
        return TicketView.of(ticket)

    @staticmethod
    def _product_ids(repo: AssignmentRepository, eng: Engineer) -> list[int] | None:
        return repo.product_ids(eng.skills) if eng.skills else None

    @staticmethod
    def _whose(
        uow: UnitOfWork, actor: Actor, engineer: str | None, own_permission: Permission
    ) -> User:
        """The actor themself, or (for managers) the named engineer."""
        if engineer is None or clean_username(engineer) == actor.username:
            return acting_user(uow, actor, own_permission)
        acting_user(uow, actor, Permission.ASSIGN_OTHERS)
        user = uow.users.get(clean_username(engineer))
        if user.role != Role.ENGINEER or not user.active:
            raise ValidationError(f"{user.username} is not an active engineer.")
        return user

    def _status(
        self,
        uow: UnitOfWork,
        user: User,
        prof: EngineerProfile,
        open_tickets: int | None = None,
        *,
        received: str | None = None,
    ) -> EngineerStatus:
        if open_tickets is None:
            open_tickets = uow.assignment.open_counts([user.id])[user.id]
        eng = snapshot(user, prof, open_tickets, read_settings(uow).default_max)
        why_not = unavailable_because(eng, None, self.ctx.clock.now())
        return EngineerStatus(
            username=user.username,
            state=eng.state.value,
            timezone=eng.schedule.timezone,
            schedule=eng.schedule.spec(),
            skills=tuple(sorted(eng.skills)),
            max_open=eng.max_open,
            open_tickets=open_tickets,
            last_assigned_at=eng.last_assigned_at,
            available_now=why_not is None,
            why_not=why_not,
            received=received,
        )

    # -- administration (desktop client's Assignment section) -----------------------------

    def set_default_cap(self, actor: Actor, cap: int | None) -> AssignmentSettings:
        """The cap on open tickets for engineers without one of their own (None: none)."""
        limit = parse_max_open(cap)
        with self.ctx.db.unit_of_work() as uow, storage_errors():
            acting_user(uow, actor, Permission.ASSIGN_OTHERS)
            uow.assignment.put_setting(DEFAULT_MAX_KEY, "" if limit is None else str(limit))
            result = read_settings(uow)
            uow.commit()
            return result
