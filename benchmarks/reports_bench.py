"""Report timings on a big desk: the period report for all customers and for one, and
the manager dashboard, on SQLite and PostgreSQL.

    .venv/bin/python -m benchmarks.reports_bench                  # 100k tickets, both databases
    .venv/bin/python -m benchmarks.reports_bench --sizes 1000000 --db sqlite

Tickets come from the queue benchmark's bulk loader; their report facts are filled by
one INSERT … SELECT with made-up but varied durations (the figures are not the point,
the time to aggregate them is). Prints the median of several runs, in milliseconds.
"""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import text

from app.bootstrap import Services
from app.services.auth import Actor
from benchmarks.queue_bench import database, median_ms, setup

RUNS = 3

FACTS = """
INSERT INTO ticket_facts (
    ticket_id, first_response_at, resolved_at, closed_at,
    response_wall_minutes, response_business_minutes,
    resolution_wall_minutes, resolution_business_minutes,
    waiting_minutes, reassignments, reopenings,
    response_target_minutes, resolution_target_minutes, response_met, resolution_met,
    time_logged_minutes, updated_at)
SELECT id, NULL, NULL, NULL,
    (id * 7) % 600, (id * 7) % 480,
    CASE WHEN status IN ('resolved', 'closed') THEN (id * 37) % 9000 END,
    CASE WHEN status IN ('resolved', 'closed') THEN (id * 37) % 4000 END,
    (id * 11) % 300, id % 3, CASE WHEN id % 17 = 0 THEN 1 ELSE 0 END,
    480, 2400, (id % 10) <> 0,
    CASE WHEN status IN ('resolved', 'closed') THEN (id % 8) <> 0 END,
    0, created_at
FROM tickets
"""


def add_facts(services: Services) -> None:
    with services.db.engine.begin() as conn:
        conn.execute(text(FACTS))
        conn.exec_driver_sql("ANALYZE")


def bench(kind: str, count: int) -> None:
    with database(kind) as url:
        services, actor, load_s = setup(url, count)
        add_facts(services)
        manager: Actor = actor
        print(f"\n{kind}, {count:,} tickets (loaded in {load_s:.1f} s)")
        year = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}

        def all_customers() -> None:
            services.reports.period_report(manager, customer=None, **year)

        def one_customer() -> None:
            services.reports.period_report(manager, customer="BULK007", **year)

        def dashboard() -> None:
            services.dashboard.figures(manager)

        for label, fn in (
            ("period report, all customers, one year", all_customers),
            ("period report, one customer, one year", one_customer),
            ("dashboard figures", dashboard),
        ):
            print(f"  {label:45s} {median_ms(fn, RUNS):10.1f} ms")
        services.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for count in args.sizes:
        for kind in kinds:
            bench(kind, count)


if __name__ == "__main__":
    main()
