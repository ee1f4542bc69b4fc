"""The ticket lifecycle: every workflow action is one method and one transaction.

Each method checks the actor's rights, applies the workflow rule, changes the
ticket and appends its history events, then commits — or changes nothing.
"""

from __future__ import annotations

from app.domain.errors import ValidationError
from app.domain.history import GENESIS, EventKind
from app.domain.roles import Permission
from app.domain.tickets import (
    DEFAULT_PRIORITY,
    REASON_MAX,
    TEXT_MAX,
    Action,
    Category,
    Channel,
    Criticality,
    Environment,
    Status,
    check_transition,
    clean_minutes,
    clean_text,
    format_number,
    parse_enum,
)
from app.persistence.orm import Ticket, User
from app.persistence.unit_of_work import UnitOfWork
from app.services.auth import Actor
from app.services.common import acting_user, storage_errors
from app.services.dto import TicketView
from app.services.history import append_event
from app.services.hooks import OpeningDraft
from app.services.idempotency import Replayed, idempotent, may_be_recorded, record, recorded
from app.services.ticket_changes import (
    active_engineer,
    require_open,
    require_worker,
    set_assignee,
    set_status,
)
from app.services.ticket_edits import TicketEdits
from app.services.ticket_input import TicketRequest


class TicketService(TicketEdits):
    """Opening, assignment and work. Cancelling and editing fields are in
    :class:`~app.services.ticket_edits.TicketEdits`, the customer's answers in
    :class:`~app.services.ticket_answers.CustomerAnswers`."""

    # -- opening ---------------------------------------------------------------------------

    @idempotent
    def open_ticket(
        self,
        actor: Actor,
        *,
        customer: str,
        subject: str,
        service_type: str,
        description: str = "",
        contact: str | None = None,
        product: str | None = None,
        environment: str = Environment.PRODUCTION,
        category: str = Category.INCIDENT,
        criticality: str = Criticality.MEDIUM,
        out_of_contract: bool = False,
        idempotency_key: str | None = None,
    ) -> TicketView:
        request = TicketRequest.validated(
            customer=customer,
            subject=subject,
            service_type=service_type,
            description=description,
            contact=contact,
            product=product,
            environment=environment,
            category=category,
            criticality=criticality,
            out_of_contract=out_of_contract,
        )
        # No pre-ping on a first attempt: a lost connection runs it again (see _change).
        with self.ctx.db.unit_of_work(ping=may_be_recorded()) as uow, storage_errors():
            me = acting_user(uow, actor, Permission.OPEN_TICKET)
            prior = recorded(uow, me)
            if prior is not None:
                raise Replayed(TicketView.of(uow.tickets.get(prior["ticket"])))
            ticket = self.open_in(uow, me, request)
            record(uow, me, {"ticket": ticket.number}, ticket.created_at)
            uow.flush()
            view = TicketView.of(ticket)  # read before COMMIT: nothing after it can fail
            uow.commit()
            return view

    def open_in(self, uow: UnitOfWork, me: User, request: TicketRequest) -> Ticket:
        """Open a ticket inside the caller's unit of work (e.g. a release rejection opens
        one together with its own change). Runs every hook; does not commit."""
        cust = uow.customers.get(request.customer)
        who = uow.customers.contact(cust, request.contact) if request.contact else None
        prod = uow.products.get(request.product) if request.product else None
        draft = OpeningDraft(
            customer=cust,
            product=prod,
            environment=request.environment,
            service_type=request.service_type,
            category=request.category,
            criticality=request.criticality,
            priority=DEFAULT_PRIORITY[request.criticality],
            opened_at=self.ctx.clock.now(),
            actor=me,
            out_of_contract=request.out_of_contract,
        )
        self.pipeline.opening(uow, draft)
        now = draft.opened_at
        # Id and number before insertion: the created event names the ticket without a
        # flush, and the pipeline writes ticket, events and clock once each.
        ticket_id, number = uow.tickets.next_identity()
        ticket = Ticket(
            id=ticket_id,
            number=format_number(number),
            customer=cust,
            contact=who,
            product=prod,
            environment=request.environment.value,
            service_type=request.service_type.value,
            category=request.category.value,
            subject=request.subject,
            description=request.description,
            criticality=request.criticality.value,
            priority=draft.priority,
            status=Status.NEW.value,
            created_by=me,
            created_at=now,
            updated_at=now,
            time_logged_minutes=0,
            last_event_hash=GENESIS,
            event_count=0,
        )
        uow.tickets.add(ticket)
        append_event(
            uow,
            ticket,
            me,
            EventKind.CREATED,
            now,
            text=request.description or None,
            data={
                **draft.notes,
                "status": ticket.status,
                "priority": ticket.priority,
                "criticality": ticket.criticality,
                "subject": request.subject,
                "customer": cust.code,
                "contact": who.name if who else None,
                "product": prod.code if prod else None,
                "environment": request.environment.value,
                "service_type": request.service_type.value,
                "category": request.category.value,
            },
        )
        self.pipeline.opened(uow, ticket, draft)
        return ticket

    # -- assignment ------------------------------------------------------------------------

    @idempotent
    def assign(
        self,
        actor: Actor,
        number: str,
        assignee: str,
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        """A manager assigns a new ticket, or reassigns an open one, to an engineer."""
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            target = active_engineer(uow, assignee)
            status = Status(ticket.status)
            if status == Status.NEW:
                check_transition(Action.ASSIGN, status, ticket.number)
                acting_user(uow, actor, Permission.ASSIGN_OTHERS)
                set_assignee(uow, ticket, me, target, now)
                set_status(uow, ticket, me, Status.ASSIGNED, now)
            else:
                check_transition(Action.REASSIGN, status, ticket.number)
                acting_user(uow, actor, Permission.ASSIGN_OTHERS)
                if ticket.assignee_id == target.id:
                    raise ValidationError(
                        f"{ticket.number} is already assigned to {target.username}."
                    )
                set_assignee(uow, ticket, me, target, now)
                # Work in progress goes back to "assigned": the new engineer starts it.
                if status == Status.IN_PROGRESS:
                    set_status(uow, ticket, me, Status.ASSIGNED, now)
            return self._done(uow, ticket)

    @idempotent
    def take(
        self,
        actor: Actor,
        number: str,
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        """An engineer claims an unassigned ticket for themself."""
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(Action.TAKE, Status(ticket.status), ticket.number)
            acting_user(uow, actor, Permission.TAKE_TICKET)
            set_assignee(uow, ticket, me, me, now)
            set_status(uow, ticket, me, Status.ASSIGNED, now)
            return self._done(uow, ticket)

    # -- working ---------------------------------------------------------------------------

    @idempotent
    def start(
        self,
        actor: Actor,
        number: str,
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(Action.START, Status(ticket.status), ticket.number)
            require_worker(me, ticket)
            set_status(uow, ticket, me, Status.IN_PROGRESS, now)
            return self._done(uow, ticket)

    @idempotent
    def wait_on_customer(
        self,
        actor: Actor,
        number: str,
        reason: str = "",
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        reason = clean_text("what we wait for", reason, max_len=REASON_MAX, required=False)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(Action.WAIT, Status(ticket.status), ticket.number)
            require_worker(me, ticket)
            set_status(uow, ticket, me, Status.WAITING_ON_CUSTOMER, now, text=reason or None)
            return self._done(uow, ticket)

    @idempotent
    def customer_replied(
        self,
        actor: Actor,
        number: str,
        text: str = "",
        *,
        contact: str | None = None,
        channel: str = Channel.EMAIL,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        text = clean_text("reply", text, max_len=TEXT_MAX, required=False)
        how = parse_enum(Channel, "channel", channel)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(Action.CUSTOMER_REPLIED, Status(ticket.status), ticket.number)
            acting_user(uow, actor, Permission.COMMENT)
            who = uow.customers.contact(ticket.customer, contact) if contact else ticket.contact
            append_event(
                uow,
                ticket,
                me,
                EventKind.CUSTOMER_REPLY,
                now,
                text=text or None,
                data={"contact": who.name if who else None, "channel": how.value},
            )
            set_status(uow, ticket, me, Status.IN_PROGRESS, now)
            return self._done(uow, ticket)

    @idempotent
    def comment(
        self,
        actor: Actor,
        number: str,
        text: str,
        *,
        internal: bool = False,
        minutes: int | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        text = clean_text("comment", text, max_len=TEXT_MAX)
        spent = clean_minutes(minutes)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            acting_user(uow, actor, Permission.COMMENT)
            require_open(ticket, "comment on")
            if spent:
                acting_user(uow, actor, Permission.WORK_TICKET)
            append_event(
                uow,
                ticket,
                me,
                EventKind.COMMENT,
                now,
                text=text,
                minutes=spent,
                internal=internal,
            )
            ticket.time_logged_minutes += spent
            return self._done(uow, ticket)

    @idempotent
    def log_work(
        self,
        actor: Actor,
        number: str,
        minutes: int,
        note: str = "",
        *,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        """Record time spent. Any engineer may log work on a ticket they helped with."""
        spent = clean_minutes(minutes, required=True)
        note = clean_text("note", note, max_len=TEXT_MAX, required=False)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            acting_user(uow, actor, Permission.WORK_TICKET)
            require_open(ticket, "log work on")
            append_event(
                uow,
                ticket,
                me,
                EventKind.WORK,
                now,
                text=note or None,
                minutes=spent,
                internal=True,
            )
            ticket.time_logged_minutes += spent
            return self._done(uow, ticket)

    @idempotent
    def resolve(
        self,
        actor: Actor,
        number: str,
        *,
        problem_nature: str,
        solution: str,
        minutes: int | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> TicketView:
        nature = clean_text("problem nature", problem_nature, max_len=TEXT_MAX)
        applied = clean_text("solution applied", solution, max_len=TEXT_MAX)
        spent = clean_minutes(minutes)
        with self._change(actor, number, expected_version) as (uow, me, ticket, now):
            check_transition(Action.RESOLVE, Status(ticket.status), ticket.number)
            require_worker(me, ticket)
            append_event(
                uow,
                ticket,
                me,
                EventKind.RESOLUTION,
                now,
                minutes=spent,
                data={"problem_nature": nature, "solution": applied},
            )
            ticket.problem_nature = nature
            ticket.solution = applied
            ticket.time_logged_minutes += spent
            ticket.resolved_at = now
            set_status(uow, ticket, me, Status.RESOLVED, now)
            return self._done(uow, ticket)
