"""Repositories: the few ways services load and add aggregates.

They never commit; the unit of work does. ``NotFound`` messages name what was asked
for, so the CLI and the GUI can show them as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Select, bindparam, func, select
from sqlalchemy.orm import (
    Session,
    aliased,
    joinedload,
    make_transient_to_detached,
    selectinload,
)

from app.domain.errors import NotFound
from app.domain.tickets import Status
from app.persistence.facts_rows import (
    FACTS_COLUMNS,
    FACTS_OUTER_JOINS,
    FactsRow,
    SourceFacts,
    facts_of,
)
from app.persistence.orm import (
    Contact,
    Customer,
    Product,
    Ticket,
    TicketEvent,
    User,
)
from app.persistence.orm_sla import SlaClock
from app.persistence.write_path import next_ticket_identity, next_ticket_numbers

SYSTEM_USERNAME = "system"
# The system user's columns, per database this process opened (see UserRepository.system).
_SYSTEM_USERS: WeakKeyDictionary[Engine, dict[str, Any]] = WeakKeyDictionary()
_SYSTEM_COLUMNS = ("id", "username", "full_name", "email", "role", "department", "active",
                   "created_at")  # fmt: skip


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._system: User | None = None

    def system(self) -> User:
        """The built-in author of automatic actions (created by the first migration);
        read once per process and database (it is never renamed, renumbered or
        deactivated: no login reaches it), then placed in each session without a SELECT
        (issue 19: every automatic assignment at opening asked for it)."""
        if self._system is None:
            engine = self.session.get_bind().engine
            columns = _SYSTEM_USERS.get(engine)
            if columns is None:
                found = self.get(SYSTEM_USERNAME)
                columns = _SYSTEM_USERS[engine] = {
                    name: getattr(found, name) for name in _SYSTEM_COLUMNS
                }
                self._system = found
            else:
                copy = User(**columns)
                make_transient_to_detached(copy)  # as if read: nothing to write
                self._system = self.session.merge(copy, load=False)
        return self._system

    def find(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))

    def get(self, username: str) -> User:
        user = self.find(username)
        if user is None:
            raise NotFound(f"no user named {username!r}.")
        return user

    def find_by_id(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def by_id(self, user_id: int) -> User:
        user = self.find_by_id(user_id)
        if user is None:
            raise NotFound(f"no user with id {user_id}.")
        return user

    def list(self) -> Sequence[User]:
        return self.session.scalars(
            select(User).where(User.username != SYSTEM_USERNAME).order_by(User.username)
        ).all()

    def count(self) -> int:
        """People (the built-in system user does not count)."""
        query = select(func.count()).select_from(User).where(User.username != SYSTEM_USERNAME)
        return self.session.scalar(query) or 0

    def add(self, user: User) -> None:
        self.session.add(user)


_CUSTOMER_BY_CODE = select(Customer).where(Customer.code == bindparam("code"))


class CustomerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, code: str) -> Customer | None:
        return self.session.scalar(_CUSTOMER_BY_CODE, {"code": code})  # every opening

    def get(self, code: str) -> Customer:
        customer = self.find(code)
        if customer is None:
            raise NotFound(f"no customer with code {code!r}.")
        return customer

    def list(self, *, with_contacts: bool = False) -> Sequence[Customer]:
        query = select(Customer).order_by(Customer.code)
        if with_contacts:
            query = query.options(selectinload(Customer.contacts))
        return self.session.scalars(query).all()

    def contact(self, customer: Customer, ref: str) -> Contact:
        """A contact of ``customer`` by id, e-mail or exact name."""
        query = select(Contact).where(Contact.customer_id == customer.id)
        if ref.isdigit():
            query = query.where(Contact.id == int(ref))
        elif "@" in ref:
            query = query.where(func.lower(Contact.email) == ref.lower())
        else:
            query = query.where(Contact.name == ref)
        found = self.session.scalars(query).all()
        if not found:
            raise NotFound(f"customer {customer.code} has no contact {ref!r}.")
        if len(found) > 1:
            raise NotFound(f"{ref!r} matches several contacts of {customer.code}; use the id.")
        return found[0]

    def add(self, customer: Customer) -> None:
        self.session.add(customer)

    def add_contact(self, contact: Contact) -> None:
        self.session.add(contact)


class ProductRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, code: str) -> Product | None:
        return self.session.scalar(select(Product).where(Product.code == code))

    def get(self, code: str) -> Product:
        product = self.find(code)
        if product is None:
            raise NotFound(f"no product with code {code!r}.")
        return product

    def list(self) -> Sequence[Product]:
        return self.session.scalars(select(Product).order_by(Product.code)).all()

    def add(self, product: Product) -> None:
        self.session.add(product)


class LockedTicket(NamedTuple):
    """What :meth:`TicketRepository.find_with_user` reads with a ticket's lock."""

    ticket: Ticket
    user: User
    clock: SlaClock | None  # None: no clock, or to be read again (see find_with_user)
    escalations: str | None
    facts: tuple[FactsRow | None, SourceFacts | None] | None  # None: to be read again


