"""The one path of every ticket change from the building blocks to the commit.

A service changes a ticket with the building blocks (``set_status``, ``set_assignee``,
``append_event``, field edits), which record a :class:`TicketChange` in the unit of
work; it then calls :meth:`ChangePipeline.finish` (or :meth:`open` for a new ticket),
which shows the change to every hook in order, dispatches the changes the hooks return
in turn, and checks that nothing was left unseen. The service then commits.

The hook order is decided in one place, :func:`app.bootstrap.ticket_hooks`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from app.persistence.change_log import TicketChange
from app.persistence.orm import Ticket
from app.persistence.unit_of_work import Gathering, UnitOfWork
from app.services.hooks import OpeningDraft, TicketHook

# A runaway chain of hooks triggering each other would otherwise loop until the lock
# time-out; no legitimate change fans out anywhere near this far.
MAX_CHANGES_PER_TRANSACTION = 10_000


class ChangePipeline:
    def __init__(self, hooks: Sequence[TicketHook] = ()) -> None:
        self.hooks = tuple(hooks)

    def opening(self, uow: UnitOfWork, draft: OpeningDraft) -> None:
        """Before the ticket exists: each hook may adjust the draft or refuse."""
        for hook in self.hooks:
            hook.on_opening(uow, draft)

    def opened(self, uow: UnitOfWork, ticket: Ticket, draft: OpeningDraft) -> None:
        """The ticket and its "created" event are in the session (not yet written): let
        the hooks complete the opening (clock, assignment), then dispatch the opening
        change like any other.

        The ticket (its id known before insertion), its events and the hooks' rows are
        written by one flush: after every on_opened and every on_changed of the opening
        that declares :attr:`~app.services.hooks.TicketHook.gathers_writes`, before the
        first hook that does not (it sees the rows in the database, as for any change).
        So the ticket is inserted in its assigned state with its SLA columns, the events
        in one multi-row INSERT and the clock once (issue 19: an opening in few
        statements)."""
        change = uow.changes.begin(ticket, draft.actor, draft.opened_at, opening=draft)
        with uow.gathered_flush() as gathering:
            for hook in self.hooks:
                hook.on_opened(uow, change)
            taken = uow.changes.take(ticket)
            if taken is not None:
                self.dispatch(uow, taken, gathering)

    def finish(self, uow: UnitOfWork, ticket: Ticket) -> None:
        """Dispatch ``ticket``'s open change and everything the hooks return."""
        change = uow.changes.take(ticket)
        if change is not None:
            self.dispatch(uow, change)

    def dispatch(
        self, uow: UnitOfWork, first: TicketChange, gathering: Gathering | None = None
    ) -> None:
        pending = deque([first])
        dispatched = 0
        while pending:
            change = pending.popleft()
            dispatched += 1
            if dispatched > MAX_CHANGES_PER_TRANSACTION:
                raise RuntimeError("ticket hooks keep triggering each other; giving up.")
            for hook in self.hooks:
                if gathering is not None and (dispatched > 1 or not hook.gathers_writes):
                    gathering.end()  # this hook may read or reference the rows: write them
                    gathering = None
                for follow_up in hook.on_changed(uow, change):
                    taken = uow.changes.take(follow_up.ticket)
                    pending.append(taken or follow_up)
        if gathering is not None:
            gathering.end()
        left = uow.changes.left_open()
        if left:
            names = ", ".join(c.ticket.number for c in left)
            # A programming error: some code changed a ticket without dispatching it.
            raise RuntimeError(f"ticket changes not shown to the hooks: {names}")

    def finish_all(self, uow: UnitOfWork) -> None:
        """Dispatch every open change (a batch that touched several tickets)."""
        for change in uow.changes.left_open():
            taken = uow.changes.take(change.ticket)
            if taken is not None:
                self.dispatch(uow, taken)
