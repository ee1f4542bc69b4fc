"""Storage of the history ledger (``uow.ledger``).

Services *stage* links while they work; the unit of work writes them just before it
commits (:meth:`LedgerRepository.write_pending`). Taking the ledger's lock last, at
commit time, keeps the global sequence gap-free and unforked without adding a lock
that other locks (ticket rows, engineers) could wait on in the reverse order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text
from sqlalchemy.orm import Session

from app.domain.ledger import LedgerLink, first_prev, link_hash
from app.persistence.feed_repository import CHANNEL
from app.persistence.orm import Ticket, TicketEvent
from app.persistence.orm_faults import IdempotencyKey
from app.persistence.orm_security import LedgerEntry
from app.persistence.types import UTCDateTime

_ledger = cast(Table, LedgerEntry.__table__)
# pg_advisory_xact_lock key of the ledger ("SDLEDGER" as a number): held until commit.
_PG_LOCK_KEY = 0x5344_4C45_4447_4552 & 0x7FFF_FFFF_FFFF_FFFF
_CHUNK = 5000
# Up to this many links go to the server's function as arrays (an opening has 4, a
# change 1-3); an import's thousands keep the chunked INSERTs.
_SERVER_CHAIN_MAX = 1000
_SERVER_APPEND = text(
    "SELECT supportdesk_ledger_append(CAST(:kinds AS text[]), CAST(:numbers AS text[]),"
    " CAST(:seqs AS integer[]), CAST(:entries AS text[])),"
    " (SELECT count(pg_notify(:channel, p)) FROM unnest(CAST(:notify AS text[])) AS p)"
)
# The same, with the action's idempotency row inserted by a data-modifying CTE (issue
# 19: one statement fewer). Unreferenced, it runs to completion after the SELECT; a
# duplicate key fails the statement as the ORM's INSERT failed the flush.
_SERVER_APPEND_WITH_KEY = text(
    "WITH k AS (INSERT INTO idempotency_keys (user_id, key, action, result, created_at)"
    " VALUES (:k_user, :k_key, :k_action, :k_result, :k_created)) " + _SERVER_APPEND.text
).bindparams(bindparam("k_created", type_=UTCDateTime()))
# SQLite: each link chained after the head by SQLite itself, one ``executemany`` (each
# row sees the one inserted before it), the hash computed by ``link_hash`` registered
# as a function on the connection — one statement instead of a head read and an INSERT
# (issue 19: an opening's statements). ``seq`` is the rowid: max() is one b-tree edge.
_SQLITE_HASH = "supportdesk_link_hash"
_SQLITE_APPEND = text(
    "INSERT INTO history_ledger (seq, kind, ticket_number, event_seq, entry_hash, prev_hash,"
    f" hash) SELECT h.seq + 1, :kind, :number, :event_seq, :entry, h.hash, {_SQLITE_HASH}("
    "h.seq + 1, :kind, :number, :event_seq, :entry, h.hash) FROM (SELECT"
    " coalesce((SELECT max(seq) FROM history_ledger), 0) AS seq,"
    " coalesce((SELECT hash FROM history_ledger ORDER BY seq DESC LIMIT 1), :genesis) AS hash) h"
)
_LOCK_AND_HEAD = (
    f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY});"
    " SELECT seq, hash FROM history_ledger ORDER BY seq DESC LIMIT 1"
)


class LedgerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._pending: list[LedgerLink] = []

    def stage(self, link: LedgerLink) -> None:
        """Add ``link`` to the ledger when this unit of work commits."""
        self._pending.append(link)

    def in_server(self) -> bool:
        """Whether :meth:`write_pending` will append in one server statement (which can
        carry the action's idempotency row)."""
        return (
            0 < len(self._pending) <= _SERVER_CHAIN_MAX
            and self.session.get_bind().dialect.name == "postgresql"
        )

    def write_pending(
        self, notify: Sequence[str] = (), key: IdempotencyKey | None = None
    ) -> Sequence[str]:
        """Chain the staged links after the current head and insert them.

        On PostgreSQL the server does it in one statement (migration 0025), which also
        sends ``notify`` (the change feed's payloads, delivered at commit) and inserts
        ``key`` (given only when :meth:`in_server`): returned are the payloads left for
        the caller to send (all of them when nothing was staged)."""
        if key is not None and not self.in_server():
            raise RuntimeError("an idempotency row rides only in the server's append")
        if not self._pending:
            return notify
        if self.session.get_bind().dialect.name == "postgresql":
            if len(self._pending) <= _SERVER_CHAIN_MAX:
                self._append_in_server(notify, key)
                return ()
            # Serialises ledger writers until commit; SQLite writers already are (IMMEDIATE).
            head = self._lock_and_head()
        elif len(self._pending) <= _SERVER_CHAIN_MAX:
            self._append_in_sqlite()
            return notify
        else:
            head = self.head()
        seq, prev = head or (0, first_prev())
        rows = []
        for link in self._pending:
            seq += 1
            digest = link_hash(seq, link, prev)
            rows.append(
                {
                    "seq": seq,
                    "kind": link.kind,
                    "ticket_number": link.ticket_number,
                    "event_seq": link.event_seq,
                    "entry_hash": link.entry_hash,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            prev = digest
        for start in range(0, len(rows), _CHUNK):
            self.session.execute(insert(_ledger), rows[start : start + _CHUNK])
        self._pending.clear()
        return notify

    def _append_in_server(self, notify: Sequence[str], key: IdempotencyKey | None) -> None:
        """Lock, head, chain and INSERT in one statement (``supportdesk_ledger_append``,
        migration 0025: the same link hash as :func:`app.domain.ledger.link_hash`), with
        the change feed's NOTIFYs: one round trip inside the ledger's lock instead of
        two, and two fewer before it (issue 19: every commit waits for this lock)."""
        links = self._pending
        params = {
            "kinds": [link.kind for link in links],
            "numbers": [link.ticket_number for link in links],
            "seqs": [link.event_seq for link in links],
            "entries": [link.entry_hash for link in links],
            "channel": CHANNEL,
            "notify": list(notify),
        }
        # On the session's connection, as every Core statement of a change (issue 19:
        # Session.execute costs a Core statement as much client CPU again); the
        # session was flushed just before (UnitOfWork.commit).
        connection = self.session.connection()
        if key is None:
            connection.execute(_SERVER_APPEND, params)
        else:
            params |= {
                "k_user": key.user_id,
                "k_key": key.key,
                "k_action": key.action,
                "k_result": key.result,
                "k_created": key.created_at,
            }
            connection.execute(_SERVER_APPEND_WITH_KEY, params)
        self._pending.clear()

    def _append_in_sqlite(self) -> None:
        """Chain and INSERT the staged links in one statement (``_SQLITE_APPEND``): the
        head read, each hash and each row by SQLite, the hash by the same Python
        ``link_hash`` (registered once per connection), so ``history verify`` agrees by
        construction. The transaction holds SQLite's write lock: no other writer can
        append between the rows."""
        pooled = self.session.connection().connection
        if not pooled.info.get(_SQLITE_HASH):
            driver: Any = pooled.driver_connection
            driver.create_function(_SQLITE_HASH, 6, _sqlite_link_hash, deterministic=True)
            pooled.info[_SQLITE_HASH] = True
        rows = [
            {
                "kind": link.kind,
                "number": link.ticket_number,
                "event_seq": link.event_seq,
                "entry": link.entry_hash,
                "genesis": first_prev(),
            }
            for link in self._pending
        ]
        self.session.connection().execute(_SQLITE_APPEND, rows)
        self._pending.clear()

    def _lock_and_head(self) -> tuple[int, str] | None:
        """Take the ledger's lock, then read its head: two statements sent as one
        message, so the lock is held one round trip less (issue 19: every commit waits
        for this lock). Each statement of a message takes its own snapshot (READ
        COMMITTED), so the head is read after the lock is granted and sees the last
        holder's committed entry."""
        # exec_driver_sql without parameters: one simple-query message, and SQLAlchemy's
        # own error handling (a killed backend is a lost connection, retried above us).
        result = self.session.connection().exec_driver_sql(_LOCK_AND_HEAD)
        cursor = result.context.cursor  # psycopg holds both statements' results
        cursor.nextset()
        row = cursor.fetchone()
        result.close()
        return (int(row[0]), str(row[1])) if row else None

    def head(self) -> tuple[int, str] | None:
        """(sequence number, hash) of the newest entry, or None for an empty ledger."""
        row = self.session.execute(
            select(LedgerEntry.seq, LedgerEntry.hash).order_by(LedgerEntry.seq.desc()).limit(1)
        ).first()
        return (row[0], row[1]) if row else None

    def entries(self, *, batch: int, up_to: int | None = None) -> Iterator[LedgerEntry]:
        """Every entry in sequence order (up to ``up_to``), read ``batch`` at a time."""
        last = 0
        while True:
            query = select(LedgerEntry).where(LedgerEntry.seq > last)
            if up_to is not None:
                query = query.where(LedgerEntry.seq <= up_to)
            rows = self.session.scalars(query.order_by(LedgerEntry.seq).limit(batch)).all()
            if not rows:
                return
            yield from rows
            last = rows[-1].seq
            self.session.expunge_all()

    def for_ticket(self, number: str) -> Sequence[LedgerEntry]:
        return self.session.scalars(
            select(LedgerEntry)
            .where(LedgerEntry.ticket_number == number)
            .order_by(LedgerEntry.event_seq)
        ).all()

    def missing_tickets(self) -> list[str]:
        """Ticket numbers the ledger records whose ticket row is gone."""
        query = (
            select(LedgerEntry.ticket_number)
            .where(LedgerEntry.kind == "ticket")
            .where(~select(Ticket.id).where(Ticket.number == LedgerEntry.ticket_number).exists())
            .order_by(LedgerEntry.seq)
        )
        return list(self.session.scalars(query))

    def window(self, first: int, last: int) -> Sequence[tuple[str, int]]:
        """(ticket number, event number) of the entries ``first``..``last``."""
        rows = self.session.execute(
            select(LedgerEntry.ticket_number, LedgerEntry.event_seq)
            .where(LedgerEntry.seq.between(first, last))
            .order_by(LedgerEntry.seq)
        ).all()
        return [(r[0], r[1]) for r in rows]

    def backdated(self, after_seq: int, before: datetime) -> list[tuple[int, str, int, datetime]]:
        """Events entered in the ledger after entry ``after_seq`` whose own time is before
        ``before``: (ledger entry, ticket number, event number, event time)."""
        rows = self.session.execute(
            select(LedgerEntry.seq, Ticket.number, TicketEvent.seq, TicketEvent.occurred_at)
            .join(Ticket, Ticket.number == LedgerEntry.ticket_number)
            .join(
                TicketEvent,
                (TicketEvent.ticket_id == Ticket.id) & (TicketEvent.seq == LedgerEntry.event_seq),
            )
            .where(LedgerEntry.seq > after_seq, TicketEvent.occurred_at < before)
            .order_by(LedgerEntry.seq)
        ).all()
        return [(r[0], r[1], r[2], r[3]) for r in rows]


def _sqlite_link_hash(*row: Any) -> str:
    """``link_hash`` as SQLite calls it (see ``_SQLITE_APPEND``): seq, kind, ticket
    number, event number, entry hash, previous hash."""
    seq, kind, number, event_seq, entry, prev = row
    return link_hash(seq, LedgerLink(kind, number, event_seq, entry), prev)
