"""The queue's search at scale (issue 19 item 3): each search through the app's own
``QueueService`` (first page and the capped count, as the desktop asks for them) beside
a hand-written floor in the same run, on an existing database.

    .venv/bin/python -m benchmarks.search_bench --url sqlite:////work/data/search.db \\
        --json out.json
    # the code before, same database, same run order: another tree on PYTHONPATH
    PYTHONPATH=/tmp/search-before .venv/bin/python -m benchmarks.search_bench --url …

The floor of a *rare* word is what the full-text index alone costs: the matching ids
from the FTS5 table / GIN index, then those tickets sorted by the page's order
(hand-written, on a raw driver connection). A *common* word has no such floor (every
plan reads a share of the view); its floor is the plain first page of the view without
a search. Figures: ms, medians of ``--runs`` after a warm-up (the warm-up is reported
as "first": it pays for statistics the app keeps for a minute). The database is only
read (``PRAGMA optimize`` on close aside: use a copy).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from app.bootstrap import open_services
from app.domain.queue import QueueColumn, QueueFilter, QueueSort, SavedView
from app.services.demo_data import DEMO_PASSWORD

PAGE = 100
WORDS = {"zeppelin": "rare", "mail": "common", "mail error": "common, two words"}
VIEWS = (SavedView.ALL, SavedView.ALL_OPEN)
_OPEN = "status IN ('assigned', 'in_progress', 'new', 'resolved', 'waiting_on_customer')"


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """(first call, median of ``runs`` further calls), ms."""
    start = time.perf_counter()
    fn()
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(times)


def floor_sql(dialect: str, word: str, view: SavedView, rare: bool) -> str:
    where = "" if view == SavedView.ALL else f"WHERE t.{_OPEN}"
    order = "ORDER BY t.priority, t.created_at, t.id"
    if not rare:  # the view's first page, no search: what any plan of a common word costs at least
        return f"SELECT t.id, t.number, t.subject FROM tickets t {where} {order} LIMIT {PAGE}"
    if dialect == "sqlite":
        ids = (
            f"SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH '\"{word}\"*' "
            f"UNION SELECT e.ticket_id FROM ticket_events_fts f JOIN ticket_events e "
            f"ON e.id = f.rowid WHERE ticket_events_fts MATCH '\"{word}\"*'"
        )
    else:
        q = f"to_tsquery('simple', '{word}:*')"
        ids = (
            f"SELECT id FROM tickets WHERE search_vector @@ {q} UNION SELECT ticket_id "
            f"FROM ticket_events WHERE to_tsvector('simple', text) @@ {q}"
        )
    extra = "" if view == SavedView.ALL else f"AND t.{_OPEN}"
    if dialect == "sqlite":
        return (
            f"SELECT t.id, t.number, t.subject FROM tickets t WHERE t.id IN ({ids}) {extra} "
            f"{order} LIMIT {PAGE}"
        )
    # The matches first (an InitPlan), then those tickets by id and sorted: written as
    # `id IN (…)` PostgreSQL walks the sort index testing membership (1.1 s at 1M).
    return (
        f"SELECT t.id, t.number, t.subject FROM tickets t WHERE t.id = ANY(ARRAY({ids})) "
        f"{extra} {order} LIMIT {PAGE}"
    )


def run(url: str, runs: int, words: dict[str, str] = WORDS) -> list[dict[str, Any]]:
    svc = open_services(url, settings={}, require_schema=False)
    admin = svc.users.login("admin", DEMO_PASSWORD)
    engine = svc.db.engine
    dialect = engine.dialect.name
    raw = engine.raw_connection()
    results = []

    def floor(sql: str) -> None:
        cur = raw.cursor()
        cur.execute(sql)
        cur.fetchall()
        cur.close()
        if dialect != "sqlite":
            raw.rollback()

    try:
        for word, kind in words.items():
            for view in VIEWS:
                flt = QueueFilter(view=view, search=word)
                cases = {
                    "first page": lambda f=flt: svc.queue.page(admin, f, QueueSort(), None, PAGE),
                    "newest first": lambda f=flt: svc.queue.page(
                        admin, f, QueueSort(QueueColumn.UPDATED, True), None, PAGE
                    ),
                    "count (capped 1,000)": lambda f=flt: svc.queue.count(admin, f),
                }
                sql = floor_sql(dialect, word.split()[0], view, kind == "rare")
                _, floor_ms = timed(partial(floor, sql), runs)
                for case, fn in cases.items():
                    first, ms = timed(fn, runs)
                    row = {
                        "engine": dialect,
                        "word": word,
                        "kind": kind,
                        "view": view.value,
                        "case": case,
                        "first_ms": round(first, 2),
                        "app_ms": round(ms, 2),
                        "floor_ms": round(floor_ms, 2) if case == "first page" else None,
                    }
                    results.append(row)
                    shown = f"{floor_ms:9.2f}" if row["floor_ms"] is not None else "        -"
                    print(
                        f"{dialect:10} {word!r:13} {view.value:9} {case:22} "
                        f"first {first:9.2f}  median {ms:9.2f}  floor {shown}",
                        flush=True,
                    )
    finally:
        raw.close()
        svc.db.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json")
    parser.add_argument("--words", help="comma-separated subset of: " + ", ".join(WORDS))
    args = parser.parse_args()
    words = WORDS if not args.words else {w: WORDS[w] for w in args.words.split(",")}
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", flush=True)
    results = run(args.url, args.runs, words)
    after = os.getloadavg()
    print(f"load average {after[0]:.1f} {after[1]:.1f} {after[2]:.1f}", flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"load": [load, after], "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
