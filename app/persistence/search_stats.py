"""How many tickets a search's words match, from statistics (issue 19 item 3): what lets
the queue's search skip collecting the matches of a word that is surely common.

The figure only has to be right when it says *common*: a word called rare is collected
with a cap, and reaching the cap makes it common anyway (app.persistence.queue_search).
So each engine's figure leans low:

* PostgreSQL: ``ANALYZE``'s most common elements of ``tickets.search_vector``
  (``pg_stats.most_common_elems``): the share of each lexeme starting with the word.
  A word missing there counts as 0 (the planner's own estimate would be its default
  share, 0.5 % of the tickets plus 2 % of the events: at 1M above the threshold,
  which walked all of "All" for a word in 100 tickets: 7-14 s).
* SQLite: each word's row count in the ``fts5vocab`` tables (no ``ANALYZE`` for FTS5).
  Those reads cost ~10-25 ms for a word in a quarter of 1M tickets (the counts come
  from its whole list of rows), so they are kept for a minute per database and word:
  the desktop's first page, id stream and count of one search ask three times.

Several words are taken as independent (shares multiplied).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Integer, Text, bindparam, column, func, select, table, text

_TOP = "\U0010ffff"  # sorts after every word: the end of a prefix's range
CACHE_SECONDS = 60.0
_CACHE_MAX = 1024
_cache: dict[tuple[str, str, str], tuple[float, int]] = {}

# The search vector's most common lexemes and their shares (PostgreSQL's statistics).
_ELEMENT_FREQS = (
    "SELECT e, f FROM pg_stats AS s CROSS JOIN LATERAL unnest("
    "CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs) AS u(e, f) "
    "WHERE s.schemaname = current_schema() "
    "AND s.tablename = 'tickets' AND s.attname = 'search_vector'"
)

_PG_SHARES = text(
    """
    SELECT t.term, coalesce(sum(u.f), 0)
    FROM unnest(CAST(:terms AS text[])) AS t(term)
    LEFT JOIN (
        {ELEMENT_FREQS}
    ) AS u ON starts_with(u.e, t.term)
    GROUP BY t.term
    """.replace("{ELEMENT_FREQS}", _ELEMENT_FREQS)
)


# PostgreSQL, one round trip per search (at load every statement waits for a core):
# the estimate, computed here as ``estimated_matches`` does (shares multiplied, a word
# missing from the statistics 0), and the settings of the rest of the read
# (transaction-local; the read ends with a rollback):
# - ``jit`` off: its 8-9 ms cost more than the whole search (the connections have it
#   off already, engine.py; kept here as a guard for any other connection);
# - below ``serial_below`` (the words are to be collected) no parallel workers: their
#   start waits for a core ('zeppelin' count 25-42 -> 6-9 ms at 1M); common words
#   keep them (their counts' hashed event collection: 1.1-1.6 s serial, 0.9 s not);
# - ``plan_cache_mode`` custom plans: a search's statement, compiled once per shape,
#   repeats its text and psycopg prepares it; a generic plan would not know the words
#   (the default share of an unknown word) nor how many ids a rare word collected.
_PG_ESTIMATE = text(
    """
    WITH shares AS (
        SELECT least(coalesce(sum(u.f), 0), 1) AS f
        FROM unnest(CAST(:terms AS text[])) AS t(term)
        LEFT JOIN (
            {ELEMENT_FREQS}
        ) AS u ON starts_with(u.e, t.term)
        GROUP BY t.term
    ), expected AS (
        SELECT CASE WHEN bool_or(f <= 0) THEN 0
                    ELSE floor(exp(sum(ln(greatest(f, 1e-30)))) * :tickets) END AS n
        FROM shares
    )
    SELECT n,
           set_config('jit', 'off', true),
           set_config('plan_cache_mode', 'force_custom_plan', true),
           set_config(
               'max_parallel_workers_per_gather',
               CASE WHEN n < :serial_below THEN '0'
                    ELSE current_setting('max_parallel_workers_per_gather') END,
               true
           )
    FROM expected
    """.replace("{ELEMENT_FREQS}", _ELEMENT_FREQS)
)


def settle_postgres_search(
    conn: Connection, terms: Sequence[str], tickets: int, serial_below: int
) -> int:
    """PostgreSQL: :func:`estimated_matches` and the read's settings in one statement
    (see _PG_ESTIMATE); the words are expected rare (serial) below ``serial_below``."""
    values = {"terms": list(terms), "tickets": tickets, "serial_below": serial_below}
    return int(conn.execute(_PG_ESTIMATE, values).scalar_one() or 0)


def estimated_matches(conn: Connection, terms: Sequence[str], tickets: int) -> int:
    """Tickets the words are expected to match (leaning low, see the module doc)."""
    if not terms:
        return 0
    if conn.dialect.name == "sqlite":
        return _sqlite_estimate(conn, terms, tickets)
    rows = conn.execute(_PG_SHARES, {"terms": list(terms)}).all()
    share = 1.0
    for _, found in rows:
        share *= min(1.0, float(found or 0))
    return int(share * tickets)


def _sqlite_estimate(conn: Connection, terms: Sequence[str], tickets: int) -> int:
    """Matches expected from each word's row count, words taken as independent; the
    events' matches are added (a ticket found by both counts twice: an estimate)."""
    estimate = 0.0
    for vocabulary, rows in (
        ("tickets_fts_vocab", tickets),
        ("ticket_events_fts_vocab", _max_id(conn, "ticket_events")),
    ):
        share = 1.0
        for term in terms:
            holding = _word_rows(conn, vocabulary, term)
            share *= min(1.0, holding / max(rows, 1))
        estimate += share * rows
    return int(estimate)


def _word_rows(conn: Connection, vocabulary: str, term: str) -> int:
    """How many rows hold a word starting with ``term``, kept for CACHE_SECONDS."""
    key = (str(conn.engine.url), vocabulary, term)
    now = time.monotonic()
    kept = _cache.get(key)
    if kept is not None and now - kept[0] < CACHE_SECONDS:
        return kept[1]
    found = int(conn.execute(word_rows(vocabulary, term)).scalar_one())
    if len(_cache) > _CACHE_MAX:
        _cache.clear()
    _cache[key] = (now, found)
    return found


def word_rows(vocabulary: str, term: str) -> Any:
    """How many rows hold a word starting with ``term`` (an fts5vocab range read; a row
    holding two such words counts twice, fine for an estimate)."""
    vocab = table(vocabulary, column("term", Text), column("doc", Integer))
    return select(func.coalesce(func.sum(vocab.c.doc), 0)).where(
        vocab.c.term >= bindparam("low", term), vocab.c.term < bindparam("high", term + _TOP)
    )


def _max_id(conn: Connection, name: str) -> int:
    found = table(name, column("id", Integer))
    return int(conn.execute(select(func.max(found.c.id))).scalar() or 0)
