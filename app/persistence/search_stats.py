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

import math
import time
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate
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

# PostgreSQL's element statistics of the search vector, read once a minute per database
# and kept sorted by element: a search's estimate is then two binary searches a word in
# Python. Read per search (the statement above, joined on ``starts_with``), they were
# one round trip and 1.3-6 ms of the server's time at 1M under load (``pg_stats`` is a
# view that checks privileges and casts the arrays per call; engineer "search", issue 19).
_ELEMENTS = text(_ELEMENT_FREQS)
_elements: dict[str, tuple[float, list[str], list[float]]] = {}


def _element_shares(conn: Connection) -> tuple[list[str], list[float]]:
    """The most common elements (sorted) and the running sum of their shares."""
    key = str(conn.engine.url)
    now = time.monotonic()
    kept = _elements.get(key)
    if kept is None or now - kept[0] >= CACHE_SECONDS:
        rows = sorted((str(e), float(f)) for e, f in conn.execute(_ELEMENTS).all())
        sums = list(accumulate((f for _, f in rows), initial=0.0))
        if len(_elements) > _CACHE_MAX:
            _elements.clear()
        kept = _elements[key] = (now, [e for e, _ in rows], sums)
    return kept[1], kept[2]


def postgres_estimate(conn: Connection, terms: Sequence[str], tickets: int) -> int:
    """Tickets the words are expected to match, from ``pg_stats`` kept a minute: each
    word's share is the sum over the elements starting with it (at most 1), shares
    multiplied, a word missing from the statistics 0 (the module notes)."""
    elements, sums = _element_shares(conn)
    share = 1.0
    for term in terms:
        low = bisect_left(elements, term)
        high = bisect_left(elements, term + _TOP, low)
        share *= min(sums[high] - sums[low], 1.0)
        if share <= 0:
            return 0
    return math.floor(share * tickets)


# PostgreSQL, one round trip per search (at load every statement waits for a core): the
# settings of the rest of the read (transaction-local; the read ends with a rollback):
# - ``jit`` off: its 8-9 ms cost more than the whole search (the connections have it
#   off already, engine.py; kept here as a guard for any other connection);
# - for words to be collected (``serial``) no parallel workers: their start waits for a
#   core ('zeppelin' count 25-42 -> 6-9 ms at 1M); common words keep them (their counts'
#   hashed event collection: 1.1-1.6 s serial, 0.9 s not);
# - ``plan_cache_mode`` custom plans: a search's statement, compiled once per shape,
#   repeats its text and psycopg prepares it; a generic plan would not know the words
#   (the default share of an unknown word) nor how many ids a rare word collected.
_PG_SETTINGS = (
    "SELECT set_config('jit', 'off', true), "
    "set_config('plan_cache_mode', 'force_custom_plan', true)"
)
_PG_SERIAL = _PG_SETTINGS + ", set_config('max_parallel_workers_per_gather', '0', true)"


def settle_postgres_search(
    conn: Connection,
    terms: Sequence[str],
    tickets: int,
    serial_below: int,
    *,
    settle: Callable[[str], object] | None = None,
) -> int:
    """PostgreSQL: :func:`postgres_estimate`, and the read's settings (see _PG_SETTINGS);
    the words are expected rare (serial) below ``serial_below``. ``settle`` runs the
    settings' statement (a read's own connection merges more into it,
    queue_repository.QueueRepository.settle); else it runs as it is."""
    expected = postgres_estimate(conn, terms, tickets)
    settings = _PG_SERIAL if expected < serial_below else _PG_SETTINGS
    if settle is None:
        conn.exec_driver_sql(settings)
    else:
        settle(settings)
    return expected


def estimated_matches(conn: Connection, terms: Sequence[str], tickets: int) -> int:
    """Tickets the words are expected to match (leaning low, see the module doc)."""
    if not terms:
        return 0
    if conn.dialect.name == "sqlite":
        return _sqlite_estimate(conn, terms, tickets)
    return postgres_estimate(conn, terms, tickets)


def _sqlite_estimate(conn: Connection, terms: Sequence[str], tickets: int) -> int:
    """Matches expected from each word's row count, words taken as independent; the
    events' matches are added (a ticket found by both counts twice: an estimate)."""
    estimate = 0.0
    for vocabulary, rows in (
        ("tickets_fts_vocab", tickets),
        ("ticket_events_fts_vocab", table_size(conn, "ticket_events")),
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


# The desk's size by table, kept a minute per database: it only scales a search's
# threshold and estimate (a desk grows by a few tickets a minute, not by a share of
# them), and reading it was a round trip of every search (engineer "search", issue 19).
_sizes: dict[tuple[str, str], tuple[float, int]] = {}


def table_size(conn: Connection, name: str) -> int:
    """The largest id of table ``name`` (rows ever made), read at most once a minute."""
    key = (str(conn.engine.url), name)
    now = time.monotonic()
    kept = _sizes.get(key)
    if kept is None or now - kept[0] >= CACHE_SECONDS:
        if len(_sizes) > _CACHE_MAX:
            _sizes.clear()
        kept = _sizes[key] = (now, _max_id(conn, name))
    return kept[1]


def forget(url: str) -> None:
    """Drop what is kept for the database at ``url`` (after ``ANALYZE``, a bulk load)."""
    for word in [k for k in _cache if k[0] == url]:
        del _cache[word]
    for size in [k for k in _sizes if k[0] == url]:
        del _sizes[size]
    _elements.pop(url, None)


def _max_id(conn: Connection, name: str) -> int:
    found = table(name, column("id", Integer))
    return int(conn.execute(select(func.max(found.c.id))).scalar() or 0)
