"""Throttling logins in PostgreSQL security mode without the server's ``auth_delay``.

In security mode the server checks each person's password (SCRAM) when the desk
connects, so a refused password never reaches the application. To count it anyway the
desk then connects as the **gate**: a login whose password is not a secret (it is
here) and whose only right is to call ``supportdesk_login_failed``. That function
(``SECURITY DEFINER``, owned by the owner) counts one failure for the name and one for
the source — the client's address *as the server sees it* — in ``login_failures``,
the table the application's own check uses, and returns the counts as they were before,
so the desk answers exactly as the application's check would. On success the person's
own connection reads the same counts (``UserService.login``) and refuses to go on while
they must wait.

What the gate cannot do is stop someone who bypasses SupportDesk and guesses with their
own database client: for that, configure ``auth_delay`` on the server
(docs/security.md). The gate's worst misuse is what anyone can do by typing wrong
passwords: make a name or an address wait, at most a quarter of an hour at a time.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

GATE = "supportdesk_gate"
GATE_PASSWORD = "supportdesk-gate-not-a-secret"  # public on purpose (above)
# SQLSTATE of a refused password (invalid_password) and of a refused login; a refusal
# while connecting carries no SQLSTATE in libpq, only the server's words (English
# unless the server's lc_messages says otherwise).
REFUSED = frozenset({"28P01", "28000"})
REFUSED_WORDS = "password authentication failed"
log = logging.getLogger("supportdesk.security")

GATE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION supportdesk_login_failed(p_name text, p_at timestamptz)
RETURNS TABLE(o_key text, o_failures integer, o_last timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    -- Never in the future (that would make someone wait on and on); the desk's own
    -- clock otherwise, which the application's check compares with.
    v_at timestamptz := least(p_at, now());
    v_source text := left('source:' || coalesce(host(inet_client_addr()), 'local'), 64);
    v_keys text[] := ARRAY[v_source];
    v_key text;
    v_failures integer;
    v_last timestamptz;
BEGIN
    IF p_name ~ '^[a-z][a-z0-9._-]{1,63}$' THEN
        v_keys := v_keys || p_name;
    END IF;
    FOREACH v_key IN ARRAY v_keys LOOP
        SELECT f.failures, f.last_failed_at INTO v_failures, v_last
        FROM public.login_failures f WHERE f.username = v_key FOR UPDATE;
        o_key := v_key; o_failures := v_failures; o_last := v_last;
        RETURN NEXT;
        IF v_failures IS NULL THEN
            INSERT INTO public.login_failures (username, failures, last_failed_at)
            VALUES (v_key, 1, v_at)
            ON CONFLICT (username) DO UPDATE
            SET failures = public.login_failures.failures + 1, last_failed_at = v_at;
        ELSE
            UPDATE public.login_failures f
            SET failures = CASE WHEN v_key LIKE 'source:%'
                                     AND f.last_failed_at < v_at - interval '1 hour'
                                THEN 1 ELSE f.failures + 1 END,
                last_failed_at = v_at
            WHERE f.username = v_key;
        END IF;
    END LOOP;
END $$"""


def setup_gate(conn: Any, database: str) -> str:
    """Create the gate login (once per server) and its function (per database)."""
    exists = conn.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :g"), {"g": GATE})
    if not exists:
        conn.execute(text(f"CREATE ROLE {GATE} LOGIN PASSWORD '{GATE_PASSWORD}'"))
    conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {GATE}'))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {GATE}"))
    conn.execute(text(GATE_FUNCTION))
    function = "supportdesk_login_failed(text, timestamptz)"
    conn.execute(text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {function} TO {GATE}"))
    return f"login gate {GATE}: failed logins counted per name and per address"


def refused_password(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or the error it was raised from, also when its words replaced
    it — ``raise … from None`` keeps it as the context) is a refused password."""
    seen = 0
    while exc is not None and seen < 5:
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        if getattr(orig, "sqlstate", None) in REFUSED or REFUSED_WORDS in str(orig):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


Counts = tuple[int, datetime] | None


def record_refused_login(
    url: str, exc: BaseException, at: datetime
) -> tuple[str, Counts, Counts, str] | None:
    """Count a password the server refused for ``url``'s user, through the gate:
    (name, its counts before, the source's counts before, the source's key), or None
    if ``exc`` is no such refusal or the database has no gate (not security mode)."""
    if not refused_password(exc):
        return None
    target = make_url(url)
    name = (target.username or "").lower()
    if target.get_backend_name() != "postgresql" or not name or name == GATE:
        return None
    gate_url: URL = target.set(username=GATE, password=GATE_PASSWORD)
    engine = create_engine(gate_url, poolclass=NullPool, hide_parameters=True)
    try:
        with engine.begin() as conn:
            rows = conn.execute(
                text("SELECT o_key, o_failures, o_last FROM supportdesk_login_failed(:n, :at)"),
                {"n": name, "at": at},
            ).all()
    except DBAPIError as gate_exc:  # no gate here: a shared login, or not set up
        log.info("no login gate on this database (%s)", type(gate_exc.orig).__name__)
        return None
    finally:
        engine.dispose()
    counts = {key: (n, last) if n is not None else None for key, n, last in rows}
    source = next(k for k in counts if k.startswith("source:"))
    return name, counts.get(name), counts[source], source
