"""Issue 19: the history ledger appended by the server in one statement (PostgreSQL).

``supportdesk_ledger_append(kinds, numbers, event_seqs, entries)`` takes the ledger's
lock (the advisory lock every ledger writer takes), reads the head, chains the entries
after it — each link hash is SHA-256 over the same canonical JSON as
``app.domain.ledger.link_hash`` (keys sorted, no spaces, strings escaped as Python's
``json.dumps(ensure_ascii=False)`` escapes them) — and inserts them. Returns the new
head's sequence number. One round trip instead of three statements in two, and the
lock is held from this statement to COMMIT only. SECURITY INVOKER: the caller needs
the INSERT it always needed. SQLite: nothing (its writers are serialised already).

Revision ID: 0025
Revises: 0024
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | Sequence[str] | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out (not imported): a migration is a fixed point in time. The lock key is
# "SDLEDGER" as a number (app/persistence/ledger_repository.py); the genesis is 64 zeros.
FUNCTION = r"""
CREATE OR REPLACE FUNCTION supportdesk_ledger_append(
    p_kinds text[], p_numbers text[], p_event_seqs integer[], p_entries text[]
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_seq integer;
    v_prev text;
    v_hash text;
    i integer;
BEGIN
    PERFORM pg_advisory_xact_lock(6000004463946319186);
    SELECT seq, hash INTO v_seq, v_prev FROM history_ledger ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        v_seq := 0;
        v_prev := repeat('0', 64);
    END IF;
    FOR i IN 1 .. coalesce(array_length(p_kinds, 1), 0) LOOP
        v_seq := v_seq + 1;
        v_hash := encode(sha256(convert_to(
            '{"entry":' || to_json(p_entries[i])::text
            || ',"event":' || p_event_seqs[i]::text
            || ',"kind":' || to_json(p_kinds[i])::text
            || ',"prev":' || to_json(v_prev)::text
            || ',"seq":' || v_seq::text
            || ',"ticket":' || to_json(p_numbers[i])::text
            || '}', 'UTF8')), 'hex');
        INSERT INTO history_ledger (seq, kind, ticket_number, event_seq, entry_hash, prev_hash, hash)
        VALUES (v_seq, p_kinds[i], p_numbers[i], p_event_seqs[i], p_entries[i], v_prev, v_hash);
        v_prev := v_hash;
    END LOOP;
    RETURN v_seq;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS supportdesk_ledger_append(text[], text[], integer[], text[])"
        )