@functools.cache
def _ticket_query(*, lock: bool, with_user: bool) -> Select[Any]:
    """A ticket by number (bound ``number``), built once per process: every change
    reads its ticket this way, and building the statement with its five eager loads
    cost a desk more than 1 ms of CPU per action (issue 19); the same statement object
    also keeps SQLAlchemy's cache key, computed once."""
    query: Select[Any] = select(Ticket).where(Ticket.number == bindparam("number"))
    if lock:
        # A change answers with the ticket's customer, author, assignee, contact and
        # product: read with it (one statement, not one each), locking the ticket
        # row only — never the customer's or a person's, every desk's.
        query = query.options(
            joinedload(Ticket.customer),
            joinedload(Ticket.created_by),
            joinedload(Ticket.assignee),
            joinedload(Ticket.contact),
            joinedload(Ticket.product),
        ).with_for_update(of=Ticket)
    if with_user:
        # Imported here: the SLA repository imports this module.
        from app.persistence.sla_repository import CLOCK_ESCALATIONS

        # The ticket's version as of the statement's start (see find_with_user).
        before = aliased(Ticket)
        snapshot_version = select(before.version).where(before.id == Ticket.id).scalar_subquery()
        query = (
            query.add_columns(User, SlaClock, CLOCK_ESCALATIONS, snapshot_version, *FACTS_COLUMNS)
            .join_from(Ticket, User, User.id == bindparam("user_id"))
            .outerjoin_from(Ticket, SlaClock, SlaClock.ticket_id == Ticket.id)
            .options(joinedload(SlaClock.calendar))
        )
        for joined, on in FACTS_OUTER_JOINS:  # the report facts hook's facts
            query = query.outerjoin_from(Ticket, joined, on)
    return query


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, number: str, *, lock: bool = False) -> Ticket:
        """Load a ticket by number; ``lock`` takes its row lock (PostgreSQL) so that
        history appends for one ticket are serialised."""
        ticket = self.find(number, lock=lock)
        if ticket is None:
            raise NotFound(f"no ticket {number!r}.")
        return ticket

    def find_with_user(self, number: str, user_id: int) -> LockedTicket | None:
        """The ticket, locked as :meth:`get` locks it, the user ``user_id``, the
        ticket's SLA clock (None: it has none) with its calendar and its escalations (as
        ``SlaRepository.hold_clock`` takes them), and its report facts and source facts
        (as ``FactsRepository.hold`` takes them), read in one statement (issue 19: a
        change's acting user, the SLA hook's clock and the facts hook's facts without a
        SELECT each); None when the ticket or the user is missing. The caller keeps the
        user and the clock (the identity map holds them weakly) and checks the user as
        it always does.

        The clock and the facts come back None (the clock out of the session: the hooks
        read them again) when the read waited for the lock behind a change that
        committed meanwhile:
        PostgreSQL then returns the ticket's newest row, locked, but the rows joined to
        it as they were when the statement began — a clock that missed the other
        change (its events were taken for new again: the other desk's public comment
        mailed twice). The ticket's version as the statement began tells: a later one
        on the locked row means the lock was waited for behind an update."""
        params = {"number": number.strip().upper(), "user_id": user_id}
        row = self.session.execute(_ticket_query(lock=True, with_user=True), params).first()
        if row is None:
            return None
        ticket, user, clock, escalations, snapshot_version = row[:5]
        if snapshot_version != ticket.version:
            if clock is not None:
                self.session.expunge(clock)
            return LockedTicket(ticket, user, None, None, None)
        return LockedTicket(ticket, user, clock, escalations, facts_of(tuple(row)[5:]))

    def find(self, number: str, *, lock: bool = False) -> Ticket | None:
        params = {"number": number.strip().upper()}
        return self.session.scalar(_ticket_query(lock=lock, with_user=False), params)

    def add(self, ticket: Ticket) -> None:
        self.session.add(ticket)

    def list(
        self,
        *,
        status: str | None = None,
        open_only: bool = False,
        assignee_id: int | None = None,
        customer_id: int | None = None,
        limit: int,
    ) -> Sequence[Ticket]:
        """Tickets by priority, then age, with their customer, people and product loaded."""
        query = select(Ticket).options(
            selectinload(Ticket.customer),
            selectinload(Ticket.assignee),
            selectinload(Ticket.created_by),
            selectinload(Ticket.contact),
            selectinload(Ticket.product),
        )
        if status:
            query = query.where(Ticket.status == status)
        if open_only:
            query = query.where(Ticket.status.not_in([Status.CLOSED, Status.CANCELLED]))
        if assignee_id is not None:
            query = query.where(Ticket.assignee_id == assignee_id)
        if customer_id is not None:
            query = query.where(Ticket.customer_id == customer_id)
        query = query.order_by(Ticket.priority, Ticket.created_at, Ticket.id).limit(limit)
        return self.session.scalars(query).all()

    def by_ids(self, ids: Collection[int]) -> Sequence[Ticket]:
        return self.session.scalars(select(Ticket).where(Ticket.id.in_(list(ids)))).all()

    def events(self, ticket: Ticket) -> Sequence[TicketEvent]:
        return self.session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.seq)
        ).all()

    def next_number(self) -> int:
        """The next ticket number: a sequence on PostgreSQL, the newest ticket's number
        plus one on SQLite — no counter row every opening desk would update
        (``app/persistence/write_path.py``)."""
        return next_ticket_numbers(self.session)[0]

    def next_identity(self) -> tuple[int, int]:
        """The next ticket's row id and number, read together before it is inserted
        (``app/persistence/write_path.py``)."""
        return next_ticket_identity(self.session)
