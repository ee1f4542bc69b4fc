"""SLA costs: business-time arithmetic, the hook's work per ticket change, and
``sla scan`` when nothing is due (the cron-every-minute case) and when many are.

    .venv/bin/python -m benchmarks.sla_bench                  # 500 tickets, SQLite
    .venv/bin/python -m benchmarks.sla_bench --tickets 2000

Prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from app.bootstrap import open_services
from app.domain.calendar import BusinessCalendar
from app.domain.clock import FakeClock
from tests.support.databases import migrate
from tests.support.people import make_people


def per_call_us(fn: Callable[[], object], runs: int) -> float:
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    return (time.perf_counter() - start) / runs * 1e6


def calendar_figures() -> None:
    cal = BusinessCalendar()
    start = datetime(2026, 3, 6, 14, 30, tzinfo=UTC)
    cal.add_minutes(start, 60)  # warm the holiday cache
    for minutes in (60, 8 * 60 * 5, 8 * 60 * 40):
        add = per_call_us(partial(cal.add_minutes, start, minutes), 200)
        end = cal.add_minutes(start, minutes)
        between = per_call_us(partial(cal.elapsed, start, end), 200)
        print(f"calendar: add {minutes:>6} min {add:8.1f} µs   elapsed back {between:8.1f} µs")


def desk_figures(tickets: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate(url)
        clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
        services = open_services(url, clock=clock)
        try:
            people = make_people(services)
            services.sla.add_contract(
                people.manager,
                customer="ACME",
                tier="Silver",
                services=["software_maintenance"],
                valid_from=date(2026, 1, 1),
            )
            start = time.perf_counter()
            for i in range(tickets):
                services.tickets.open_ticket(
                    people.care,
                    customer="ACME",
                    subject=f"Problem {i}",
                    service_type="software_maintenance",
                    criticality="high",
                )
            opening = (time.perf_counter() - start) / tickets * 1000
            print(f"desk: open_ticket with the SLA hook {opening:6.2f} ms per ticket ({tickets})")
            start = time.perf_counter()
            report = services.sla.scan()
            idle = (time.perf_counter() - start) * 1000
            print(f"desk: sla scan, nothing due: {idle:6.2f} ms ({report.checked} checked)")
            clock.advance(timedelta(days=1))
            start = time.perf_counter()
            report = services.sla.scan(limit=tickets)
            busy = (time.perf_counter() - start) * 1000
            print(
                f"desk: sla scan, all at risk: {busy:8.1f} ms for {report.checked} tickets "
                f"({busy / max(1, report.checked):.2f} ms each, "
                f"{len(report.escalations)} escalations)"
            )
        finally:
            services.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=500)
    args = parser.parse_args()
    calendar_figures()
    desk_figures(args.tickets)


if __name__ == "__main__":
    main()
